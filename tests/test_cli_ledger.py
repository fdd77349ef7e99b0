"""The ledger commands end to end: import, claims (every format), sources, show, run."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

from attrition.cli import main
from attrition.ingest.economist import parse_date, parse_number
from attrition.ingest.general_staff import yearly_totals
from attrition.store.ledger import Ledger

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
ECONOMIST = DATA / "economist" / "estimates.csv"
GENERAL_STAFF = DATA / "general-staff" / "russia_losses_personnel.json"


def need(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path} is not here (../shared/data beside the checkout)")


def invoke(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args))
    return r.exit_code, r.stdout, r.stderr


def normalised(row: dict[str, str]) -> tuple[object, ...]:
    """A row of the Economist table by value: dates as dates, numbers as numbers."""
    vals = list(row.values())
    return (
        parse_date(vals[0]),
        *(parse_number(v) if v.strip() else None for v in vals[1:4]),
        *vals[4:],
    )


def test_economist_import_and_round_trip_through_the_ledger(tmp_path: Path) -> None:
    need(ECONOMIST)
    db = str(tmp_path / "l.db")
    code, out, _ = invoke("import", "--db", db, "--format", "economist-csv", str(ECONOMIST))
    assert code == 0 and "1 ingested" in out and "124 claims" in out
    with Ledger(db) as led:
        assert led.counts()["claims"] == 124
    exported = tmp_path / "back.csv"
    code, _, _ = invoke("claims", "--db", db, "--format", "economist-csv", "-o", str(exported))
    assert code == 0
    original = list(csv.DictReader(io.StringIO(ECONOMIST.read_text(encoding="utf-8-sig"))))
    back = list(csv.DictReader(io.StringIO(exported.read_text(encoding="utf-8"))))
    assert len(original) == len(back) == 124
    assert sorted(map(normalised, original), key=repr) == sorted(map(normalised, back), key=repr)
    # importing it again changes nothing
    code, out, _ = invoke("import", "--db", db, "--format", "economist-csv", str(ECONOMIST))
    assert code == 0 and "1 duplicates" in out


def test_general_staff_import_gives_one_claim_a_day_and_the_yearly_totals(tmp_path: Path) -> None:
    need(GENERAL_STAFF)
    db = str(tmp_path / "l.db")
    code, out, _ = invoke("import", "--db", db, "--format", "general-staff-json", str(GENERAL_STAFF))
    assert code == 0 and "1626 claims" in out
    with Ledger(db) as led:
        rows = led.claims(source="Ukrainian General Staff")
    assert len(rows) == 1626
    assert {k: v for k, v in yearly_totals(r.claim for r in rows).items() if k <= 2024} == {
        2022: 106_720,
        2023: 253_290,
        2024: 430_790,
    }
    code, out, _ = invoke(
        "claims", "--db", db, "--since", "2023-12-31", "--until", "2023-12-31", "--format", "jsonl"
    )
    (rec,) = [json.loads(line) for line in out.splitlines()]
    assert (rec["end"], rec["said_on"], rec["value"], rec["bound"]) == (
        "2023-12-31",
        "2024-01-01",
        360_010,
        "approx",
    )
    code, out, _ = invoke("show", "--db", db, rec["id"][:12])
    assert code == 0 and "[[360010]]" in out and '"date": "2024-01-01"' in out


def test_claims_formats_and_show(tmp_path: Path) -> None:
    db = str(tmp_path / "l.db")
    code, out, _ = invoke("run", "--db", db)
    assert code == 0 and "5 ingested" in out
    code, out, _ = invoke(
        "claims", "--db", db, "--format", "jsonl", "--subject", "russia", "--metric", "killed"
    )
    recs = [json.loads(line) for line in out.splitlines()]
    assert recs and all(r["subject"] == "russia" and r["metric"] == "killed" for r in recs)
    assert all({"id", "url", "quote", "start", "end", "source", "said_on"} <= r.keys() for r in recs)
    code, out, _ = invoke("claims", "--db", db, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    with Ledger(db) as led:
        assert len(rows) == led.counts()["claims"]
    pq = tmp_path / "c.parquet"
    code, _, _ = invoke("claims", "--db", db, "--format", "parquet", "-o", str(pq))
    import pyarrow.parquet as papq

    table = papq.read_table(pq)
    assert table.num_rows == len(rows) and str(table.schema.field("end").type) == "date32[day]"
    code, out, err = invoke("claims", "--db", db, "--format", "parquet")
    assert code == 2 and "-o" in err
    code, out, _ = invoke("show", "--db", db, recs[0]["id"])
    assert code == 0 and ">>>" in out and "[[" in out and recs[0]["source"] in out
    code, out, err = invoke("show", "--db", db, "cnothere")
    assert code == 1 and "no claim" in err
    code, out, _ = invoke("sources", "--db", db)
    assert code == 0 and "Ukrainian General Staff" in out and "military" in out


def test_db_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ATTRITION_DB", str(tmp_path / "env.db"))
    code, out, _ = invoke("run")
    assert code == 0 and (tmp_path / "env.db").exists()
    code, out, _ = invoke("run")
    assert "0 ingested, 5 duplicates" in out


SEEDS = DATA.parent / "bench" / "seeds.docs.jsonl"


def test_ingest_a_manifest_then_check_is_idempotent(tmp_path: Path) -> None:
    need(SEEDS)
    need(GENERAL_STAFF)
    db = str(tmp_path / "l.db")
    code, out, _ = invoke("ingest", "--db", db, str(SEEDS))
    assert code == 0 and "5 ingested" in out
    with Ledger(db) as led:  # the manifest's ids and dates are kept
        docs = {s.document.id: s.document.published for s in led.documents()}
    assert (
        docs["001_cae48c231636908b"] is not None and docs["001_cae48c231636908b"].isoformat() == "2025-06-12"
    )
    invoke("import", "--db", db, "--format", "general-staff-json", str(GENERAL_STAFF))
    code, first, _ = invoke("check", "--db", db, "--format", "jsonl")
    assert code == 0
    with Ledger(db) as led:
        fp = led.fingerprint()
    code, second, _ = invoke("check", "--db", db, "--format", "jsonl")
    with Ledger(db) as led:
        assert led.fingerprint() == fp
        stored = led.findings()
    assert first == second and len(stored) == len(first.splitlines()) > 10
    kinds = {json.loads(line)["kind"] for line in first.splitlines()}
    assert {"impossible_period", "ratio", "arithmetic", "rate_area", "claim_vs_series"} <= kinds
    code, out, _ = invoke("check", "--db", db, "--min-severity", "error", "--format", "markdown")
    assert out.startswith("# Findings") and "## Errors" in out and "## Verified" not in out
    code, out, err = invoke("check", "--db", db, "--set", "killed_share_high=0.9", "--min-severity", "warn")
    assert code == 0 and "86%" not in out
    code, out, err = invoke("check", "--db", db, "--set", "bogus=1")
    assert code == 2 and "unknown setting" in err


def test_seeds_through_the_ledger_score_as_extraction_does(tmp_path: Path, scorer: ModuleType) -> None:
    need(SEEDS)
    db = str(tmp_path / "l.db")
    invoke("ingest", "--db", db, str(SEEDS))
    pred = tmp_path / "pred.jsonl"
    invoke("claims", "--db", db, "--format", "jsonl", "-o", str(pred))
    gold = scorer.load(str(SEEDS.parent / "seeds.gold.jsonl"))
    result, _, _, _ = scorer.score(gold, scorer.load(str(pred)))
    assert result["f1"] >= 0.95
