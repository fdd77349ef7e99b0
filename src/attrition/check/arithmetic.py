"""`arithmetic`: a total and an average over the same period, in the same article, from the same
source, should agree within what their rounding and qualifiers allow."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from attrition.check.common import (
    PER_DAYS,
    PER_WORD,
    Fact,
    days,
    figure_words,
    finding,
    gap_factor,
    interval,
    num,
    overlaps,
    pct,
    period_words,
    scale,
    severity_of,
)
from attrition.check.settings import Settings
from attrition.model import Finding


def check(facts: Sequence[Fact], s: Settings) -> list[Finding]:
    groups: dict[tuple[str, str | None, str | None, str, date, date], tuple[list[Fact], list[Fact]]]
    groups = defaultdict(lambda: ([], []))
    for f in facts:
        c = f.c
        if f.structured or c.period.start is None or c.period.end is None:
            continue
        key = (c.doc_id, c.source, c.subject, c.metric, c.period.start, c.period.end)
        if c.per is None:
            groups[key][0].append(f)
        elif c.per in PER_DAYS:
            groups[key][1].append(f)
    out: list[Finding] = []
    for (_, _, _, metric, start, end), (totals, rates) in groups.items():
        n = days(start, end)
        for t in totals:
            for r in rates:
                assert r.c.per is not None
                unit = PER_DAYS[r.c.per]
                implied = scale(interval(t.c, s), unit / n)
                stated = interval(r.c, s)
                central = t.c.figure.central * unit / n
                rate_fig = r.c.figure.central
                head = (
                    f"{figure_words(t.c)} {metric} over {period_words(start, end)} is {num(central)} "
                    f"{PER_WORD[r.c.per]}; the same article states {figure_words(r.c)} {PER_WORD[r.c.per]} "
                    f"({pct(rate_fig, central)})"
                )
                if overlaps(implied, stated):
                    out.append(finding("arithmetic", "info", head + ": consistent.", t.c, r.c))
                else:
                    factor = gap_factor(implied, stated)
                    out.append(
                        finding(
                            "arithmetic",
                            severity_of(factor, s),
                            head + f": more than rounding and qualifiers allow "
                            f"(the total allows {num(implied[0])}-{num(implied[1])} {PER_WORD[r.c.per]}).",
                            t.c,
                            r.c,
                        )
                    )
    return out
