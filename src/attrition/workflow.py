"""The jobs that span layers: documents in, claims extracted, everything stored in the ledger.

The CLI calls these; so can any program (the library is usable without the CLI). Errors about an
input never stop a batch: they are reported through ``on_error`` as one line each and counted.
"""

from __future__ import annotations

import dataclasses
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from attrition.errors import AttritionError, InputError
from attrition.extract import EXTRACTOR, dateline, extract
from attrition.model import Claim, Document, Estimate, Finding, Source
from attrition.store.ledger import Ledger

if TYPE_CHECKING:
    from attrition.check.settings import Settings

Reader = Callable[[Path], "tuple[Document, list[Claim], list[Source], list[InputError]]"]


@dataclass
class IngestReport:
    """What a batch did: documents new, duplicate (unchanged), replaced (re-extracted), failed."""

    ingested: int = 0
    duplicates: int = 0
    replaced: int = 0
    failed: int = 0
    claims: int = 0
    errors: list[str] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"{self.ingested} ingested, {self.duplicates} duplicates, {self.replaced} re-extracted, "
            f"{self.failed} failed; {self.claims} claims stored"
        )


def with_published(doc: Document) -> Document:
    """The document with its publication date filled from a dateline when nothing else gave one."""
    if doc.published is not None:
        return doc
    found = dateline(doc.text)
    return dataclasses.replace(doc, published=found) if found else doc


def ingest_documents(
    ledger: Ledger,
    items: Iterable[Document | InputError],
    *,
    command: str = "ingest",
    on_error: Callable[[str], None] | None = None,
    on_item: Callable[[], None] | None = None,
    batch_size: int = 200,
    batch_seconds: float = 2.0,
) -> IngestReport:
    """Extract and store each document; errors are counted and reported. Documents are committed
    together every ``batch_size`` documents or ``batch_seconds``, whichever comes first."""
    report = IngestReport()
    run_id = ledger.start_run(command, EXTRACTOR)
    it = iter(items)
    try:
        done = False
        while not done:
            # Documents are committed in batches (one transaction, a savepoint each): far fewer
            # commits; a crash loses at most the open batch, which running again completes.
            with ledger.batch():
                t0 = time.monotonic()
                for n, item in enumerate(it, 1):
                    _one(ledger, item, report, run_id, on_error, on_item)
                    if n >= batch_size or time.monotonic() - t0 > batch_seconds:
                        break
                else:
                    done = True
    finally:
        _finish(ledger, run_id, report)
    return report


def _one(
    ledger: Ledger,
    item: Document | InputError,
    report: IngestReport,
    run_id: int,
    on_error: Callable[[str], None] | None,
    on_item: Callable[[], None] | None,
) -> None:
    if on_item:
        on_item()
    if isinstance(item, InputError):
        _fail(report, str(item), on_error)
        return
    doc = with_published(item)
    try:
        status = ledger.status(doc, EXTRACTOR)
        if status == "duplicate":
            report.duplicates += 1
            report.doc_ids.append(doc.id)
            return
        claims = extract(doc)
        status = ledger.add(doc, claims, extractor=EXTRACTOR, run_id=run_id)
    except InputError as e:
        _fail(report, str(e), on_error)
        return
    except Exception as e:  # a bug must not cost the rest of the batch; name the input
        _fail(report, f"{doc.path or doc.id}: could not be processed ({type(e).__name__}: {e})", on_error)
        return
    report.doc_ids.append(doc.id)
    if status == "duplicate":
        report.duplicates += 1
    else:
        report.claims += len(claims)
        if status == "new":
            report.ingested += 1
        else:
            report.replaced += 1


def import_structured(
    ledger: Ledger, reader: Reader, path: Path, *, command: str, on_error: Callable[[str], None] | None = None
) -> IngestReport:
    """Store a structured source (a connector's document, claims and sources) in one transaction."""
    report = IngestReport()
    run_id = ledger.start_run(command)
    try:
        try:
            doc, claims, sources, errors = reader(path)
        except InputError as e:
            _fail(report, str(e), on_error)
            return report
        for err in errors:
            _fail(report, str(err), on_error)
        extractor = claims[0].extractor if claims else command
        status = ledger.add(doc, claims, extractor=extractor, sources=sources, kind="dataset", run_id=run_id)
        report.doc_ids.append(doc.id)
        if status == "duplicate":
            report.duplicates += 1
        else:
            report.claims += len(claims)
            report.ingested += status == "new"
            report.replaced += status == "replaced"
    finally:
        _finish(ledger, run_id, report)
    return report


def _finish(ledger: Ledger, run_id: int, report: IngestReport) -> None:
    ledger.finish_run(
        run_id,
        ingested=report.ingested,
        duplicates=report.duplicates,
        replaced=report.replaced,
        failed=report.failed,
    )


def _fail(report: IngestReport, message: str, on_error: Callable[[str], None] | None) -> None:
    report.failed += 1
    report.errors.append(message)
    if on_error:
        on_error(message)


def check_ledger(ledger: Ledger, settings: Settings | None = None) -> list[Finding]:
    """Run every check over the ledger's claims and store the findings (replacing the old ones)."""
    from attrition.check import DEFAULT, run_checks

    findings = run_checks([r.claim for r in ledger.claims()], ledger.published_dates(), settings or DEFAULT)
    run_id = ledger.start_run("check")
    ledger.replace_findings(findings, run_id=run_id)
    ledger.finish_run(run_id, ingested=0, duplicates=0, replaced=0, failed=0)
    return findings


def estimate_ledger(ledger: Ledger, min_claims: int = 3) -> list[Estimate]:
    """The current estimate of every subject with at least ``min_claims`` casualty or killed claims,
    stored in the ledger. A metric is estimated where the subject has claims of it (the other would
    rest on the killed share's prior alone); one fit serves both, the model being joint."""
    from attrition.estimate import FAMILY, Fitted, prepare

    claims = [r.claim for r in ledger.claims()]
    published, parties = ledger.published_dates(), ledger.parties()
    metrics: dict[str, set[str]] = {}
    for c in claims:
        if c.metric in FAMILY and c.subject:
            metrics.setdefault(c.subject, set()).add(c.metric)
    counts = Counter(c.subject for c in claims if c.metric in FAMILY and c.subject)
    out = []
    for subject in sorted(metrics):
        if counts[subject] < min_claims:
            continue
        try:
            fitted = Fitted(prepare(claims, subject, published=published, parties=parties))
        except AttritionError:
            continue
        for metric in (m for m in FAMILY if m in metrics[subject]):
            est = fitted.estimate(metric)
            ledger.save_estimate(est)
            out.append(est)
    return out
