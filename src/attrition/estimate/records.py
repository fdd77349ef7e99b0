"""Estimates as plain records (JSON, CSV, tables): what is stored in the ledger and exported."""

from __future__ import annotations

import csv
import io
from typing import Any

from attrition.model import Estimate


def estimate_record(est: Estimate) -> dict[str, Any]:
    """The whole estimate as one JSON-able record."""
    return {
        "subject": est.subject,
        "metric": est.metric,
        "method": est.method,
        "as_of": est.as_of.isoformat(),
        "claims_hash": est.claims_hash,
        "n_claims": est.n_claims,
        "latest": est.latest.to_record(est.levels),
        "killed_share": list(est.killed_share) if est.killed_share else None,
        "cumulative": [p.to_record(est.levels) for p in est.cumulative],
        "monthly": [
            {"month": m, "per_day": round(v, 1), "low90": round(lo, 1), "high90": round(hi, 1)}
            for m, v, lo, hi in est.monthly
        ],
        "sources": [
            {
                "source": b.source,
                "party": b.party,
                "claims": b.claims,
                "bias": round(b.bias, 4),
                "low90": round(b.low90, 4),
                "high90": round(b.high90, 4),
            }
            for b in est.biases
        ],
        "residuals": [
            {
                "claim": r.claim_id,
                "source": r.source,
                "value": r.value,
                "fitted": round(r.fitted, 1),
                "z": round(r.z, 3),
            }
            for r in est.residuals
        ],
    }


def _n(x: float) -> str:
    return f"{x:,.0f}"


def headline(est: Estimate) -> str:
    p = est.latest
    lo, hi = p.q[est.levels.index(0.9)]
    return (
        f"{est.subject} {est.metric} through {p.day.isoformat()}: {_n(p.median)} "
        f"(90% interval {_n(lo)}-{_n(hi)}; {est.n_claims} claims, {est.method})"
    )


def estimate_table(est: Estimate, months: int = 12) -> str:
    """A readable summary: the headline, the last months' daily rates, the sources' biases."""
    out = [headline(est)]
    if est.killed_share:
        m, lo, hi = est.killed_share
        out.append(f"killed share of casualties: {100 * m:.0f}% (90%: {100 * lo:.0f}-{100 * hi:.0f}%)")
    out += ["", "month     a day (median)  90% interval"]
    for month, v, lo, hi in est.monthly[-months:]:
        out.append(f"{month}   {_n(v):>14}  {_n(lo)}-{_n(hi)}")
    out += ["", f"{'source':<44} {'party':<9} {'claims':>6}  bias (90% interval)"]
    for b in est.biases:
        interval = f"{b.bias:.2f} ({b.low90:.2f}-{b.high90:.2f})"
        out.append(f"{b.source[:44]:<44} {b.party or '-':<9} {b.claims:>6}  {interval}")
    far = sorted(est.residuals, key=lambda r: -abs(r.z))[:5]
    if far and abs(far[0].z) > 2:
        out += ["", "claims furthest from the consensus (z):"]
        out += [
            f"  {r.claim_id}  {r.source or '?'}: {_n(r.value)} vs {_n(r.fitted)} (z {r.z:+.1f})"
            for r in far
            if abs(r.z) > 2
        ]
    return "\n".join(out) + "\n"


def cumulative_csv(est: Estimate) -> str:
    buf = io.StringIO()
    recs = [p.to_record(est.levels) for p in est.cumulative]
    w = csv.DictWriter(buf, fieldnames=list(recs[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(recs)
    return buf.getvalue()
