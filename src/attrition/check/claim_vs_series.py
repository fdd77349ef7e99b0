"""`claim_vs_series`: a figure in an article, attributed to a source that also publishes a
structured series, against that series over the same period."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from attrition.check.common import (
    PER_DAYS,
    PER_WORD,
    Fact,
    days,
    dword,
    figure_words,
    finding,
    gap_factor,
    interval,
    num,
    overlaps,
    pct,
    period_words,
    rounding,
    severity_of,
)
from attrition.check.series import Series, build
from attrition.check.settings import Settings
from attrition.model import Finding


def check(facts: Sequence[Fact], s: Settings, series: Sequence[Series] | None = None) -> list[Finding]:
    by_key: dict[tuple[str | None, str | None, str], Series] = {}
    for se in build(facts) if series is None else series:
        by_key.setdefault((se.source, se.subject, se.metric), se)
    out: list[Finding] = []
    if not by_key:
        return out
    for f in facts:
        c = f.c
        found = by_key.get((c.source, c.subject, c.metric))
        if f.structured or found is None or c.period.start is None or c.period.end is None:
            continue
        se = found
        if c.per is not None and c.per not in PER_DAYS:
            continue
        start, end = c.period.start, c.period.end
        hi = se.at(end, s)
        lo = se.at(start - timedelta(days=1), s)
        if hi is None or lo is None:
            continue
        total = hi[0] - lo[0]
        used = lo[1] + hi[1]
        n = days(start, end)
        if c.per is None:
            derived, unit_words = total, ""
        else:
            derived, unit_words = total / n * PER_DAYS[c.per], " " + PER_WORD[c.per]
        # The series' own figures are rounded too ("about 1,004,560"): allow their rounding.
        r = sum(rounding(u.figure.central) for u in used) + s.slack * abs(derived)
        series_iv = (derived - r, derived + r)
        stated_iv = interval(c, s)
        how = f"{num(hi[0])} through {dword(end)}" + (
            f" minus {num(lo[0])} through {dword(start - timedelta(days=1))}" if lo[0] else " since it began"
        )
        head = (
            f"{figure_words(c)} {c.metric}{unit_words} over {period_words(start, end)}, attributed to "
            f"{c.source}; {c.source}'s own series gives {num(derived)}{unit_words} ({how}"
            + (f", over {n} days" if c.per else "")
            + f"); the claim is {pct(c.figure.central, derived)}"
        )
        if overlaps(stated_iv, series_iv):
            out.append(finding("claim_vs_series", "info", head + ": consistent.", c, *used))
        else:
            factor = gap_factor(stated_iv, series_iv)
            out.append(
                finding(
                    "claim_vs_series",
                    severity_of(factor, s),
                    head + ": more than its rounding and qualifier allow.",
                    c,
                    *used,
                )
            )
    return out
