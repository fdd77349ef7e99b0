"""Claims as tables, JSON Lines and CSV (pure: claims in, text out)."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from attrition.model import Claim, Document, Finding, Source

if TYPE_CHECKING:
    from attrition.store.ledger import ClaimRow

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


def to_table(claims: list[Claim], *, ids: bool = False) -> str:
    """An aligned text table, one claim per line; ``ids`` puts the claim id first (for ``show``)."""
    rows = [(("id",) if ids else ()) + ("doc", "metric", "subject", "figure", "period", "source", "said on")]
    for c in claims:
        rows.append(
            ((c.id,) if ids else ()) + (c.doc_id, c.metric, c.subject or "?", figure_text(c), period_text(c),
             c.source or "—", c.said_on.isoformat() if c.said_on else "")
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


def evidence_in_context(
    text: str,
    start: int,
    end: int,
    *,
    width: int = 300,
    mark: Callable[[str], str] | None = None,
    unit: str = "\n\n",
) -> str:
    """The evidence ``text[start:end]`` with up to ``width`` characters of its paragraph (or of what
    ``unit`` separates: "\\n" for a line of a data file) on each side, the evidence marked (by
    ``mark``, else between >>> and <<<)."""
    para_start = text.rfind(unit, 0, start)
    para_start = 0 if para_start < 0 else para_start + len(unit)
    para_end = text.find(unit, end)
    para_end = len(text) if para_end < 0 else para_end
    left = max(para_start, start - width)
    right = min(para_end, end + width)
    marker = mark or (lambda s: f">>>{s}<<<")
    before = ("…" if left > para_start else "") + text[left:start]
    after = text[end:right] + ("…" if right < para_end else "")
    return " ".join((before + marker(text[start:end]) + after).split())


RECORD_FIELDS = (*FIELDS, "url", "title", "published")


def records_csv(records: Iterable[dict[str, Any]]) -> str:
    """Ledger claim records (SCHEMA fields plus id, extractor, url, title, published) as CSV."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=RECORD_FIELDS, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for r in records:
        w.writerow(r)
    return buf.getvalue()


def sources_table(items: Iterable[tuple[Source, int]]) -> str:
    rows = [("source", "kind", "party", "claims", "aliases")]
    for s, n in items:
        rows.append((s.name, s.kind or "?", s.party or "-", str(n), str(len(s.aliases))))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for k, r in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(r)).rstrip())
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def figure_span(claim: Claim, text: str) -> tuple[int, int]:
    """Where the claim's figure itself sits in ``text`` (inside its evidence span), else the span."""
    f = claim.figure
    return figure_span_of(text, claim.span.start, claim.span.end, f.value, f.low, f.high)


def figure_span_of(
    text: str, s: int, e: int, value: float | None, low: float | None, high: float | None
) -> tuple[int, int]:
    """:func:`figure_span` from the plain fields: a figure written in digits is found directly (with or
    without thousands separators); anything else is read by the number scanner."""
    if value is not None and float(value).is_integer() and value >= 10:
        n = int(value)
        quote = text[s:e]
        for form in (f"{n:,}", str(n), f"{n:,}".replace(",", " ")):
            i = quote.find(form)
            if i < 0:
                continue
            after = quote[i + len(form) : i + len(form) + 2]
            part_of_more = after[:1].isdigit() or (after[:1] in ",." and after[1:2].isdigit())
            if not part_of_more and not quote[i - 1 : i].isdigit():
                return s + i, s + i + len(form)
    from attrition.extract.numbers import quantities

    target = (value,) if value is not None else (low, high)
    best: tuple[int, int] | None = None
    for q in quantities(text, s, e):
        vals = (q.value,) if q.value is not None else (q.low, q.high)
        if vals == target or (value is None and q.value in target) or (q.value is None and value in vals):
            best = (q.start, q.end) if best is None else (min(best[0], q.start), max(best[1], q.end))
    return best or (s, e)


def claim_card(
    row: ClaimRow, doc: Document, *, width: int = 300, color: bool = False, dataset: bool = False
) -> str:
    """A claim for a reader: the figure and what it counts, its source, and its evidence in context."""
    c = row.claim
    a, b = figure_span(c, doc.text)
    text = doc.text

    def bold(s: str) -> str:
        return f"\033[1;7m{s}\033[0m" if color else f"[[{s}]]"

    def mark(_: str) -> str:
        inner = text[c.span.start : a] + bold(text[a:b]) + text[b : c.span.end]
        return f"\033[4m{inner}\033[0m" if color else f">>>{inner}<<<"

    party = f", party: {row.source_party}" if row.source_party else ""
    kind = f" ({row.source_kind}{party})" if row.source_kind else (f" ({party[2:]})" if party else "")
    lines = [
        f"claim     {c.id}",
        f"figure    {figure_text(c)}  {c.metric} of {c.subject or '?'}",
        f"period    {period_text(c) or '(not stated)'}",
        f"source    {c.source or '(unattributed)'}{kind}",
        f"said on   {c.said_on.isoformat() if c.said_on else '(not stated)'}",
        f"document  {doc.id}" + (f"  {doc.title}" if doc.title else ""),
    ]
    if row.claim_url or doc.path:
        lines.append(f"link      {row.claim_url or doc.path}")
    if doc.published:
        lines.append(f"published {doc.published.isoformat()}")
    if len(c.spans) > 1:
        lines.append(f"stated    {len(c.spans)} times in the document")
    lines.append(f"extractor {c.extractor}")
    lines.append("")
    unit = "\n" if dataset else "\n\n"
    lines.append(evidence_in_context(text, c.span.start, c.span.end, width=width, mark=mark, unit=unit))
    return "\n".join(lines)


SEVERITY_MARK = {"error": "ERROR", "warn": "WARN ", "info": "info "}


def findings_text(findings: Sequence[Finding], *, claims: bool = False) -> str:
    """Findings for a terminal: one block each, severity and kind first, the claims' ids after."""
    if not findings:
        return "no findings\n"
    out = []
    for f in findings:
        out.append(f"{SEVERITY_MARK[f.severity]} {f.kind}: {f.message}")
        if claims:
            for c in f.claims:
                out.append(f"        {c.id}  {c.source or '—'}: “{c.quote}”")
    counts = Counter(f.severity for f in findings)
    out.append("")
    out.append(", ".join(f"{counts.get(s, 0)} {s}" for s in ("error", "warn", "info")))
    return "\n".join(out) + "\n"


def findings_jsonl(findings: Sequence[Finding]) -> str:
    return "".join(json.dumps(f.to_record(), ensure_ascii=False) + "\n" for f in findings)


def findings_markdown(findings: Sequence[Finding]) -> str:
    """Findings grouped by severity, each with its arithmetic and the quotes it rests on."""
    out = ["# Findings", ""]
    titles = {"error": "Errors", "warn": "Warnings", "info": "Verified"}
    for sev in ("error", "warn", "info"):
        group = [f for f in findings if f.severity == sev]
        if not group:
            continue
        out += [f"## {titles[sev]} ({len(group)})", ""]
        for f in group:
            out.append(f"- **{f.kind}**: {f.message}")
            for c in f.claims:
                quote = c.quote.replace("|", "\\|").replace("\n", " ")
                out.append(f"  - `{c.id}` {c.source or 'unattributed'}: “{quote}”")
        out.append("")
    if len(out) == 2:
        out.append("No findings.")
    return "\n".join(out) + "\n"
