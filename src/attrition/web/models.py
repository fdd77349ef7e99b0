"""The JSON API's request and response bodies (pydantic), so the OpenAPI document says exactly what
each route answers. Every text is a JSON string: nothing here is HTML."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

Number = int | float  # whole numbers stay integers in JSON, as in the CLI's records

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_date(value: Any) -> Any:
    """Only YYYY-MM-DD is a date here (pydantic alone also reads '0' or a datetime as one)."""
    if isinstance(value, str) and not _ISO_DATE.fullmatch(value):
        raise ValueError("expected a date as YYYY-MM-DD")
    if isinstance(value, int | float):
        raise ValueError("expected a date as YYYY-MM-DD")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
"""A date given by a client: exactly YYYY-MM-DD (still ``format: date`` in the OpenAPI document)."""


class Error(BaseModel):
    """Every error answer: one line saying what was wrong."""

    detail: str


class ClaimRecord(BaseModel):
    """A claim as the ledger keeps it (the fields of SCHEMA.md, its id, spans and extractor) and the
    URL, title and publication date of its document."""

    doc: str
    quote: str
    metric: str
    subject: str | None
    value: Number | None
    low: Number | None
    high: Number | None
    bound: Literal["exact", "approx", "at_least", "at_most", "range"]
    per: str | None
    start: dt.date | None
    end: dt.date | None
    source: str | None
    said_on: dt.date | None
    id: str
    span: tuple[int, int] = Field(description="The evidence's characters [start, end) in the document's text")
    spans: list[tuple[int, int]] = Field(description="Every place in the document the claim was read from")
    extractor: str
    url: str | None
    title: str | None
    published: dt.date | None
    attrs: dict[str, str | Number | None] | None = Field(
        default=None, description="Extra facts a structured connector knows (null for articles)"
    )


class ClaimPage(BaseModel):
    total: int = Field(description="How many claims match the filters (all pages)")
    limit: int
    offset: int
    items: list[ClaimRecord]


class FindingBrief(BaseModel):
    id: str
    kind: str
    severity: Literal["info", "warn", "error"]
    message: str


class ClaimDetail(ClaimRecord):
    """A claim, its source's kind and party, and the findings of the checks that cite it."""

    source_kind: str | None
    source_party: str | None
    findings: list[FindingBrief]


class ClaimRef(BaseModel):
    """A claim as a finding cites it."""

    id: str
    doc: str
    quote: str
    metric: str
    subject: str | None
    value: Number | None
    low: Number | None
    high: Number | None
    source: str | None


class FindingRecord(FindingBrief):
    claims: list[ClaimRef]


class FindingPage(BaseModel):
    total: int = Field(description="How many findings match the filters (all pages)")
    limit: int
    offset: int
    items: list[FindingRecord]


class EvidenceSpan(BaseModel):
    """Where a claim's evidence and its figure sit in the document's text (character offsets)."""

    claim: str
    start: int
    end: int
    figure_start: int
    figure_end: int
    figure: str = Field(description="The document's text[figure_start:figure_end]")
    metric: str
    subject: str | None


class DocumentRecord(BaseModel):
    id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: dt.date | None
    lang: str
    kind: str = Field(description="'article' (extracted from text) or 'dataset' (a structured source)")
    text: str
    spans: list[EvidenceSpan] = Field(description="Each claim's evidence, in text order")


class SeriesPoint(BaseModel):
    """The fused cumulative figure through the end of ``date``: the median and central intervals
    (low50/high50, low90/high90, low95/high95 for the levels the estimate was made with)."""

    model_config = ConfigDict(extra="allow")

    date: dt.date
    median: float
    low50: float | None = None
    high50: float | None = None
    low90: float | None = None
    high90: float | None = None
    low95: float | None = None
    high95: float | None = None


class MonthRate(BaseModel):
    month: str = Field(description="YYYY-MM")
    per_day: float
    low90: float
    high90: float


class SourceBias(BaseModel):
    source: str
    party: str | None
    claims: int
    bias: float = Field(description="Multiplicative bias against the consensus (1.0 = none)")
    low90: float
    high90: float


class EstimateRecord(BaseModel):
    subject: str
    metric: str
    method: str
    as_of: dt.date
    claims_hash: str
    n_claims: int
    latest: SeriesPoint
    monthly: list[MonthRate]
    sources: list[SourceBias]
    killed_share: list[float] | None = Field(description="[median, low90, high90] where fitted")
    cumulative: list[SeriesPoint] | None = Field(
        default=None, description="The daily series (only with ?series=true)"
    )


class SourceRecord(BaseModel):
    name: str
    kind: str | None
    party: str | None
    aliases: list[str]
    claims: int = Field(description="How many stored claims the source asserts")


class Health(BaseModel):
    status: Literal["ok"]
    documents: int
    claims: int


class IngestRequest(BaseModel):
    """An article to read: its text, or an http(s) URL to download it from (exactly one)."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(default=None, min_length=1)
    url: str | None = Field(default=None, pattern=r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s]+$", max_length=4096)
    title: str | None = None
    published: IsoDate | None = Field(default=None, description="The date, when the input gives none")

    @model_validator(mode="after")
    def _one_input(self) -> IngestRequest:
        if (self.text is None) == (self.url is None):
            raise ValueError("give exactly one of 'text' and 'url'")
        return self


class IngestResult(BaseModel):
    status: Literal["new", "duplicate", "replaced"]
    document: str = Field(description="The stored document's id")
    claims: list[ClaimRecord]
