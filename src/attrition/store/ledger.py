"""The ledger: one SQLite file that keeps every document and claim attrition has read.

- Versioned schema: ``PRAGMA user_version`` counts the migrations applied; opening a ledger applies
  the missing ones inside one write transaction, so two processes opening a new file do it once.
- Idempotent: a document is known by the hash of its text. The same text stored again is a
  duplicate and changes nothing; stored again by a different extractor (a newer version), its
  claims are replaced in one transaction.
- Crash-safe: WAL journal and one transaction per document, so a process killed at any point
  leaves each document either fully stored (with all its claims) or not at all.
- Concurrent writers: every write transaction starts with ``BEGIN IMMEDIATE`` under a busy
  timeout and is retried on "database is locked".
- Datasette-friendly: ``documents_fts`` and ``claims_fts`` are FTS5 indexes over document text and
  claim quotes, which Datasette detects and offers as search boxes. New rows enter them in the
  transaction that stores them (one statement per document; a batch's claims in one statement at
  its end); updates and deletes by triggers.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal, TypeVar

from attrition.errors import UsageError
from attrition.model import (
    SEVERITIES,
    Claim,
    ClaimRef,
    Document,
    Estimate,
    Figure,
    Finding,
    Period,
    Source,
    Span,
)

DEFAULT_DB = "attrition.db"
BUSY_TIMEOUT_S = 60.0
T = TypeVar("T")

AddStatus = Literal["new", "duplicate", "replaced"]

# Each entry moves the schema one version up. Never edit an entry that has shipped: append one.
MIGRATIONS: tuple[str, ...] = (
    # 1: documents, sources, claims, runs, and the full-text indexes.
    """
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        command TEXT NOT NULL,
        extractor TEXT,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        ingested INTEGER NOT NULL DEFAULT 0,
        duplicates INTEGER NOT NULL DEFAULT 0,
        replaced INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL UNIQUE,
        text TEXT NOT NULL,
        url TEXT,
        title TEXT,
        outlet TEXT,
        published TEXT,
        lang TEXT NOT NULL DEFAULT 'en',
        path TEXT,
        kind TEXT NOT NULL DEFAULT 'article' CHECK (kind IN ('article', 'dataset')),
        extractor TEXT NOT NULL,
        run_id INTEGER REFERENCES runs(id),
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX documents_url ON documents(url);
    CREATE TABLE sources (
        name TEXT PRIMARY KEY,
        kind TEXT,
        party TEXT,
        aliases TEXT NOT NULL DEFAULT '[]'
    );
    CREATE TABLE claims (
        id TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        metric TEXT NOT NULL,
        subject TEXT,
        value REAL,
        low REAL,
        high REAL,
        bound TEXT NOT NULL,
        per TEXT,
        start TEXT,
        "end" TEXT,
        source TEXT REFERENCES sources(name),
        said_on TEXT,
        quote TEXT NOT NULL,
        span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL,
        spans TEXT NOT NULL,
        extractor TEXT NOT NULL,
        attrs TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX claims_doc ON claims(doc_id);
    CREATE INDEX claims_subject_metric ON claims(subject, metric, "end");
    CREATE INDEX claims_source ON claims(source);

    CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='rowid');
    CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE TRIGGER documents_au AFTER UPDATE OF title, text ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;

    CREATE VIRTUAL TABLE claims_fts USING fts5(quote, source, content='claims', content_rowid='rowid');
    CREATE TRIGGER claims_ai AFTER INSERT ON claims BEGIN
        INSERT INTO claims_fts(rowid, quote, source) VALUES (new.rowid, new.quote, new.source);
    END;
    CREATE TRIGGER claims_ad AFTER DELETE ON claims BEGIN
        INSERT INTO claims_fts(claims_fts, rowid, quote, source)
        VALUES ('delete', old.rowid, old.quote, old.source);
    END;
    CREATE TRIGGER claims_au AFTER UPDATE OF quote, source ON claims BEGIN
        INSERT INTO claims_fts(claims_fts, rowid, quote, source)
        VALUES ('delete', old.rowid, old.quote, old.source);
        INSERT INTO claims_fts(rowid, quote, source) VALUES (new.rowid, new.quote, new.source);
    END;
    """,
    # 2: findings of the checks, linked to their claims.
    """
    CREATE TABLE findings (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        severity TEXT NOT NULL CHECK (severity IN ('info', 'warn', 'error')),
        message TEXT NOT NULL,
        claims TEXT NOT NULL,
        run_id INTEGER REFERENCES runs(id),
        checked_at TEXT NOT NULL
    );
    CREATE INDEX findings_kind ON findings(kind, severity);
    CREATE TABLE finding_claims (
        finding_id TEXT NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
        claim_id TEXT NOT NULL,
        PRIMARY KEY (finding_id, claim_id)
    );
    CREATE INDEX finding_claims_claim ON finding_claims(claim_id);
    """,
    # 3: fused estimates, with the method and a hash of the claims they used.
    """
    CREATE TABLE estimates (
        id INTEGER PRIMARY KEY,
        subject TEXT NOT NULL,
        metric TEXT NOT NULL,
        method TEXT NOT NULL,
        as_of TEXT NOT NULL,
        claims_hash TEXT NOT NULL,
        n_claims INTEGER NOT NULL,
        median REAL NOT NULL,
        low90 REAL NOT NULL,
        high90 REAL NOT NULL,
        result TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (subject, metric, method, as_of, claims_hash)
    );
    """,
    # 4: the claims' full-text index over quotes only (sources are a column to filter on, and
    # indexing them too cost a quarter of the time to store a claim).
    """
    DROP TRIGGER claims_ai;
    DROP TRIGGER claims_ad;
    DROP TRIGGER claims_au;
    DROP TABLE claims_fts;
    CREATE VIRTUAL TABLE claims_fts USING fts5(quote, content='claims', content_rowid='rowid');
    INSERT INTO claims_fts(claims_fts) VALUES ('rebuild');
    CREATE TRIGGER claims_ai AFTER INSERT ON claims BEGIN
        INSERT INTO claims_fts(rowid, quote) VALUES (new.rowid, new.quote);
    END;
    CREATE TRIGGER claims_ad AFTER DELETE ON claims BEGIN
        INSERT INTO claims_fts(claims_fts, rowid, quote) VALUES ('delete', old.rowid, old.quote);
    END;
    CREATE TRIGGER claims_au AFTER UPDATE OF quote ON claims BEGIN
        INSERT INTO claims_fts(claims_fts, rowid, quote) VALUES ('delete', old.rowid, old.quote);
        INSERT INTO claims_fts(rowid, quote) VALUES (new.rowid, new.quote);
    END;
    """,
    # 5: new rows enter the full-text indexes in one statement per document (Ledger.add), not by a
    # trigger per row: FTS5 inserts fired by triggers cost about 19 us a row against 2.5 in bulk.
    # Updates and deletes still go through triggers.
    """
    DROP TRIGGER claims_ai;
    DROP TRIGGER documents_ai;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
CLAIM_SELECT = (
    "SELECT c.*, d.url AS d_url, d.title AS d_title, d.outlet AS d_outlet, d.published AS d_published,"
    " s.kind AS s_kind, s.party AS s_party FROM claims c JOIN documents d ON d.id = c.doc_id"
    " LEFT JOIN sources s ON s.name = c.source"
)


def default_path() -> Path:
    """``$ATTRITION_DB`` if set, else ``./attrition.db``."""
    return Path(os.environ.get("ATTRITION_DB") or DEFAULT_DB)


def content_hash(text: str) -> str:
    """The full hash a document is deduplicated by (same normalisation as ``model.document_id``)."""
    return hashlib.sha256(text.replace("\r\n", "\n").strip().encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """A claim as the ledger returns it: the claim and what the ledger knows around it."""

    claim: Claim
    url: str | None
    title: str | None
    outlet: str | None
    published: date | None
    source_kind: str | None
    source_party: str | None

    def to_record(self) -> dict[str, Any]:
        """SCHEMA.md fields, the claim's id and spans, and the document's URL and title."""
        rec = self.claim.to_record()
        rec["url"] = self.claim_url
        rec["title"] = self.title
        rec["published"] = self.published.isoformat() if self.published else None
        return rec

    @property
    def claim_url(self) -> str | None:
        attrs = dict(self.claim.attrs)
        u = attrs.get("url")
        return u if isinstance(u, str) and u else self.url


@dataclass(frozen=True, slots=True)
class StoredDocument:
    document: Document
    kind: str
    extractor: str
    content_hash: str
    ingested_at: str


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _date(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _is_busy(e: sqlite3.OperationalError) -> bool:
    msg = str(e).lower()
    return "locked" in msg or "busy" in msg


class Ledger:
    """A connection to one ledger file. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | Path | None = None, *, seed_sources: bool = True) -> None:
        self.path = Path(path) if path is not None else default_path()
        if self.path.is_dir():
            raise UsageError(f"{self.path}: is a directory, not a ledger file")
        try:
            self.db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except sqlite3.Error as e:
            raise UsageError(f"{self.path}: cannot open the ledger ({e})") from e
        self.db.row_factory = sqlite3.Row
        self._in_batch = False
        self._fts_from = (0, 0)
        self._known_sources: set[str] = set()  # names known to be in the sources table
        self._retry(lambda: self.db.execute("PRAGMA journal_mode=WAL"))
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA cache_size=-262144")  # 256 MB: bulk inserts into indexes stay in memory
        self.db.execute("PRAGMA mmap_size=268435456")  # large ledgers read through the OS page cache
        self.db.execute("PRAGMA temp_store=MEMORY")
        self.db.execute("PRAGMA foreign_keys=ON")
        self._migrate()
        if seed_sources:
            self._seed_sources()

    # -- plumbing ---------------------------------------------------------------------------------

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _retry(self, fn: Callable[[], T], attempts: int = 20) -> T:
        """Run ``fn``, retrying while another process holds the write lock past the busy timeout."""
        for k in range(attempts):
            try:
                return fn()
            except sqlite3.OperationalError as e:
                if not _is_busy(e) or k == attempts - 1:
                    raise
                time.sleep(min(2.0, 0.05 * 2**k) * (0.5 + random.random()))
        raise AssertionError("unreachable")

    @contextmanager
    def batch(self) -> Iterator[None]:
        """One transaction around many writes: each :meth:`write` inside is a savepoint, undone alone
        if it fails; all are committed together at the end (fewer commits: faster bulk ingest). A
        crash loses the whole uncommitted batch, never part of a document."""
        if self._in_batch:
            yield
            return
        self._retry(lambda: self.db.execute("BEGIN IMMEDIATE"))
        self._in_batch = True
        self._fts_from = self._max_rowids()
        try:
            yield
            self._index_pending()
        except BaseException:
            self._in_batch = False
            self.db.execute("ROLLBACK")
            raise
        self._in_batch = False
        self._retry(lambda: self.db.execute("COMMIT"))
        self._known_sources.update(r[0] for r in self.db.execute("SELECT name FROM sources"))

    def _max_rowids(self) -> tuple[int, int]:
        row = self.db.execute(
            "SELECT (SELECT coalesce(max(rowid), 0) FROM documents),"
            " (SELECT coalesce(max(rowid), 0) FROM claims)"
        ).fetchone()
        return int(row[0]), int(row[1])

    def _index_pending(self) -> None:
        """Put the documents and claims stored in this batch so far into the FTS indexes.

        Inside a batch, new rows are indexed together at its end, in the batch's transaction: a
        committed batch has them all indexed, a rolled-back one none. FTS5 writes its pending terms
        out at every savepoint, so indexing per document (a savepoint each) left a small segment per
        document to merge; one insert per batch is a third of the cost of storing a document. Every
        row with a rowid above ``_fts_from`` is new in this batch and not yet indexed.
        """
        docs_from, claims_from = self._fts_from
        self.db.execute(
            "INSERT INTO documents_fts(rowid, title, text) SELECT rowid, title, text FROM documents"
            " WHERE rowid > ?",
            (docs_from,),
        )
        self.db.execute(
            "INSERT INTO claims_fts(rowid, quote) SELECT rowid, quote FROM claims WHERE rowid > ?",
            (claims_from,),
        )
        self._fts_from = self._max_rowids()

    def write(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn`` in one write transaction (``BEGIN IMMEDIATE``), retried while the file is busy;
        inside :meth:`batch`, in a savepoint of the batch's transaction."""
        if self._in_batch:
            self.db.execute("SAVEPOINT write")
            fts_from = self._fts_from
            try:
                out = fn(self.db)
            except BaseException:
                self._fts_from = fts_from  # an index flush inside the savepoint is undone with it
                self.db.execute("ROLLBACK TO write")
                self.db.execute("RELEASE write")
                raise
            self.db.execute("RELEASE write")
            return out

        def attempt() -> T:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                out = fn(self.db)
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")
            return out

        return self._retry(attempt)

    @property
    def version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        if self.version == SCHEMA_VERSION:
            return

        def apply(db: sqlite3.Connection) -> None:
            have = int(db.execute("PRAGMA user_version").fetchone()[0])
            if have > SCHEMA_VERSION:
                raise UsageError(
                    f"{self.path}: schema version {have} is newer than this attrition ({SCHEMA_VERSION})"
                )
            for n in range(have, SCHEMA_VERSION):
                for stmt in _statements(MIGRATIONS[n]):
                    db.execute(stmt)
                db.execute(f"PRAGMA user_version = {n + 1}")

        self.write(apply)

    def _seed_sources(self) -> None:
        table = known_sources()
        have = {r[0] for r in self.db.execute("SELECT name FROM sources")}
        missing = [s for s in table if s.name not in have]
        if missing:
            self.write(lambda db: _upsert_sources(db, missing))

    # -- writing ----------------------------------------------------------------------------------

    def start_run(self, command: str, extractor: str | None = None) -> int:
        def go(db: sqlite3.Connection) -> int:
            cur = db.execute(
                "INSERT INTO runs(command, extractor, started_at) VALUES (?, ?, ?)",
                (command, extractor, _now()),
            )
            return int(cur.lastrowid or 0)

        return self.write(go)

    def finish_run(self, run_id: int, *, ingested: int, duplicates: int, replaced: int, failed: int) -> None:
        self.write(
            lambda db: db.execute(
                "UPDATE runs SET finished_at=?, ingested=?, duplicates=?, replaced=?, failed=? WHERE id=?",
                (_now(), ingested, duplicates, replaced, failed, run_id),
            )
        )

    def status(self, doc: Document, extractor: str) -> AddStatus:
        """What :meth:`add` would do with ``doc`` (a cheap read: extract only what is not a duplicate)."""
        row = self.db.execute(
            "SELECT extractor FROM documents WHERE content_hash = ?", (content_hash(doc.text),)
        ).fetchone()
        if row is None:
            return "new"
        return "duplicate" if row[0] == extractor else "replaced"

    def add(
        self,
        doc: Document,
        claims: Sequence[Claim],
        *,
        extractor: str,
        sources: Iterable[Source] = (),
        kind: str = "article",
        run_id: int | None = None,
    ) -> AddStatus:
        """Store a document and its claims in one transaction; see the module notes for the rules."""
        h = content_hash(doc.text)
        unique = _unique(claims)
        sources = list(sources)

        def go(db: sqlite3.Connection) -> AddStatus:
            row = db.execute("SELECT id, extractor FROM documents WHERE content_hash = ?", (h,)).fetchone()
            if row is not None and row["extractor"] == extractor:
                return "duplicate"
            _upsert_sources(db, sources)
            named = {c.source for c in unique.values() if c.source} - self._known_sources
            _ensure_sources(db, named)
            if row is not None:
                doc_id = row["id"]
                if self._in_batch:  # deleting a row not yet indexed would corrupt the index
                    self._index_pending()
                db.execute("DELETE FROM claims WHERE doc_id = ?", (doc_id,))
                if self._in_batch:  # new claims may take the deleted ones' rowids
                    self._fts_from = self._max_rowids()
                db.execute(
                    "UPDATE documents SET extractor = ?, run_id = ? WHERE id = ?", (extractor, run_id, doc_id)
                )
                status: AddStatus = "replaced"
            else:
                doc_id = doc.id
                old = db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone()
                if old is not None:  # the same id with other text: the document was revised
                    if self._in_batch:
                        self._index_pending()
                    db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
                    if self._in_batch:
                        self._fts_from = self._max_rowids()
                cur = db.execute(
                    "INSERT INTO documents(id, content_hash, text, url, title, outlet, published, lang, path,"
                    " kind, extractor, run_id, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (doc_id, h, doc.text, doc.url, doc.title, doc.outlet, _iso(doc.published), doc.lang,
                     doc.path, kind, extractor, run_id, _now()),
                )  # fmt: skip
                if not self._in_batch:  # the text we have, not read back from the table
                    db.execute(
                        "INSERT INTO documents_fts(rowid, title, text) VALUES (?, ?, ?)",
                        (cur.lastrowid, doc.title, doc.text),
                    )
                status = "replaced" if old is not None else "new"
            db.executemany(
                'INSERT INTO claims(id, doc_id, metric, subject, value, low, high, bound, per, start, "end",'
                " source, said_on, quote, span_start, span_end, spans, extractor, attrs)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [_claim_row(c, doc_id, cid) for cid, c in unique.items()],
            )
            if not self._in_batch:
                db.execute(
                    "INSERT INTO claims_fts(rowid, quote) SELECT rowid, quote FROM claims WHERE doc_id = ?",
                    (doc_id,),
                )
            return status

        status = self.write(go)
        # Only once the transaction holding them is certain: a rolled-back batch forgets nothing here
        # that the ledger does not have (the next add of the same name checks again).
        if not self._in_batch:
            self._known_sources.update(c.source for c in unique.values() if c.source)
        return status

    def replace_findings(self, findings: Sequence[Finding], *, run_id: int | None = None) -> None:
        """Replace every stored finding with ``findings`` in one transaction (checks recompute all)."""
        now = _now()
        unique = {f.id: f for f in findings}

        def go(db: sqlite3.Connection) -> None:
            db.execute("DELETE FROM finding_claims")
            db.execute("DELETE FROM findings")
            db.executemany(
                "INSERT INTO findings(id, kind, severity, message, claims, run_id, checked_at)"
                " VALUES (?,?,?,?,?,?,?)",
                [
                    (f.id, f.kind, f.severity, f.message,
                     json.dumps([c.to_record() for c in f.claims], ensure_ascii=False), run_id, now)
                    for f in unique.values()
                ],
            )  # fmt: skip
            db.executemany(
                "INSERT OR IGNORE INTO finding_claims(finding_id, claim_id) VALUES (?, ?)",
                [(f.id, c.id) for f in unique.values() for c in f.claims],
            )

        self.write(go)

    def findings(
        self,
        *,
        min_severity: str = "info",
        kind: str | None = None,
        claim_id: str | None = None,
        limit: int | None = None,
    ) -> list[Finding]:
        """Stored findings at or above ``min_severity``, most severe first (then by kind and message);
        ``limit`` keeps the first so many of each severity."""
        out: list[Finding] = []
        for severity in reversed(SEVERITIES[SEVERITIES.index(min_severity) :]):
            sql = "SELECT * FROM findings WHERE severity = ?"
            args: list[Any] = [severity]
            if kind:
                sql += " AND kind = ?"
                args.append(kind)
            if claim_id:
                sql += " AND id IN (SELECT finding_id FROM finding_claims WHERE claim_id = ?)"
                args.append(claim_id)
            sql += " ORDER BY kind, message"
            if limit is not None:
                sql += " LIMIT ?"
                args.append(limit)
            out += [
                Finding(
                    r["kind"],
                    r["severity"],
                    r["message"],
                    tuple(ClaimRef(**c) for c in json.loads(r["claims"])),
                )
                for r in self.db.execute(sql, args)
            ]
        return out

    def finding_counts(self) -> dict[str, int]:
        """How many findings of each severity are stored."""
        counts: dict[str, int] = dict.fromkeys(SEVERITIES, 0)
        counts.update(
            {r[0]: int(r[1]) for r in self.db.execute("SELECT severity, count(*) FROM findings GROUP BY 1")}
        )
        return counts

    def save_estimate(self, est: Estimate) -> None:
        """Store an estimate; the same subject, metric, method, date and claims replace the old one."""
        from attrition.estimate.records import estimate_record

        latest = est.latest
        lo, hi = latest.q[est.levels.index(0.9)]
        self.write(
            lambda db: db.execute(
                "INSERT OR REPLACE INTO estimates(subject, metric, method, as_of, claims_hash, n_claims,"
                " median, low90, high90, result, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    est.subject,
                    est.metric,
                    est.method,
                    est.as_of.isoformat(),
                    est.claims_hash,
                    est.n_claims,
                    latest.median,
                    lo,
                    hi,
                    json.dumps(estimate_record(est)),
                    _now(),
                ),
            )
        )

    def estimates(self) -> list[dict[str, Any]]:
        """The newest stored estimate of each subject and metric, as records."""
        rows = self.db.execute(
            "SELECT result FROM estimates e WHERE id = (SELECT max(id) FROM estimates f"
            " WHERE f.subject = e.subject AND f.metric = e.metric) ORDER BY subject, metric"
        ).fetchall()
        return [json.loads(r[0]) for r in rows]

    def parties(self) -> dict[str, str | None]:
        """Each source's conflict party (None for a source that is not a party)."""
        return {r[0]: r[1] for r in self.db.execute("SELECT name, party FROM sources")}

    def published_dates(self) -> dict[str, date | None]:
        """Each document's publication date (the statement date of claims that give none)."""
        return {r[0]: _date(r[1]) for r in self.db.execute("SELECT id, published FROM documents")}

    def add_sources(self, sources: Iterable[Source]) -> None:
        items = list(sources)
        self.write(lambda db: _upsert_sources(db, items))

    # -- reading ----------------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        return {
            t: int(self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
            for t in ("documents", "claims", "sources", "runs")
        }

    def claims(
        self,
        *,
        subject: str | None = None,
        metric: str | None = None,
        source: str | None = None,
        since: date | None = None,
        until: date | None = None,
        search: str | None = None,
        doc_id: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[ClaimRow]:
        """Claims matching every filter given, oldest first. ``since``/``until`` bound the date a claim
        refers to (its period's end, else when it was said, else the document's publication date);
        ``search`` is full-text search over claim quotes and document text."""
        where, args = _claim_filters(subject, metric, source, since, until, search, doc_id)
        sql = CLAIM_SELECT + where + f" ORDER BY {_REF}, c.doc_id, c.span_start"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            args += [limit, offset]
        return [_row_to_claim(r) for r in self.db.execute(sql, args)]

    def count_claims(
        self,
        *,
        subject: str | None = None,
        metric: str | None = None,
        source: str | None = None,
        since: date | None = None,
        until: date | None = None,
        search: str | None = None,
        doc_id: str | None = None,
    ) -> int:
        """How many claims :meth:`claims` returns for the same filters (without limit and offset)."""
        where, args = _claim_filters(subject, metric, source, since, until, search, doc_id)
        sql = "SELECT count(*) FROM claims c JOIN documents d ON d.id = c.doc_id" + where
        return int(self.db.execute(sql, args).fetchone()[0])

    def claim(self, claim_id: str) -> ClaimRow | None:
        """One claim by id (or by a unique prefix of it)."""
        rows = self.db.execute(
            CLAIM_SELECT + " WHERE c.id = ? OR c.id LIKE ? LIMIT 2",
            (claim_id, claim_id.replace("%", "").replace("_", "") + "%"),
        ).fetchall()
        exact = [r for r in rows if r["id"] == claim_id]
        if exact:
            return _row_to_claim(exact[0])
        return _row_to_claim(rows[0]) if len(rows) == 1 else None

    def document(self, doc_id: str) -> StoredDocument | None:
        r = self.db.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if r is None:
            return None
        doc = Document(
            id=r["id"], text=r["text"], published=_date(r["published"]), title=r["title"], url=r["url"],
            outlet=r["outlet"], lang=r["lang"], path=r["path"],
        )  # fmt: skip
        return StoredDocument(doc, r["kind"], r["extractor"], r["content_hash"], r["ingested_at"])

    def documents(self) -> Iterator[StoredDocument]:
        for (doc_id,) in self.db.execute("SELECT id FROM documents ORDER BY rowid").fetchall():
            d = self.document(doc_id)
            if d is not None:
                yield d

    def sources(self) -> list[tuple[Source, int]]:
        """Every source with the number of claims it asserts, most claims first."""
        rows = self.db.execute(
            "SELECT s.name, s.kind, s.party, s.aliases, count(c.id) AS n FROM sources s"
            " LEFT JOIN claims c ON c.source = s.name GROUP BY s.name ORDER BY n DESC, s.name"
        ).fetchall()
        return [
            (Source(r["name"], r["kind"], r["party"], tuple(json.loads(r["aliases"]))), int(r["n"]))
            for r in rows
        ]

    def fingerprint(self) -> str:
        """A hash of the ledger's content (documents, claims, sources; not runs or timestamps)."""
        h = hashlib.sha256()
        for sql in (
            "SELECT id, content_hash, url, title, outlet, published, lang, kind, extractor FROM documents"
            " ORDER BY id",
            "SELECT * FROM claims ORDER BY id",
            "SELECT * FROM sources ORDER BY name",
            "SELECT id, kind, severity, message, claims FROM findings ORDER BY id",
        ):
            for r in self.db.execute(sql):
                h.update(repr(tuple(r)).encode("utf-8"))
        return h.hexdigest()


_REF = 'COALESCE(c."end", c.said_on, d.published)'  # the date a claim is about


def _claim_filters(
    subject: str | None,
    metric: str | None,
    source: str | None,
    since: date | None,
    until: date | None,
    search: str | None,
    doc_id: str | None,
) -> tuple[str, list[Any]]:
    """The WHERE clause (with its leading space, or empty) and arguments of the claim filters, over
    claims ``c`` joined to their documents ``d``."""
    where: list[str] = []
    args: list[Any] = []
    if subject:
        where.append("c.subject = ?")
        args.append(subject.lower().replace(" ", "_"))
    if metric:
        where.append("c.metric = ?")
        args.append(metric)
    if source:
        where.append(
            "(c.source = ? COLLATE NOCASE OR c.source IN (SELECT name FROM sources WHERE EXISTS"
            " (SELECT 1 FROM json_each(sources.aliases) WHERE value = ? COLLATE NOCASE)))"
        )
        args += [source, source]
    if since:
        where.append(f"{_REF} >= ?")
        args.append(since.isoformat())
    if until:
        where.append(f"{_REF} <= ?")
        args.append(until.isoformat())
    if doc_id:
        where.append("c.doc_id = ?")
        args.append(doc_id)
    if search:
        q = fts_query(search)
        where.append(
            "(c.rowid IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?)"
            " OR d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?))"
        )
        args += [q, q]
    return (" WHERE " + " AND ".join(where) if where else ""), args


def known_sources() -> list[Source]:
    """The sources of the alias table that ships with the extractor (``extract/data/sources.json``)."""
    from importlib.resources import files

    raw = json.loads(files("attrition.extract").joinpath("data/sources.json").read_text(encoding="utf-8"))
    return [
        Source(e["name"], e.get("kind"), e.get("party"), tuple(e.get("aliases") or ()))
        for e in raw.get("sources", [])
    ]


def fts_query(text: str) -> str:
    """User text as an FTS5 query: every word must occur (quoted, so no FTS syntax errors)."""
    words = [w.replace('"', '""') for w in text.split() if w.strip('"')]
    return " ".join(f'"{w}"' for w in words) or '""'


def _statements(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    out, buf = [], []
    for line in script.splitlines():
        buf.append(line)
        joined = "\n".join(buf).strip()
        if joined and sqlite3.complete_statement(joined):
            out.append(joined)
            buf = []
    rest = "\n".join(buf).strip()
    if rest:
        out.append(rest)
    return out


def _unique(claims: Sequence[Claim]) -> dict[str, Claim]:
    """Claims by distinct id: a repeated id (the same claim twice) keeps the first with all spans."""
    seen: dict[str, Claim] = {}
    for c in claims:
        cid = c.id
        prev = seen.get(cid)
        if prev is None:
            seen[cid] = c
        else:
            spans = tuple(dict.fromkeys((*(prev.spans or (prev.span,)), *(c.spans or (c.span,)))))
            seen[cid] = Claim(**{**_fields(prev), "spans": spans})
    return seen


def _fields(c: Claim) -> dict[str, Any]:
    return {f: getattr(c, f) for f in Claim.__dataclass_fields__}


def _claim_row(c: Claim, doc_id: str, cid: str) -> tuple[Any, ...]:
    f = c.figure
    spans = [[s.start, s.end] for s in (c.spans or (c.span,))]
    attrs = json.dumps(dict(c.attrs), ensure_ascii=False, sort_keys=True) if c.attrs else "{}"
    claim_id = cid if c.doc_id == doc_id else _rekey(c, doc_id).id
    return (claim_id, doc_id, c.metric, c.subject, f.value, f.low, f.high, f.bound, c.per,
            _iso(c.period.start), _iso(c.period.end), c.source, _iso(c.said_on), c.quote,
            c.span.start, c.span.end, json.dumps(spans), c.extractor, attrs)  # fmt: skip


def _rekey(c: Claim, doc_id: str) -> Claim:
    return Claim(**{**_fields(c), "doc_id": doc_id})


def _row_to_claim(r: sqlite3.Row) -> ClaimRow:
    spans = tuple(Span(a, b) for a, b in json.loads(r["spans"]))
    attrs = tuple(sorted(json.loads(r["attrs"]).items()))
    claim = Claim(
        doc_id=r["doc_id"], metric=r["metric"], subject=r["subject"],
        figure=Figure(r["value"], r["low"], r["high"], r["bound"]), per=r["per"],
        period=Period(_date(r["start"]), _date(r["end"])), source=r["source"], said_on=_date(r["said_on"]),
        quote=r["quote"], span=Span(r["span_start"], r["span_end"]), spans=spans, extractor=r["extractor"],
        attrs=attrs,
    )  # fmt: skip
    return ClaimRow(
        claim, r["d_url"], r["d_title"], r["d_outlet"], _date(r["d_published"]), r["s_kind"], r["s_party"]
    )


def _upsert_sources(db: sqlite3.Connection, sources: Sequence[Source]) -> None:
    """Insert new sources; for known ones, fill in what was unknown and merge aliases."""
    for s in sources:
        row = db.execute("SELECT kind, party, aliases FROM sources WHERE name = ?", (s.name,)).fetchone()
        if row is None:
            db.execute(
                "INSERT INTO sources(name, kind, party, aliases) VALUES (?,?,?,?)",
                (s.name, s.kind, s.party, json.dumps(list(s.aliases), ensure_ascii=False)),
            )
            continue
        aliases = list(dict.fromkeys([*json.loads(row["aliases"]), *s.aliases]))
        db.execute(
            "UPDATE sources SET kind = ?, party = ?, aliases = ? WHERE name = ?",
            (row["kind"] or s.kind, row["party"] or s.party, json.dumps(aliases, ensure_ascii=False), s.name),
        )


def _ensure_sources(db: sqlite3.Connection, names: set[str]) -> None:
    """Every source a claim names gets a row; kind and party from the alias table where it knows them."""
    from attrition.extract.sources import source_info

    for name in sorted(names):
        if db.execute("SELECT 1 FROM sources WHERE name = ?", (name,)).fetchone():
            continue
        info = source_info(name)
        db.execute(
            "INSERT INTO sources(name, kind, party, aliases) VALUES (?,?,?,'[]')",
            (name, info.kind if info else None, info.party if info else None),
        )
