"""The checks: each kind on sentences in many outlets' styles, the acceptance cases on the seeds
and the General Staff series, a clean synthetic ledger, and planted faults."""

from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from attrition.check import DEFAULT, run_checks
from attrition.check.common import interval, rounding
from attrition.extract import extract_text
from attrition.model import Claim, Figure, Finding, Period, Span
from attrition.synthetic import generate, plant_faults

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def claims_of(*texts: tuple[str, str]) -> tuple[list[Claim], dict[str, date | None]]:
    """Claims of several short articles: (published ISO date, text) each."""
    out: list[Claim] = []
    pub: dict[str, date | None] = {}
    for k, (day, text) in enumerate(texts):
        doc = f"a{k}"
        pub[doc] = date.fromisoformat(day)
        out += extract_text(text, pub[doc], doc_id=doc)
    return out, pub


def of_kind(findings: list[Finding], kind: str, severity: str | None = None) -> list[Finding]:
    return [f for f in findings if f.kind == kind and (severity is None or f.severity == severity)]


# -- figures as intervals ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "half_unit"),
    [(106_720, 5), (340, 5), (693, 0.5), (1_000_000, 50_000), (2.5, 0.05), (1_177, 0.5), (250_000, 5_000)],
)
def test_rounding_reads_the_digits(value: float, half_unit: float) -> None:
    assert rounding(value) == pytest.approx(half_unit)


def _c(value: float | None, bound: str, low: float | None = None, high: float | None = None) -> Claim:
    return Claim(
        "d", "killed", "russia", Figure(value, low, high, bound), None, Period(), None, None, "q", Span(0, 1)
    )  # type: ignore[arg-type]


def test_intervals_follow_qualifiers() -> None:
    lo, hi = interval(_c(200_000, "approx"), DEFAULT)
    assert (lo, hi) == pytest.approx((180_000, 220_000))
    lo, hi = interval(_c(1_004_560, "approx"), DEFAULT)  # "about" a precise tally: its digits rule
    assert hi - lo < 0.03 * 1_004_560
    assert interval(_c(200_000, "at_least"), DEFAULT)[1] == float("inf")
    assert interval(_c(975, "at_most"), DEFAULT)[0] == 0
    assert interval(_c(None, "range", 20_000, 25_000), DEFAULT) == pytest.approx((19_760, 25_300))


# -- each kind on its own ------------------------------------------------------------------------


def test_arithmetic_consistent_and_not() -> None:
    claims, pub = claims_of(
        ("2025-03-01", "The ministry said Russia lost 253,290 soldiers in 2023, an average of 693 a day."),
        (
            "2025-03-01",
            "Officials said Russian casualties in 2023 reached 253,290, or an average of 900 per day.",
        ),
    )
    fs = run_checks(claims, pub, kinds=["arithmetic"])
    ok = [f for f in fs if f.severity == "info"]
    bad = [f for f in fs if f.severity != "info"]
    assert len(ok) == 1 and "694 a day" in ok[0].message and "consistent" in ok[0].message
    assert len(bad) == 1 and "900 a day" in bad[0].message and "30% higher" in bad[0].message


def test_impossible_periods() -> None:
    claims, pub = claims_of(
        ("2025-06-12", "The ministry expects 200,000 Russian casualties in the last six months of 2025."),
        ("2025-06-12", "Ukraine said Russia had lost 1,000,000 soldiers since 2010, an obvious slip."),
        ("2025-06-12", "Russia has lost 120,000 soldiers killed or wounded in 2025, the General Staff said."),
    )
    # A table row for the whole of June, dated 12 June: a month still running, so a partial count.
    june = Claim(
        "t", "casualties", "russia", Figure(30_000.0), None, Period(date(2025, 6, 1), date(2025, 6, 30)),
        "A Table", date(2025, 6, 12), "30000", Span(0, 5), extractor="import.table.v1",
    )  # fmt: skip
    fs = run_checks([*claims, june], pub, kinds=["impossible_period"])
    errors = of_kind(fs, "impossible_period", "error")
    assert len(errors) == 2, [f.message for f in fs]
    assert any("before the period began" in f.message for f in errors)
    assert any("before the russia-ukraine conflict began (20 February 2014)" in f.message for f in errors)
    (warn,) = of_kind(fs, "impossible_period", "warn")
    assert "still running" in warn.message and "18 days" in warn.message


def test_ratio_flags_a_killed_share_outside_the_band() -> None:
    claims, pub = claims_of(
        ("2025-06-05", "NATO said Russia suffers 1,140 casualties a day, of whom nearly 975 are killed."),
        (
            "2025-06-05",
            "The British estimate is 1,000 Russian casualties a day, 250 of them killed, a spokesman said.",
        ),
    )
    fs = run_checks(claims, pub, kinds=["ratio"])
    warn = of_kind(fs, "ratio", "warn")
    assert len(warn) == 1 and "86%" in warn[0].message and "12-50%" in warn[0].message
    assert any(f.severity == "info" and "25%" in f.message for f in fs)


def test_divergence_names_the_higher_source() -> None:
    claims, pub = claims_of(
        (
            "2024-06-01",
            "Ukraine's General Staff said Russia had lost 500,000 troops since the full-scale invasion began.",
        ),
        (
            "2024-06-02",
            "The Kremlin-friendly outlet said, citing Russia's Defence Ministry, that Russian losses since the start of the invasion were 50,000.",
        ),
        (
            "2024-06-03",
            "Britain's Defence Intelligence estimated that Russian casualties since February 2022 were about 490,000.",
        ),
    )
    fs = run_checks(claims, pub, kinds=["divergence"])
    assert fs and all(f.severity == "error" for f in fs)  # a factor of ten is no rounding
    assert all(any(c.value == 50_000 for c in f.claims) for f in fs)
    assert not any({c.value for c in f.claims} == {500_000, 490_000} for f in fs)


def test_rate_area_product_against_the_total() -> None:
    claims, pub = claims_of(
        (
            "2025-06-12",
            "Russian forces gained roughly 1,935 square kilometres in 2025 as of June 12, the ISW said. "
            "Kyiv says Russia loses roughly 167 casualties per square kilometre of advance. "
            "The General Staff said Russia suffered over 200,000 casualties in 2025 as of June 12.",
        ),
        (
            "2025-06-12",
            "Russian forces gained roughly 1,935 square kilometres in 2025 as of June 12, the ISW said. "
            "Kyiv says Russia loses roughly 1,000 casualties per square kilometre of advance. "
            "The General Staff said Russia suffered about 200,000 casualties in 2025 as of June 12.",
        ),
    )
    fs = run_checks(claims, pub, kinds=["rate_area"])
    assert sorted(f.severity for f in fs) == ["error", "info"], [f.message for f in fs]
    assert any("323,145" in f.message for f in fs)


def test_findings_have_stable_ids_and_cite_their_claims() -> None:
    claims, pub = claims_of(
        ("2025-06-05", "NATO said Russia suffers 1,140 casualties a day, of whom nearly 975 are killed."),
    )
    a, b = run_checks(claims, pub), run_checks(list(reversed(claims)), pub)
    assert [f.id for f in a] == [f.id for f in b] and a
    ids = {c.id for c in claims}
    assert all({c.id for c in f.claims} <= ids for f in a)


# -- the acceptance cases: the seeds and the General Staff's series -------------------------------


@pytest.fixture(scope="module")
def seeds_and_series() -> list[Finding]:
    manifest = SHARED / "bench" / "seeds.docs.jsonl"
    personnel = SHARED / "data" / "general-staff" / "russia_losses_personnel.json"
    if not manifest.exists() or not personnel.exists():
        pytest.skip("../shared/bench and ../shared/data are not beside the checkout")
    from attrition.documents import read_manifest
    from attrition.extract import extract
    from attrition.ingest.general_staff import read_general_staff

    docs = read_manifest(manifest)
    gdoc, gclaims, _, _ = read_general_staff(personnel)
    claims = [c for d in docs for c in extract(d)] + gclaims
    pub = {d.id: d.published for d in docs} | {gdoc.id: gdoc.published}
    return run_checks(claims, pub)


def test_seeds_future_six_months_is_an_error(seeds_and_series: list[Finding]) -> None:
    errs = of_kind(seeds_and_series, "impossible_period", "error")
    assert any(c.value == 200_000 for f in errs for c in f.claims)
    assert any("1 July 2025 to 31 December 2025" in f.message for f in errs)


def test_seeds_killed_share_is_a_ratio_warning(seeds_and_series: list[Finding]) -> None:
    (w,) = [
        f for f in of_kind(seeds_and_series, "ratio", "warn") if {c.value for c in f.claims} == {975, 1140}
    ]
    assert "86%" in w.message


def test_seeds_general_staff_totals_and_averages_verified(seeds_and_series: list[Finding]) -> None:
    got = {
        frozenset(c.value for c in f.claims): f.message
        for f in of_kind(seeds_and_series, "arithmetic", "info")
    }
    for total, avg, implied in (
        (106_720, 340, "343 a day"),
        (253_290, 693, "694 a day"),
        (430_790, 1_177, "1,177 a day"),
    ):
        assert implied in got[frozenset({total, avg})]
    assert "311 days" in got[frozenset({106_720, 340})]


def test_seeds_rate_times_area_against_the_total(seeds_and_series: list[Finding]) -> None:
    (f,) = of_kind(seeds_and_series, "rate_area")
    assert {c.value for c in f.claims} == {167, 1_935, 200_000} and "323,145" in f.message


def test_seeds_claim_against_the_general_staff_series(seeds_and_series: list[Finding]) -> None:
    (f,) = [
        f for f in of_kind(seeds_and_series, "claim_vs_series") if any(c.value == 628_000 for c in f.claims)
    ]
    assert f.severity == "info" and "641,550" in f.message  # 1,001,560 through 12 June 2025 minus 360,010


def test_seeds_yearly_totals_add_up_to_the_series(seeds_and_series: list[Finding]) -> None:
    adds = of_kind(seeds_and_series, "additivity")
    assert adds and all(f.severity == "info" for f in adds)
    assert any({106_720, 253_290, 430_790} <= {c.value for c in f.claims} for f in adds)


# -- synthetic ledgers -------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(5))
def test_claims_drawn_from_one_truth_raise_nothing(seed: int) -> None:
    syn = generate(300, seed=seed)
    fs = run_checks(syn.claims, syn.published)
    bad = [f.message for f in fs if f.severity != "info"]
    assert bad == []
    kinds = Counter(f.kind for f in fs)
    # ...and the relations were actually checked, not skipped.
    assert {"arithmetic", "ratio", "claim_vs_series", "rate_area", "additivity"} <= set(kinds)


@pytest.mark.parametrize("seed", range(3))
def test_every_planted_fault_is_found(seed: int) -> None:
    syn = generate(300, seed=seed)
    claims, pub, planted = plant_faults(syn, seed)
    fs = run_checks(claims, pub)
    for p in planted:
        hits = [
            f
            for f in fs
            if f.kind == p.kind and f.severity != "info" and p.claim_ids & {c.id for c in f.claims}
        ]
        assert hits, p.what
    # Nothing else: every warning or error involves a claim a fault changed (the jump moves the
    # rest of the series, which the articles quoting it now contradict).
    before = {c.id for c in syn.claims}
    changed = {c.id for c in claims if c.id not in before}
    for f in fs:
        if f.severity != "info":
            assert {c.id for c in f.claims} & changed, f.message


def test_settings_can_be_changed_and_reject_unknown_names() -> None:
    claims, pub = claims_of(
        ("2025-06-05", "NATO said Russia suffers 1,140 casualties a day, of whom nearly 975 are killed.")
    )
    wide = dataclasses.replace(DEFAULT, killed_share_high=0.9)
    assert of_kind(run_checks(claims, pub, wide, kinds=["ratio"]), "ratio", "warn") == []
    with pytest.raises(ValueError, match="unknown setting"):
        DEFAULT.replace(nonsense=1)


def test_a_month_or_year_that_contains_the_conflicts_start_is_not_before_it() -> None:
    claims, pub = claims_of(
        ("2025-04-15", "The UN said more than 150,000 people had been killed in Sudan since April 2023."),
        (
            "2025-04-15",
            "Researchers said 20,000 people were killed in Sudan between March 2023 and June 2024.",
        ),
    )
    fs = run_checks(claims, pub, kinds=["impossible_period"])
    assert [f.severity for f in fs] == ["warn"] and "March 2023" in fs[0].message
