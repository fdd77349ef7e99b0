"""The command line: parses options, calls the library, prints. Nothing else."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import click

from attrition import output
from attrition.documents import document_from_file, parse_date, read_manifest
from attrition.errors import AttritionError
from attrition.extract import extract
from attrition.model import Claim, Document

FORMATS = {"table": output.to_table, "jsonl": output.to_jsonl, "csv": output.to_csv}


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
    for f in files:
        try:
            docs.append(document_from_file(Path(f), published))
        except AttritionError as e:
            click.echo(f"{e}", err=True)
            failed += 1
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


@main.command("run")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--published", help="Publication date YYYY-MM-DD for the given files.")
def run_cmd(paths: tuple[str, ...], published: str | None) -> None:
    """The main job: extract the given files (default: the bundled examples) and summarise."""
    try:
        pub = parse_date(published, "--published")
    except AttritionError as e:
        raise click.BadParameter(str(e)) from e
    if paths:
        files: list[str] = []
        for p in paths:
            pp = Path(p)
            files.extend(str(x) for x in sorted(pp.rglob("*.txt"))) if pp.is_dir() else files.append(p)
        docs, failed = _load(tuple(files), None, pub)
    else:
        docs, failed = _load((), str(examples_dir() / "manifest.jsonl"), None)
    claims = _extract_all(docs)
    click.echo(output.summary(claims, len(docs)))
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
