"""Read documents from files and manifests (the edge where files become Documents)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from attrition.errors import InputError
from attrition.model import Document


def parse_date(value: str | None, what: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as e:
        raise InputError(f"{what}: {value!r} is not a date in YYYY-MM-DD form") from e


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
