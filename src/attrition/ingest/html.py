"""HTML pages: the main text, title, date and site name, found by trafilatura."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any
from urllib.parse import urljoin

import htmldate
import trafilatura
from trafilatura.settings import Document as Extracted
from trafilatura.utils import decode_file, load_html

from attrition.ingest.common import (
    Page,
    check_not_binary,
    decode_bom,
    input_error,
    iso_date,
    language,
    tidy,
    to_document,
)
from attrition.model import Document

# trafilatura and htmldate log every page they discard; those pages become InputErrors here, so their
# warnings must not reach Python's last-resort handler (stderr) unless the application configures logging.
for _logger in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_logger).addHandler(logging.NullHandler())


def decode_html(data: bytes, name: str, charset: str | None = None) -> str:
    """The text of an HTML page's bytes: a BOM's codec, else UTF-8, else the ``charset`` the server
    named, else the encoding trafilatura guesses. Raises InputError for binary or empty data."""
    text = decode_bom(data, name)
    if text is None:
        check_not_binary(data, name)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
            if charset:
                try:
                    text = data.decode(charset)
                except (LookupError, UnicodeDecodeError):
                    text = None
            if text is None:
                text = decode_file(data)
    if not text.strip():
        raise input_error(name, "empty (no HTML in it)")
    return text


def html_page(data: bytes | str, name: str, *, url: str | None = None, charset: str | None = None) -> Page:
    """The page of an HTML document: its main text (paragraphs separated by blank lines), title, site
    name, language, canonical URL (else ``url``) and the date its metadata gives. The date found by
    searching the whole page is left for :func:`attrition.ingest.common.to_document` to ask for.

    Raises InputError (naming ``name``) for what is not HTML or has no article text.
    """
    source = data if isinstance(data, str) else decode_html(data, name, charset)
    if not source.strip():
        raise input_error(name, "empty (no HTML in it)")
    tree: Any = load_html(source)
    if tree is None:
        # a fragment or markup broken at the top: parse it inside a page of its own
        tree = load_html(f"<html><body>{source}</body></html>")
    if tree is None:
        raise input_error(name, "not HTML that can be parsed")
    extracted = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params={
            "original_date": True,
            "extensive_search": False,
            "max_date": date.today().isoformat(),
        },
    )
    body = tidy_paragraphs(extracted.text) if isinstance(extracted, Extracted) and extracted.text else ""
    if not body:
        raise input_error(name, "no article text found in the HTML (only markup, scripts or navigation)")
    assert isinstance(extracted, Extracted)

    def guess_date() -> date | None:
        found = htmldate.find_date(
            tree, extensive_search=True, original_date=True, max_date=date.today().isoformat()
        )
        return iso_date(found) if found else None

    return Page(
        text=body,
        title=extracted.title,
        url=_canonical(tree, url) or extracted.url or url,
        outlet=extracted.sitename,
        lang=_lang(tree),
        date=iso_date(extracted.date) if extracted.date else None,
        guess_date=guess_date,
    )


def html_document(
    data: bytes | str,
    name: str,
    *,
    url: str | None = None,
    path: str | None = None,
    published: date | None = None,
    charset: str | None = None,
) -> Document:
    """The Document of an HTML page. Its date: the page's metadata, else ``published``, else a date
    found by searching the page, else a dateline in the text."""
    page = html_page(data, name, url=url, charset=charset)
    return to_document(page, path=path if path is not None else name, published=published)


def tidy_paragraphs(text: str) -> str:
    """trafilatura's text (one block a line) with a blank line between blocks; the rows of a table
    ("| July 2025 | 31,000 |") stay together, one a line, as the extractor reads them."""
    lines = text.split("\n")
    out: list[str] = []
    for k, line in enumerate(lines):
        if k and not (line.lstrip().startswith("|") and lines[k - 1].lstrip().startswith("|")):
            out.append("")
        out.append(line)
    return tidy("\n".join(out))


def _canonical(tree: Any, base: str | None) -> str | None:
    for link in tree.iterfind(".//link[@href]"):
        rel = str(link.get("rel") or "").lower().split()
        if "canonical" not in rel:
            continue
        href = str(link.get("href") or "").strip()
        resolved = urljoin(base or "", href)
        if resolved.startswith(("http://", "https://")):
            return resolved
    return None


def _lang(tree: Any) -> str | None:
    found = language(tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang"))
    if found:
        return found
    for meta in tree.iterfind(".//meta[@http-equiv]"):
        if str(meta.get("http-equiv") or "").lower() == "content-language":
            return language(meta.get("content"))
    return None
