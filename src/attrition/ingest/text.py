"""Plain text and Markdown (``.txt``, ``.md``): the bytes are the article's text."""

from __future__ import annotations

from datetime import date

from attrition.ingest.common import (
    Page,
    check_not_binary,
    decode_bom,
    input_error,
    to_document,
)
from attrition.model import Document


def decode_text(data: bytes, name: str) -> str:
    """The text of a file's bytes: UTF-8 (with or without a BOM) or UTF-16/32 with a BOM.

    Raises a clear :class:`InputError` (naming ``name``) for binary data, UTF-16 without a BOM, bytes
    that are not UTF-8 and a file with nothing but whitespace in it.
    """
    text = decode_bom(data, name)
    if text is None:
        check_not_binary(data, name)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            raise input_error(
                name,
                f"not UTF-8 text (byte 0x{data[e.start]:02x} at offset {e.start}); convert it to UTF-8 first",
            ) from e
    if not text.strip():
        raise input_error(name, "empty (no text in it)" if text == "" else "empty (only whitespace)")
    return text


def text_page(data: bytes, name: str) -> Page:
    """The page of a text file's bytes (raises InputError as :func:`decode_text` does)."""
    return Page(text=decode_text(data, name))


def text_document(
    data: bytes, name: str, *, path: str | None = None, published: date | None = None
) -> Document:
    """The Document of a text file's bytes; its date is ``published``, else a dateline in the text."""
    return to_document(text_page(data, name), path=path if path is not None else name, published=published)
