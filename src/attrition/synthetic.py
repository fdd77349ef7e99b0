"""Synthetic ledgers drawn from a known truth, for tests and benchmarks of the checks and estimates.

A smooth true daily loss rate (a random walk on its logarithm) gives the true cumulative losses
of one side. Claims are drawn from it the way sources state figures: a structured daily tally,
and articles with cumulative totals, totals over years or months with their averages, monthly
rates, killed and casualties together, ranges, "over"/"about"/"nearly" qualifiers, and rounding to
two to four significant digits. Sources may carry a multiplicative bias and noise (for the
estimate); with the defaults (no bias, no noise) every claim is true up to its rounding and
qualifier, so a correct checker finds nothing wrong with them.

``plant_faults`` then breaks a few claims in known ways and says which findings must appear.
"""

from __future__ import annotations

import dataclasses
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from attrition.model import Claim, Figure, Period, Span

START = date(2022, 2, 24)
AREA_PER_DAY = 11.5  # km² gained a day (the truth of territory figures)
SUBJECT = "russia"


@dataclass(frozen=True)
class SourceSpec:
    name: str
    bias: float = 1.0  # multiplies the truth
    noise: float = 0.0  # log-normal sd of each figure around the biased truth
    party: str | None = None


DEFAULT_SOURCES: tuple[SourceSpec, ...] = (
    SourceSpec("Synthetic General Staff", party="ukraine"),
    SourceSpec("Synthetic Intelligence"),
    SourceSpec("Synthetic Think Tank"),
    SourceSpec("Synthetic Wire"),
)


@dataclass
class Truth:
    start: date
    daily: list[float]  # true casualties on each day from start
    killed_share: float
    cum: list[float] = field(default_factory=list)  # through the end of each day

    def __post_init__(self) -> None:
        total = 0.0
        self.cum = []
        for x in self.daily:
            total += x
            self.cum.append(total)

    @property
    def end(self) -> date:
        return self.start + timedelta(days=len(self.daily) - 1)

    def through(self, d: date) -> float:
        """Cumulative casualties through the end of day ``d`` (0 before the start)."""
        i = (d - self.start).days
        if i < 0:
            return 0.0
        return self.cum[min(i, len(self.cum) - 1)]

    def between(self, a: date, b: date) -> float:
        return self.through(b) - self.through(a - timedelta(days=1))


def truth(days: int = 1200, seed: int = 0, start: date = START, base: float = 400.0) -> Truth:
    """A smooth daily rate: a random walk on the log rate, weekly steps, interpolated daily."""
    rng = random.Random(seed)
    weeks = days // 7 + 2
    log = [math.log(base)]
    for _ in range(weeks):
        drift = 0.012  # losses tend to rise over a long war
        log.append(log[-1] + drift + rng.gauss(0, 0.06))
    daily = []
    for d in range(days):
        w, frac = divmod(d, 7)
        lr = log[w] + (log[w + 1] - log[w]) * frac / 7
        daily.append(math.exp(lr) * (1 + rng.gauss(0, 0.05)))
    return Truth(start, daily, killed_share=0.22 + 0.06 * rng.random())


@dataclass
class Synthetic:
    truth: Truth
    claims: list[Claim]
    published: dict[str, date | None]
    sources: tuple[SourceSpec, ...]


def _round_sig(x: float, sig: int, how: str = "round") -> float:
    if x <= 0:
        return 0.0
    unit = 10 ** max(0, math.floor(math.log10(x)) - sig + 1)
    q = x / unit
    n = math.floor(q) if how == "floor" else math.ceil(q) if how == "ceil" else round(q)
    return float(n * unit)


class _Maker:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.n = 0

    def claim(
        self,
        doc: str,
        metric: str,
        fig: Figure,
        period: Period,
        source: str,
        said: date | None,
        per: str | None = None,
        extractor: str = "synthetic.v1",
        subject: str = SUBJECT,
    ) -> Claim:
        self.n += 1
        quote = f"figure {self.n}"
        return Claim(
            doc_id=doc, metric=metric, subject=subject, figure=fig, per=per,  # type: ignore[arg-type]
            period=period, source=source, said_on=said, quote=quote, span=Span(0, len(quote)),
            extractor=extractor,
        )  # fmt: skip


def _stated(x: float, rng: random.Random) -> Figure:
    """A true quantity as a writer would state it: rounded, maybe qualified, maybe a range."""
    r = rng.random()
    if r < 0.35:
        return Figure(_round_sig(x, rng.choice((3, 4, 5))), bound="exact")
    if r < 0.6:
        return Figure(_round_sig(x, 2), bound="approx")
    if r < 0.75:
        return Figure(_round_sig(x, 2, "floor"), bound="at_least")
    if r < 0.85:
        return Figure(_round_sig(x * 1.04, 2, "ceil"), bound="at_most")
    lo, hi = _round_sig(x * 0.93, 2, "floor"), _round_sig(x * 1.07, 2, "ceil")
    return Figure(None, lo, hi, "range")


def _biased(x: float, spec: SourceSpec, rng: random.Random) -> float:
    return x * spec.bias * (math.exp(rng.gauss(0, spec.noise)) if spec.noise else 1.0)


def generate(
    n_articles: int = 200,
    *,
    seed: int = 0,
    days: int = 1200,
    sources: Sequence[SourceSpec] = DEFAULT_SOURCES,
    series: bool = True,
    t: Truth | None = None,
) -> Synthetic:
    """A ledger of claims drawn from one known truth (see the module notes)."""
    rng = random.Random(seed + 1)
    t = t or truth(days, seed)
    mk = _Maker(rng)
    claims: list[Claim] = []
    published: dict[str, date | None] = {}
    specs = tuple(sources)
    gs = specs[0]
    if series:
        doc = "synthetic-series"
        published[doc] = t.end + timedelta(days=1)
        for i in range(len(t.daily)):
            d = t.start + timedelta(days=i)
            v = _round_sig(_biased(t.cum[i], gs, rng), 6) if t.cum[i] >= 1e5 else round(t.cum[i] / 10) * 10
            claims.append(
                mk.claim(doc, "casualties", Figure(float(round(v / 10) * 10), bound="approx"),
                         Period(t.start, d), gs.name, d + timedelta(days=1), extractor="import.synthetic.v1")
            )  # fmt: skip
    first_day = t.start + timedelta(days=60)
    span_days = (t.end - first_day).days
    for k in range(n_articles):
        doc = f"synthetic-{k:05d}"
        stated = first_day + timedelta(days=rng.randrange(span_days))
        published[doc] = stated
        spec = rng.choice(specs)
        src = spec.name
        last = stated - timedelta(days=1)
        kind = rng.random()
        if kind < 0.3:  # a cumulative total, sometimes with killed beside it
            total = _biased(t.through(last), spec, rng)
            claims.append(
                mk.claim(doc, "casualties", _stated(total, rng), Period(t.start, last), src, stated)
            )
            if rng.random() < 0.5:
                k_ = total * t.killed_share
                claims.append(mk.claim(doc, "killed", _stated(k_, rng), Period(t.start, last), src, stated))
        elif kind < 0.55:  # a whole year (or the war's first year) and its daily average
            years = [y for y in range(t.start.year, last.year) if date(y, 12, 31) <= last]
            if not years:
                continue
            y = rng.choice(years)
            a, b = max(t.start, date(y, 1, 1)), date(y, 12, 31)
            total = _biased(t.between(a, b), spec, rng)
            claims.append(mk.claim(doc, "casualties", _stated(total, rng), Period(a, b), src, stated))
            avg = total / ((b - a).days + 1)
            claims.append(
                mk.claim(doc, "casualties", Figure(float(math.floor(avg)), bound="exact"), Period(a, b), src,
                         stated, per="day")
            )  # fmt: skip
        elif kind < 0.75:  # a month's daily rate, killed and casualties
            m_end = date(last.year, last.month, 1) - timedelta(days=1)
            m_start = date(m_end.year, m_end.month, 1)
            if m_start < t.start:
                continue
            rate = _biased(t.between(m_start, m_end) / ((m_end - m_start).days + 1), spec, rng)
            claims.append(
                mk.claim(
                    doc, "casualties", _stated(rate, rng), Period(m_start, m_end), src, stated, per="day"
                )
            )
            if rng.random() < 0.5:
                claims.append(
                    mk.claim(doc, "killed", _stated(rate * t.killed_share, rng), Period(m_start, m_end), src,
                             stated, per="day")
                )  # fmt: skip
        elif kind < 0.9:  # consecutive years and the total over them, from the same source
            years = [y for y in range(t.start.year, last.year) if date(y, 12, 31) <= last]
            if len(years) < 2:
                continue
            y0 = rng.choice(years[:-1])
            parts = [(max(t.start, date(y, 1, 1)), date(y, 12, 31)) for y in (y0, y0 + 1)]
            for a, b in parts:
                claims.append(
                    mk.claim(doc, "casualties", Figure(_round_sig(_biased(t.between(a, b), spec, rng), 4)),
                             Period(a, b), src, stated)
                )  # fmt: skip
            a, b = parts[0][0], parts[-1][1]
            claims.append(
                mk.claim(doc, "casualties", Figure(_round_sig(_biased(t.between(a, b), spec, rng), 4)),
                         Period(a, b), src, stated)
            )  # fmt: skip
        else:  # casualties per km² of ground gained, with the area and the total
            a = date(last.year, 1, 1) if last.month > 3 else date(last.year - 1, 1, 1)
            a = max(a, t.start)
            b = last
            total = _biased(t.between(a, b), spec, rng)
            area = AREA_PER_DAY * ((b - a).days + 1)
            claims.append(mk.claim(doc, "territory_km2", Figure(_round_sig(area, 4), bound="approx"),
                                   Period(a, b), src, stated))  # fmt: skip
            per_km2 = Figure(_round_sig(total / area, 3), bound="approx")
            claims.append(mk.claim(doc, "casualties", per_km2, Period(None, None), src, stated, per="km2"))
            claims.append(mk.claim(doc, "casualties", _stated(total, rng), Period(a, b), src, stated))
    return Synthetic(t, claims, published, specs)


@dataclass(frozen=True)
class Planted:
    kind: str  # the finding kind that must report it
    claim_ids: frozenset[str]  # the finding must involve at least one of these
    what: str


def plant_faults(syn: Synthetic, seed: int = 0) -> tuple[list[Claim], dict[str, date | None], list[Planted]]:
    """The synthetic claims with six faults planted: a falling day, a repeated day and a jump in the
    daily series, a wrong average, a future period and an impossible killed share."""
    rng = random.Random(seed + 7)
    claims = list(syn.claims)
    published = dict(syn.published)
    planted: list[Planted] = []
    idx = [i for i, c in enumerate(claims) if c.extractor.startswith("import.")]
    assert len(idx) > 400, "plant_faults needs the daily series"

    def replace_value(i: int, value: float) -> Claim:
        c = claims[i]
        claims[i] = dataclasses.replace(c, figure=Figure(value, bound=c.figure.bound))
        return claims[i]

    # Falling day: one report below the one before.
    i = idx[rng.randrange(100, 200)]
    prev = claims[i - 1].figure.central
    c = replace_value(i, prev - 500)
    planted.append(Planted("series", frozenset({c.id}), "a falling day"))
    # Repeated day: one report repeats the day before.
    i = idx[rng.randrange(250, 320)]
    c = replace_value(i, claims[i - 1].figure.central)
    planted.append(Planted("series", frozenset({c.id}), "a repeated day"))
    # Jump: one report adds twenty days' losses at once, then the series goes on from there.
    j = rng.randrange(360, 400)
    i = idx[j]
    extra = 20 * (claims[i].figure.central - claims[i - 1].figure.central)
    jumped = set()
    for k in idx[j:]:
        jumped.add(replace_value(k, claims[k].figure.central + extra).id)
    planted.append(Planted("series", frozenset({claims[i].id}), "a jump"))

    mk = _Maker(rng)
    mk.n = 10**6
    t = syn.truth
    # Wrong average: a year's total beside an average 30% too high.
    a, b = date(2023, 1, 1), date(2023, 12, 31)
    doc = "planted-average"
    published[doc] = date(2024, 2, 1)
    total = t.between(a, b)
    tc = mk.claim(
        doc, "casualties", Figure(_round_sig(total, 4)), Period(a, b), "Planted Source", date(2024, 2, 1)
    )
    ac = mk.claim(doc, "casualties", Figure(float(round(total / 365 * 1.3))), Period(a, b), "Planted Source",
                  date(2024, 2, 1), per="day")  # fmt: skip
    claims += [tc, ac]
    planted.append(Planted("arithmetic", frozenset({tc.id, ac.id}), "a wrong average"))
    # Future period: the second half of a year, stated in its first half.
    doc = "planted-future"
    published[doc] = date(2024, 5, 20)
    second_half = Period(date(2024, 7, 1), date(2024, 12, 31))
    fc = mk.claim(
        doc, "casualties", Figure(200_000.0, bound="approx"), second_half, "Planted Source", date(2024, 5, 20)
    )
    claims.append(fc)
    planted.append(Planted("impossible_period", frozenset({fc.id}), "a future period"))
    # Impossible ratio: killed at 90% of casualties a day.
    doc = "planted-ratio"
    published[doc] = date(2024, 3, 3)
    cas = mk.claim(
        doc, "casualties", Figure(1_200.0), Period(None, None), "Planted Source", date(2024, 3, 3), per="day"
    )
    kil = mk.claim(
        doc, "killed", Figure(1_080.0), Period(None, None), "Planted Source", date(2024, 3, 3), per="day"
    )
    claims += [cas, kil]
    planted.append(Planted("ratio", frozenset({kil.id}), "an impossible killed share"))
    return claims, published, planted
