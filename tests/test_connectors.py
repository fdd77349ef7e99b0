"""The structured connectors (General Staff daily tallies, the Economist's estimates) and the
Economist CSV export, on the real files in ../shared/data."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import pytest

from attrition.errors import InputError, UsageError
from attrition.ingest.economist import parse_economist, read_economist
from attrition.ingest.general_staff import parse_general_staff, read_general_staff, yearly_totals
from attrition.model import Claim, Figure, Period, Span, document_id
from attrition.store.export import to_economist_csv

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
GS = DATA / "general-staff" / "russia_losses_personnel.json"
ECON = DATA / "economist" / "estimates.csv"
WAR_START = date(2022, 2, 24)


def _need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(
            f"{path} not found: the connector tests read the real data from ../shared/data beside the repo"
        )
    return path


@pytest.fixture(scope="module")
def gs() -> tuple:
    return read_general_staff(_need(GS))


@pytest.fixture(scope="module")
def econ() -> tuple:
    return read_economist(_need(ECON))


def _by_report(claims: list[Claim]) -> dict[date, Claim]:
    return {c.said_on: c for c in claims if c.said_on}


# --- General Staff ---------------------------------------------------------------------------------


def test_general_staff_one_claim_per_day_unique_ids(gs: tuple) -> None:
    doc, claims, sources, errors = gs
    assert errors == []
    assert len(claims) == 1626
    assert len({c.id for c in claims}) == 1626
    assert doc.text == GS.read_text(encoding="utf-8")
    assert doc.id == document_id(doc.text)
    assert doc.path == str(GS)
    assert doc.published == date(2026, 8, 8)
    assert doc.outlet == "Ukrainian General Staff"
    assert [(s.name, s.party) for s in sources] == [("Ukrainian General Staff", "ukraine")]
    assert {(c.metric, c.subject, c.per, c.source, c.extractor) for c in claims} == {
        ("casualties", "russia", None, "Ukrainian General Staff", "import.general-staff.v1")
    }
    assert {c.doc_id for c in claims} == {doc.id}


def test_general_staff_yearly_totals_match_its_own_statements(gs: tuple) -> None:
    totals = yearly_totals(gs[1])
    assert totals[2022] == 106_720
    assert totals[2023] == 253_290
    assert totals[2024] == 430_790
    assert 2026 not in totals  # the file ends in August 2026: no complete year


def test_general_staff_report_of_day_d_counts_to_end_of_d_minus_1(gs: tuple) -> None:
    by = _by_report(gs[1])
    first = gs[1][0]
    assert first.said_on == date(2022, 2, 25)
    assert first.period == Period(WAR_START, WAR_START)
    new_year = by[date(2023, 1, 1)]
    assert new_year.period == Period(WAR_START, date(2022, 12, 31))
    assert new_year.figure.value == 106_720
    assert by[date(2024, 1, 1)].period.end == date(2023, 12, 31)
    assert by[date(2024, 1, 1)].figure.value == 360_010
    assert dict(by[date(2024, 3, 1)].attrs)["report_date"] == "2024-03-01"
    assert by[date(2024, 3, 1)].period.end == date(2024, 2, 29)  # a leap day


def test_general_staff_bounds_from_qualifiers(gs: tuple) -> None:
    claims = gs[1]
    assert Counter(c.figure.bound for c in claims) == {"approx": 1620, "at_least": 6}
    more = _by_report(claims)[date(2022, 3, 7)]
    assert more.figure == Figure(11_000, bound="at_least")
    assert dict(more.attrs)["qualifier"] == "more"
    assert _by_report(claims)[date(2022, 2, 25)].figure == Figure(2800, bound="approx")


def test_general_staff_increases(gs: tuple) -> None:
    claims = gs[1]
    by = _by_report(claims)
    assert dict(claims[0].attrs)["increase"] is None
    assert dict(by[date(2022, 2, 26)].attrs)["increase"] == 1500
    assert dict(by[date(2022, 3, 7)].attrs)["increase"] == 0
    assert dict(by[date(2026, 8, 8)].attrs)["increase"] == 1_456_610 - 1_455_420
    total = claims[0].figure.value + sum(dict(c.attrs)["increase"] for c in claims[1:])  # type: ignore[operator]
    assert total == claims[-1].figure.value


def test_general_staff_span_is_the_record_and_quote_holds_the_number(gs: tuple) -> None:
    doc, claims = gs[0], gs[1]
    for c in claims:
        record = json.loads(c.span.of(doc.text))
        assert record["date"] == dict(c.attrs)["report_date"]
        assert record["personnel"] == c.figure.value
        assert c.quote in c.span.of(doc.text)
        assert c.quote == f'"personnel": {int(c.figure.value or 0)}'


def test_general_staff_bad_records_are_skipped_and_named(tmp_path: Path) -> None:
    records = json.loads(_need(GS).read_text(encoding="utf-8"))
    del records[5]["personnel"]
    del records[9]["date"]
    records[20]["personnel*"] = "roughly"
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(records, indent=4), encoding="utf-8")
    doc, claims, _, errors = read_general_staff(broken)
    assert len(claims) == 1623
    assert [str(e).split(":")[0] for e in errors] == [str(broken)] * 3
    assert "record 5 " in str(errors[0]) and "personnel" in str(errors[0])
    assert "record 9 " in str(errors[1]) and "date" in str(errors[1])
    assert "record 20 " in str(errors[2]) and "roughly" in str(errors[2])
    # the line named is the record's opening brace
    line = int(str(errors[0]).split("(line ")[1].split(")")[0])
    assert doc.text.splitlines()[line - 1].strip() == "{"
    assert doc.text.splitlines()[line].strip() == f'"date": "{records[5]["date"]}",'
    # the day after a skipped day has no increase: the previous day's figure is unknown
    assert dict(_by_report(claims)[date.fromisoformat(records[6]["date"])].attrs)["increase"] is None


def test_general_staff_rejects_non_list_and_non_json(tmp_path: Path) -> None:
    path = tmp_path / "obj.json"
    path.write_text('{"date": "2022-02-25", "personnel": 2800}', encoding="utf-8")
    with pytest.raises(InputError, match=r"obj\.json: the JSON is a dict"):
        read_general_staff(path)
    with pytest.raises(InputError, match=r"x\.json:1: not JSON"):
        parse_general_staff("[{", "x.json")
    with pytest.raises(InputError, match="no such file"):
        read_general_staff(tmp_path / "missing.json")


def test_general_staff_duplicate_day_and_conflicting_series() -> None:
    text = json.dumps(
        [
            {"date": "2022-12-31", "personnel": 100, "personnel*": "about"},
            {"date": "2022-12-31", "personnel": 120, "personnel*": "about"},
            {"date": "2023-01-01", "personnel": 150},
        ]
    )
    doc, claims, _, errors = parse_general_staff(text, "t.json")
    assert [c.figure for c in claims] == [Figure(100, bound="approx"), Figure(150, bound="exact")]
    assert len(errors) == 1 and "t.json: record 1" in str(errors[0]) and "repeats record 0" in str(errors[0])
    assert yearly_totals(claims) == {2022: 150}
    other = Claim(
        doc.id, "casualties", "russia", Figure(999), None, Period(WAR_START, date(2022, 12, 31)),
        None, None, "999", Span(0, 3),
    )  # fmt: skip
    with pytest.raises(UsageError, match="one cumulative series"):
        yearly_totals([*claims, other])


# --- The Economist ---------------------------------------------------------------------------------


def _raw_rows(text: str) -> list[tuple]:
    """The rows of an estimates.csv as values, read without attrition."""

    def num(s: str) -> float | None:
        return float(s.replace(",", "")) if s.strip() else None

    return [
        (
            datetime.strptime(r["date"].strip(), "%d/%m/%Y").date(),
            num(r["estimate_low"]),
            num(r["estimate_high"]),
            num(r["estimate"]),
            r["type"],
            r["source"],
            r["source_url"],
            r["country"],
            r["ignore for chart, data from warring parties"].strip() == "yes",
        )
        for r in csv.DictReader(io.StringIO(text))
    ]


def test_economist_one_claim_per_row_unique_ids(econ: tuple) -> None:
    doc, claims, sources, errors = econ
    raw = _raw_rows(ECON.read_text(encoding="utf-8"))
    assert errors == []
    assert len(raw) == len(claims) == 124
    assert len({c.id for c in claims}) == 124  # no two rows are duplicates in the id's fields
    assert doc.id == document_id(doc.text) and doc.path == str(ECON)
    assert doc.published == date(2026, 6, 30)
    assert Counter(c.metric for c in claims) == Counter(
        {"deaths": "killed", "casualties": "casualties"}[r[4]] for r in raw
    )
    assert [c.subject for c in claims] == [r[7] for r in raw]
    assert [c.period for c in claims] == [Period(WAR_START, r[0]) for r in raw]
    assert [c.said_on for c in claims] == [r[0] for r in raw]
    assert [dict(c.attrs)["row"] for c in claims] == list(range(1, 125))
    assert len(sources) == len({r[5] for r in raw})


def test_economist_figures(econ: tuple) -> None:
    doc, claims = econ[0], econ[1]
    by_line = {dict(c.attrs)["line"]: c for c in claims}

    def row(prefix: str) -> Claim:
        (found,) = [c for c in claims if c.quote.startswith(prefix)]
        return found

    assert Counter(c.figure.bound for c in claims) == {"exact": 78, "range": 30, "at_least": 14, "at_most": 2}
    mediazona = row('21/06/2024,106000,"140,000",120000,deaths,Mediazona; Meduza,')
    assert dict(mediazona.attrs)["line"] == 65
    assert mediazona.figure == Figure(120_000, bound="exact")
    assert dict(mediazona.attrs)["low"] == 106_000 and dict(mediazona.attrs)["high"] == 140_000
    cia = row("20/07/2022,15000,,,deaths,CIA")
    assert (cia.metric, cia.figure, cia.source) == ("killed", Figure(15_000, bound="at_least"), "CIA")
    uk = row("29/06/2022,,25000,,deaths,UK Ministry of Defence")
    assert uk.figure == Figure(25_000, bound="at_most")
    us = row("11/08/2022,70000,80000,,casualties,US officials (via NYT)")
    assert us.figure == Figure(None, 70_000, 80_000, bound="range")
    wsj = row("17/9/2024,,,80000,deaths,Ukrainian estimate (leak via WSJ)")
    assert wsj.said_on == date(2024, 9, 17) and wsj.subject == "ukraine"
    csis = row('1/12/2025,,,"1,200,000",casualties,CSIS')
    assert csis.figure == Figure(1_200_000) and csis.period.end == date(2025, 12, 1)
    for c in claims:
        assert c.quote == c.span.of(doc.text)
        assert doc.text.splitlines()[int(dict(c.attrs)["line"] or 0) - 1] == c.quote
    assert by_line[125].span.end == len(doc.text)  # the last line has no newline


def test_economist_party_rule(econ: tuple) -> None:
    parties = {s.name: s.party for s in econ[2]}
    assert parties["Armed Forces of Ukraine"] == "ukraine"  # on Russia's losses
    assert parties["Russian Ministry of Defense"] == "russia"  # on Ukraine's losses
    # flagged on Ukraine's own losses: the office is Ukraine's, not the other side
    assert parties["Office of the President of Ukraine"] == "ukraine"
    assert parties["UK MoD"] is None and parties["Ukrainian estimate (leak via WSJ)"] is None
    assert sum(p is not None for p in parties.values()) == 3
    header = ECON.read_text(encoding="utf-8").splitlines()[0]
    text = "\n".join(
        [
            header,
            "01/01/2024,,,1000,deaths,Ministry X,,russia,yes",
            "01/01/2024,,,2000,deaths,Ministry Y,,ukraine,yes",
        ]
    )
    assert {s.name: s.party for s in parse_economist(text, "t.csv")[2]} == {
        "Ministry X": "ukraine",
        "Ministry Y": "russia",
    }


def test_economist_bad_rows_are_skipped_and_named(tmp_path: Path) -> None:
    lines = _need(ECON).read_text(encoding="utf-8").split("\n")
    lines[2] = lines[2].replace("19/12/2023", "31/02/2023", 1)
    lines[4] = lines[4].replace("17756", "17x56", 1)
    lines[6] = lines[6].replace(",deaths,", ",wounded,", 1)
    lines[9] = lines[9].replace("15000,,,", ",,,", 1)
    broken = tmp_path / "broken.csv"
    broken.write_text("\n".join(lines), encoding="utf-8")
    _, claims, _, errors = read_economist(broken)
    assert len(claims) == 120
    assert [str(e).split(": ")[0] for e in errors] == [f"{broken}:{n}" for n in (3, 5, 7, 10)]
    assert "31/02/2023" in str(errors[0])
    assert "17x56" in str(errors[1])
    assert "wounded" in str(errors[2])
    assert "no figure" in str(errors[3])
    assert dict(claims[1].attrs)["line"] == 4  # the rows after a bad one keep their lines
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("day,value\n01/01/2024,5\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"wrong\.csv:1: the header"):
        read_economist(wrong)


# --- Export ----------------------------------------------------------------------------------------


def test_economist_round_trip_reproduces_every_row(econ: tuple) -> None:
    doc, claims, sources, _ = econ
    party = {s.name: s.party for s in sources}
    out = to_economist_csv((c, party.get(c.source or "")) for c in claims)
    assert out.splitlines()[0] == doc.text.splitlines()[0]
    original, again = _raw_rows(doc.text), _raw_rows(out)
    assert len(again) == 124
    for i, (a, b) in enumerate(zip(original, again, strict=True)):
        assert a == b, f"row {i + 1}"
    _, claims2, _, errors2 = parse_economist(out, "export.csv")
    assert errors2 == []
    key = [
        (c.metric, c.subject, c.figure, c.period, c.source, c.said_on, c.attrs[0], c.attrs[3:])
        for c in claims
    ]
    assert key == [
        (c.metric, c.subject, c.figure, c.period, c.source, c.said_on, c.attrs[0], c.attrs[3:])
        for c in claims2
    ]


def test_economist_export_of_article_claims() -> None:
    def claim(metric: str, figure: Figure, per: str | None = None, start: date | None = WAR_START) -> Claim:
        return Claim(
            "d1", metric, "russia", figure, per,  # type: ignore[arg-type]
            Period(start, date(2025, 6, 1)), "Ukrainian General Staff", date(2025, 6, 2),
            "q", Span(0, 1),
        )  # fmt: skip

    items = [
        (claim("killed", Figure(250_000, bound="approx")), "ukraine"),
        (claim("casualties", Figure(None, 900_000, 1_000_000.5, bound="range")), None),
        (claim("casualties", Figure(1_000_000, bound="at_least")), None),
        (claim("wounded", Figure(5)), None),  # not in the table
        (claim("casualties", Figure(1_200), per="day"), None),  # a rate
        (claim("casualties", Figure(400_000), start=date(2024, 1, 1)), None),  # a year's total
    ]
    out = to_economist_csv(items)
    assert out.splitlines()[1:] == [
        "01/06/2025,,,250000,deaths,Ukrainian General Staff,,russia,yes",
        "01/06/2025,900000,1000000.5,,casualties,Ukrainian General Staff,,russia,",
        "01/06/2025,1000000,,,casualties,Ukrainian General Staff,,russia,",
    ]
    _, back, sources, errors = parse_economist(out, "out.csv")
    assert errors == []
    assert [c.figure for c in back] == [
        Figure(250_000),
        Figure(None, 900_000, 1_000_000.5, bound="range"),
        Figure(1_000_000, bound="at_least"),
    ]
    assert dict(back[0].attrs)["url"] is None
    assert [(s.name, s.party) for s in sources] == [("Ukrainian General Staff", "ukraine")]
