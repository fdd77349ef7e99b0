"""Claims -> Findings: one module per kind of check, each a pure function of the claims.

``run_checks(claims, published)`` runs them all and returns the findings, errors first. Every
threshold is in :mod:`attrition.check.settings`, with its reason.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

from attrition.check import (
    additivity,
    arithmetic,
    claim_vs_series,
    divergence,
    impossible,
    rate_area,
    ratio,
    series,
)
from attrition.check.common import Fact, facts
from attrition.check.settings import DEFAULT, TABLE, Settings
from attrition.model import SEVERITIES, Claim, Finding

__all__ = ["DEFAULT", "KINDS", "TABLE", "Settings", "run_checks"]

Check = Callable[[Sequence[Fact], Settings], list[Finding]]

KINDS: dict[str, Check] = {
    "arithmetic": arithmetic.check,
    "additivity": additivity.check,
    "impossible_period": impossible.check,
    "divergence": divergence.check,
    "ratio": ratio.check,
    "rate_area": rate_area.check,
    "series": series.check,
    "claim_vs_series": claim_vs_series.check,
}


def run_checks(
    claims: Sequence[Claim],
    published: Mapping[str, date | None] | None = None,
    settings: Settings = DEFAULT,
    kinds: Sequence[str] | None = None,
) -> list[Finding]:
    """Every finding over ``claims`` (``published`` maps a document id to its publication date, the
    statement date of claims that give none), most severe first, then by kind and message."""
    fs = facts(claims, published)
    out: list[Finding] = []
    for name in kinds or KINDS:
        out.extend(KINDS[name](fs, settings))
    rank = {s: i for i, s in enumerate(reversed(SEVERITIES))}
    out.sort(key=lambda f: (rank[f.severity], f.kind, f.message))
    return out
