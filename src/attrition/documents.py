"""Read documents from files and manifests (the edge where files become Documents)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from attrition.errors import InputError
from attrition.ingest.text import decode_text  # the one decoder for text files
from attrition.model import Document

MAX_BYTES = 50 * 1024 * 1024


def read_text_file(path: Path) -> str:
    """A text file's content; a clear InputError for what is not readable text."""
    try:
        size = path.stat().st_size
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e})") from e
    if size > MAX_BYTES:
        raise InputError(
            f"{path}: {size / 1e6:.0f} MB is over the {MAX_BYTES // 2**20} MB limit for one document"
        )
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e})") from e
    return decode_text(data, str(path))


def parse_date(value: str | None, what: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as e:
        raise InputError(f"{what}: {value!r} is not a date in YYYY-MM-DD form") from e


def document_from_file(path: Path, published: date | None = None, doc_id: str | None = None) -> Document:
    return Document(id=doc_id or path.stem, text=read_text_file(path), published=published, path=str(path))


def read_manifest(manifest: Path) -> list[Document]:
    """Documents listed in a manifest (JSON Lines: doc, file relative to the manifest, published,
    lang), read by the ingest reader that takes manifests; the first bad line is an InputError."""
    from attrition.ingest import iter_documents

    docs = []
    for item in iter_documents([str(manifest)]):
        if isinstance(item, InputError):
            raise item
        docs.append(item)
    return docs
