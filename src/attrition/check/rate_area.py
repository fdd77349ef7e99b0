"""`rate_area`: casualties per km² times the area gained over a period, against the casualties
stated for the same period."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

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
    areas = _Index()
    totals: dict[tuple[str | None, str], _Index] = defaultdict(_Index)
    for f in facts:
        c = f.c
        if c.per == "km2" and c.metric in ("casualties", "killed"):
            per_km2.append(c)
        elif c.metric == "territory_km2" and c.per is None and c.period.start and c.period.end:
            areas.add(c)
        elif c.per is None and c.metric in ("casualties", "killed") and c.period.start and c.period.end:
            totals[(c.subject, c.metric)].add(c)
    out: list[Finding] = []
    for r in per_km2:
        # The area: over the rate's own window when it has one, else one the same article states.
        if r.period.start is not None and r.period.end is not None:
            cands = areas.comparable(r.subject, r.period.start, r.period.end, s)
        else:
            cands = [a for a in areas.by_doc.get(r.doc_id, []) if a.subject == r.subject]
        cands.sort(key=lambda a: (a.doc_id != r.doc_id, a.period.end or 0))
        if not cands:
            continue
        area = cands[0]
        assert area.period.start is not None and area.period.end is not None
        index = totals.get((r.subject, r.metric))
        if index is None:
            continue
        ts = [t for t in index.by_doc.get(r.doc_id, []) if _same(area, t, s)]
        if not ts:
            ts = index.comparable(r.subject, area.period.start, area.period.end, s)
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


class _Index:
    """Claims with a period, by document and by end date (for the comparable ones of a window)."""

    def __init__(self) -> None:
        self.by_doc: dict[str, list[Claim]] = defaultdict(list)
        self.items: list[Claim] = []
        self.ends: list[date] = []
        self.sorted = True

    def add(self, c: Claim) -> None:
        self.by_doc[c.doc_id].append(c)
        self.items.append(c)
        self.sorted = False

    def comparable(self, subject: str | None, start: date, end: date, s: Settings) -> list[Claim]:
        if not self.sorted:
            self.items.sort(key=lambda c: c.period.end or date.min)
            self.ends = [c.period.end or date.min for c in self.items]
            self.sorted = True
        tol = timedelta(days=max(s.comparable_days, s.comparable_share * ((end - start).days + 1)))
        lo = bisect.bisect_left(self.ends, end - tol)
        hi = bisect.bisect_right(self.ends, end + tol)
        return [
            c
            for c in self.items[lo:hi]
            if c.subject == subject
            and c.period.start is not None
            and c.period.end is not None
            and comparable(start, end, c.period.start, c.period.end, s)
        ]


def _same(a: Claim, b: Claim, s: Settings) -> bool:
    assert a.period.start and a.period.end and b.period.start and b.period.end
    return comparable(a.period.start, a.period.end, b.period.start, b.period.end, s)


def _fits(rate: Claim, area: Claim, s: Settings) -> bool:
    rs, re_ = rate.period.start, rate.period.end
    if rs is not None and re_ is not None:
        assert area.period.start is not None and area.period.end is not None
        return comparable(rs, re_, area.period.start, area.period.end, s)
    return area.doc_id == rate.doc_id
