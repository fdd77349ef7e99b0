"""The domain: documents, figures, periods, claims.

Every record is a frozen dataclass. A :class:`Claim` carries its provenance:
the document it came from, the character spans of its evidence and the
versioned name of the extractor that produced it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

Bound = Literal["exact", "approx", "at_least", "at_most", "range"]
Per = Literal["day", "week", "month", "year", "km2"]

BOUNDS: tuple[Bound, ...] = ("exact", "approx", "at_least", "at_most", "range")
PERS: tuple[Per, ...] = ("day", "week", "month", "year", "km2")
METRICS: tuple[str, ...] = (
    "casualties",
    "killed",
    "wounded",
    "killed_or_missing",
    "missing",
    "captured",
    "permanent_losses",
    "recruited",
    "deployed",
    "territory_km2",
    "territory_pct",
    "displaced",
)


SOURCE_KINDS: tuple[str, ...] = (
    "government",
    "military",
    "intelligence",
    "international organisation",
    "media",
    "research",
    "NGO",
)


def document_id(text: str) -> str:
    """The id of a document's content: the same text always gets the same id (whitespace at the ends
    and Windows line ends do not count)."""
    norm = text.replace("\r\n", "\n").strip()
    return "d" + hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Source:
    """Who asserts figures: a canonical name, its aliases, its kind (one of SOURCE_KINDS or None) and
    the conflict party it belongs to (a subject such as "ukraine", or None for a non-party)."""

    name: str
    kind: str | None = None
    party: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    """An article as attrition reads it: its text and what is known about it."""

    id: str
    text: str
    published: date | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    lang: str = "en"
    path: str | None = None


@dataclass(frozen=True, slots=True)
class Figure:
    """A stated number: a point (``value``) or a range (``low``/``high``), with its bound."""

    value: float | None
    low: float | None = None
    high: float | None = None
    bound: Bound = "exact"

    def __post_init__(self) -> None:
        if self.bound not in BOUNDS:
            raise ValueError(f"bound must be one of {BOUNDS}, got {self.bound!r}")
        if self.bound == "range":
            if self.low is None or self.high is None or self.value is not None:
                raise ValueError("a range needs low and high and no value")
            if self.low > self.high:
                raise ValueError(f"range low {self.low} is above high {self.high}")
        elif self.value is None:
            raise ValueError("a point figure needs a value")

    @property
    def central(self) -> float:
        """A single number for the figure: the value, or the middle of a range."""
        if self.value is not None:
            return self.value
        assert self.low is not None and self.high is not None
        return (self.low + self.high) / 2


@dataclass(frozen=True, slots=True)
class Period:
    """The window a figure covers; either end may be unknown."""

    start: date | None = None
    end: date | None = None

    @property
    def days(self) -> int | None:
        if self.start is None or self.end is None:
            return None
        return (self.end - self.start).days + 1


@dataclass(frozen=True, slots=True)
class Span:
    """Characters ``[start, end)`` of a document's text."""

    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Claim:
    """One numeric claim: what is counted, whose, how many, over when, who says so."""

    doc_id: str
    metric: str
    subject: str | None
    figure: Figure
    per: Per | None
    period: Period
    source: str | None
    said_on: date | None
    quote: str
    span: Span
    spans: tuple[Span, ...] = field(default=())
    extractor: str = "extract.en.v1"
    # Extra facts a structured connector knows (e.g. ("increase", 1130.0) for a daily tally), as pairs.
    attrs: tuple[tuple[str, str | float | None], ...] = field(default=())

    @property
    def id(self) -> str:
        """A stable id: the same claim read from the same document gets the same id."""
        f = self.figure
        key = "|".join(
            str(x)
            for x in (
                self.doc_id,
                self.metric,
                self.subject,
                f.value,
                f.low,
                f.high,
                self.per,
                self.period.start,
                self.period.end,
            )
        )
        return "c" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def to_record(self) -> dict[str, Any]:
        """The claim as a SCHEMA.md record, plus ``id``, ``span``, ``spans`` and ``extractor``."""
        f = self.figure
        return {
            "doc": self.doc_id,
            "quote": self.quote,
            "metric": self.metric,
            "subject": self.subject,
            "value": _num(f.value),
            "low": _num(f.low),
            "high": _num(f.high),
            "bound": f.bound,
            "per": self.per,
            "start": _iso(self.period.start),
            "end": _iso(self.period.end),
            "source": self.source,
            "said_on": _iso(self.said_on),
            "id": self.id,
            "span": [self.span.start, self.span.end],
            "spans": [[s.start, s.end] for s in (self.spans or (self.span,))],
            "extractor": self.extractor,
            **({"attrs": dict(self.attrs)} if self.attrs else {}),
        }


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None


def _num(x: float | None) -> float | int | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else x


Severity = Literal["info", "warn", "error"]
SEVERITIES: tuple[Severity, ...] = ("info", "warn", "error")


@dataclass(frozen=True, slots=True)
class ClaimRef:
    """A claim as a finding cites it: enough to read the finding without the ledger."""

    id: str
    doc: str
    quote: str
    metric: str
    subject: str | None
    value: float | None
    low: float | None
    high: float | None
    source: str | None

    @classmethod
    def of(cls, c: Claim) -> ClaimRef:
        f = c.figure
        return cls(c.id, c.doc_id, c.quote, c.metric, c.subject, f.value, f.low, f.high, c.source)

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc": self.doc,
            "quote": self.quote,
            "metric": self.metric,
            "subject": self.subject,
            "value": _num(self.value),
            "low": _num(self.low),
            "high": _num(self.high),
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class Finding:
    """What a check found: a relation that holds (``info``) or does not (``warn``, ``error``), in
    plain words with the arithmetic, and the claims involved."""

    kind: str
    severity: Severity
    message: str
    claims: tuple[ClaimRef, ...]

    @property
    def id(self) -> str:
        """Stable for the same kind over the same claims (recomputing gives the same ids)."""
        key = self.kind + "|" + "|".join(c.id for c in self.claims)
        return "f" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "severity": self.severity,
            "message": self.message,
            "claims": [c.to_record() for c in self.claims],
        }


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """The fused cumulative figure through the end of ``day``: median and central intervals."""

    day: date
    median: float
    q: tuple[tuple[float, float], ...]  # (low, high) for each level of Estimate.levels

    def to_record(self, levels: tuple[float, ...]) -> dict[str, Any]:
        rec: dict[str, Any] = {"date": self.day.isoformat(), "median": round(self.median, 1)}
        for lv, (lo, hi) in zip(levels, self.q, strict=True):
            rec[f"low{int(lv * 100)}"] = round(lo, 1)
            rec[f"high{int(lv * 100)}"] = round(hi, 1)
        return rec


@dataclass(frozen=True, slots=True)
class SourceBias:
    """A source's multiplicative bias against the consensus (1.0 = none) with its 90% interval."""

    source: str
    party: str | None
    claims: int
    bias: float
    low90: float
    high90: float


@dataclass(frozen=True, slots=True)
class Residual:
    """How far a claim sits from the fused estimate, in standard deviations of its own error."""

    claim_id: str
    source: str | None
    value: float
    fitted: float
    z: float


@dataclass(frozen=True, slots=True)
class Estimate:
    """The fused series for a subject and metric family from the claims a fit used."""

    subject: str
    metric: str
    method: str
    as_of: date
    claims_hash: str
    n_claims: int
    levels: tuple[float, ...]
    cumulative: tuple[SeriesPoint, ...]  # one per day from the conflict's start to ``as_of``
    monthly: tuple[tuple[str, float, float, float], ...]  # (YYYY-MM, median a day, low90, high90)
    biases: tuple[SourceBias, ...]
    residuals: tuple[Residual, ...]
    killed_share: tuple[float, float, float] | None = None  # median, low90, high90 where fitted

    @property
    def latest(self) -> SeriesPoint:
        return self.cumulative[-1]
