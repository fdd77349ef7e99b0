"""The estimate: recovers a known truth and the sources' biases, reads every kind of claim the way
the docs say, counts a repeated figure once, and is stored and printed by the CLI."""

from __future__ import annotations

import json
import math
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from attrition.cli import main
from attrition.estimate import Fitted, Prediction, estimate, prepare
from attrition.estimate.model import (
    INTERVAL,
    LOWER,
    POINT,
    UPPER,
    Layout,
    Observations,
    Priors,
    _obs_nll,
    _t_curvature,
    hessian,
    objective,
    start_level,
    start_point,
)
from attrition.model import Claim, Figure, Period, Span
from attrition.synthetic import SourceSpec, generate, truth

START = date(2022, 2, 24)


def claim(value: float | None, *, bound: str = "exact", end: date | None, start: date | None = START,
          source: str = "Analysts", metric: str = "casualties", per: str | None = None,
          low: float | None = None, high: float | None = None, doc: str = "d",
          said: date | None = None) -> Claim:  # fmt: skip
    fig = Figure(value, low, high, bound)  # type: ignore[arg-type]
    said = said or (end + timedelta(days=1) if end else date(2024, 12, 1))
    return Claim(doc, metric, "russia", fig, per, Period(start, end), source, said, "q", Span(0, 1))  # type: ignore[arg-type]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_recovers_a_known_truth_and_the_biases(seed: int) -> None:
    specs = (
        SourceSpec("Party", 1.4, 0.05, party="ukraine"),
        SourceSpec("Low", 0.85, 0.05),
        SourceSpec("High", 1.15, 0.05),
        SourceSpec("Plain", 1.0, 0.05),
        SourceSpec("Noisy", 1.0, 0.12),
    )
    t = truth(1000, seed=seed)
    syn = generate(200, seed=seed, sources=specs, series=False, t=t)
    est = estimate(syn.claims, subject="russia", published=syn.published, parties={"Party": "ukraine"})
    for p in est.cumulative[200::200]:
        lo, hi = p.q[est.levels.index(0.95)]
        assert lo <= t.through(p.day) <= hi, p
        assert abs(p.median / t.through(p.day) - 1) < 0.15
    bias = {b.source: b for b in est.biases}
    assert bias["Low"].bias < bias["Plain"].bias < bias["High"].bias < bias["Party"].bias
    # each bias inside (or next to) its interval; the intervals are honest about the scale
    assert (
        sum(
            b.low90 <= next(s.bias for s in specs if s.name == b.source) <= b.high90
            for b in bias.values()
            if "[" not in b.source
        )
        >= 4
    )
    assert bias["Party"].party == "ukraine" and bias["Plain"].party is None
    # the interval widens after the last claim rather than pretending to know
    widths = [(p.q[1][1] - p.q[1][0]) / p.median for p in est.cumulative]
    assert widths[-1] >= min(widths)


@pytest.mark.parametrize("df", [math.inf, 4.0])
def test_the_gradient_is_the_derivative(df: float) -> None:
    syn = generate(
        60, seed=4, sources=(SourceSpec("A", 1.0, 0.05, "ukraine"), SourceSpec("B", 0.9, 0.05)), series=False
    )
    prep = prepare(syn.claims, "russia", published=syn.published, parties={"A": "ukraine"})
    pri = Priors(noise_df=df)
    fitted = Fitted(prep, pri, draws=50)
    lay = fitted.layout
    x = fitted.fit.x + np.random.default_rng(0).normal(0, 0.05, len(fitted.fit.x))
    _, g = objective(x, prep.obs, lay, pri, fitted.fit.level)
    for i in range(0, len(x), max(1, len(x) // 40)):
        e = np.zeros_like(x)
        e[i] = 1e-6
        num = (
            objective(x + e, prep.obs, lay, pri, fitted.fit.level)[0]
            - objective(x - e, prep.obs, lay, pri, fitted.fit.level)[0]
        ) / 2e-6
        assert num == pytest.approx(g[i], rel=1e-4, abs=1e-4)
    assert isinstance(lay, Layout)


def test_claims_become_the_right_observations() -> None:
    end = date(2024, 12, 31)
    cs = [
        claim(700_000, end=end, source="A"),  # a cumulative total since the start
        claim(1_200, per="day", start=date(2024, 1, 1), end=end, source="B"),  # an average over 2024
        claim(650_000, bound="at_least", end=end, source="C"),  # "over"
        claim(800_000, bound="at_most", end=end, source="D"),  # "nearly"
        claim(None, bound="range", low=600_000, high=750_000, end=end, source="E"),
        claim(1_100, per="day", start=None, end=None, source="F"),  # an average with no window
        claim(700_000, end=end, source="A", doc="another outlet quoting A"),  # the same figure again
    ]
    prep = prepare(cs, "russia")
    kinds = {c.source: int(k) for c, k in zip(prep.claims, prep.obs.kind, strict=True)}
    assert kinds == {"A": POINT, "B": POINT, "C": LOWER, "D": UPPER, "E": INTERVAL, "F": POINT}
    assert len(prep.claims) == 6  # A's figure counted once
    i = [c.source for c in prep.claims].index("B")
    assert prep.obs.s[i] == (date(2024, 1, 1) - START).days and prep.obs.e[i] == (end - START).days
    assert math.exp(prep.obs.log_scale[i]) == pytest.approx(1 / 366)
    j = [c.source for c in prep.claims].index("F")  # the month before it was said
    assert prep.obs.e[j] - prep.obs.s[j] + 1 == 30


def test_one_sided_figures_only_bound_the_estimate() -> None:
    end = date(2024, 12, 31)
    base = [claim(700_000 + 1000 * k, end=end - timedelta(days=30 * k), source=f"S{k}") for k in range(6)]
    lower = estimate([*base, claim(900_000, bound="at_least", end=end, source="T")], subject="russia")
    plain = estimate(base, subject="russia")
    # "over 900,000" pulls the estimate up towards it; it does not pin it there
    assert lower.latest.median > plain.latest.median
    assert lower.latest.median < 900_000 * 1.2


def test_party_sources_get_wider_bias_priors() -> None:
    end = date(2024, 12, 31)
    cs = [claim(700_000, end=end, source="Neutral"), claim(1_400_000, end=end, source="Side")]
    est = estimate(cs, subject="russia", parties={"Side": "ukraine"})
    bias = {b.source: b.bias for b in est.biases}
    # The party's figure is explained mostly by its own bias, the neutral one mostly by the truth.
    assert bias["Side"] > 1.4 and abs(math.log(bias["Neutral"])) < 0.15
    assert est.latest.median < 1_000_000


def test_killed_through_a_share() -> None:
    t = truth(900, seed=7)
    syn = generate(200, seed=7, series=False, t=t)
    est = estimate(syn.claims, subject="russia", metric="killed", published=syn.published)
    assert est.killed_share is not None
    _, lo, hi = est.killed_share
    assert lo <= t.killed_share <= hi
    last = est.latest
    assert last.q[2][0] <= t.through(last.day) * t.killed_share <= last.q[2][1]


def test_as_of_uses_only_earlier_claims() -> None:
    syn = generate(150, seed=2, series=False)
    cut = date(2023, 6, 30)
    est = estimate(syn.claims, subject="russia", published=syn.published, as_of=cut)
    assert est.as_of == cut and est.cumulative[-1].day == cut
    used = prepare(syn.claims, "russia", published=syn.published, as_of=cut).claims
    assert all((c.said_on or cut) <= cut for c in used) and len(used) < len(syn.claims)


def test_cli_estimate_stores_and_prints(tmp_path: Path) -> None:
    db = str(tmp_path / "l.db")
    assert CliRunner().invoke(main, ["run", "--db", db]).exit_code == 0
    r = CliRunner().invoke(main, ["estimate", "--db", db, "--subject", "russia", "--format", "jsonl"])
    assert r.exit_code == 0, r.output
    rec = json.loads(r.stdout)
    assert rec["method"] == "estimate.v1" and len(rec["claims_hash"]) == 16
    latest = rec["latest"]
    assert latest["low90"] < latest["median"] < latest["high90"]
    assert rec["sources"] and all({"source", "bias", "low90", "high90"} <= s.keys() for s in rec["sources"])
    r = CliRunner().invoke(main, ["estimate", "--db", db, "--subject", "russia", "--format", "csv"])
    assert r.stdout.splitlines()[0].startswith("date,median,low50,high50,low90,high90")
    r = CliRunner().invoke(main, ["estimate", "--db", db, "--subject", "atlantis"])
    assert r.exit_code == 1 and "atlantis" in r.stderr
    from attrition.store.ledger import Ledger

    with Ledger(db) as led:
        stored = led.estimates()
    assert {(e["subject"], e["metric"]) for e in stored} >= {("russia", "casualties")}
    r = CliRunner().invoke(main, ["run", "--db", db])
    assert "russia casualties through" in r.stdout and "90% interval" in r.stdout


def test_a_prediction_counts_how_little_is_known_of_a_sources_noise() -> None:
    syn = generate(
        150, seed=3, sources=(SourceSpec("Steady", 1.0, 0.03), SourceSpec("Other", 1.1, 0.05)), series=False
    )
    once = claim(400_000, end=date(2023, 6, 1), source="Once")
    prep = prepare([*syn.claims, once], "russia", published=syn.published)
    fitted = Fitted(prep, draws=200)

    def inflation(key: str) -> float:  # E[sigma^2] over the squared mode
        mode = fitted.fit.x[fitted.layout.noise + prep.sources.index(key)]
        return fitted.noise_var(key) / math.exp(2 * mode)

    # A source heard dozens of times has a known scatter; one heard once has not (near the prior's
    # spread, exp(2 * 0.6^2) = 2.05). Measured: 1.12 and 2.03 under normal noise, 1.32 and 1.68
    # under the t (whose Laplace approximation takes the expected, not the observed, information).
    assert inflation("Steady") < 1.4
    assert inflation("Once") > 1.5
    # A source never heard: the prior's mean of sigma^2 (log-normal), not the square of its median.
    pri = fitted.priors
    assert fitted.noise_var("Never") == pytest.approx(pri.sigma_mean**2 * math.exp(2 * pri.sigma_sd**2))
    assert fitted.noise_var("Never") > 2 * pri.sigma_mean**2


def test_a_prediction_counts_the_rounding_of_a_round_figure() -> None:
    syn = generate(80, seed=5, series=False)
    prep = prepare(syn.claims, "russia", published=syn.published)
    fitted = Fitted(prep, draws=200)
    end = date(2023, 6, 1)
    said = end + timedelta(days=1)
    # The same window from a source the fit has not heard: only the stated precision differs.
    round_ = fitted.predict(claim(500_000, end=end, source="New"), said, "New")
    exact = fitted.predict(claim(512_347, end=end, source="New"), said, "New")
    assert round_ is not None and exact is not None
    # 500,000 is +-5,000 (1%); 512,347 is +-0.5: it is in the noise's scale, as in the fit
    assert round_.noise_scale**2 - exact.noise_scale**2 == pytest.approx(
        0.01**2 - (0.5 / 512_347) ** 2, rel=1e-6
    )
    assert round_.curve_sd == pytest.approx(exact.curve_sd)


def test_t_noise_resists_a_wild_claim() -> None:
    specs = (
        SourceSpec("Party", 1.3, 0.05, party="ukraine"),
        SourceSpec("Wire", 1.0, 0.05),
        SourceSpec("Tank", 0.9, 0.05),
        SourceSpec("Intel", 1.1, 0.05),
    )
    t = truth(900, seed=1)
    syn = generate(60, seed=1, sources=specs, series=False, t=t)
    end = START + timedelta(days=700)
    wild = claim(5 * t.through(end), end=end, source="Wire")  # five times the truth, from a known source
    shift, bias_shift, z = {}, {}, {}
    for df in (math.inf, 4.0):
        pri = Priors(noise_df=df)
        kw = {"subject": "russia", "published": syn.published, "parties": {"Party": "ukraine"}, "priors": pri}
        a = estimate(syn.claims, **kw)  # type: ignore[arg-type]
        b = estimate([*syn.claims, wild], **kw)  # type: ignore[arg-type]
        shift[df] = abs(math.log(b.cumulative[700].median / a.cumulative[700].median))
        wire = [math.log(next(x.bias for x in e.biases if x.source == "Wire")) for e in (a, b)]
        bias_shift[df] = abs(wire[1] - wire[0])
        z[df] = max(abs(r.z) for r in b.residuals)
    # Measured: the normal moves the level 3.6% and Wire's bias 6.7%; the t 0.25% and 0.3%.
    assert shift[math.inf] > 0.02 and bias_shift[math.inf] > 0.04
    assert shift[4.0] < shift[math.inf] / 5 and bias_shift[4.0] < bias_shift[math.inf] / 5
    # The t keeps the source's noise small, so the wild claim stands out in its residual.
    assert z[4.0] > 10 > z[math.inf]


def test_t_curvature_is_the_likelihoods_where_it_is_positive() -> None:
    rng = np.random.default_rng(0)
    n = 12
    kind = np.array([LOWER] * 4 + [UPPER] * 4 + [INTERVAL] * 4)
    y = rng.normal(0, 1, n)
    zeros = np.zeros(n, dtype=np.int64)
    obs = Observations(zeros, zeros, np.zeros(n), np.zeros(n, bool), zeros, kind, y, y + rng.uniform(0.1, 1, n),
                       np.zeros(n))  # fmt: skip
    m, sig, df, eps = rng.normal(0, 1, n), rng.uniform(0.1, 0.5, n), 4.0, 1e-5

    def grad(m: np.ndarray, sig: np.ndarray) -> np.ndarray:
        _, dm, ds, _ = _obs_nll(m, sig, obs, df=df)
        return np.stack((dm, ds), axis=1)

    numeric = np.stack(
        (
            (grad(m + eps, sig) - grad(m - eps, sig)) / (2 * eps),
            (grad(m, sig + eps) - grad(m, sig - eps)) / (2 * eps),
        ),
        axis=1,
    )  # claims x (d/dm, d/dsigma) x (m, sigma)
    cmm, cms, css = _t_curvature(m, sig, obs, df)
    indefinite = 0
    for i in range(n):
        h = 0.5 * (numeric[i] + numeric[i].T)
        w, v = np.linalg.eigh(h)
        indefinite += w[0] < 0
        projected = (v * np.maximum(w, 0.0)) @ v.T
        assert np.array([[cmm[i], cms[i]], [cms[i], css[i]]]) == pytest.approx(projected, abs=1e-5)
    assert indefinite > 0  # the exact curvature is not always positive: the projection matters
    # Points: the expected information of the t's location and scale.
    obs_p = Observations(
        zeros, zeros, np.zeros(n), np.zeros(n, bool), zeros, np.full(n, POINT), y, y, np.zeros(n)
    )
    cmm, cms, css = _t_curvature(m, sig, obs_p, df)
    assert cmm == pytest.approx(5 / (7 * sig**2)) and css == pytest.approx(8 / (7 * sig**2)) and not cms.any()


def test_the_t_hessian_is_positive_definite_with_outliers() -> None:
    syn = generate(80, seed=6, series=False)
    wild = [claim(50_000_000 * (k + 1), end=date(2023, 3, 1) + timedelta(days=40 * k), source=f"W{k % 2}")
            for k in range(4)]  # fmt: skip
    wild.append(claim(10, bound="at_least", end=date(2023, 9, 1), source="Tiny"))
    wild.append(claim(None, bound="range", low=10, high=20, end=date(2023, 10, 1), source="Tiny"))
    prep = prepare([*syn.claims, *wild], "russia", published=syn.published)
    fitted = Fitted(prep, draws=50)
    lay, pri, level = fitted.layout, fitted.priors, fitted.fit.level
    assert fitted.fit.converged
    # At the mode, and at the start, where most claims are far from the flat first guess: there
    # the t's observed Hessian is indefinite (smallest eigenvalue -348 on these claims; with the
    # noise rows by differences of the gradient, the fit's scaling blew its first step up).
    for x in (fitted.fit.x, start_point(lay, pri, start_level(prep.obs))):
        h = hessian(x, prep.obs, lay, pri, level)
        assert np.linalg.eigvalsh(h).min() > 0


def test_a_t_prediction_interval_holds_its_level() -> None:
    p = Prediction(mean=1.0, curve_sd=0.1, noise_scale=0.05, df=4.0)
    lo, hi = p.interval(0.9)
    assert p.cdf(lo) == pytest.approx(0.05, abs=1e-6) and p.cdf(hi) == pytest.approx(0.95, abs=1e-6)
    assert lo + hi == pytest.approx(2.0)
    # wider than a normal of the same parts, narrower than a t of the whole
    normal = Prediction(1.0, 0.1, 0.05, math.inf)
    assert normal.interval(0.9)[1] - 1.0 == pytest.approx(1.6449 * math.hypot(0.1, 0.05), rel=1e-4)
    assert hi > normal.interval(0.9)[1]
    assert hi - 1.0 < 2.132 * math.hypot(0.1, 0.05)
    # the density is the CDF's derivative, under the t and the normal
    for q in (p, normal):
        for x in (0.8, 1.0, 1.3):
            slope = (q.cdf(x + 1e-5) - q.cdf(x - 1e-5)) / 2e-5
            assert math.exp(q.logpdf(x)) == pytest.approx(slope, rel=1e-5)
    # a pure t: its own quantile (df 4: 2.132)
    assert Prediction(0.0, 0.0, 1.0, 4.0).interval(0.9)[1] == pytest.approx(2.1318, rel=1e-4)
