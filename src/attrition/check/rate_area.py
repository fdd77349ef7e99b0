"""`rate_area`: casualties per km² times the area gained over a period, against the casualties
stated for the same period."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from attrition.check.common import (
    Fact,
    comparable,
    figure_words,
    finding,
    gap_factor,
    interval,
    num,
    overlaps,
    period_words,
    severity_of,
    who,
)
from attrition.check.settings import Settings
from attrition.model import Claim, Finding


def check(facts: Sequence[Fact], s: Settings) -> list[Finding]:
    per_km2: list[Claim] = []
    areas: dict[str | None, list[Claim]] = defaultdict(list)
    totals: dict[tuple[str | None, str], list[Claim]] = defaultdict(list)
    for f in facts:
        c = f.c
        if c.per == "km2" and c.metric in ("casualties", "killed"):
            per_km2.append(c)
        elif c.metric == "territory_km2" and c.per is None and c.period.start and c.period.end:
            areas[c.subject].append(c)
        elif c.per is None and c.metric in ("casualties", "killed") and c.period.start and c.period.end:
            totals[(c.subject, c.metric)].append(c)
    out: list[Finding] = []
    for r in per_km2:
        # The area: over the rate's own window when it has one, else one the same article states.
        cands = [a for a in areas.get(r.subject, []) if _fits(r, a, s)]
        cands.sort(key=lambda a: (a.doc_id != r.doc_id, a.period.end or 0))
        if not cands:
            continue
        area = cands[0]
        assert area.period.start is not None and area.period.end is not None
        ts = [
            t
            for t in totals.get((r.subject, r.metric), [])
            if t.period.start is not None
            and t.period.end is not None
            and comparable(area.period.start, area.period.end, t.period.start, t.period.end, s)
        ]
        ts.sort(key=lambda t: (t.doc_id != r.doc_id, t.source != r.source))
        if not ts:
            continue
        t = ts[0]
        ri, ai = interval(r, s), interval(area, s)
        implied = (ri[0] * ai[0], ri[1] * ai[1])
        central = r.figure.central * area.figure.central
        stated = interval(t, s)
        assert t.period.start is not None and t.period.end is not None
        head = (
            f"{figure_words(r)} {r.metric} per km² ({who(r)}) times {figure_words(area)} km² gained over "
            f"{period_words(area.period.start, area.period.end)} ({who(area)}) is {num(central)} {r.metric}"
            f" (between {num(implied[0])} and {num(implied[1])}); {who(t)} states {figure_words(t)} "
            f"over {period_words(t.period.start, t.period.end)}"
        )
        if overlaps(implied, stated):
            note = ", which the product meets" if t.figure.bound == "at_least" else ""
            out.append(finding("rate_area", "info", head + f"{note}: consistent.", r, area, t))
        else:
            factor = gap_factor(implied, stated)
            direction = "more" if implied[0] > stated[1] else "fewer"
            out.append(
                finding(
                    "rate_area",
                    severity_of(factor, s),
                    head + f": the rate and area imply {factor:.1f} times {direction} than stated.",
                    r,
                    area,
                    t,
                )
            )
    return out


def _fits(rate: Claim, area: Claim, s: Settings) -> bool:
    rs, re_ = rate.period.start, rate.period.end
    if rs is not None and re_ is not None:
        assert area.period.start is not None and area.period.end is not None
        return comparable(rs, re_, area.period.start, area.period.end, s)
    return area.doc_id == rate.doc_id
