"""`divergence`: different sources on the same subject and metric over comparable periods that
differ beyond both claims' stated uncertainty: by how much, and which is higher.

Totals are compared when they count from the same day: at the same end date (within
``comparable_days``), or against the other source's own figures interpolated where it has two
close enough. Rates are compared over overlapping averaging windows. The same figure quoted by
several outlets counts once.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from attrition.check.common import (
    INF,
    PER_DAYS,
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
    severity_of,
)
from attrition.check.settings import Settings
from attrition.model import Claim, Finding


def check(facts: Sequence[Fact], s: Settings) -> list[Finding]:
    totals: dict[tuple[object, ...], dict[str, dict[tuple[float, date], Claim]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    rates: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for f in facts:
        c = f.c
        if c.source is None or c.subject is None or c.period.end is None:
            continue
        if c.per is None and c.period.start is not None:
            totals[(c.subject, c.metric, c.period.start)][c.source].setdefault(
                (c.figure.central, c.period.end), c
            )
        elif c.per in PER_DAYS and c.period.start is not None:
            rates[(c.subject, c.metric)].append(c)
    out: dict[frozenset[str], Finding] = {}
    for (subject, metric, start), by_source in totals.items():
        series = {
            src: sorted(cs.values(), key=lambda c: (c.period.end, c.figure.central))
            for src, cs in by_source.items()
        }
        ends = {src: [c.period.end for c in cs] for src, cs in series.items()}
        for a_src, a_claims in series.items():
            for b_src, b_claims in series.items():
                if a_src == b_src:
                    continue
                for a in a_claims:
                    got = _value_at(b_claims, ends[b_src], a.period.end, s)  # type: ignore[arg-type]
                    if got is None:
                        continue
                    b_iv, b_used, how = got
                    a_iv = interval(a, s)
                    if overlaps(a_iv, b_iv):
                        continue
                    key = frozenset([a.id, *(b.id for b in b_used)])
                    if key in out:
                        continue
                    factor = gap_factor(a_iv, b_iv)
                    b_central = sum(b_iv) / 2 if b_iv[1] != float("inf") else b_iv[0]
                    assert isinstance(start, date) and a.period.end is not None
                    out[key] = finding(
                        "divergence",
                        severity_of(factor, s),
                        f"{subject}'s {metric} from {dword(start)} through {dword(a.period.end)}: {a_src} "
                        f"states {figure_words(a)}, {b_src} {how} {num(b_central)}; {a_src}'s figure is "
                        f"{pct(a.figure.central, b_central)}, beyond both figures' stated uncertainty "
                        f"(a factor of {factor:.2f} between the nearest values they allow).",
                        a,
                        *b_used,
                    )
    for (subject, metric), all_rates in rates.items():
        # Rates by source and window: each claim is compared with the closest figure of every other
        # source over a window that mostly coincides with its own (so the work grows with claims
        # times windows, not claims squared).
        windows: dict[tuple[str, date, date], list[tuple[float, Claim]]] = defaultdict(list)
        for c in all_rates:
            assert c.source is not None and c.period.start is not None and c.period.end is not None
            windows[(c.source, c.period.start, c.period.end)].append(
                (c.figure.central / PER_DAYS[c.per or "day"], c)
            )
        keys = sorted(windows, key=lambda k: k[1])
        for w in windows.values():
            w.sort(key=lambda t: t[0])
        starts = [k[1] for k in keys]
        for ka in keys:
            src_a, sa, ea = ka
            hi = bisect.bisect_right(starts, ea)
            for kb in keys[:hi]:
                src_b, sb, eb = kb
                if src_b == src_a or eb < sa:
                    continue
                ov = days(max(sa, sb), min(ea, eb))
                # A monthly rate inside a yearly average may differ from it: compare windows that
                # mostly coincide, i.e. overlap by a share of the longer one.
                if ov < s.overlap_share * max(days(sa, ea), days(sb, eb)):
                    continue
                bvals = [v for v, _ in windows[kb]]
                for _, a_claim in windows[ka]:
                    av = a_claim.figure.central / PER_DAYS[a_claim.per or "day"]
                    i = bisect.bisect_left(bvals, av)
                    near = min(
                        (windows[kb][j] for j in (i - 1, i) if 0 <= j < len(bvals)),
                        key=lambda t: abs(t[0] - av),
                    )
                    _rate_pair(out, subject, metric, a_claim, near[1], ov, s)
    return list(out.values())


def _rate_pair(
    out: dict[frozenset[str], Finding], subject: str, metric: str, a: Claim, b: Claim, ov: int, s: Settings
) -> None:
    assert a.period.start and a.period.end and b.period.start and b.period.end
    ka, kb = 1 / PER_DAYS[a.per or "day"], 1 / PER_DAYS[b.per or "day"]
    ai, bi = interval(a, s), interval(b, s)
    ai, bi = (ai[0] * ka, ai[1] * ka), (bi[0] * kb, bi[1] * kb)
    if overlaps(ai, bi):
        return
    key = frozenset([a.id, b.id])
    if key in out:
        return
    factor = gap_factor(ai, bi)
    ad, bd = a.figure.central * ka, b.figure.central * kb
    out[key] = finding(
        "divergence",
        severity_of(factor, s),
        f"{subject}'s {metric} a day over overlapping windows ({ov} days in common): "
        f"{a.source} states {figure_words(a)} a {a.per} ({num(ad)} a day, "
        f"{dword(a.period.start)} to {dword(a.period.end)}), {b.source} {figure_words(b)} a "
        f"{b.per} ({num(bd)} a day, {dword(b.period.start)} to {dword(b.period.end)}); "
        f"{a.source}'s rate is {pct(ad, bd)}, a factor of {factor:.2f} beyond both "
        f"figures' stated uncertainty.",
        a,
        b,
    )


def _value_at(
    claims: list[Claim], ends: list[date], d: date, s: Settings
) -> tuple[tuple[float, float], list[Claim], str] | None:
    """Another source's figure for day ``d``: its own for that day, else an interpolation between its
    two figures around ``d`` when they are close enough, else its nearest within
    ``comparable_days`` widened by what the days between can add."""
    i = bisect.bisect_left(ends, d)
    near = [
        c
        for c in claims[max(0, i - 1) : i + 2]
        if c.period.end is not None and abs((c.period.end - d).days) <= s.comparable_days
    ]
    if 0 <= i < len(claims) and ends[i] == d:
        c = claims[i]
        return interval(c, s), [c], f"states {figure_words(c)}, i.e."
    if 0 < i < len(claims) and (ends[i] - ends[i - 1]).days <= s.interpolate_days:
        a, b = claims[i - 1], claims[i]
        ea, eb = ends[i - 1], ends[i]
        w = (d - ea).days / (eb - ea).days
        ia, ib = interval(a, s), interval(b, s)
        hi = INF if INF in (ia[1], ib[1]) else ia[1] + w * (ib[1] - ia[1])
        iv = (ia[0] + w * (ib[0] - ia[0]), hi)
        return iv, [a, b], f"interpolated between its figures of {dword(ea)} and {dword(eb)}:"
    if near:
        # Another day's figure: widen it by what the war adds in the days between (twice the
        # source's own average daily figure, as losses run above their average in heavy fighting).
        best = min(near, key=lambda c: abs(_end(c) - d).days)
        gap = abs((_end(best) - d).days)
        lo, hi = interval(best, s)
        start = best.period.start or _end(best)
        per_day = best.figure.central / max(1, (_end(best) - start).days + 1)
        margin = 2 * per_day * gap
        return (
            (lo - margin, hi + margin),
            [best],
            f"states {figure_words(best)} through {dword(_end(best))}, i.e.",
        )
    return None


def _end(c: Claim) -> date:
    assert c.period.end is not None
    return c.period.end
