"""Charts as inline SVG (no script, no library): a timeline per subject and metric with each
source's claims beside the fused estimate and its 90% band.

Two panels per subject and metric, because claims of two kinds cannot share an axis:

- **cumulative**: totals counted from the conflict's start (a snapshot, a "since the invasion"
  figure, a table row) against the estimate's cumulative line;
- **daily rate**: averages and totals over a window, as a figure a day over that window (a
  horizontal bar), against the estimate's monthly rates.

Every claim drawn is one element of class ``mark`` with ``data-claim`` set to its id: a point for a
plain figure, a hollow point for "about", a vertical bar for a range, a triangle pointing up for
"over"/"at least" (the truth lies above) or down for "nearly"/"up to". The fused line is class
``estimate``, its band ``band``.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from typing import Any

PALETTE = (
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf",
    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#393b79", "#637939",
)  # fmt: skip
PER_DAYS = {"day": 1.0, "week": 7.0, "month": 365.25 / 12, "year": 365.25}
MAX_MARKS = 600  # per panel: beyond this the panel draws a sample and says so


def colour(source: str | None) -> str:
    """A stable colour per source (the same in every chart and table)."""
    h = int(hashlib.md5((source or "").encode("utf-8")).hexdigest()[:6], 16)
    return PALETTE[h % len(PALETTE)]


@dataclass(frozen=True)
class Mark:
    claim: str
    source: str | None
    x0: date
    x1: date  # == x0 for a point in time
    value: float | None
    low: float | None
    high: float | None
    bound: str
    label: str


def _d(s: Any) -> date | None:
    if isinstance(s, str) and s:
        return date.fromisoformat(s)
    return None


def marks_for(claims: Sequence[dict[str, Any]], origin: date) -> tuple[list[Mark], list[Mark]]:
    """The claims of one subject and metric as (cumulative marks, daily-rate marks); claims that fit
    neither (no dates) are not drawn."""
    cum: list[Mark] = []
    rate: list[Mark] = []
    for c in claims:
        start, end = _d(c.get("start")), _d(c.get("end"))
        per = c.get("per")
        fig = (c.get("value"), c.get("low"), c.get("high"))
        label = f"{c.get('source') or 'unattributed'}: {c.get('quote', '')}"
        if per is None:
            if end is None:
                continue
            if start is None or start <= origin:  # counted from the conflict's start
                cum.append(Mark(c["id"], c.get("source"), end, end, *fig, c["bound"], label))
            elif end >= start:
                n = (end - start).days + 1
                k = 1.0 / n
                v = [x * k if x is not None else None for x in fig]
                rate.append(Mark(c["id"], c.get("source"), start, end, v[0], v[1], v[2], c["bound"], label))
        elif per in PER_DAYS and start is not None and end is not None and end >= start:
            k = 1.0 / PER_DAYS[per]
            v = [x * k if x is not None else None for x in fig]
            rate.append(Mark(c["id"], c.get("source"), start, end, v[0], v[1], v[2], c["bound"], label))
    return cum, rate


def _nice(hi: float) -> float:
    if hi <= 0:
        return 1.0
    e = 10.0 ** math.floor(math.log10(hi))
    for m in (1, 2, 2.5, 5, 10):
        if hi <= m * e:
            return m * e
    return 10 * e


def _fmt(v: float) -> str:
    if v >= 1e6:
        return f"{v / 1e6:g}M"
    if v >= 1e3:
        return f"{v / 1e3:g}k"
    return f"{v:g}"


@dataclass
class Axis:
    x0: date
    x1: date
    ymax: float
    width: int = 900
    height: int = 300
    left: int = 64
    right: int = 16
    top: int = 14
    bottom: int = 28

    def x(self, d: date) -> float:
        span = max(1, (self.x1 - self.x0).days)
        return self.left + (self.width - self.left - self.right) * (d - self.x0).days / span

    def y(self, v: float) -> float:
        v = min(max(v, 0.0), self.ymax)
        return self.top + (self.height - self.top - self.bottom) * (1 - v / self.ymax)


def _frame(ax: Axis, title: str) -> list[str]:
    out = [
        f'<svg class="chart" viewBox="0 0 {ax.width} {ax.height}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for k in range(5):
        v = ax.ymax * k / 4
        y = ax.y(v)
        out.append(
            f'<line class="grid" x1="{ax.left}" x2="{ax.width - ax.right}" y1="{y:.1f}" y2="{y:.1f}"/>'
        )
        out.append(f'<text class="tick" x="{ax.left - 6}" y="{y + 4:.1f}" text-anchor="end">{_fmt(v)}</text>')
    year = ax.x0.year + 1
    while date(year, 1, 1) <= ax.x1:
        x = ax.x(date(year, 1, 1))
        out.append(
            f'<line class="grid" x1="{x:.1f}" x2="{x:.1f}" y1="{ax.top}" y2="{ax.height - ax.bottom}"/>'
        )
        out.append(f'<text class="tick" x="{x:.1f}" y="{ax.height - 8}" text-anchor="middle">{year}</text>')
        year += 1
    return out


def _band_and_line(ax: Axis, pts: Sequence[tuple[date, float, float, float]]) -> list[str]:
    """pts: (day, median, low90, high90); at most ~400 vertices are drawn."""
    if not pts:
        return []
    step = max(1, len(pts) // 400)
    sel = list(pts[::step])
    if sel[-1] != pts[-1]:
        sel.append(pts[-1])
    upper = " ".join(f"{ax.x(d):.1f},{ax.y(h):.1f}" for d, _, _, h in sel)
    lower = " ".join(f"{ax.x(d):.1f},{ax.y(lo):.1f}" for d, _, lo, _ in reversed(sel))
    line = " ".join(f"{ax.x(d):.1f},{ax.y(m):.1f}" for d, m, _, _ in sel)
    return [
        f'<polygon class="band" points="{upper} {lower}"><title>fused estimate, 90% interval</title></polygon>',
        f'<polyline class="estimate" points="{line}"><title>fused estimate (median)</title></polyline>',
    ]


def _mark(ax: Axis, m: Mark) -> str:
    c = colour(m.source)
    attrs = f'class="mark" data-claim="{escape(m.claim)}" data-source="{escape(m.source or "")}"'
    tip = f"<title>{escape(m.label)}</title>"
    x0, x1 = ax.x(m.x0), ax.x(m.x1)
    xm = (x0 + x1) / 2
    if m.bound == "range" and m.low is not None and m.high is not None:
        ya, yb = ax.y(m.high), ax.y(m.low)
        if x1 - x0 > 2:
            return (f'<rect {attrs} x="{x0:.1f}" y="{ya:.1f}" width="{x1 - x0:.1f}" height="{max(yb - ya, 2):.1f}" '
                    f'fill="{c}" fill-opacity="0.35" stroke="{c}">{tip}</rect>')  # fmt: skip
        return (f'<rect {attrs} x="{xm - 2.5:.1f}" y="{ya:.1f}" width="5" height="{max(yb - ya, 2):.1f}" '
                f'fill="{c}" fill-opacity="0.5" stroke="{c}">{tip}</rect>')  # fmt: skip
    v = m.value if m.value is not None else 0.0
    y = ax.y(v)
    if x1 - x0 > 2:  # a figure over a window: a bar across it
        dash = ' stroke-dasharray="4 2"' if m.bound == "approx" else ""
        return (f'<line {attrs} x1="{x0:.1f}" x2="{x1:.1f}" y1="{y:.1f}" y2="{y:.1f}" stroke="{c}" '
                f'stroke-width="4"{dash}>{tip}</line>')  # fmt: skip
    if m.bound == "at_least":
        return f'<path {attrs} d="M{xm - 5:.1f},{y + 4:.1f} L{xm + 5:.1f},{y + 4:.1f} L{xm:.1f},{y - 5:.1f} Z" fill="{c}">{tip}</path>'
    if m.bound == "at_most":
        return f'<path {attrs} d="M{xm - 5:.1f},{y - 4:.1f} L{xm + 5:.1f},{y - 4:.1f} L{xm:.1f},{y + 5:.1f} Z" fill="{c}">{tip}</path>'
    fill = "white" if m.bound == "approx" else c
    return f'<circle {attrs} cx="{xm:.1f}" cy="{y:.1f}" r="4" fill="{fill}" stroke="{c}" stroke-width="1.5">{tip}</circle>'


def _sample(marks: list[Mark]) -> tuple[list[Mark], int]:
    if len(marks) <= MAX_MARKS:
        return marks, 0
    step = len(marks) / MAX_MARKS
    return [marks[int(k * step)] for k in range(MAX_MARKS)], len(marks) - MAX_MARKS


def panel(
    title: str,
    marks: list[Mark],
    line: Sequence[tuple[date, float, float, float]],
    origin: date,
    until: date | None,
) -> tuple[str, int, int]:
    """One chart: (svg, marks drawn, marks left out)."""
    drawn, left_out = _sample(sorted(marks, key=lambda m: (m.x0, m.claim)))
    ends = [m.x1 for m in drawn] + [p[0] for p in line]
    x1 = max([*ends, until or origin]) if ends else (until or origin + timedelta(days=365))
    highs = [v for m in drawn for v in (m.high, m.value) if v is not None] + [p[3] for p in line]
    ymax = _nice(max(highs) * 1.05) if highs else 1.0
    ax = Axis(origin, max(x1, origin + timedelta(days=30)), ymax)
    out = _frame(ax, title)
    out += _band_and_line(ax, line)
    out += [_mark(ax, m) for m in drawn]
    out.append("</svg>")
    return "\n".join(out), len(drawn), left_out


def legend(sources: Sequence[str | None]) -> str:
    items = [
        f'<span class="key"><i style="background:{colour(s)}"></i>{escape(s or "unattributed")}</span>'
        for s in sources
    ]
    return '<div class="legend">' + "".join(items) + "</div>"
