"""Inputs -> Documents: the readers of each format, the folder walk, stdin, URLs, and a suite of bad inputs
that must each give exactly one clear error while the good inputs beside them are still read.

Every text here is made up for the tests. The only network used is servers on 127.0.0.1 started here.
"""

from __future__ import annotations

import http.server
import io
import json
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import ClassVar

import pytest
import trafilatura

import attrition.ingest as ingest
import attrition.ingest.html as ingest_html
from attrition.errors import InputError
from attrition.ingest import iter_documents
from attrition.ingest.common import sniff
from attrition.ingest.feed import parse_feed
from attrition.ingest.records import records_documents
from attrition.ingest.text import decode_text
from attrition.model import Document, document_id

# --- fixtures in our own words -----------------------------------------------------------------------

PAGE_HTML = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Shelling toll rises in river town | The Northern Ledger</title>
<meta property="og:site_name" content="The Northern Ledger">
<meta property="og:title" content="Shelling toll rises in river town">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://ledger.example/world/shelling-toll">
</head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Shelling toll rises in river town</h1>
<p>Local officials said on Monday that 14 civilians were killed and 37 wounded when artillery struck
the market district of the river town overnight, the heaviest toll there this spring.</p>
<p>The regional health office later put the number of injured at 41, adding that several people
remained in a critical condition and that rescue crews were still searching two collapsed buildings.</p>
</article>
<footer>Copyright The Northern Ledger. All rights reserved.</footer>
</body>
</html>
"""

# A page with no date in its metadata, only one in its text (found by searching the page).
UNDATED_HTML = """<html><head><title>Depot strike</title></head><body><article>
<p>The strike on the fuel depot was reported on 12 May 2023 by two regional officials, who said nine
workers were killed.</p>
<p>A spokesman for the operator said the site would stay closed while engineers inspected the tanks.</p>
</article></body></html>
"""

RSS_FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
<channel>
<title>Frontline Digest</title>
<link>https://digest.example/</link>
<description>Short reports from the front</description>
<language>en-us</language>
<item>
<title>Ministry reports 210 soldiers lost in a day</title>
<link>https://digest.example/a</link>
<description>&lt;p&gt;The ministry said &lt;b&gt;210&lt;/b&gt; soldiers were lost in the past day.&lt;/p&gt;&lt;p&gt;It gave no figure for the wounded.&lt;/p&gt;</description>
<pubDate>Tue, 05 Mar 2024 08:30:00 GMT</pubDate>
</item>
<item>
<title>Aid convoy reaches the coast</title>
<link>https://digest.example/b</link>
<description>Twelve lorries of flour arrived after a week on the road.</description>
<pubDate>Wed, 06 Mar 2024 09:00:00 GMT</pubDate>
</item>
<item>
<title>Village retaken, says brigade</title>
<link>https://digest.example/c</link>
<description>The brigade said it had taken back the village and captured 8 soldiers.</description>
</item>
</channel>
</rss>
"""

ATOM_FEED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Harbour Monitor</title>
<id>urn:example:harbour</id>
<updated>2024-04-02T12:00:00Z</updated>
<entry>
<title>Port strike kills 6 dock workers</title>
<id>urn:example:harbour:1</id>
<link href="https://harbour.example/1"/>
<published>2024-04-01T07:00:00Z</published>
<updated>2024-04-01T09:00:00Z</updated>
<content type="html">&lt;p&gt;Six dock workers were killed when a missile hit the grain terminal.&lt;/p&gt;</content>
</entry>
<entry>
<title>Ferries resume after two days</title>
<id>urn:example:harbour:2</id>
<link href="https://harbour.example/2"/>
<updated>2024-04-02T12:00:00Z</updated>
<summary>Ferry services restarted on Tuesday morning.</summary>
</entry>
</feed>
"""

RECORDS = [
    {
        "text": "The governor said 3 people were killed in the night attack.",
        "url": "https://wire.example/1",
        "published": "2024-02-10",
        "title": "Night attack",
        "outlet": "Example Wire",
        "lang": "en",
    },
    {"text": "Officials counted 120 displaced families at the school.", "title": "Shelter"},
]


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def run(inputs: list[str], **kw: object) -> list[Document | InputError]:
    return list(iter_documents(inputs, **kw))  # type: ignore[arg-type]


def docs_of(items: list[Document | InputError]) -> list[Document]:
    return [x for x in items if isinstance(x, Document)]


def errors_of(items: list[Document | InputError]) -> list[InputError]:
    return [x for x in items if isinstance(x, InputError)]


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    # the local test servers must be reached directly
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(var, raising=False)


# --- local servers -----------------------------------------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, str, bytes]]] = {}

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        try:
            self._get()
        except OSError:  # the client hung up (it stopped at its size cap)
            pass

    def _get(self) -> None:
        path = self.path
        if path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
            return
        if path == "/big":  # no Content-Length: the client must stop reading by itself
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html><body><p>")
            for _ in range(400):
                self.wfile.write(b"x" * 16384)
            return
        if path == "/big-declared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(10 * 2**20))
            self.end_headers()
            self.wfile.write(b"<html>")
            return
        if path not in self.routes:
            body = b"<html><body><p>No such page</p></body></html>"
            self.send_response(404)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        status, ctype, body = self.routes[path]
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@dataclass
class Server:
    base: str
    routes: dict[str, tuple[int, str, bytes]]

    def url(self, path: str) -> str:
        return self.base + path


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    routes: dict[str, tuple[int, str, bytes]] = {}

    class Handler(_Handler):
        pass

    Handler.routes = routes
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    srv = Server(base, routes)
    routes["/page.html"] = (200, "text/html; charset=utf-8", PAGE_HTML.encode())
    routes["/image.png"] = (200, "image/png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    routes["/plain.txt"] = (200, "text/plain", b"KYIV, June 2, 2024 - Officials said 4 people died.")
    routes["/story-a"] = (
        200,
        "text/html",
        _story("Bridge strike", "A strike on the bridge killed 5 people."),
    )
    routes["/story-b"] = (200, "text/html", _story("Dam repairs", "Engineers said 2 sluices were repaired."))
    feed = (
        RSS_FEED.replace("https://digest.example/a", base + "/story-a")
        .replace("https://digest.example/b", base + "/missing-story")
        .replace("https://digest.example/c", base + "/story-b")
    )
    routes["/feed.xml"] = (200, "application/rss+xml", feed.encode())
    try:
        yield srv
    finally:
        httpd.shutdown()
        httpd.server_close()


def _story(title: str, sentence: str) -> bytes:
    return (
        f"<html><head><title>{title}</title></head><body><nav>Menu</nav><article><h1>{title}</h1>"
        f"<p>{sentence} The figures came from the regional administration on Friday.</p>"
        "<p>Residents said the area had been quiet for a week before the attack.</p>"
        "</article></body></html>"
    ).encode()


@pytest.fixture
def silent_url() -> Iterator[str]:
    """A server that accepts connections (the kernel's backlog does) and never answers."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/never"
    finally:
        sock.close()


@pytest.fixture
def closed_url() -> str:
    """A URL of a port nothing listens on."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return f"http://127.0.0.1:{port}/"


# --- text ----------------------------------------------------------------------------------------------


def test_text_file_with_bom_and_dateline(tmp_path: Path) -> None:
    body = "KYIV, March 3, 2024 - Officials said 5 people died in the strike.\n"
    p = write(tmp_path / "a.txt", b"\xef\xbb\xbf" + body.encode())
    [doc] = run([str(p)])
    assert isinstance(doc, Document)
    assert doc.text == body
    assert doc.id == document_id(body)
    assert doc.path == str(p)
    assert doc.published == date(2024, 3, 3)
    assert doc.lang == "en" and doc.title is None and doc.url is None


def test_markdown_and_utf16_with_bom(tmp_path: Path) -> None:
    md = write(tmp_path / "b.md", "# Heading\n\nThe council said 40 homes were damaged.\n")
    u16 = write(tmp_path / "c.txt", "Wounded: 12 – says the clinic.".encode("utf-16"))
    a, b = run([str(md), str(u16)])
    assert isinstance(a, Document) and a.text.startswith("# Heading")
    assert isinstance(b, Document) and b.text == "Wounded: 12 – says the clinic."


def test_caller_published_beats_dateline_for_text(tmp_path: Path) -> None:
    p = write(tmp_path / "a.txt", "KYIV, March 3, 2024 - Officials said 5 people died.\n")
    [doc] = run([str(p)], published=date(2024, 3, 9))
    assert isinstance(doc, Document) and doc.published == date(2024, 3, 9)


def test_text_without_numbers_is_a_document(tmp_path: Path) -> None:
    p = write(tmp_path / "calm.txt", "The night passed quietly along the whole front.\n")
    [doc] = run([str(p)])
    assert isinstance(doc, Document) and doc.published is None


def test_decode_text_errors_name_the_input() -> None:
    with pytest.raises(InputError, match=r"^blob: looks binary"):
        decode_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "blob")
    with pytest.raises(InputError, match=r"^w16: looks like UTF-16 text without a byte-order mark"):
        decode_text("plain words here".encode("utf-16-le"), "w16")
    with pytest.raises(InputError, match=r"^lat: not UTF-8 text \(byte 0xe9 at offset 3\)"):
        decode_text("café au lait".encode("latin-1"), "lat")
    with pytest.raises(InputError, match=r"^ws: empty"):
        decode_text(b" \n\t \n", "ws")


# --- HTML ----------------------------------------------------------------------------------------------


def test_html_page_text_and_metadata(tmp_path: Path) -> None:
    p = write(tmp_path / "page.html", PAGE_HTML)
    [doc] = run([str(p)])
    assert isinstance(doc, Document)
    assert "14 civilians were killed and 37 wounded" in doc.text
    assert "injured at 41" in doc.text
    assert "Home" not in doc.text and "Copyright" not in doc.text  # navigation and footer left out
    assert "\n\n" in doc.text  # paragraphs stay paragraphs
    assert doc.title == "Shelling toll rises in river town"
    assert doc.outlet == "The Northern Ledger"
    assert doc.published == date(2024, 3, 5)
    assert doc.url == "https://ledger.example/world/shelling-toll"
    assert doc.lang == "en"
    assert doc.path == str(p)
    assert doc.id == document_id(doc.text)


def test_html_date_precedence(tmp_path: Path) -> None:
    dated = write(tmp_path / "dated.html", PAGE_HTML)
    undated = write(tmp_path / "undated.html", UNDATED_HTML)
    caller = date(2024, 6, 1)
    # metadata beats the caller's date
    [d1] = run([str(dated)], published=caller)
    assert isinstance(d1, Document) and d1.published == date(2024, 3, 5)
    # the caller's date beats a date found by searching the page
    [d2] = run([str(undated)], published=caller)
    assert isinstance(d2, Document) and d2.published == caller
    # with no caller's date, the page's own date
    [d3] = run([str(undated)])
    assert isinstance(d3, Document) and d3.published == date(2023, 5, 12)
    assert d3.url is None and d3.title == "Depot strike"


def test_broken_markup_with_text_is_read(tmp_path: Path) -> None:
    broken = (
        "<html><head><title>Unclosed things</title><body class=main id=x><div><p>Rescuers said 17 people were pulled alive "
        "from the rubble of the <b>apartment block</i> on Sunday.<p>Another 3 are still missing, "
        "the city council said in a statement.</div></div></span><table><tr><td>stray"
    )
    p = write(tmp_path / "broken.html", broken)
    [doc] = run([str(p)])
    assert isinstance(doc, Document), doc
    assert "17 people were pulled alive" in doc.text
    assert "3 are still missing" in doc.text


def test_html_fragment_without_html_tag_is_read(tmp_path: Path) -> None:
    p = write(
        tmp_path / "frag.htm", "<p>The mayor said 6 schools were damaged.</p><p>Classes moved online.</p>"
    )
    [doc] = run([str(p)])
    assert isinstance(doc, Document) and "6 schools were damaged" in doc.text


def test_html_from_url_uses_final_url_and_canonical(server: Server) -> None:
    [doc] = run([server.url("/page.html")])
    assert isinstance(doc, Document)
    assert doc.path == server.url("/page.html")
    assert doc.url == "https://ledger.example/world/shelling-toll"
    assert doc.published == date(2024, 3, 5)


def test_html_lang_from_page(tmp_path: Path) -> None:
    page = PAGE_HTML.replace('lang="en-GB"', 'lang="uk-UA"')
    [doc] = run([str(write(tmp_path / "uk.html", page))])
    assert isinstance(doc, Document) and doc.lang == "uk"


# --- feeds -----------------------------------------------------------------------------------------------


def test_rss_feed_entries(tmp_path: Path) -> None:
    p = write(tmp_path / "digest.rss", RSS_FEED)
    items = run([str(p)], published=date(2024, 3, 20))
    assert not errors_of(items)
    a, b, c = docs_of(items)
    assert [d.title for d in (a, b, c)] == [
        "Ministry reports 210 soldiers lost in a day",
        "Aid convoy reaches the coast",
        "Village retaken, says brigade",
    ]
    assert a.url == "https://digest.example/a"
    assert a.text.startswith("Ministry reports 210 soldiers lost in a day\n\n")
    assert "The ministry said 210 soldiers were lost in the past day." in a.text
    assert "<" not in a.text  # HTML stripped
    assert a.published == date(2024, 3, 5)  # the entry's own date beats the caller's
    assert b.published == date(2024, 3, 6)
    assert c.published == date(2024, 3, 20)  # no entry date: the caller's
    assert {d.outlet for d in (a, b, c)} == {"Frontline Digest"}
    assert {d.path for d in (a, b, c)} == {str(p)}
    assert len({d.id for d in (a, b, c)}) == 3


def test_atom_feed_entries(tmp_path: Path) -> None:
    p = write(tmp_path / "harbour.atom", ATOM_FEED)
    items = run([str(p)])
    assert not errors_of(items)
    a, b = docs_of(items)
    assert a.title == "Port strike kills 6 dock workers"
    assert "Six dock workers were killed when a missile hit the grain terminal." in a.text
    assert a.published == date(2024, 4, 1)  # published before updated
    assert a.url == "https://harbour.example/1"
    assert b.published == date(2024, 4, 2)
    assert b.text == "Ferries resume after two days\n\nFerry services restarted on Tuesday morning."


def test_feed_as_xml_and_from_url_without_fetch(tmp_path: Path, server: Server) -> None:
    p = write(tmp_path / "feed.xml", ATOM_FEED)
    assert len(docs_of(run([str(p)]))) == 2
    items = run([server.url("/feed.xml")])
    assert len(docs_of(items)) == 3 and not errors_of(items)
    assert all(d.path == server.url("/feed.xml") for d in docs_of(items))


def test_feed_fetch_follows_links_and_a_failing_entry_is_one_error(server: Server) -> None:
    items = run([server.url("/feed.xml")], fetch=True, timeout=5)
    docs, errs = docs_of(items), errors_of(items)
    assert len(docs) == 2 and len(errs) == 1
    # the entries' order is kept, the failure in its place
    assert isinstance(items[0], Document) and isinstance(items[1], InputError)
    msg = str(errs[0])
    assert msg.startswith(server.url("/missing-story") + ": HTTP 404")
    assert "entry 2 of" in msg
    first, third = docs
    assert "A strike on the bridge killed 5 people." in first.text  # the page's text, not the summary
    assert "Menu" not in first.text
    assert first.title == "Ministry reports 210 soldiers lost in a day"  # the feed's title
    assert first.published == date(2024, 3, 5)  # the entry's date
    assert "Engineers said 2 sluices were repaired." in third.text


def test_parse_feed_bozo_with_entries_reads_what_is_there() -> None:
    truncated = RSS_FEED[: RSS_FEED.index("<item>", RSS_FEED.index("</item>"))] + "<item><title>Half"
    feed = parse_feed(truncated.encode(), "cut.rss")
    assert len(feed.entries) >= 1
    assert feed.entries[0].title == "Ministry reports 210 soldiers lost in a day"
    assert "The ministry said 210 soldiers" in feed.entries[0].text


# --- records -----------------------------------------------------------------------------------------


def test_json_list_records(tmp_path: Path) -> None:
    p = write(tmp_path / "r.json", json.dumps(RECORDS, indent=2))
    a, b = run([str(p)], published=date(2024, 5, 1))
    assert isinstance(a, Document) and isinstance(b, Document)
    assert a.text == RECORDS[0]["text"] and a.id == document_id(a.text)
    assert (a.url, a.title, a.outlet, a.lang) == (
        "https://wire.example/1",
        "Night attack",
        "Example Wire",
        "en",
    )
    assert a.published == date(2024, 2, 10)  # the record's date beats the caller's
    assert b.published == date(2024, 5, 1)  # none of its own: the caller's
    assert a.path == b.path == str(p)


def test_json_single_object_and_lang(tmp_path: Path) -> None:
    rec = {
        "text": "Des responsables ont fait état de 4 morts.",
        "lang": "fr-FR",
        "published": "2024-01-05T22:10:00+02:00",
    }
    [doc] = run([str(write(tmp_path / "one.json", json.dumps(rec)))])
    assert isinstance(doc, Document) and doc.lang == "fr" and doc.published == date(2024, 1, 5)


def test_jsonl_records_and_dateline_fallback(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "Officials said 7 fighters were captured.", "published": "2024-03-01"}),
        "",
        json.dumps({"text": "ODESA, April 4, 2024 - Two ports were shelled, the navy said."}),
    ]
    p = write(tmp_path / "r.jsonl", "\n".join(lines) + "\n")
    a, b = run([str(p)])
    assert isinstance(a, Document) and a.published == date(2024, 3, 1)
    assert isinstance(b, Document) and b.published == date(2024, 4, 4)  # from its dateline


def test_json_errors_name_file_and_line() -> None:
    data = b'[\n  {"text": "ok 1"},\n  {"title": "no text"},\n  {"text": "ok 2", "published": "yesterday"},\n  "str"\n]'
    items = list(records_documents(data, "f.json"))
    assert [str(x) for x in errors_of(items)] == [
        "f.json:3: the record has no 'text'",
        "f.json:4: 'published' 'yesterday' is not a date (YYYY-MM-DD)",
        "f.json:5: a record must be a JSON object, not a string",
    ]
    assert [d.text for d in docs_of(items)] == ["ok 1"]


# --- folders, sniffing, stdin, order --------------------------------------------------------------------


def _corpus(root: Path) -> None:
    write(root / "b.txt", "Second file: 2 soldiers were wounded.\n")
    write(root / "a.html", PAGE_HTML)
    write(root / "sub" / "c.jsonl", json.dumps({"text": "Third: 3 drones were downed."}) + "\n")
    write(root / "sub" / "deeper" / "d.md", "Fourth: 4 villages were evacuated.\n")
    write(root / "notes.csv", "not,read,by,default\n")
    write(root / "picture.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    write(root / ".hidden" / "e.txt", "Hidden: never read.\n")


def test_folder_walk_sorted_recursive_known_extensions(tmp_path: Path) -> None:
    _corpus(tmp_path / "corpus")
    items = run([str(tmp_path / "corpus")])
    assert not errors_of(items)
    assert [Path(str(d.path)).name for d in docs_of(items)] == ["a.html", "b.txt", "c.jsonl", "d.md"]


def test_folder_walk_with_glob(tmp_path: Path) -> None:
    _corpus(tmp_path / "corpus")
    assert [Path(str(d.path)).name for d in docs_of(run([str(tmp_path / "corpus")], glob="*.md"))] == ["d.md"]
    items = run([str(tmp_path / "corpus")], glob="*.html")
    assert [Path(str(d.path)).name for d in docs_of(items)] == ["a.html"] and not errors_of(items)
    # a glob may also choose files of unknown extensions, which are sniffed
    write(tmp_path / "corpus" / "sub" / "page.dat", PAGE_HTML)
    [doc] = run([str(tmp_path / "corpus")], glob="*.dat")
    assert isinstance(doc, Document) and doc.title == "Shelling toll rises in river town"


def test_symlinked_folder_read_once(tmp_path: Path) -> None:
    write(tmp_path / "real" / "x.txt", "Five tanks were destroyed, the army said.\n")
    root = tmp_path / "root"
    root.mkdir()
    (root / "one").symlink_to(tmp_path / "real")
    (root / "two").symlink_to(tmp_path / "real")
    items = run([str(root)])
    assert len(docs_of(items)) == 1 and not errors_of(items)


def test_linked_file_read_once(tmp_path: Path) -> None:
    # a link to a file of the same walk, in the folder or from another one, is that file again
    write(tmp_path / "root" / "a.txt", "Five tanks were destroyed, the army said.\n")
    write(tmp_path / "root" / "b.txt", "Two drones were downed, the air force said.\n")
    (tmp_path / "root" / "c.txt").symlink_to(tmp_path / "root" / "a.txt")
    (tmp_path / "root" / "sub").mkdir()
    (tmp_path / "root" / "sub" / "d.txt").symlink_to(tmp_path / "root" / "b.txt")
    items = run([str(tmp_path / "root")])
    assert not errors_of(items)
    assert sorted(d.text.strip() for d in docs_of(items)) == [
        "Five tanks were destroyed, the army said.",
        "Two drones were downed, the air force said.",
    ]


def test_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    a = write(tmp_path / "page.download", PAGE_HTML)
    b = write(tmp_path / "feed.data", RSS_FEED)
    c = write(tmp_path / "rec.out", json.dumps(RECORDS))
    d = write(tmp_path / "notes", "Plain words: 9 shells hit the port.\n")
    e = write(tmp_path / "xhtml.xml", PAGE_HTML)
    items = run([str(a), str(b), str(c), str(d), str(e)])
    assert not errors_of(items)
    assert len(items) == 1 + 3 + 2 + 1 + 1
    assert items[0].title == "Shelling toll rises in river town"  # type: ignore[union-attr]
    assert items[-1].title == "Shelling toll rises in river town"  # type: ignore[union-attr]


def test_sniff_kinds() -> None:
    assert sniff(PAGE_HTML.encode()) == "html"
    assert sniff(b"\xef\xbb\xbf" + RSS_FEED.encode()) == "feed"
    assert sniff(ATOM_FEED.encode("utf-16")) == "feed"
    assert sniff(b'<!-- a comment --><rss version="2.0"><channel></channel></rss>') == "feed"
    assert sniff(json.dumps(RECORDS).encode()) == "json"
    assert sniff(b'{"text": "a"}\n{"text": "b"}\n') == "jsonl"
    assert sniff(b"[Updated] Officials said 4 died.") == "text"
    assert sniff(b"Officials said 4 died.") == "text"


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (PAGE_HTML.encode(), "Shelling toll rises in river town"),
        (RSS_FEED.encode(), "Ministry reports 210 soldiers lost in a day"),
        (json.dumps(RECORDS).encode(), "Night attack"),
        ((json.dumps(RECORDS[0]) + "\n" + json.dumps(RECORDS[1]) + "\n").encode(), "Night attack"),
        (b"KYIV, May 1, 2024 - The mayor said 8 people were hurt.\n", None),
    ],
    ids=["html", "feed", "json", "jsonl", "text"],
)
def test_stdin_is_sniffed(payload: bytes, expected: str | None) -> None:
    items = run(["-"], stdin=io.BytesIO(payload))
    assert not errors_of(items)
    first = docs_of(items)[0]
    assert first.title == expected
    assert first.path == "-"
    if expected is None:
        assert first.published == date(2024, 5, 1)


def test_inputs_in_order_and_never_raises(tmp_path: Path) -> None:
    a = write(tmp_path / "a.txt", "First: 1 killed.\n")
    b = write(tmp_path / "b.txt", "Second: 2 killed.\n")
    items = run([str(b), str(tmp_path / "missing.txt"), str(a), ""])
    assert [type(x).__name__ for x in items] == ["Document", "InputError", "Document", "InputError"]
    assert items[0].text.startswith("Second")  # type: ignore[union-attr]
    assert items[2].text.startswith("First")  # type: ignore[union-attr]


def test_unexpected_reader_failure_is_one_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kw: object) -> object:
        raise RuntimeError("parser exploded")

    monkeypatch.setattr(ingest, "html_document", boom)
    bad = write(tmp_path / "x.html", PAGE_HTML)
    good = write(tmp_path / "y.txt", "Fine: 3 wounded.\n")
    items = run([str(bad), str(good)])
    assert [str(e) for e in errors_of(items)] == [f"{bad}: cannot read it (RuntimeError: parser exploded)"]
    assert len(docs_of(items)) == 1


def test_big_html_fails_fast_without_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def spy(*args: object, **kw: object) -> None:
        calls.append("parsed")

    monkeypatch.setattr(ingest_html, "load_html", spy)
    monkeypatch.setattr(trafilatura, "bare_extraction", spy)
    big = tmp_path / "huge.html"
    with big.open("wb") as f:
        f.write(b"<html><body><p>")
        f.truncate(51 * 2**20)  # sparse: no 51 MB written
    t0 = time.monotonic()
    [err] = run([str(big)])
    assert time.monotonic() - t0 < 1.0
    assert isinstance(err, InputError)
    assert str(err) == f"{big}: 51 MB is over the 50 MB limit for one input; not read"
    assert calls == []


def test_timeout_parameter_is_used(silent_url: str) -> None:
    t0 = time.monotonic()
    [err] = run([silent_url], timeout=0.3)
    elapsed = time.monotonic() - t0
    assert isinstance(err, InputError) and "timed out after 0.3 s" in str(err)
    assert elapsed < 3.0


# --- the bad-input suite --------------------------------------------------------------------------------


@dataclass
class Bad:
    """A bad input: ``make`` builds it and returns the input string and how many good documents the
    bad input itself still yields; the error must start with ``prefix`` (formatted with the input, as
    {input}) and contain ``reason``."""

    make: Callable[[Path, dict[str, str]], tuple[str, int]]
    prefix: str
    reason: str
    kw: dict[str, object] | None = None
    stdin: bytes | None = None


def _file(name: str, content: str | bytes) -> Callable[[Path, dict[str, str]], tuple[str, int]]:
    def make(tmp: Path, urls: dict[str, str]) -> tuple[str, int]:
        return str(write(tmp / "bad" / name, content)), 0

    return make


def _url(key: str) -> Callable[[Path, dict[str, str]], tuple[str, int]]:
    def make(tmp: Path, urls: dict[str, str]) -> tuple[str, int]:
        return urls[key], 0

    return make


def _sparse_html(tmp: Path, urls: dict[str, str]) -> tuple[str, int]:
    p = tmp / "bad" / "huge.html"
    p.parent.mkdir(parents=True)
    with p.open("wb") as f:
        f.write(b"<!DOCTYPE html><html><body><p>")
        f.truncate(50 * 2**20 + 1)
    return str(p), 0


def _feed_with_broken_entry(tmp: Path, urls: dict[str, str]) -> tuple[str, int]:
    feed = RSS_FEED.replace(
        "<item>\n<title>Aid convoy reaches the coast</title>",
        "<item><link>https://digest.example/empty</link></item>\n<item>\n<title>Aid convoy reaches the coast</title>",
    )
    return str(write(tmp / "bad" / "broken-entries.rss", feed)), 3


def _jsonl_bad_line(tmp: Path, urls: dict[str, str]) -> tuple[str, int]:
    text = (
        json.dumps({"text": "Line one: 2 killed."})
        + "\n{not json at all\n"
        + json.dumps({"text": "Line three: 3 killed."})
        + "\n"
    )
    return str(write(tmp / "bad" / "mixed.jsonl", text)), 2


def _json_without_text(tmp: Path, urls: dict[str, str]) -> tuple[str, int]:
    recs = [{"text": "Kept: 4 wounded."}, {"title": "No text here", "url": "https://x.example/"}]
    text = "[\n" + ",\n".join(json.dumps(r) for r in recs) + "\n]\n"  # the second record on line 3
    return str(write(tmp / "bad" / "notext.json", text)), 1


def _symlink_loop(tmp: Path, urls: dict[str, str]) -> tuple[str, int]:
    root = tmp / "bad" / "looped"
    write(root / "inner" / "kept.txt", "Inside the loop: 6 missing.\n")
    (root / "inner" / "back").symlink_to(root, target_is_directory=True)
    return str(root), 1


def _missing(tmp: Path, urls: dict[str, str]) -> tuple[str, int]:
    return str(tmp / "bad" / "does-not-exist.txt"), 0


def _broken_symlink(tmp: Path, urls: dict[str, str]) -> tuple[str, int]:
    (tmp / "bad").mkdir()
    link = tmp / "bad" / "dangling.txt"
    link.symlink_to(tmp / "bad" / "gone.txt")
    return str(link), 0


def _fifo(tmp: Path, urls: dict[str, str]) -> tuple[str, int]:
    (tmp / "bad").mkdir()
    p = tmp / "bad" / "pipe.txt"
    os.mkfifo(p)
    return str(p), 0


def _unreadable(tmp: Path, urls: dict[str, str]) -> tuple[str, int]:
    p = write(tmp / "bad" / "secret.txt", "Locked: 5 dead.\n")
    p.chmod(0)
    try:
        with p.open("rb"):
            pytest.skip("running as a user (root) who can read a chmod 000 file")
    except PermissionError:
        pass
    return str(p), 0


BAD: dict[str, Bad] = {
    "binary file": Bad(
        _file("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
        "{input}: ",
        "looks binary (NUL bytes)",
    ),
    "empty file": Bad(_file("empty.txt", b""), "{input}: ", "empty"),
    "whitespace-only file": Bad(_file("blank.md", "  \n\n\t\n"), "{input}: ", "empty"),
    "invalid UTF-8": Bad(
        _file("latin.txt", "Kämpfe in der Stadt: 5 Tote.".encode("latin-1")), "{input}: ", "not UTF-8 text"
    ),
    "UTF-16 without BOM": Bad(
        _file("wide.txt", "Nine shells landed near the bridge.".encode("utf-16-le")),
        "{input}: ",
        "UTF-16 text without a byte-order mark",
    ),
    "50 MB HTML": Bad(_sparse_html, "{input}: ", "over the 50 MB limit"),
    "HTML with no body text": Bad(
        _file(
            "nobody.html",
            "<html><head><title>Nothing</title><script>var a = 1;</script></head><body><div id='app'></div></body></html>",
        ),
        "{input}: ",
        "no article text found in the HTML",
    ),
    "broken markup without text": Bad(
        _file("tags.html", "<html><body><div><span></b></i><table><tr><td></div>"),
        "{input}: ",
        "no article text",
    ),
    "binary HTML": Bad(
        _file("zipped.html", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(64)),
        "{input}: ",
        "looks binary",
    ),
    "feed with a broken entry": Bad(
        _feed_with_broken_entry, "{input}: ", "entry 2 has no title, summary or content"
    ),
    "malformed feed": Bad(
        _file("junk.rss", "<rss><channel><title>Cut short"), "{input}: ", "not a readable RSS or Atom feed"
    ),
    "not a feed at all": Bad(
        _file("words.atom", "these are words, not a feed"), "{input}: ", "not a readable RSS or Atom feed"
    ),
    "URL that times out": Bad(_url("silent"), "{input}: ", "timed out after 0.5 s", kw={"timeout": 0.5}),
    "URL that refuses connections": Bad(_url("closed"), "{input}: ", "cannot connect"),
    "URL returning 404": Bad(_url("missing"), "{input}: ", "HTTP 404 Not Found"),
    "URL body over the cap": Bad(
        _url("big"), "{input}: ", "more than the 64 kB limit", kw={"max_bytes": 65536}
    ),
    "URL declaring a size over the cap": Bad(
        _url("big-declared"), "{input}: ", "10 MB is over the 64 kB limit", kw={"max_bytes": 65536}
    ),
    "URL redirecting forever": Bad(_url("loop"), "{input}: ", "more than 5 redirects"),
    "URL of an image": Bad(_url("image"), "{input}: ", "image/png is not HTML, a feed, JSON or text"),
    "unsupported URL scheme": Bad(
        lambda t, u: ("ftp://files.example/report.txt", 0), "{input}: ", "only http and https"
    ),
    "directory loop through a symlink": Bad(_symlink_loop, "{input}/inner/back: ", "a symbolic link back to"),
    "JSONL line that is not JSON": Bad(_jsonl_bad_line, "{input}:2: ", "not a JSON line"),
    "JSON record without text": Bad(_json_without_text, "{input}:3: ", "the record has no 'text'"),
    "JSON that is not JSON": Bad(
        _file("cut.json", '[{"text": "a"},\n {"text": '), "{input}:2: ", "not valid JSON"
    ),
    "nonexistent path": Bad(_missing, "{input}: ", "no such file or folder"),
    "broken symlink": Bad(_broken_symlink, "{input}: ", "a broken symbolic link"),
    "named pipe": Bad(_fifo, "{input}: ", "not a regular file"),
    "unreadable file": Bad(_unreadable, "{input}: ", "permission denied"),
    "- with nothing on stdin": Bad(
        lambda t, u: ("-", 0), "-: ", "nothing on standard input (empty)", stdin=b""
    ),
    "- with binary on stdin": Bad(
        lambda t, u: ("-", 0), "-: ", "looks binary", stdin=b"\x00\x01\x02\x03" * 64
    ),
}


@pytest.mark.parametrize("case", list(BAD), ids=list(BAD))
def test_bad_input_is_one_clear_error_and_nothing_else_is_lost(
    case: str, tmp_path: Path, server: Server, silent_url: str, closed_url: str
) -> None:
    bad = BAD[case]
    urls = {
        "silent": silent_url,
        "closed": closed_url,
        "missing": server.url("/no-such-page"),
        "big": server.url("/big"),
        "big-declared": server.url("/big-declared"),
        "loop": server.url("/loop"),
        "image": server.url("/image.png"),
    }
    good_before = write(tmp_path / "good" / "before.txt", "Before: the navy said 11 sailors were rescued.\n")
    good_after = write(tmp_path / "good" / "after.html", PAGE_HTML)
    bad_input, good_inside = bad.make(tmp_path, urls)
    kw: dict[str, object] = dict(bad.kw or {})
    kw["stdin"] = io.BytesIO(bad.stdin if bad.stdin is not None else b"")
    t0 = time.monotonic()
    items = run([str(good_before), bad_input, server.url("/page.html"), str(good_after)], **kw)
    assert time.monotonic() - t0 < 10

    errs = errors_of(items)
    assert len(errs) == 1, [str(e) for e in errs]
    msg = str(errs[0])
    assert "\n" not in msg
    assert msg.startswith(bad.prefix.format(input=bad_input)), msg
    assert bad.reason in msg, msg

    docs = docs_of(items)
    assert len(docs) == 3 + good_inside, [d.path for d in docs]
    assert docs[0].path == str(good_before)
    assert docs[-2].path == server.url("/page.html")
    assert docs[-1].path == str(good_after)
    assert docs[-1].title == "Shelling toll rises in river town"
    # the error sits where its input was
    index = items.index(errs[0])
    assert 1 <= index <= 1 + good_inside


def test_unreadable_file_without_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # As root a chmod 000 file stays readable, so the denial is simulated at open().
    p = write(tmp_path / "secret.txt", "Locked: 5 dead.\n")
    good = write(tmp_path / "ok.txt", "Open: 2 dead.\n")
    real_open = open

    def deny(file: object, *args: object, **kw: object) -> object:
        if str(file) == str(p):
            raise PermissionError(13, "Permission denied", str(p))
        return real_open(file, *args, **kw)  # type: ignore[call-overload]

    monkeypatch.setattr(ingest, "open", deny, raising=False)
    items = run([str(p), str(good)])
    assert [str(e) for e in errors_of(items)] == [f"{p}: cannot read it (permission denied)"]
    assert len(docs_of(items)) == 1


def test_stdin_over_the_cap() -> None:
    [err] = run(["-"], stdin=io.BytesIO(b"a" * 2000), max_bytes=1000)
    assert str(err) == "-: standard input is over the 1000 bytes limit; not read"
