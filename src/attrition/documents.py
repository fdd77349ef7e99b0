"""Read documents from files and manifests (the edge where files become Documents)."""

from __future__ import annotations

import json
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
    """Documents listed in a manifest (JSON Lines: doc, file relative to the manifest, published, lang)."""
    try:
        lines = manifest.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{manifest}: cannot read the manifest ({e})") from e
    docs = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
            file = entry["file"]
        except (json.JSONDecodeError, KeyError, TypeError) as e:
            raise InputError(f"{manifest}:{n}: not a manifest line with a 'file' ({e})") from e
        path = (manifest.parent / file).resolve()
        published = parse_date(entry.get("published"), f"{manifest}:{n}")
        doc_id = entry.get("doc") or path.stem
        doc = document_from_file(path, published, doc_id)
        docs.append(Document(doc.id, doc.text, doc.published, lang=entry.get("lang") or "en", path=doc.path))
    return docs
