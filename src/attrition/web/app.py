"""A JSON API over a ledger: claims, documents with their evidence spans, findings, estimates, sources.

- Read-only by default: every request opens its own connection (SQLite connections stay in the
  thread that made them), set ``query_only`` and read inside one transaction, so a page's items and
  its total come from the same snapshot. ``POST /api/documents`` ingests only when the app was made
  with ``allow_ingest=True``; otherwise it answers 403.
- Every answer is JSON described by a pydantic model in :mod:`attrition.web.models`, so the OpenAPI
  document (``/openapi.json``) is complete; errors are ``{"detail": "one line"}``. Texts are JSON
  strings, never HTML, and the API's answers carry ``nosniff`` and a ``default-src 'none'`` policy so
  a browser never runs anything in them.
- Request bodies over ``max_body`` bytes are refused (413) before anything parses them.
- ``total`` of a page of claims is ``Ledger.count_claims``: one ``SELECT count(*)`` built from the
  same filters as the page's query, in the same read transaction.
- The dashboard page (:mod:`attrition.web.dashboard`, at ``/``) reads this API.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from attrition import __version__
from attrition.errors import InputError, UsageError
from attrition.model import Document
from attrition.output import figure_span
from attrition.store.ledger import ClaimRow, Ledger, content_hash
from attrition.web.dashboard import add_dashboard
from attrition.web.models import (
    ClaimDetail,
    ClaimPage,
    ClaimRecord,
    DocumentRecord,
    Error,
    EstimateRecord,
    EvidenceSpan,
    FindingBrief,
    FindingPage,
    FindingRecord,
    Health,
    IngestRequest,
    IngestResult,
    IsoDate,
    SourceRecord,
)

DEFAULT_MAX_BODY = 5 * 2**20
MAX_LIMIT = 1000
MAX_OFFSET = 2**53  # the largest integer every JSON reader keeps exactly

_ERROR = {"model": Error}
BAD_PARAMS: dict[int | str, dict[str, Any]] = {422: {**_ERROR, "description": "Invalid parameters"}}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {**_ERROR, "description": "Not in the ledger"}}

Limit = Annotated[int, Query(ge=0, le=MAX_LIMIT, description=f"Items in the page (at most {MAX_LIMIT})")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip before the page")]


def create_app(
    db_path: str | Path, *, allow_ingest: bool = False, max_body: int = DEFAULT_MAX_BODY
) -> FastAPI:
    """The API over the ledger at ``db_path``. Read-only unless ``allow_ingest``; with it, a missing
    ledger file is created, without it a missing file is a :class:`UsageError`."""
    path = Path(db_path)
    if not allow_ingest and not path.exists():
        raise UsageError(f"{path}: no ledger there (ingest documents into it first)")
    with Ledger(path):  # applies pending migrations and seeds the known sources once, up front
        pass

    app = FastAPI(
        title="attrition",
        version=__version__,
        description="Numeric claims about armed conflicts read from news articles, the findings of "
        "the checks over them and the fused estimates. Every text is returned as data (JSON).",
    )
    app.add_middleware(_Guard, max_body=max_body)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    add_dashboard(app, path)

    @contextmanager
    def reading() -> Iterator[Ledger]:
        ledger = Ledger(path, seed_sources=False)
        try:
            ledger.db.execute("PRAGMA query_only = ON")
            ledger.db.execute("BEGIN")  # one snapshot for every read of the request
            yield ledger
        finally:
            ledger.close()

    # -- claims -----------------------------------------------------------------------------------

    @app.get("/api/claims", response_model=ClaimPage, responses=BAD_PARAMS, tags=["claims"])
    def list_claims(
        subject: Annotated[str | None, Query(description="e.g. russia (spaces read as _)")] = None,
        metric: Annotated[str | None, Query(description="e.g. killed, casualties, wounded")] = None,
        source: Annotated[str | None, Query(description="A source's name or one of its aliases")] = None,
        since: Annotated[IsoDate | None, Query(description="Claims about this date or later")] = None,
        until: Annotated[IsoDate | None, Query(description="Claims about this date or earlier")] = None,
        search: Annotated[str | None, Query(description="Words in the quote or document text")] = None,
        doc: Annotated[str | None, Query(description="A document's id")] = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ) -> ClaimPage:
        """Claims matching every filter given, oldest first (by the date a claim refers to: its
        period's end, else when it was said, else its document's publication date)."""
        filters: dict[str, Any] = {
            "subject": subject,
            "metric": metric,
            "source": source,
            "since": since,
            "until": until,
            "search": search,
            "doc_id": doc,
        }
        with reading() as ledger:
            rows = ledger.claims(**filters, limit=limit, offset=offset)
            total = ledger.count_claims(**filters)
        return ClaimPage(total=total, limit=limit, offset=offset, items=[_claim_record(r) for r in rows])

    @app.get(
        "/api/claims/{claim_id}",
        response_model=ClaimDetail,
        responses={**NOT_FOUND, **BAD_PARAMS},
        tags=["claims"],
    )
    def get_claim(claim_id: str) -> ClaimDetail:
        """One claim (by id, or a unique prefix of it), its source's kind and party, and its findings."""
        with reading() as ledger:
            row = ledger.claim(claim_id)
            if row is None:
                raise HTTPException(404, f"no claim {_shown(claim_id)} in the ledger")
            findings = ledger.findings(claim_id=row.claim.id)
        return ClaimDetail(
            **row.to_record(),
            source_kind=row.source_kind,
            source_party=row.source_party,
            findings=[
                FindingBrief(id=f.id, kind=f.kind, severity=f.severity, message=f.message) for f in findings
            ],
        )

    # -- documents --------------------------------------------------------------------------------

    @app.get(
        "/api/documents/{doc_id}",
        response_model=DocumentRecord,
        responses={**NOT_FOUND, **BAD_PARAMS},
        tags=["documents"],
    )
    def get_document(doc_id: str) -> DocumentRecord:
        """A document's text and metadata, and where each of its claims' evidence and figure sit in
        the text (character offsets into ``text``), so a page can highlight them."""
        with reading() as ledger:
            stored = ledger.document(doc_id)
            if stored is None:
                raise HTTPException(404, f"no document {_shown(doc_id)} in the ledger")
            rows = ledger.claims(doc_id=doc_id)
        doc = stored.document
        return DocumentRecord(
            id=doc.id,
            title=doc.title,
            url=doc.url,
            outlet=doc.outlet,
            published=doc.published,
            lang=doc.lang,
            kind=stored.kind,
            text=doc.text,
            spans=_evidence(doc, rows),
        )

    if allow_ingest:

        @app.post(
            "/api/documents",
            response_model=IngestResult,
            status_code=201,
            responses={
                200: {"model": IngestResult, "description": "Already in the ledger (a duplicate)"},
                400: {**_ERROR, "description": "The text or page cannot be read"},
                413: {**_ERROR, "description": "The request body is too large"},
                422: {**_ERROR, "description": "Invalid body: give exactly one of text and url"},
            },
            tags=["documents"],
        )
        def ingest(body: IngestRequest) -> Any:
            """Read an article (its text, or an http(s) URL to download), extract its claims and store
            both: 201 with status ``new`` or ``replaced`` (re-extracted by a newer extractor), 200
            with ``duplicate`` when the same text is already stored."""
            doc = _request_document(body)
            from attrition.workflow import ingest_documents

            with Ledger(path, seed_sources=False) as ledger:
                report = ingest_documents(ledger, [doc], command="web")
                if report.failed:
                    raise HTTPException(400, report.errors[0] if report.errors else "could not be stored")
                # the stored id: the same text may be stored under an id a connector gave it
                row = ledger.db.execute(
                    "SELECT id FROM documents WHERE content_hash = ?", (content_hash(doc.text),)
                ).fetchone()
                doc_id = str(row[0]) if row is not None else doc.id
                rows = ledger.claims(doc_id=doc_id)
            status: Literal["new", "duplicate", "replaced"] = (
                "new" if report.ingested else "replaced" if report.replaced else "duplicate"
            )
            result = IngestResult(status=status, document=doc_id, claims=[_claim_record(r) for r in rows])
            code = 200 if status == "duplicate" else 201
            return JSONResponse(result.model_dump(mode="json"), status_code=code)

    else:

        @app.post("/api/documents", response_model=Error, status_code=403, tags=["documents"])
        def ingest_refused() -> Error:
            """Ingest is off: this server was started read-only (``attrition serve`` without
            ``--allow-ingest``), so posting documents is refused with 403."""
            raise HTTPException(403, _INGEST_OFF)

    # -- findings, estimates, sources -------------------------------------------------------------

    @app.get("/api/findings", response_model=FindingPage, responses=BAD_PARAMS, tags=["findings"])
    def list_findings(
        min_severity: Annotated[
            Literal["info", "warn", "error"], Query(description="The least severe findings to list")
        ] = "info",
        kind: Annotated[str | None, Query(description="The check that made them, e.g. arithmetic")] = None,
        claim: Annotated[str | None, Query(description="Only findings that cite this claim id")] = None,
        limit: Limit = 100,
        offset: Offset = 0,
    ) -> FindingPage:
        """The stored findings of the checks, most severe first."""
        with reading() as ledger:
            found = ledger.findings(min_severity=min_severity, kind=kind, claim_id=claim)
        items = [FindingRecord.model_validate(f.to_record()) for f in found[offset : offset + limit]]
        return FindingPage(total=len(found), limit=limit, offset=offset, items=items)

    @app.get("/api/estimates", response_model=list[EstimateRecord], responses=BAD_PARAMS, tags=["estimates"])
    def list_estimates(
        series: Annotated[bool, Query(description="Include each estimate's daily cumulative series")] = False,
    ) -> list[EstimateRecord]:
        """The newest stored estimate of each subject and metric."""
        with reading() as ledger:
            records = ledger.estimates()
        out = []
        for rec in records:
            if not series:
                rec.pop("cumulative", None)
            out.append(EstimateRecord.model_validate(rec))
        return out

    @app.get("/api/sources", response_model=list[SourceRecord], tags=["sources"])
    def list_sources() -> list[SourceRecord]:
        """Every known source with the number of claims it asserts, most claims first."""
        with reading() as ledger:
            sources = ledger.sources()
        return [
            SourceRecord(name=s.name, kind=s.kind, party=s.party, aliases=list(s.aliases), claims=n)
            for s, n in sources
        ]

    @app.get("/api/health", response_model=Health, tags=["health"])
    def health() -> Health:
        """The server is up and reads its ledger: how many documents and claims it holds."""
        with reading() as ledger:
            counts = ledger.counts()
        return Health(status="ok", documents=counts["documents"], claims=counts["claims"])

    return app


_INGEST_OFF = "ingest is off: this server is read-only (start it with --allow-ingest to post documents)"


def _claim_record(row: ClaimRow) -> ClaimRecord:
    return ClaimRecord.model_validate(row.to_record())


def _evidence(doc: Document, rows: list[ClaimRow]) -> list[EvidenceSpan]:
    """Each place each claim was read from, with its figure's characters, in text order."""
    out = []
    for row in rows:
        c = row.claim
        for span in c.spans or (c.span,):
            a, b = figure_span(dataclasses.replace(c, span=span), doc.text)
            out.append(
                EvidenceSpan(
                    claim=c.id,
                    start=span.start,
                    end=span.end,
                    figure_start=a,
                    figure_end=b,
                    figure=doc.text[a:b],
                    metric=c.metric,
                    subject=c.subject,
                )
            )
    out.sort(key=lambda e: (e.start, e.figure_start, e.claim))
    return out


def _request_document(body: IngestRequest) -> Document:
    """The Document a POST asks to ingest; HTTPException 400 with the reader's message if unreadable."""
    from attrition.ingest import iter_documents
    from attrition.ingest.text import text_document

    try:
        if body.text is not None:
            # surrogatepass: a lone surrogate in the JSON becomes bytes the reader reports as not UTF-8
            data = body.text.encode("utf-8", errors="surrogatepass")
            doc = dataclasses.replace(text_document(data, "text", published=body.published), path=None)
        else:
            url = body.url or ""
            if not url.lower().startswith(("http://", "https://")):  # never a file path or stdin
                raise HTTPException(422, "url: only http and https URLs can be read")
            items = list(iter_documents([url], published=body.published))
            docs = [d for d in items if isinstance(d, Document)]
            if len(docs) != 1:
                errors = [str(e) for e in items if isinstance(e, InputError)]
                if not docs:
                    raise HTTPException(400, errors[0] if errors else f"{url}: no document in it")
                raise HTTPException(
                    400, f"{url}: holds {len(docs)} documents (a feed or records); post one article at a time"
                )
            doc = docs[0]
    except InputError as e:
        raise HTTPException(400, _one_line(str(e))) from e
    if body.title is not None:
        doc = dataclasses.replace(doc, title=body.title)
    return doc


def _shown(s: str, n: int = 80) -> str:
    return repr(s if len(s) <= n else s[:n] + "…")


def _one_line(s: str) -> str:
    return " ".join(s.split())


# -- errors -----------------------------------------------------------------------------------------


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=exc.headers)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    """422 with one line naming each bad parameter and what is wrong with it."""
    assert isinstance(exc, RequestValidationError)
    parts = []
    for err in exc.errors():
        loc = [str(x) for x in err.get("loc", ())]
        where = " ".join([loc[0], ".".join(loc[1:])]).strip() if loc else "request"
        msg = str(err.get("msg", "invalid")).removeprefix("Value error, ")
        parts.append(f"{where}: {msg}")
    return JSONResponse({"detail": _one_line("; ".join(parts) or "invalid request")}, status_code=422)


# -- the ASGI guard ---------------------------------------------------------------------------------

_API_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'"),
    (b"referrer-policy", b"no-referrer"),
)


class _Guard:
    """Refuses request bodies over ``max_body`` bytes (413, by the Content-Length header or by counting
    the bytes as they come, before anything parses them) and adds headers that keep browsers from
    sniffing or running the API's answers."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        api = str(scope.get("path", "")).startswith(("/api/", "/openapi"))

        async def guarded_send(message: Message) -> None:
            if api and message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *_API_HEADERS]}
            await send(message)

        too_large = JSONResponse(
            {"detail": f"the request body is over the {self.max_body:,}-byte limit"}, status_code=413
        )
        length = dict(scope.get("headers", [])).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_body:
            await too_large(scope, receive, guarded_send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                await too_large(scope, receive, guarded_send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, guarded_send)
