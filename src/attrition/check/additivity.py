"""`additivity`: one source's totals over consecutive sub-periods against its total over their
union, respecting "over", "about" and ranges."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from attrition.check.common import (
    Fact,
    add,
    figure_words,
    finding,
    gap_factor,
    interval,
    num,
    overlaps,
    period_words,
    severity_of,
)
from attrition.check.settings import Settings
from attrition.model import Claim, Finding

MAX_PIECES = 6
MAX_CHAINS = 20_000  # per source, subject and metric: bounds the work on pathological ledgers


def _width(c: Claim, s: Settings) -> float:
    lo, hi = interval(c, s)
    return (hi - lo) / max(abs(c.figure.central), 1.0)


def check(facts: Sequence[Fact], s: Settings) -> list[Finding]:
    groups: dict[tuple[str | None, str | None, str], dict[tuple[date, date], Claim]] = defaultdict(dict)
    for f in facts:
        c = f.c
        if c.per is not None or c.period.start is None or c.period.end is None or c.source is None:
            continue
        g = groups[(c.source, c.subject, c.metric)]
        key = (c.period.start, c.period.end)
        # One figure per period and source: the most precise (a repeated quote adds nothing).
        if key not in g or _width(c, s) < _width(g[key], s):
            g[key] = c
    out: list[Finding] = []
    for (source, _subject, metric), by_period in groups.items():
        out.extend(_group(by_period, metric, source, s))
    return out


def _group(
    by_period: dict[tuple[date, date], Claim], metric: str, source: str | None, s: Settings
) -> list[Finding]:
    """Chains of consecutive periods (up to MAX_PIECES) whose union a total of the same source
    covers: for each whole, the decomposition into the most parts that holds, and every one that
    fails."""
    out: list[Finding] = []
    starts: dict[date, list[Claim]] = defaultdict(list)
    for (st, _), c in by_period.items():
        starts[st].append(c)
    budget = [MAX_CHAINS]
    best: dict[str, tuple[int, Finding]] = {}

    def extend(chain: list[Claim]) -> None:
        last, first = chain[-1], chain[0]
        assert last.period.end is not None and first.period.start is not None
        if len(chain) >= 2:
            whole = by_period.get((first.period.start, last.period.end))
            if whole is not None:
                found = _judge(chain, whole, metric, source, s)
                if found.severity != "info":
                    out.append(found)
                elif whole.id not in best or len(chain) > best[whole.id][0]:
                    best[whole.id] = (len(chain), found)
        if len(chain) >= MAX_PIECES or budget[0] <= 0:
            return
        for nxt in starts.get(last.period.end + timedelta(days=1), []):
            budget[0] -= 1
            extend([*chain, nxt])

    for c in by_period.values():
        extend([c])
    out.extend(f for _, f in best.values())
    return out


def _judge(pieces: list[Claim], whole: Claim, metric: str, source: str | None, s: Settings) -> Finding:
    total = (0.0, 0.0)
    for p in pieces:
        total = add(total, interval(p, s))
    central = sum(p.figure.central for p in pieces)
    stated = interval(whole, s)
    assert whole.period.start is not None and whole.period.end is not None
    parts = " + ".join(
        f"{figure_words(p)} ({period_words(p.period.start, p.period.end).removeprefix('the ')})"  # type: ignore[arg-type]
        for p in pieces
    )
    head = (
        f"{source}: {parts} = {num(central)} {metric}"
        + (f" (at least {num(total[0])})" if total[1] == float("inf") else "")
        + f"; for {period_words(whole.period.start, whole.period.end)} it states {figure_words(whole)}"
    )
    if overlaps(total, stated):
        return finding("additivity", "info", head + ": consistent.", *pieces, whole)
    factor = gap_factor(total, stated)
    return finding(
        "additivity",
        severity_of(factor, s),
        head + f": the parts and the whole differ by more than their rounding and qualifiers allow "
        f"(parts allow {num(total[0])}-{num(total[1])}, the whole {num(stated[0])}-{num(stated[1])}).",
        *pieces,
        whole,
    )
