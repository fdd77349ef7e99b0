"""Inputs -> Documents (one module per format), and structured connectors -> Documents with Claims.

:func:`iter_documents` is the entry point: files, folders, http(s) URLs and standard input become
Documents, and what cannot be read becomes one :class:`InputError` each (``INPUT: reason``), in input
order, without stopping. The readers behind it are pure functions of bytes:

- :mod:`attrition.ingest.text`: ``.txt`` and ``.md``
- :mod:`attrition.ingest.html`: HTML pages (trafilatura)
- :mod:`attrition.ingest.feed`: RSS and Atom feeds (feedparser)
- :mod:`attrition.ingest.records`: ``.json`` and ``.jsonl`` records
- :mod:`attrition.ingest.web`: downloads (httpx)
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from fnmatch import fnmatchcase
from pathlib import PurePath
from typing import BinaryIO

import httpx

from attrition.errors import InputError
from attrition.ingest import web
from attrition.ingest.common import MAX_BYTES, Kind, Page, input_error, one_line, size_text, sniff
from attrition.ingest.feed import feed_documents
from attrition.ingest.html import html_document, html_page
from attrition.ingest.records import records_documents
from attrition.ingest.text import text_document, text_page
from attrition.model import Document

__all__ = ["KNOWN_EXTENSIONS", "MAX_BYTES", "iter_documents"]

KNOWN_EXTENSIONS: tuple[str, ...] = (
    ".txt",
    ".md",
    ".html",
    ".htm",
    ".xml",
    ".rss",
    ".atom",
    ".json",
    ".jsonl",
)
"""The files a folder walk reads when no ``glob`` is given."""

_KIND_OF_EXTENSION: dict[str, Kind] = {
    ".txt": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}


def iter_documents(
    inputs: Sequence[str],
    *,
    glob: str | None = None,
    fetch: bool = False,
    published: date | None = None,
    stdin: BinaryIO | None = None,
    timeout: float = web.TIMEOUT,
    max_bytes: int = MAX_BYTES,
) -> Iterator[Document | InputError]:
    """The Documents of the inputs, and one InputError for each input (or record, or feed entry) that
    cannot be read, in input order. It never raises for a bad input.

    Each input is a file, a folder (walked recursively in sorted order, hidden entries skipped, files
    chosen by ``glob`` (a pattern such as ``*.html``, matched against names, or against paths relative
    to the folder when it has a '/'), else by :data:`KNOWN_EXTENSIONS`; symbolic links are followed,
    a link back to a folder it is inside of is one error and is not followed), an http(s) URL, or
    ``-`` for ``stdin`` (default: the process's standard input). What a file or download holds is
    judged from its extension or media type, else from its first bytes.

    ``fetch``: follow each feed entry's link and read that page instead of the feed's summary.
    ``published``: the date of documents whose input has none of its own (before a date found by
    searching an HTML page and before a dateline in the text). ``timeout``: seconds to connect and
    for each read of a download. ``max_bytes``: the largest file, download or standard input read.
    """
    reader = _Reader(
        glob=glob, fetch=fetch, published=published, stdin=stdin, timeout=timeout, max_bytes=max_bytes
    )
    if isinstance(inputs, str):
        inputs = [inputs]
    try:
        for item in inputs:
            yield from _guarded(reader.read(item), item)
    finally:
        reader.close()


def _guarded(items: Iterator[Document | InputError], label: str) -> Iterator[Document | InputError]:
    """The items of one input; an unexpected exception becomes one InputError naming the input."""
    try:
        yield from items
    except InputError as e:
        yield InputError(one_line(str(e)))
    except Exception as e:  # a reader's bug or a library's surprise must not stop the other inputs
        yield input_error(label, f"cannot read it ({type(e).__name__}: {e})")


class _Reader:
    """The I/O edge: reads files, folders, URLs and standard input and hands their bytes to the readers."""

    def __init__(
        self,
        *,
        glob: str | None,
        fetch: bool,
        published: date | None,
        stdin: BinaryIO | None,
        timeout: float,
        max_bytes: int,
    ) -> None:
        self.glob = glob
        self.fetch = fetch
        self.published = published
        self.stdin = stdin
        self.timeout = timeout
        self.max_bytes = max_bytes
        self._http: httpx.Client | None = None

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    @property
    def http(self) -> httpx.Client:
        if self._http is None:
            self._http = web.client(self.timeout)
        return self._http

    # --- inputs ----------------------------------------------------------------------------------

    def read(self, item: str) -> Iterator[Document | InputError]:
        if item == "-":
            yield from self.read_stdin()
            return
        scheme, sep, _ = item.partition("://")
        if sep and scheme.isascii() and scheme.isalpha():
            if scheme.lower() in ("http", "https"):
                yield from self.read_url(item)
            else:
                yield input_error(item, f"cannot read {scheme}:// URLs (only http and https)")
            return
        if not item.strip():
            yield input_error(repr(item), "an empty input name")
            return
        yield from self.read_path(item)

    def read_stdin(self) -> Iterator[Document | InputError]:
        stream = self.stdin if self.stdin is not None else getattr(sys.stdin, "buffer", None)
        if stream is None:
            yield input_error("-", "no standard input to read")
            return
        try:
            data = stream.read(self.max_bytes + 1)
        except (OSError, ValueError) as e:
            yield input_error("-", f"cannot read standard input ({e})")
            return
        if isinstance(data, str):  # a text stream passed where a binary one was expected
            data = data.encode("utf-8")
        if len(data) > self.max_bytes:
            yield input_error("-", f"standard input is over the {size_text(self.max_bytes)} limit; not read")
        elif not data.strip():
            yield input_error("-", "nothing on standard input (empty)")
        else:
            yield from self.dispatch(data, "-", None, path="-")

    def read_url(self, url: str) -> Iterator[Document | InputError]:
        try:
            got = web.fetch(url, timeout=self.timeout, max_bytes=self.max_bytes, http=self.http)
            kind = web.kind_of(got)
        except InputError as e:
            yield e
            return
        yield from self.dispatch(got.data, url, kind, path=url, url=got.url, charset=got.charset)

    def read_path(self, name: str) -> Iterator[Document | InputError]:
        try:
            st = os.stat(name)
        except OSError as e:
            yield _os_error(name, e)
            return
        if stat.S_ISDIR(st.st_mode):
            yield from self.walk(name)
        else:
            yield from self.read_file(name, None)

    def read_file(self, name: str, kind: Kind | None) -> Iterator[Document | InputError]:
        try:
            data = _read_bytes(name, self.max_bytes)
        except InputError as e:
            yield e
            return
        if kind is None:
            ext = PurePath(name).suffix.lower()
            kind = _KIND_OF_EXTENSION.get(ext)
            if ext == ".xml" and sniff(data) == "html":
                kind = "html"
        yield from self.dispatch(data, name, kind, path=name)

    # --- folders ---------------------------------------------------------------------------------

    def walk(self, root: str) -> Iterator[Document | InputError]:
        """The files of a folder and its subfolders, depth first in sorted order; each real folder is
        read once, and a symbolic link back to a folder on the way down is reported, not followed."""
        seen_dirs = {os.path.realpath(root)}
        seen_files: set[str] = set()
        # ("dir", path, real paths of the folders above it) / ("file", path, {its real path}) /
        # ("loop", path, {target})
        stack: list[tuple[str, str, frozenset[str]]] = [("dir", root, frozenset())]
        while stack:
            what, path, above = stack.pop()
            if what == "file":
                (real,) = above
                if real not in seen_files:
                    seen_files.add(real)
                    yield from self.read_file(path, None)
                continue
            if what == "loop":
                (target,) = above
                yield input_error(path, f"a symbolic link back to {target}, a folder it is in; not followed")
                continue
            try:
                with os.scandir(path) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError as e:
                yield input_error(path, f"cannot list the folder ({e.strerror or e})")
                continue
            real_path = os.path.realpath(path)
            here = above | {real_path}
            todo: list[tuple[str, str, frozenset[str]]] = []
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                sub = os.path.join(path, entry.name)
                if _is_dir(entry):
                    real = os.path.realpath(sub)
                    if real in here:
                        todo.append(("loop", sub, frozenset((real,))))
                    elif real not in seen_dirs:
                        seen_dirs.add(real)
                        todo.append(("dir", sub, here))
                elif self._wanted(entry.name, sub, root):
                    # a file that is no link is where its folder really is (each real folder is
                    # listed once); a link is followed to its target
                    real = os.path.realpath(sub) if _is_link(entry) else os.path.join(real_path, entry.name)
                    todo.append(("file", sub, frozenset((real,))))
            stack.extend(reversed(todo))

    def _wanted(self, name: str, path: str, root: str) -> bool:
        if self.glob is None:
            return PurePath(name).suffix.lower() in KNOWN_EXTENSIONS
        if "/" in self.glob:
            return PurePath(os.path.relpath(path, root)).match(self.glob)
        return fnmatchcase(name, self.glob)

    # --- bytes to documents ----------------------------------------------------------------------

    def dispatch(
        self,
        data: bytes,
        name: str,
        kind: Kind | None,
        *,
        path: str,
        url: str | None = None,
        charset: str | None = None,
    ) -> Iterator[Document | InputError]:
        if kind is None:
            kind = sniff(data)
        try:
            if kind == "html":
                yield html_document(data, name, url=url, path=path, published=self.published, charset=charset)
            elif kind == "feed":
                yield from feed_documents(
                    data,
                    name,
                    path=path,
                    published=self.published,
                    base_url=url,
                    fetch_page=self.fetch_page if self.fetch else None,
                )
            elif kind in ("json", "jsonl"):
                local = url is None and path == name and name != "-"
                yield from records_documents(
                    data,
                    name,
                    lines=kind == "jsonl",
                    path=path,
                    published=self.published,
                    open_file=self._opener(name) if local else None,
                )
            else:
                doc = text_document(data, name, path=path, published=self.published)
                yield replace(doc, url=url) if url else doc
        except InputError as e:
            yield e
        except Exception as e:  # one file's surprise must not stop the rest of a folder
            yield input_error(name, f"cannot read it ({type(e).__name__}: {e})")

    def _opener(self, manifest: str) -> Callable[[str], bytes]:
        """Reads the files a manifest names, relative to the manifest's folder, within the size cap."""
        base = os.path.dirname(manifest)
        return lambda rel: _read_bytes(os.path.join(base, rel), self.max_bytes)

    def fetch_page(self, link: str) -> Page:
        """The page a feed entry's link leads to (HTML or plain text); InputError naming the link."""
        got = web.fetch(link, timeout=self.timeout, max_bytes=self.max_bytes, http=self.http)
        kind = web.kind_of(got)
        if kind == "html":
            return html_page(got.data, link, url=got.url, charset=got.charset)
        if kind == "text":
            return replace(text_page(got.data, link), url=got.url)
        raise input_error(link, f"the entry's link leads to {got.content_type or kind}, not a web page")


def _is_link(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_symlink()
    except OSError:
        return True  # unknown: resolve it


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # follows symbolic links
    except OSError:
        return False


def _read_bytes(name: str, max_bytes: int) -> bytes:
    """A regular file's bytes; its size is checked before anything is read."""
    try:
        st = os.stat(name)
    except OSError as e:
        raise _os_error(name, e) from e
    if not stat.S_ISREG(st.st_mode):
        raise input_error(name, "not a regular file (a device, socket or pipe); not read")
    if st.st_size > max_bytes:
        raise input_error(
            name, f"{size_text(st.st_size)} is over the {size_text(max_bytes)} limit for one input; not read"
        )
    try:
        with open(name, "rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as e:
        raise _os_error(name, e) from e
    if len(data) > max_bytes:
        raise input_error(name, f"over the {size_text(max_bytes)} limit for one input; not read")
    return data


def _os_error(name: str, e: OSError) -> InputError:
    if isinstance(e, FileNotFoundError):
        if os.path.islink(name):
            return input_error(name, "a broken symbolic link (its target does not exist)")
        return input_error(name, "no such file or folder")
    if isinstance(e, PermissionError):
        return input_error(name, "cannot read it (permission denied)")
    return input_error(name, f"cannot read it ({e.strerror or e})")
