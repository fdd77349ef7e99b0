"""What the readers share: a read page before it becomes a Document, errors, dates, sniffing, HTML to text.

Everything here is pure (no I/O): bytes and strings in, values or :class:`InputError` out.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from html.parser import HTMLParser
from typing import Literal

from attrition.errors import InputError
from attrition.extract import dateline
from attrition.model import Document, document_id

MAX_BYTES = 50 * 2**20
"""The default size cap of one input (a file, a download, standard input): 50 MiB."""

Kind = Literal["html", "feed", "json", "jsonl", "text"]
_Date = date  # the Page field named ``date`` hides the type inside the class


def input_error(name: str, reason: str) -> InputError:
    """An InputError whose message is one line, ``NAME: reason``."""
    return InputError(one_line(f"{name}: {reason}"))


def one_line(s: str) -> str:
    return s.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


def size_text(n: int) -> str:
    """A byte count for a message: '50 MB', '1.5 kB', '12 bytes' (MB are MiB, as the cap is)."""
    if n >= 2**20:
        return f"{n / 2**20:.3g} MB"
    if n >= 1024:
        return f"{n / 1024:.3g} kB"
    return f"{n} bytes"


@dataclass(frozen=True, slots=True)
class Page:
    """What one reader read about an article, before the precedence rules make it a Document.

    ``date`` is the input's own metadata date (a JSON field, a feed entry's date, an HTML meta tag);
    ``guess_date`` finds a date by searching the page (HTML), asked only when nothing better is known.
    """

    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    lang: str | None = None
    date: _Date | None = None
    guess_date: Callable[[], _Date | None] | None = None


def to_document(page: Page, *, path: str | None, published: date | None = None) -> Document:
    """The Document of a page. Its date: the input's metadata, else the caller's ``published``, else the
    page's own date (found by searching it), else a dateline at the top of the text."""
    when = page.date or published
    if when is None and page.guess_date is not None:
        when = page.guess_date()
    if when is None:
        when = dateline(page.text)
    return Document(
        id=document_id(page.text),
        text=page.text,
        published=when,
        title=clean(page.title),
        url=clean(page.url),
        outlet=clean(page.outlet),
        lang=page.lang or "en",
        path=path,
    )


def clean(s: str | None) -> str | None:
    """A metadata string with its whitespace collapsed, or None when nothing is left."""
    if s is None:
        return None
    s = " ".join(s.split())
    return s or None


def language(value: object) -> str | None:
    """The primary language subtag of a tag such as 'en-GB' or 'uk_UA' ('en', 'uk'); None if not a tag."""
    if not isinstance(value, str):
        return None
    primary = value.strip().replace("_", "-").split("-")[0].lower()
    if 2 <= len(primary) <= 3 and primary.isascii() and primary.isalpha():
        return primary
    return None


def iso_date(value: str) -> date | None:
    """A date from an ISO date or date-time ('2024-03-05', '2024-03-05T10:00:00Z'); None if not one."""
    value = value.strip()
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None


# --- sniffing ------------------------------------------------------------------------------------

_FEED_ROOTS = ("rss", "feed", "rdf:rdf", "rdf")


def sniff(data: bytes) -> Kind:
    """What the bytes hold, judged from their start: an HTML page, an RSS/Atom feed, JSON, JSON Lines or
    plain text."""
    head = _head_text(data)
    if head.startswith("<"):
        root = _root_element(head)
        if root in _FEED_ROOTS:
            return "feed"
        if root == "?xml" or root == "":
            # an XML prolog or comments longer than the head: a feed if one of its roots shows up
            low = head.lower()
            if "<rss" in low or "<feed" in low or "<rdf:rdf" in low:
                return "feed"
        return "html"
    if head.startswith(("{", "[")):
        return _sniff_json(data)
    return "text"


def _head_text(data: bytes) -> str:
    head = data[:4096]
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, errors="ignore").lstrip()
    return head.decode("utf-8", errors="ignore").lstrip()


def _root_element(head: str) -> str:
    """The name of the first element of a markup text, skipping the XML prolog, comments and doctypes
    (lower case; '!doctype html' counts as 'html'; '' if the head ends first)."""
    pos = 0
    n = len(head)
    while pos < n:
        lt = head.find("<", pos)
        if lt < 0:
            return ""
        if head.startswith("<?", lt):
            end = head.find("?>", lt + 2)
            if end < 0:
                return "?xml"
            pos = end + 2
            continue
        if head.startswith("<!--", lt):
            end = head.find("-->", lt + 4)
            if end < 0:
                return ""
            pos = end + 3
            continue
        if head.startswith("<!", lt):
            end = head.find(">", lt + 2)
            decl = head[lt + 2 : end if end >= 0 else n].lower().split()
            if len(decl) >= 2 and decl[0] == "doctype":
                return "html" if decl[1].startswith("html") else decl[1]
            if end < 0:
                return ""
            pos = end + 1
            continue
        end = lt + 1
        while end < n and not head[end].isspace() and head[end] not in ">/":
            end += 1
        return head[lt + 1 : end].lower()
    return ""


def _sniff_json(data: bytes) -> Kind:
    found = bom_codec(data)
    text = data[found[1] :].decode(found[0], errors="replace") if found else data.decode("utf-8", "replace")
    try:
        json.loads(text)
        return "json"
    except ValueError:
        pass
    first = text.lstrip().split("\n", 1)[0]
    try:
        json.loads(first)
        return "jsonl"
    except ValueError:
        return "text"


# --- decoding ------------------------------------------------------------------------------------

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def bom_codec(data: bytes) -> tuple[str, int] | None:
    """The codec a byte-order mark at the start names, and the mark's length; None without one."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, len(bom)
    return None


def check_not_binary(data: bytes, name: str) -> None:
    """Raise a clear InputError for bytes that are no text: NUL bytes (binary data, or UTF-16 without
    a byte-order mark). Call it on data without a BOM."""
    sample = data[:8192]
    if b"\x00" not in sample:
        return
    if _looks_utf16(sample):
        raise input_error(
            name,
            "looks like UTF-16 text without a byte-order mark; save it as UTF-8 (or UTF-16 with a BOM)",
        )
    raise input_error(name, "looks binary (NUL bytes), not text")


def _looks_utf16(sample: bytes) -> bool:
    """Whether bytes with NULs are UTF-16 text: NULs on one side of each byte pair (the high byte of
    Latin characters) and, decoded so, nearly all printable characters."""
    sample = sample[: len(sample) // 2 * 2]
    half = max(1, len(sample) // 2)
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= 0.3 * half and even <= 0.05 * half:
        codec = "utf-16-le"
    elif even >= 0.3 * half and odd <= 0.05 * half:
        codec = "utf-16-be"
    else:
        return False
    text = sample.decode(codec, errors="replace")
    printable = sum(1 for c in text if c.isprintable() or c in "\t\n\r")
    return printable >= 0.95 * len(text)


def decode_bom(data: bytes, name: str) -> str | None:
    """The text of bytes that start with a byte-order mark (None when there is none)."""
    found = bom_codec(data)
    if found is None:
        return None
    codec, skip = found
    try:
        return data[skip:].decode(codec)
    except UnicodeDecodeError as e:
        raise input_error(name, f"not valid {codec.upper()} text (byte {e.start + skip})") from e


# --- HTML fragments to text ----------------------------------------------------------------------

_BLOCKS = frozenset(
    "address article aside blockquote dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split()
)
_SKIP = frozenset(("script", "style", "noscript", "template", "head", "title"))


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed entry's summary): blocks become paragraphs separated by a
    blank line, scripts and styles are dropped, spaces are collapsed."""
    parser = _TextParser()
    parser.feed(fragment)
    parser.close()
    return tidy("".join(parser.parts))


def tidy(text: str) -> str:
    """Spaces collapsed within lines, at most one blank line between paragraphs, no blank ends."""
    out: list[str] = []
    for line in text.splitlines():
        words = " ".join(line.split())
        if words:
            out.append(words)
        elif out and out[-1]:
            out.append("")
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)
