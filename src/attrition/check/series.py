"""`series`: a source's cumulative series (an imported daily tally) that falls, repeats a value, or
jumps far outside its recent daily increases. Also the Series type the other checks read."""

from __future__ import annotations

import bisect
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from attrition.check.common import Fact, dword, finding, num
from attrition.check.settings import Settings
from attrition.model import Claim, Finding


@dataclass
class Series:
    """Cumulative figures of one source, subject and metric from one structured document, by the
    last day they count."""

    source: str | None
    subject: str | None
    metric: str
    start: date
    ends: list[date]
    claims: list[Claim]

    def at(self, d: date, s: Settings) -> tuple[float, list[Claim]] | None:
        """The cumulative figure through the end of day ``d``: a stated point, 0 the day before the
        series' start, or a linear interpolation between points at most ``interpolate_days`` apart."""
        if d == self.start - timedelta(days=1):
            return 0.0, []
        i = bisect.bisect_left(self.ends, d)
        if i < len(self.ends) and self.ends[i] == d:
            c = self.claims[i]
            return c.figure.central, [c]
        if i == 0 or i == len(self.ends):
            return None
        a, b = self.claims[i - 1], self.claims[i]
        ea, eb = self.ends[i - 1], self.ends[i]
        span = (eb - ea).days
        if span > s.interpolate_days:
            return None
        w = (d - ea).days / span
        return a.figure.central + w * (b.figure.central - a.figure.central), [a, b]


def build(facts: Sequence[Fact]) -> list[Series]:
    groups: dict[tuple[object, ...], list[Claim]] = defaultdict(list)
    for f in facts:
        c = f.c
        if f.structured and c.per is None and c.period.start is not None and c.period.end is not None:
            groups[(c.doc_id, c.source, c.subject, c.metric, c.period.start)].append(c)
    out = []
    for (_, source, subject, metric, start), cs in groups.items():
        if len(cs) < 3:
            continue
        cs.sort(key=lambda c: c.period.end or date.min)
        assert isinstance(start, date) and isinstance(metric, str)
        out.append(
            Series(
                source if isinstance(source, str) else None,
                subject if isinstance(subject, str) else None,
                metric,
                start,
                [c.period.end for c in cs if c.period.end],
                cs,
            )
        )
    return out


def check(facts: Sequence[Fact], s: Settings, series: Sequence[Series] | None = None) -> list[Finding]:
    out: list[Finding] = []
    window = int(s.series_window)
    for se in build(facts) if series is None else series:
        recent: list[float] = []
        who = f"{se.source or 'the series'}'s cumulative {se.metric} of {se.subject or '?'}"
        run: list[Claim] = []  # consecutive reports repeating the same figure
        run_median: float | None = None
        for prev, cur in zip(se.claims, [*se.claims[1:], None], strict=False):
            if run and (cur is None or cur.figure.central != run[-1].figure.central):
                out.append(_repeats(who, run, prev, run_median or 0.0, se))
                run, run_median = [], None
            if cur is None:
                break
            assert prev.period.end and cur.period.end
            gap = (cur.period.end - prev.period.end).days
            inc = cur.figure.central - prev.figure.central
            d = cur.period.end
            if inc < 0:
                out.append(
                    finding(
                        "series",
                        "error",
                        f"{who} falls from {num(prev.figure.central)} (through {dword(prev.period.end)}) to "
                        f"{num(cur.figure.central)} (through {dword(d)}): a cumulative count cannot go down.",
                        prev,
                        cur,
                    )
                )
            elif inc == 0 and recent and statistics.median(recent) > 0:
                run.append(cur)
                if run_median is None:
                    run_median = statistics.median(recent)
                continue
            elif len(recent) >= window // 2:
                med = statistics.median(recent)
                daily = inc / max(gap, 1)
                if daily > s.series_jump_factor * med and daily - med > s.series_jump_min:
                    out.append(
                        finding(
                            "series",
                            "warn",
                            f"{who} rises by {num(inc)} through {dword(d)}"
                            + (f" ({num(daily)} a day over {gap} days)" if gap > 1 else "")
                            + f", {daily / med:.1f} times the median daily increase of the previous "
                            f"{len(recent)} reports ({num(med)}).",
                            prev,
                            cur,
                        )
                    )
            if inc >= 0:
                recent.append(inc / max(gap, 1))
                if len(recent) > window:
                    recent.pop(0)
    return out


def _repeats(who: str, run: list[Claim], last: Claim, median: float, se: Series) -> Finding:
    first = run[0]
    i = se.claims.index(first)
    before = se.claims[i - 1] if i > 0 else first
    assert first.period.end is not None and last.period.end is not None
    stated = [dict(c.attrs).get("stated_increase") for c in run]
    also = ""
    if any(isinstance(x, int | float) and x > 0 for x in stated):
        also = " while the reports state an increase"
    when = (
        f"on {dword(first.period.end)}"
        if len(run) == 1
        else f"in {len(run)} reports through {dword(first.period.end)} to {dword(last.period.end)}"
    )
    return finding(
        "series",
        "warn",
        f"{who} repeats {num(first.figure.central)} {when}{also}; the daily increase before was "
        f"{num(median)}: a count that stood still, or reports that were not updated.",
        before,
        *run,
    )
