"""The ledger: idempotent, crash-safe, concurrent, searchable, versioned."""

from __future__ import annotations

import dataclasses
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

from attrition.extract import extract
from attrition.model import Document, document_id
from attrition.store.ledger import SCHEMA_VERSION, Ledger
from attrition.workflow import ingest_documents

ROOT = Path(__file__).resolve().parents[1]


def article(k: int) -> Document:
    """A short article of our own with figures that vary with ``k``."""
    text = (
        f"Kyiv, March {k % 27 + 1}, 2025\n\n"
        f"Ukraine's General Staff said Russia had lost about {900_000 + 137 * k:,} soldiers since the "
        f"full-scale invasion began, including {1_000 + k} over the past day.\n\n"
        f"A NATO official said Russian forces were losing roughly {20_000 + 10 * k:,} soldiers killed "
        f"or wounded each month."
    )
    return Document(id=document_id(text), text=text, published=date(2025, 3, k % 27 + 1), path=f"art{k}.txt")


def consistent(db: Path) -> None:
    """Every stored document has exactly the claims its extraction gives; the indexes are intact."""
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.execute("INSERT INTO claims_fts(claims_fts) VALUES ('integrity-check')")
    con.execute("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
    orphans = con.execute("SELECT count(*) FROM claims WHERE doc_id NOT IN (SELECT id FROM documents)")
    assert orphans.fetchone()[0] == 0
    con.close()
    with Ledger(db) as led:
        for stored in led.documents():
            want = {c.id for c in extract(stored.document)}
            got = {r.claim.id for r in led.claims(doc_id=stored.document.id)}
            assert got == want, stored.document.id


def test_schema_is_versioned_and_reopening_keeps_it(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    with Ledger(db) as led:
        assert led.version == SCHEMA_VERSION
        assert led.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with Ledger(db) as led:
        assert led.version == SCHEMA_VERSION


def test_a_ledger_from_a_newer_attrition_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    Ledger(db).close()
    con = sqlite3.connect(db)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    with pytest.raises(Exception, match="newer"):
        Ledger(db)


def test_same_documents_twice_leave_the_ledger_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    docs = [article(k) for k in range(8)]
    with Ledger(db) as led:
        first = ingest_documents(led, docs)
        counts, fp = led.counts(), led.fingerprint()
        second = ingest_documents(led, docs)
        assert (first.ingested, first.duplicates) == (8, 0)
        assert (second.ingested, second.duplicates, second.claims) == (0, 8, 0)
        after = led.counts()
        assert {k: after[k] for k in ("documents", "claims", "sources")} == {
            k: counts[k] for k in ("documents", "claims", "sources")
        }
        assert led.fingerprint() == fp
        assert counts["claims"] == sum(len(extract(d)) for d in docs) > 8


def test_same_text_under_another_name_is_a_duplicate(tmp_path: Path) -> None:
    d = article(1)
    with Ledger(tmp_path / "l.db") as led:
        assert led.add(d, extract(d), extractor="x") == "new"
        again = dataclasses.replace(d, id="other", path="copy.txt", text=d.text + "\n")
        assert led.add(again, extract(again), extractor="x") == "duplicate"
        assert led.counts()["documents"] == 1


def test_a_newer_extractor_replaces_a_documents_claims_in_one_go(tmp_path: Path) -> None:
    d = article(2)
    claims = extract(d)
    with Ledger(tmp_path / "l.db") as led:
        led.add(d, claims, extractor="extract.en.v1")
        assert led.status(d, "extract.en.v1") == "duplicate"
        assert led.status(d, "extract.en.v2") == "replaced"
        fewer = [dataclasses.replace(c, extractor="extract.en.v2") for c in claims[:1]]
        assert led.add(d, fewer, extractor="extract.en.v2") == "replaced"
        rows = led.claims(doc_id=d.id)
        assert [r.claim.extractor for r in rows] == ["extract.en.v2"]
        assert led.counts()["documents"] == 1


def test_a_failing_transaction_leaves_nothing_behind(tmp_path: Path) -> None:
    d = article(3)
    bad = [*extract(d), dataclasses.replace(extract(d)[0], metric=None)]  # type: ignore[arg-type]
    with Ledger(tmp_path / "l.db") as led:
        before = led.fingerprint()
        with pytest.raises(sqlite3.IntegrityError):
            led.add(d, bad, extractor="x")
        assert led.fingerprint() == before and led.counts()["documents"] == 0


def test_one_batch_replacing_revising_and_failing_keeps_the_search_indexes_exact(tmp_path: Path) -> None:
    """Inside a batch the full-text indexes are filled at its end; a document stored and then
    replaced, revised (same id, other text) or rolled back within the same batch must leave every
    stored row indexed exactly once and nothing else (FTS5's integrity check compares the index
    with the tables; a delete of a row never indexed would fail it)."""
    db = tmp_path / "l.db"
    docs = [article(k) for k in range(6)]
    revised_text = docs[1].text.replace("NATO official", "NATO spokesperson") + "\n\nKherson was shelled."
    revised = dataclasses.replace(docs[1], text=revised_text)  # same id, other text
    with Ledger(db) as led:
        with led.batch():
            for d in docs:
                led.add(d, extract(d), extractor="v1")
            newer = [dataclasses.replace(c, extractor="v2") for c in extract(docs[0])[:1]]
            assert led.add(docs[0], newer, extractor="v2") == "replaced"  # deletes rows of this batch
            assert led.add(revised, extract(revised), extractor="v1") == "replaced"
            bad = [*extract(docs[4]), dataclasses.replace(extract(docs[4])[0], metric=None)]  # type: ignore[arg-type]
            with pytest.raises(sqlite3.IntegrityError):  # fails inside its savepoint: undone alone
                led.add(dataclasses.replace(docs[4], text=docs[4].text + " More."), bad, extractor="v3")
            led.add(article(9), extract(article(9)), extractor="v1")  # may reuse a deleted rowid
        assert led.counts()["documents"] == 7
        assert [r.claim.extractor for r in led.claims(doc_id=docs[0].id)] == ["v2"]
        assert {r.claim.doc_id for r in led.claims(search="Kherson")} == {docs[1].id}
        assert {r.claim.doc_id for r in led.claims(search="spokesperson")} == {docs[1].id}
        assert led.claims(search='"NATO official"') and docs[1].id not in {
            r.claim.doc_id for r in led.claims(search='"NATO official"')
        }
        indexed = led.db.execute("SELECT count(*) FROM claims_fts").fetchone()[0]
        assert indexed == led.counts()["claims"]
    con = sqlite3.connect(db)
    con.execute("INSERT INTO claims_fts(claims_fts) VALUES ('integrity-check')")
    con.execute("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
    con.close()


def test_claims_filters_and_full_text_search(tmp_path: Path) -> None:
    with Ledger(tmp_path / "l.db") as led:
        ingest_documents(led, [article(k) for k in range(5)])
        rows = led.claims()
        assert rows and all(r.claim.source for r in rows)
        nato = led.claims(source="nato")
        assert nato and {r.claim.source for r in nato} == {"NATO"}
        by_alias = led.claims(source="General Staff of Ukraine")  # an alias of the canonical name
        assert by_alias and {r.claim.source for r in by_alias} == {"Ukrainian General Staff"}
        month = led.claims(metric="casualties", subject="russia")
        assert {r.claim.per for r in month} >= {"month", None}
        # Search runs over quotes, sources and article text: a phrase of every article finds all...
        assert {r.claim.doc_id for r in led.claims(search="past day")} == {article(k).id for k in range(5)}
        # ...a figure of one article finds that article's claims only, and quotes in the query are harmless.
        assert {r.claim.doc_id for r in led.claims(search='"1003" over')} == {article(3).id}
        assert led.claims(search="Kherson") == []
        dated = led.claims(since=date(2025, 3, 3), until=date(2025, 3, 4))
        assert dated and all(
            date(2025, 3, 3)
            <= (r.claim.period.end or r.claim.said_on or r.published or date.min)
            <= date(2025, 3, 4)
            for r in dated
        )
        one = rows[0]
        assert led.claim(one.claim.id) == one and led.claim(one.claim.id[:10]) == one


def test_sources_table_knows_kinds_and_parties(tmp_path: Path) -> None:
    with Ledger(tmp_path / "l.db") as led:
        ingest_documents(led, [article(1)])
        by_name = {s.name: (s, n) for s, n in led.sources()}
    gs, n = by_name["Ukrainian General Staff"]
    assert (gs.kind, gs.party) == ("military", "ukraine") and n >= 1
    assert "General Staff of Ukraine" in gs.aliases
    assert by_name["NATO"][0].party is None


CHILD_KILLED_MID_DOCUMENT = textwrap.dedent(
    """
    import os, sys, time
    sys.path.insert(0, {tests!r})
    from test_ledger import article
    from attrition.extract import extract
    from attrition.store import ledger as L

    real = L._claim_row
    seen = []

    def slow_row(c, doc_id, cid):
        seen.append(doc_id)
        if len(set(seen)) == 3 and seen.count(doc_id) == 2:  # inside the third document's transaction
            print("inside", doc_id, flush=True)
            time.sleep(60)
        return real(c, doc_id, cid)

    L._claim_row = slow_row
    led = L.Ledger({db!r})
    if {batched!r}:
        from attrition.workflow import ingest_documents

        ingest_documents(led, [article(k) for k in range(5)], batch_size=2)
    for k in range(5):
        d = article(k)
        led.add(d, extract(d), extractor="extract.en.v1")
    """
)


@pytest.mark.parametrize("batched", [False, True], ids=["one-transaction-each", "batches-of-two"])
def test_sigkill_in_the_middle_of_a_document_leaves_no_half_document(tmp_path: Path, batched: bool) -> None:
    db = tmp_path / "l.db"
    script = CHILD_KILLED_MID_DOCUMENT.format(tests=str(Path(__file__).parent), db=str(db), batched=batched)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line.startswith("inside "), line
    half_doc = line.split()[1]
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    with Ledger(db) as led:
        ids = [s.document.id for s in led.documents()]
        assert ids == [article(0).id, article(1).id]
        assert half_doc not in ids and led.claims(doc_id=half_doc) == []
    consistent(db)
    with Ledger(db) as led:  # and the batch can simply be run again
        report = ingest_documents(led, [article(k) for k in range(5)])
        assert (report.ingested, report.duplicates) == (3, 2)
    consistent(db)


CHILD_WRITER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {tests!r})
    from test_ledger import article
    from attrition.store.ledger import Ledger
    from attrition.workflow import ingest_documents

    with Ledger({db!r}) as led:
        r = ingest_documents(led, [article(k) for k in {ks!r}])
    print(r.ingested, r.duplicates, r.failed)
    """
)


def test_two_writers_at_once_both_succeed_and_nothing_is_lost(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    a = list(range(0, 40))
    b = list(range(25, 65))  # 15 documents in common
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD_WRITER.format(tests=str(Path(__file__).parent), db=str(db), ks=ks)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for ks in (a, b)
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    results = [tuple(map(int, o.split())) for o, _ in outs]
    assert sum(r[0] for r in results) == 65  # every document stored exactly once between them
    assert sum(r[1] for r in results) == 15  # the shared ones counted as duplicates by whichever came second
    assert all(r[2] == 0 for r in results)
    with Ledger(db) as led:
        assert led.counts()["documents"] == 65
        assert led.counts()["runs"] == 2
    consistent(db)
