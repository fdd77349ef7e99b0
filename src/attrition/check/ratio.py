"""`ratio`: killed against casualties (or wounded) for the same subject over comparable periods;
a killed share outside the band seen in modern wars is flagged with the implied share."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from attrition.check.common import PER_DAYS, Fact, comparable, figure_words, finding, who
from attrition.check.settings import Settings
from attrition.model import Claim, Finding

PARTNERS = ("casualties", "wounded")


def _rate_key(c: Claim) -> float:
    return PER_DAYS[c.per] if c.per in PER_DAYS else 0.0


def check(facts: Sequence[Fact], s: Settings) -> list[Finding]:
    killed: dict[str, list[Claim]] = defaultdict(list)
    others: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for f in facts:
        c = f.c
        if c.subject is None or (c.per is not None and c.per not in PER_DAYS):
            continue
        if c.metric == "killed":
            killed[c.subject].append(c)
        elif c.metric in PARTNERS:
            others[(c.subject, c.metric)].append(c)
    out: list[Finding] = []
    for subject, ks in killed.items():
        for metric in PARTNERS:
            cands = others.get((subject, metric), [])
            if not cands:
                continue
            by_doc: dict[str, list[Claim]] = defaultdict(list)
            # Figures with a window, by kind (totals, or rates of a unit) and end date; the same
            # figure of the same source for the same window once.
            dated_by: dict[float, list[Claim]] = defaultdict(list)
            seen: set[tuple[object, ...]] = set()
            for c in cands:
                by_doc[c.doc_id].append(c)
                if c.period.end is None or c.period.start is None:
                    continue
                key = (c.source, c.figure.central, c.per, c.period.start, c.period.end)
                if key not in seen:
                    seen.add(key)
                    dated_by[_rate_key(c)].append(c)
            ends_by: dict[float, list[date]] = {}
            for rk, items in dated_by.items():
                items.sort(key=_end)
                ends_by[rk] = [_end(c) for c in items]
            for k in ks:
                pairs: dict[str, Claim] = {}
                # In the same article: the same kind of figure (rates with the same unit, or totals)
                # for the same window, or rates stated without a window by the same source.
                for o in by_doc.get(k.doc_id, []):
                    if (k.per is None) != (o.per is None):
                        continue
                    same_window = (k.period.start, k.period.end) == (o.period.start, o.period.end)
                    if same_window and (k.period.end is not None or k.source == o.source):
                        pairs.setdefault(o.id, o)
                # Across articles and sources: comparable windows, the nearest figure of each source.
                if k.period.start is not None and k.period.end is not None:
                    ks_, ke = k.period.start, k.period.end
                    rk = _rate_key(k)
                    dated, ends = dated_by.get(rk, []), ends_by.get(rk, [])
                    tol = _tol(k, s)
                    lo = bisect.bisect_left(ends, ke - tol)
                    hi = bisect.bisect_right(ends, ke + tol)
                    best: dict[str | None, tuple[int, Claim]] = {}
                    for o in dated[lo:hi]:
                        if o.doc_id == k.doc_id:
                            continue
                        assert o.period.start is not None and o.period.end is not None
                        if not comparable(ks_, ke, o.period.start, o.period.end, s):
                            continue
                        d = abs((o.period.end - ke).days)
                        if o.source not in best or d < best[o.source][0]:
                            best[o.source] = (d, o)
                    for _, o in best.values():
                        pairs.setdefault(o.id, o)
                for o in pairs.values():
                    out.extend(_judge(k, o, metric, s))
    return out


def _end(c: Claim) -> date:
    assert c.period.end is not None
    return c.period.end


def _tol(c: Claim, s: Settings) -> timedelta:
    assert c.period.start is not None and c.period.end is not None
    length = (c.period.end - c.period.start).days + 1
    return timedelta(days=max(s.comparable_days, s.comparable_share * length))


def _judge(k: Claim, o: Claim, metric: str, s: Settings) -> list[Finding]:
    kv, ov = k.figure.central, o.figure.central
    if ov <= 0:
        return []
    share = kv / ov if metric == "casualties" else kv / (kv + ov)
    of = "of" if metric == "casualties" else "against"
    basis = (
        f"{figure_words(k)} killed {of} {figure_words(o)} {metric}"
        + (" a " + k.per if k.per else "")
        + f" ({who(k)}"
        + ("" if o.source == k.source else f"; {who(o)}")
        + ")"
        + f" means a killed share of {100 * share:.0f}% of "
        + ("casualties" if metric == "casualties" else "killed and wounded")
    )
    band = f"{100 * s.killed_share_low:.0f}-{100 * s.killed_share_high:.0f}%"
    same_doc = k.doc_id == o.doc_id
    if metric == "casualties" and kv > ov * (1 + s.slack) and k.figure.bound != "at_most":
        return [finding("ratio", "error", basis + ": more killed than casualties, which include them.", k, o)]
    if share > s.killed_share_high or share < s.killed_share_low:
        side = "above" if share > s.killed_share_high else "below"
        return [
            finding(
                "ratio",
                "warn",
                basis + f", {side} the {band} band seen in modern wars.",
                k,
                o,
            )
        ]
    if same_doc:
        return [finding("ratio", "info", basis + f", inside the {band} band seen in modern wars.", k, o)]
    return []
