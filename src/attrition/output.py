"""Claims as tables, JSON Lines and CSV (pure: claims in, text out)."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable

from attrition.model import Claim

FIELDS = ("doc", "quote", "metric", "subject", "value", "low", "high", "bound", "per",
          "start", "end", "source", "said_on", "id", "extractor")  # fmt: skip


def to_jsonl(claims: Iterable[Claim]) -> str:
    return "".join(json.dumps(c.to_record(), ensure_ascii=False) + "\n" for c in claims)


def to_csv(claims: Iterable[Claim]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=FIELDS, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for c in claims:
        w.writerow(c.to_record())
    return buf.getvalue()


def figure_text(c: Claim) -> str:
    f = c.figure
    sign = {"approx": "~", "at_least": ">=", "at_most": "<=", "exact": "", "range": ""}[f.bound]
    if f.bound == "range":
        body = f"{_n(f.low)}-{_n(f.high)}"
    else:
        body = sign + _n(f.value)
    return body + (f"/{c.per}" if c.per else "")


def _n(x: float | None) -> str:
    if x is None:
        return "?"
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"


def period_text(c: Claim) -> str:
    s, e = c.period.start, c.period.end
    if s is None and e is None:
        return ""
    return f"{s.isoformat() if s else '…'} → {e.isoformat() if e else '…'}"


def to_table(claims: list[Claim]) -> str:
    rows = [("doc", "metric", "subject", "figure", "period", "source", "said on")]
    for c in claims:
        rows.append(
            (c.doc_id, c.metric, c.subject or "?", figure_text(c), period_text(c), c.source or "—",
             c.said_on.isoformat() if c.said_on else "")
        )  # fmt: skip
    widths = [min(40, max(len(r[i]) for r in rows)) for i in range(len(rows[0]))]
    lines = []
    for k, r in enumerate(rows):
        lines.append("  ".join(cell[:40].ljust(widths[i]) for i, cell in enumerate(r)).rstrip())
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def summary(claims: list[Claim], n_docs: int) -> str:
    """A readable digest: counts by subject and metric, then by source, then the claims."""
    out = [f"{len(claims)} claims from {n_docs} documents", ""]
    by_sm = Counter((c.subject or "?", c.metric) for c in claims)
    out.append("By subject and metric:")
    for (s, m), k in sorted(by_sm.items(), key=lambda kv: (-kv[1], kv[0])):
        out.append(f"  {s:<14} {m:<18} {k:>4}")
    out.append("")
    out.append("By source:")
    for s, k in Counter(c.source or "(unattributed)" for c in claims).most_common():
        out.append(f"  {s:<40} {k:>4}")
    out.append("")
    out.append(to_table(claims))
    return "\n".join(out)
