"""English claim extraction: ``extract(document)`` and ``extract_text(text)``."""

from __future__ import annotations

from datetime import date

from attrition.extract import native
from attrition.model import Claim, Document

native.activate(__path__)  # the compiled modules, when a build matches the sources (native.py)

from attrition.extract.pipeline import EXTRACTOR, dateline, extract  # noqa: E402

__all__ = ["EXTRACTOR", "dateline", "extract", "extract_text"]


def extract_text(text: str, published: date | None = None, doc_id: str = "doc") -> list[Claim]:
    """Claims of a text; ``published`` resolves relative dates (else a dateline in the text does)."""
    return extract(Document(id=doc_id, text=text, published=published))
