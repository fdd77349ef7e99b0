"""JSON and JSON Lines records: ``{"text", "url", "published", "title", "outlet", "lang"}``, one
article each (a ``.json`` file holds one object or a list of them, a ``.jsonl`` file one a line)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from typing import Any

from attrition.errors import InputError
from attrition.ingest.common import Page, input_error, iso_date, language, to_document
from attrition.ingest.text import decode_text, text_page
from attrition.model import Document

_STRING_FIELDS = ("text", "url", "published", "title", "outlet", "lang")
_JSON_SPACE = re.compile(r"[ \t\n\r]*")


def record_page(record: Any, label: str) -> Page:
    """The page of one record; InputError (naming ``label``, e.g. FILE:LINE) for a record that is not
    an object, has no text, or has a field of the wrong type or a date that is not one."""
    if not isinstance(record, dict):
        raise input_error(label, f"a record must be a JSON object, not {_json_type(record)}")
    if "text" not in record or record["text"] is None:
        raise input_error(label, "the record has no 'text'")
    for key in _STRING_FIELDS:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise input_error(label, f"'{key}' must be a string, not {_json_type(value)}")
    text: str = record["text"]
    if not text.strip():
        raise input_error(label, "the record's 'text' is empty")
    when = None
    if record.get("published"):
        when = iso_date(record["published"])
        if when is None:
            raise input_error(label, f"'published' {record['published']!r} is not a date (YYYY-MM-DD)")
    lang = None
    if record.get("lang"):
        lang = language(record["lang"])
        if lang is None:
            raise input_error(label, f"'lang' {record['lang']!r} is not a language tag such as 'en'")
    return Page(
        text=text,
        title=record.get("title"),
        url=record.get("url"),
        outlet=record.get("outlet"),
        lang=lang,
        date=when,
    )


def records_documents(
    data: bytes,
    name: str,
    *,
    lines: bool | None = None,
    path: str | None = None,
    published: date | None = None,
    open_file: Callable[[str], bytes] | None = None,
) -> Iterator[Document | InputError]:
    """The Documents of a JSON (``lines=False``) or JSON Lines (``lines=True``) file; ``None`` decides
    from the content. A bad record or line is one InputError naming ``NAME:LINE``; the others go on.
    A record's date: its 'published', else ``published``, else a dateline in its text.

    A record with a 'file' instead of a 'text' is a manifest line (``{"doc", "file", "published",
    "lang"}``, as the benchmark's ``docs.jsonl``): ``open_file`` reads the file (relative to the
    manifest) and the record's 'doc' becomes the document's id."""
    try:
        text = decode_text(data, name)
    except InputError as e:
        yield e
        return
    where = path if path is not None else name
    items: list[tuple[int, Any]] | None = None
    if not lines:
        try:
            items = _json_items(text, name)
        except json.JSONDecodeError as e:
            # several objects one a line in a .json file: read it as JSON Lines
            if not (e.msg == "Extra data" and _first_line_is_json(text)):
                yield input_error(f"{name}:{e.lineno}", f"not valid JSON ({e.msg} at column {e.colno})")
                return
        except InputError as e:
            yield e
            return
    if items is None:
        yield from _jsonl_documents(text, name, where, published, open_file)
        return
    for line, record in items:
        try:
            yield _document(record, f"{name}:{line}", where, published, open_file)
        except InputError as e:
            yield e


def _document(
    record: Any, label: str, where: str, published: date | None, open_file: Callable[[str], bytes] | None
) -> Document:
    if isinstance(record, dict) and "text" not in record and isinstance(record.get("file"), str):
        return _manifest_document(record, label, published, open_file)
    return to_document(record_page(record, label), path=where, published=published)


def _manifest_document(
    record: dict[str, Any], label: str, published: date | None, open_file: Callable[[str], bytes] | None
) -> Document:
    file = record["file"]
    if open_file is None:
        raise input_error(label, f"the record names a file ({file}) but files cannot be read here")
    try:
        data = open_file(file)
    except InputError as e:
        raise input_error(label, str(e)) from e
    page = text_page(data, f"{label} ({file})")
    meta = record_page({**record, "text": page.text}, label)
    doc = to_document(replace(meta, title=meta.title or page.title), path=file, published=published)
    doc_id = record.get("doc")
    return replace(doc, id=doc_id) if isinstance(doc_id, str) and doc_id else doc


def _jsonl_documents(
    text: str, name: str, where: str, published: date | None, open_file: Callable[[str], bytes] | None
) -> Iterator[Document | InputError]:
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        label = f"{name}:{n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            yield input_error(label, f"not a JSON line ({e.msg} at column {e.colno})")
            continue
        try:
            yield _document(record, label, where, published, open_file)
        except InputError as e:
            yield e


def _json_items(text: str, name: str) -> list[tuple[int, Any]]:
    """The records of a JSON text with the line each starts on: the items of a top-level list, or the
    one top-level object. Raises JSONDecodeError for text that is not JSON, InputError for other JSON."""
    whole = json.loads(text)
    start = _skip_space(text, 0)
    if isinstance(whole, dict):
        return [(text.count("\n", 0, start) + 1, whole)]
    if not isinstance(whole, list):
        raise input_error(name, f"JSON input must be an object or a list of objects, not {_json_type(whole)}")
    return _list_items(text, start)


def _list_items(text: str, start: int) -> list[tuple[int, Any]]:
    # The text is valid JSON whose top level is a list opening at ``start``: walk it item by item to
    # learn the line each item starts on.
    decoder = json.JSONDecoder()
    pos = start + 1  # past '['
    line, counted = 1, 0
    items: list[tuple[int, Any]] = []
    while True:
        pos = _skip_space(text, pos)
        if text[pos] == "]":
            return items
        if text[pos] == ",":
            pos = _skip_space(text, pos + 1)
        line += text.count("\n", counted, pos)
        counted = pos
        value, pos = decoder.raw_decode(text, pos)
        items.append((line, value))


def _skip_space(text: str, pos: int) -> int:
    m = _JSON_SPACE.match(text, pos)
    return m.end() if m else pos


def _first_line_is_json(text: str) -> bool:
    first = text.lstrip().split("\n", 1)[0]
    try:
        json.loads(first)
    except json.JSONDecodeError:
        return False
    return True


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, int | float):
        return "a number"
    return "null"
