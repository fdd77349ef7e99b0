import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from attrition.cli import main
from tests.conftest import EXAMPLES


def test_extract_writes_schema_jsonl(tmp_path: Path) -> None:
    art = tmp_path / "a.txt"
    art.write_text("Russia lost about 1,000 soldiers a day in May, NATO said on June 5.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    r = CliRunner().invoke(
        main, ["extract", str(art), "--published", "2025-06-12", "--format", "jsonl", "-o", str(out)]
    )
    assert r.exit_code == 0, r.output
    (rec,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert rec["doc"] == "a" and rec["value"] == 1000 and rec["per"] == "day"
    assert rec["start"] == "2025-05-01" and rec["end"] == "2025-05-31"
    assert rec["source"] == "NATO" and rec["said_on"] == "2025-06-05"
    assert rec["extractor"] == "extract.en.v1"


def test_extract_manifest_of_examples(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    r = CliRunner().invoke(
        main, ["extract", "--manifest", str(EXAMPLES / "manifest.jsonl"), "--format", "jsonl", "-o", str(out)]
    )
    assert r.exit_code == 0, r.output
    docs = {json.loads(line)["doc"] for line in out.read_text().splitlines()}
    assert docs == {
        json.loads(line)["doc"] for line in (EXAMPLES / "manifest.jsonl").read_text().splitlines()
    }


def test_bad_file_gives_one_line_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Russia has lost more than 900,000 soldiers, NATO says.", encoding="utf-8")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02garbage")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("caf\xe9 1,000 soldiers".encode("latin-1"))
    r = CliRunner().invoke(main, ["extract", str(binary), str(good), str(latin), "--format", "csv"])
    assert r.exit_code == 1
    errors = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(errors) == 2
    assert "bin.txt" in errors[0] and "binary" in errors[0]
    assert "latin.txt" in errors[1] and "UTF-8" in errors[1]
    assert "900000" in r.stdout


def test_run_summarises_the_bundled_examples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # the default ledger and report go to the working folder, not the checkout
    monkeypatch.delenv("ATTRITION_DB", raising=False)
    r = CliRunner().invoke(main, ["run"])
    assert r.exit_code == 0, r.output
    assert "claims from 5 documents" in r.output
    assert "By source:" in r.output
    assert (tmp_path / "attrition.db").is_file() and (tmp_path / "report.html").is_file()


def test_extract_without_input_is_a_usage_error() -> None:
    r = CliRunner().invoke(main, ["extract"])
    assert r.exit_code == 2


def test_extract_reads_an_html_page_and_its_table(tmp_path: Path) -> None:
    page = tmp_path / "losses.html"
    page.write_text(
        "<html><body><article><h1>Russian losses by month</h1><p>Ukraine's General Staff publishes monthly "
        "figures of Russian losses, shown below. They cannot be verified independently.</p><table>"
        "<tr><th>Month</th><th>Russian personnel losses</th><th>Tanks</th></tr>"
        "<tr><td>July 2025</td><td>31,000</td><td>120</td></tr></table>"
        "<p>Analysts said the figures were broadly consistent with Western estimates.</p></article></body></html>",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    r = CliRunner().invoke(main, ["extract", str(page), "--format", "jsonl", "-o", str(out)])
    assert r.exit_code == 0, r.output
    (rec,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert (rec["doc"], rec["metric"], rec["subject"], rec["value"]) == (
        "losses",
        "casualties",
        "russia",
        31000,
    )
    assert (rec["start"], rec["end"]) == ("2025-07-01", "2025-07-31")
