"""The command line: parses options, calls the library, prints. Nothing else."""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

import click

from attrition import output
from attrition.documents import parse_date, read_manifest
from attrition.errors import AttritionError, InputError
from attrition.extract import extract
from attrition.ingest import iter_documents
from attrition.model import METRICS, SEVERITIES, Claim, Document
from attrition.store.ledger import Ledger
from attrition.workflow import (
    IngestReport,
    check_ledger,
    estimate_ledger,
    import_structured,
    ingest_documents,
)

FORMATS: dict[str, Callable[[list[Claim]], str]] = {
    "table": output.to_table,
    "jsonl": output.to_jsonl,
    "csv": output.to_csv,
}


def examples_dir() -> Path:
    """The bundled example articles: $ATTRITION_EXAMPLES, else the checkout's examples/articles."""
    env = os.environ.get("ATTRITION_EXAMPLES")
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    for base in (here.parents[2], Path.cwd()):
        cand = base / "examples" / "articles"
        if (cand / "manifest.jsonl").exists():
            return cand
    raise click.ClickException("the bundled examples were not found; set ATTRITION_EXAMPLES to their folder")


def _extract_all(docs: list[Document]) -> list[Claim]:
    claims: list[Claim] = []
    for d in docs:
        claims.extend(extract(d))
    return claims


def _load(files: tuple[str, ...], manifest: str | None, published: date | None) -> tuple[list[Document], int]:
    docs: list[Document] = []
    failed = 0
    if manifest:
        try:
            docs.extend(read_manifest(Path(manifest)))
        except AttritionError as e:
            raise click.ClickException(str(e)) from e
    for f in files:  # any input the ingest readers take: text, HTML, a feed, a folder
        got: list[Document] = []
        for item in iter_documents([f], published=published):
            if isinstance(item, InputError):
                click.echo(f"{item}", err=True)
                failed += 1
            else:
                got.append(item)
        if len(got) == 1 and Path(f).is_file():
            got = [dataclasses.replace(got[0], id=Path(f).stem)]  # one file, one document: named after it
        docs.extend(got)
    return docs, failed


@click.group()
@click.version_option(package_name="attrition")
def main() -> None:
    """attrition: a verified, source-attributed ledger of conflict figures."""


@main.command("extract")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option(
    "--manifest", type=click.Path(dir_okay=False), help="JSON Lines of {doc, file, published, lang}."
)
@click.option("--published", help="Publication date YYYY-MM-DD for the FILES (else a dateline in each).")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="table", show_default=True)
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), help="Write here instead of stdout.")
def extract_cmd(
    files: tuple[str, ...], manifest: str | None, published: str | None, fmt: str, out: str | None
) -> None:
    """Extract the numeric claims of FILES (or of a --manifest)."""
    if not files and not manifest:
        raise click.UsageError("give FILE... or --manifest MANIFEST.jsonl")
    try:
        pub = parse_date(published, "--published")
    except AttritionError as e:
        raise click.BadParameter(str(e)) from e
    docs, failed = _load(files, manifest, pub)
    text = FORMATS[fmt](_extract_all(docs))
    if out:
        Path(out).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
    if failed:
        sys.exit(1)


def _db_option(f: Any) -> Any:
    return click.option(
        "--db",
        type=click.Path(dir_okay=False),
        envvar="ATTRITION_DB",
        default="attrition.db",
        show_default=True,
        help="The ledger file (or set ATTRITION_DB).",
    )(f)


def _open(db: str) -> Ledger:
    try:
        return Ledger(Path(db))
    except AttritionError as e:
        raise click.ClickException(str(e)) from e


def _err(message: str) -> None:
    click.echo(message, err=True)


def _ingest(
    ledger: Ledger, items: Iterable[Document | InputError], command: str, show_bar: bool
) -> IngestReport:
    if not show_bar:
        return ingest_documents(ledger, items, command=command, on_error=_err)
    with click.progressbar(length=0, label="ingesting", file=sys.stderr, show_pos=True) as bar:

        def error(message: str) -> None:
            bar.render_finish()
            _err(message)

        return ingest_documents(ledger, items, command=command, on_error=error, on_item=lambda: bar.update(1))


@main.command("ingest")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--glob", "pattern", help="In folders, only files matching this pattern (e.g. '*.html').")
@click.option("--fetch", is_flag=True, help="For feeds, fetch each entry's page and read its main text.")
@click.option("--published", help="Publication date YYYY-MM-DD where an input gives none.")
@click.option("--timeout", type=float, default=20.0, show_default=True, help="Seconds per URL fetch.")
@_db_option
def ingest_cmd(
    inputs: tuple[str, ...], pattern: str | None, fetch: bool, published: str | None, timeout: float, db: str
) -> None:
    """Read files, folders, URLs, feeds or - (stdin); extract their claims into the ledger."""
    from attrition.ingest import iter_documents

    try:
        pub = parse_date(published, "--published")
    except AttritionError as e:
        raise click.BadParameter(str(e)) from e
    with _open(db) as ledger:
        items = iter_documents(
            inputs, glob=pattern, fetch=fetch, published=pub, stdin=sys.stdin.buffer, timeout=timeout
        )
        report = _ingest(ledger, items, "ingest " + " ".join(inputs), sys.stderr.isatty())
    click.echo(report.line())
    if report.failed:
        sys.exit(1)


IMPORT_FORMATS = ("general-staff-json", "economist-csv")


@main.command("import")
@click.option("--format", "fmt", type=click.Choice(IMPORT_FORMATS), required=True, help="The file's layout.")
@click.argument("file", type=click.Path(dir_okay=False))
@_db_option
def import_cmd(fmt: str, file: str, db: str) -> None:
    """Import a structured source (official daily tallies, a table of estimates) into the ledger."""
    if fmt == "general-staff-json":
        from attrition.ingest.general_staff import read_general_staff as reader
    else:
        from attrition.ingest.economist import read_economist as reader
    with _open(db) as ledger:
        report = import_structured(ledger, reader, Path(file), command=f"import {fmt} {file}", on_error=_err)
    click.echo(report.line())
    if report.failed:
        sys.exit(1)


CLAIM_FORMATS = ("table", "csv", "jsonl", "parquet", "economist-csv")


@main.command("claims")
@click.option("--subject", help="Whose losses, e.g. russia.")
@click.option("--metric", type=click.Choice(METRICS), help="What is counted.")
@click.option("--source", help="Who asserts it (canonical name or an alias).")
@click.option("--since", help="Claims about dates from YYYY-MM-DD on.")
@click.option("--until", help="Claims about dates up to YYYY-MM-DD.")
@click.option("--search", help="Full-text search over quotes, sources and article text.")
@click.option("--limit", type=int, help="At most this many claims.")
@click.option("--format", "fmt", type=click.Choice(CLAIM_FORMATS), default="table", show_default=True)
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), help="Write here instead of stdout.")
@_db_option
def claims_cmd(
    subject: str | None,
    metric: str | None,
    source: str | None,
    since: str | None,
    until: str | None,
    search: str | None,
    limit: int | None,
    fmt: str,
    out: str | None,
    db: str,
) -> None:
    """List the ledger's claims, filtered, as a table or an export."""
    try:
        lo, hi = parse_date(since, "--since"), parse_date(until, "--until")
    except AttritionError as e:
        raise click.BadParameter(str(e)) from e
    with _open(db) as ledger:
        rows = ledger.claims(
            subject=subject, metric=metric, source=source, since=lo, until=hi, search=search, limit=limit
        )
    if fmt == "parquet":
        if not out:
            raise click.UsageError("parquet is binary: give -o FILE.parquet")
        from attrition.store.parquet import to_parquet

        to_parquet(rows, Path(out))
        return
    if fmt == "table":
        text = output.to_table([r.claim for r in rows], ids=True) + f"{len(rows)} claims\n"
    elif fmt == "jsonl":
        text = "".join(json.dumps(r.to_record(), ensure_ascii=False) + "\n" for r in rows)
    elif fmt == "csv":
        text = output.records_csv([r.to_record() for r in rows])
    else:
        from attrition.store.export import to_economist_csv

        text = to_economist_csv((r.claim, r.source_party) for r in rows)
    if out:
        Path(out).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


@main.command("sources")
@_db_option
def sources_cmd(db: str) -> None:
    """The sources in the ledger: kind, conflict party and number of claims."""
    with _open(db) as ledger:
        items = ledger.sources()
    click.echo(output.sources_table(items), nl=False)


@main.command("show")
@click.argument("claim_id")
@click.option("--width", type=int, default=300, show_default=True, help="Characters of context on each side.")
@_db_option
def show_cmd(claim_id: str, width: int, db: str) -> None:
    """A claim, its source, and its evidence in the article's context with the figure highlighted."""
    with _open(db) as ledger:
        row = ledger.claim(claim_id)
        if row is None:
            raise click.ClickException(f"{claim_id}: no claim with this id (or the prefix is ambiguous)")
        stored = ledger.document(row.claim.doc_id)
    assert stored is not None  # a claim's document is a foreign key
    color = sys.stdout.isatty()
    click.echo(
        output.claim_card(row, stored.document, width=width, color=color, dataset=stored.kind == "dataset")
    )


@main.command("check")
@click.option(
    "--min-severity",
    type=click.Choice(SEVERITIES),
    default="info",
    show_default=True,
    help="Show at least this.",
)
@click.option("--kind", help="Only this kind of finding (arithmetic, additivity, ratio, ...).")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "jsonl", "markdown"]), default="table", show_default=True
)
@click.option(
    "--claims/--no-claims", "with_claims", default=False, help="List each finding's claims (table)."
)
@click.option(
    "--set", "overrides", multiple=True, metavar="NAME=VALUE", help="Change a threshold (see docs/checks.md)."
)
@_db_option
def check_cmd(
    min_severity: str, kind: str | None, fmt: str, with_claims: bool, overrides: tuple[str, ...], db: str
) -> None:
    """Check every claim in the ledger; store the findings (recomputed each time) and print them."""
    from attrition.check import DEFAULT

    changes: dict[str, float] = {}
    for o in overrides:
        name, _, value = o.partition("=")
        try:
            changes[name.strip()] = float(value)
        except ValueError as e:
            raise click.BadParameter(f"{o!r}: expected NAME=NUMBER", param_hint="--set") from e
    try:
        settings = DEFAULT.replace(**changes)
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="--set") from e
    with _open(db) as ledger:
        check_ledger(ledger, settings)
        shown = ledger.findings(min_severity=min_severity, kind=kind)
    if fmt == "jsonl":
        click.echo(output.findings_jsonl(shown), nl=False)
    elif fmt == "markdown":
        click.echo(output.findings_markdown(shown), nl=False)
    else:
        click.echo(output.findings_text(shown, claims=with_claims), nl=False)


@main.command("estimate")
@click.option("--subject", required=True, help="Whose losses, e.g. russia.")
@click.option(
    "--metric", type=click.Choice(["casualties", "killed"]), default="casualties", show_default=True
)
@click.option("--as-of", "as_of", help="Use only claims stated by this date (YYYY-MM-DD).")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table", show_default=True
)
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), help="Write here instead of stdout.")
@_db_option
def estimate_cmd(subject: str, metric: str, as_of: str | None, fmt: str, out: str | None, db: str) -> None:
    """Fuse the ledger's claims into a daily series with credible intervals and source biases."""
    from attrition.estimate import estimate
    from attrition.estimate.records import cumulative_csv, estimate_record, estimate_table

    try:
        when = parse_date(as_of, "--as-of")
    except AttritionError as e:
        raise click.BadParameter(str(e)) from e
    with _open(db) as ledger:
        claims = [r.claim for r in ledger.claims(subject=subject)]
        try:
            est = estimate(
                claims,
                subject=subject.lower().replace(" ", "_"),
                metric=metric,
                published=ledger.published_dates(),
                parties=ledger.parties(),
                as_of=when,
            )
        except AttritionError as e:
            raise click.ClickException(str(e)) from e
        ledger.save_estimate(est)
    if fmt == "jsonl":
        text = json.dumps(estimate_record(est), ensure_ascii=False) + "\n"
    elif fmt == "csv":
        text = cumulative_csv(est)
    else:
        text = estimate_table(est)
    if out:
        Path(out).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


@main.command("report")
@click.option(
    "-o", "--output", "out", type=click.Path(dir_okay=False), default="report.html", show_default=True
)
@click.option("--title", default="attrition report", show_default=True)
@_db_option
def report_cmd(out: str, title: str, db: str) -> None:
    """Write one self-contained HTML file: estimates, timelines, sources, findings, claims with evidence."""
    from attrition.report import write_report

    with _open(db) as ledger:
        path = write_report(ledger, Path(out), title=title)
    click.echo(f"report written to {path}")


@main.command("serve")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Interface to listen on (this machine only by default).",
)
@click.option("--port", type=int, default=8000, show_default=True)
@click.option(
    "--allow-ingest", is_flag=True, help="Enable POST /api/documents (text or URL) through the pipeline."
)
@click.option(
    "--max-body", type=int, default=5 * 2**20, show_default=True, help="Largest request body in bytes."
)
@_db_option
def serve_cmd(host: str, port: int, allow_ingest: bool, max_body: int, db: str) -> None:
    """The live dashboard and the JSON API over the ledger (read-only unless --allow-ingest)."""
    from attrition.web import serve

    if not allow_ingest and not Path(db).exists():
        raise click.ClickException(
            f"{db}: no ledger here yet; run `attrition run` or `attrition ingest` first"
        )
    click.echo(
        f"attrition dashboard on http://{host}:{port}/ (API at /api, OpenAPI at /openapi.json)", err=True
    )
    try:
        serve(db, host=host, port=port, allow_ingest=allow_ingest, max_body=max_body)
    except AttritionError as e:
        raise click.ClickException(str(e)) from e


@main.command("native")
@click.argument("action", type=click.Choice(["status", "build"]), default="status")
@click.option("--force", is_flag=True, help="Build even when the build matches the sources.")
@click.option("--strict", is_flag=True, help="Exit 1 when the build fails (else the pure modules do).")
def native_cmd(action: str, force: bool, strict: bool) -> None:
    """The extraction modules compiled by mypyc: whether they are in use; build them."""
    from attrition.extract import native

    if action == "build":
        try:
            out = native.build(force=force)
        except Exception as e:  # no compiler, no mypyc: the pure modules still do the job
            click.echo(
                f"attrition: native build failed, extraction stays pure Python ({type(e).__name__}: {e})"
            )
            sys.exit(1 if strict else 0)
        click.echo(f"compiled extraction modules in {out}" if out else "the native build is current")
        return
    state = "current" if native.current() else "missing or stale (pure Python in use)"
    click.echo(f"build {native.build_dir()}: {state}")
    for module, compiled in native.active().items():
        click.echo(f"  {native.PACKAGE}.{module}: {'compiled' if compiled else 'pure Python'}")


@main.command("run")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--published", help="Publication date YYYY-MM-DD for inputs that give none.")
@click.option(
    "--report", "report_path", help="Where to write the report [default: report.html beside the ledger]."
)
@_db_option
def run_cmd(paths: tuple[str, ...], published: str | None, report_path: str | None, db: str) -> None:
    """The main job: ingest the given inputs (default: the bundled examples) into the ledger and summarise."""
    try:
        pub = parse_date(published, "--published")
    except AttritionError as e:
        raise click.BadParameter(str(e)) from e
    items: Iterable[Document | InputError]
    if paths:
        from attrition.ingest import iter_documents

        items = iter_documents(paths, published=pub, stdin=sys.stdin.buffer)
    else:
        try:
            items = read_manifest(examples_dir() / "manifest.jsonl")
        except AttritionError as e:
            raise click.ClickException(str(e)) from e
    with _open(db) as ledger:
        report = _ingest(ledger, items, "run", False)
        claims = [
            c for d in dict.fromkeys(report.doc_ids) for c in (r.claim for r in ledger.claims(doc_id=d))
        ]
        click.echo(output.summary(claims, len(set(report.doc_ids))))
        counts = ledger.counts()
        from attrition.estimate.records import headline

        findings = check_ledger(ledger)
        estimates = [headline(e) for e in estimate_ledger(ledger)]
        from attrition.report import write_report

        written = write_report(ledger, Path(report_path) if report_path else Path(db).parent / "report.html")
    click.echo("Findings over the whole ledger:")
    click.echo(output.findings_text(findings), nl=False)
    click.echo("")
    click.echo("Estimates (estimate.v1; attrition estimate --subject S for the series and sources):")
    for line in estimates or ["(not enough casualty claims)"]:
        click.echo("  " + line)
    click.echo(report.line())
    n_docs, n_claims, n_sources = counts["documents"], counts["claims"], counts["sources"]
    click.echo(f"ledger {db}: {n_docs} documents, {n_claims} claims, {n_sources} sources")
    click.echo(f"report: {written.resolve()}")
    if report.failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
