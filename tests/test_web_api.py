"""The JSON API (attrition.web): routes, filters and pagination, evidence spans, errors, ingest, and
the OpenAPI document checked against the answers by schemathesis. All in-process (no network)."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from attrition.check import run_checks
from attrition.errors import UsageError
from attrition.estimate import estimate
from attrition.model import Document, document_id
from attrition.store.ledger import Ledger
from attrition.web import create_app
from attrition.workflow import ingest_documents

SCRIPT = "<script>alert(1)</script>"

# Short reports written for these tests (not taken from any article).
ARTICLES: list[tuple[str, date, str]] = [
    (
        "Tally from Kyiv",
        date(2024, 3, 4),
        "KYIV, March 3, 2024 - Ukraine's General Staff said on Sunday that Russia had lost about 410,000 "
        "troops since the start of the full-scale invasion in February 2022. The number could not be "
        "checked independently.",
    ),
    (
        "London's view",
        date(2024, 2, 2),
        "Officials in London estimated that Russian casualties had reached 350,000 killed and wounded by the "
        "end of January 2024. British defence intelligence added that roughly 1,000 Russian soldiers a day "
        f"were being killed or wounded in recent weeks. {SCRIPT}",
    ),
    (
        "Civilian toll",
        date(2024, 3, 5),
        "The UN human rights monitoring mission said at least 10,500 civilians have been killed in Ukraine "
        "since February 2022, and 19,800 have been wounded.",
    ),
    (
        "Autumn tally",
        date(2023, 10, 2),
        "Ukraine's General Staff said on Monday that Russia had lost 279,000 troops since February 2022.",
    ),
    (
        "A forecast",
        date(2024, 3, 6),
        "On March 5, 2024 the General Staff of Ukraine said Russia would lose 600,000 troops through "
        "December 2024.",
    ),
]


def build_ledger(path: Path) -> None:
    docs = [Document(document_id(text), text, published=p, title=title) for title, p, text in ARTICLES]
    with Ledger(path) as ledger:
        report = ingest_documents(ledger, docs)
        assert report.failed == 0
        claims = [r.claim for r in ledger.claims()]
        ledger.replace_findings(run_checks(claims, ledger.published_dates()))
        ledger.save_estimate(
            estimate(claims, subject="russia", published=ledger.published_dates(), parties=ledger.parties())
        )


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "ledger.db"
    build_ledger(path)
    return path


@pytest.fixture(scope="module")
def app(db: Path) -> FastAPI:
    return create_app(db)


@pytest.fixture(scope="module")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


@pytest.fixture
def ingest_client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(tmp_path / "new.db", allow_ingest=True, max_body=4000)) as c:
        yield c


def get(client: TestClient, url: str, status: int = 200, **params: Any) -> Any:
    r = client.get(url, params=params)
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/json"
    return r.json()


def all_claims(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    return list(get(client, "/api/claims", limit=1000, **params)["items"])


# -- reading ----------------------------------------------------------------------------------------


def test_health_counts_the_ledger(client: TestClient, db: Path) -> None:
    body = get(client, "/api/health")
    with Ledger(db) as ledger:
        counts = ledger.counts()
    assert body == {"status": "ok", "documents": len(ARTICLES), "claims": counts["claims"]}
    assert body["claims"] >= 6


def test_claim_pages_cover_every_claim_once_in_order(client: TestClient, db: Path) -> None:
    with Ledger(db) as ledger:
        expected = [r.claim.id for r in ledger.claims()]
    for limit in (1, 2, 3, len(expected), 1000):
        seen: list[str] = []
        for offset in range(0, len(expected) + limit, limit):
            page = get(client, "/api/claims", limit=limit, offset=offset)
            assert page["total"] == len(expected)
            assert (page["limit"], page["offset"]) == (limit, offset)
            assert len(page["items"]) == max(0, min(limit, len(expected) - offset))
            seen += [c["id"] for c in page["items"]]
        assert seen == expected
    assert get(client, "/api/claims")["limit"] == 100  # the default page
    empty = get(client, "/api/claims", limit=0)
    assert empty["items"] == [] and empty["total"] == len(expected)


def test_claim_records_carry_the_ledger_fields(client: TestClient) -> None:
    rec = next(c for c in all_claims(client) if c["value"] == 279000)
    assert rec["metric"] == "casualties" and rec["subject"] == "russia"
    assert isinstance(rec["value"], int)  # whole numbers stay integers
    assert rec["source"] == "Ukrainian General Staff"
    assert rec["title"] == "Autumn tally" and rec["published"] == "2023-10-02"
    assert rec["span"] == rec["spans"][0] and rec["bound"] == "exact"
    assert set(rec) >= {"doc", "quote", "low", "high", "per", "start", "end", "said_on", "extractor", "url"}


def test_claim_filters(client: TestClient) -> None:
    everything = all_claims(client)
    russia = all_claims(client, subject="russia")
    assert russia and all(c["subject"] == "russia" for c in russia)
    assert len(russia) < len(everything)
    killed = all_claims(client, metric="killed")
    assert [c["value"] for c in killed] == [10500]
    # a source by an alias, in any case
    staff = all_claims(client, source="general staff of ukraine")
    assert {c["value"] for c in staff} == {279000, 410000, 600000}
    assert all(c["source"] == "Ukrainian General Staff" for c in staff)
    # dates: the period's end, else when said, else the document's date
    early = all_claims(client, until="2023-12-31")
    assert [c["value"] for c in early] == [279000]
    late = all_claims(client, since="2024-03-01", subject="russia")
    assert {c["value"] for c in late} >= {410000, 600000} and 279000 not in {c["value"] for c in late}
    # full-text search over quotes and document text
    assert {c["value"] for c in all_claims(client, search="civilians")} == {10500, 19800}
    assert all_claims(client, search="nothing-like-this-anywhere") == []
    doc = killed[0]["doc"]
    assert {c["doc"] for c in all_claims(client, doc=doc)} == {doc}
    assert len(all_claims(client, doc=doc)) == 2
    page = get(client, "/api/claims", subject="russia", limit=2, offset=1)
    assert page["total"] == len(russia)
    assert [c["id"] for c in page["items"]] == [c["id"] for c in russia[1:3]]


def test_totals_count_every_match_for_combinations_of_filters(client: TestClient, db: Path) -> None:
    options: dict[str, list[Any]] = {
        "subject": [None, "russia", "Ukraine"],
        "metric": [None, "casualties", "killed"],
        "source": [None, "ukraine general staff", "OHCHR"],
        "since": [None, "2024-01-01"],
        "until": [None, "2024-03-04"],
        "search": [None, "troops", '"'],
    }
    with Ledger(db) as ledger:
        docs = [None, next(iter(ledger.published_dates()))]
    for values in itertools.product(*options.values(), docs):
        params = {k: v for k, v in zip([*options, "doc"], values, strict=True) if v is not None}
        page = get(client, "/api/claims", limit=1000, **params)
        assert page["total"] == len(page["items"]), params
        if params:
            assert get(client, "/api/claims", limit=1, **params)["total"] == page["total"]


def test_one_claim_with_its_source_and_findings(client: TestClient) -> None:
    forecast = next(c for c in all_claims(client) if c["value"] == 600000)
    body = get(client, f"/api/claims/{forecast['id']}")
    assert body["id"] == forecast["id"] and body["quote"] == forecast["quote"]
    assert (body["source_kind"], body["source_party"]) == ("military", "ukraine")
    kinds = {(f["kind"], f["severity"]) for f in body["findings"]}
    assert ("impossible_period", "error") in kinds
    assert all(set(f) == {"id", "kind", "severity", "message"} for f in body["findings"])
    # a unique prefix of an id finds the claim too
    assert get(client, f"/api/claims/{forecast['id'][:10]}")["id"] == forecast["id"]


def test_unknown_ids_are_404_with_a_json_error(client: TestClient) -> None:
    for url in ("/api/claims/c0000000000000000", "/api/documents/d0000000000000000"):
        body = get(client, url, status=404)
        assert isinstance(body["detail"], str) and "no " in body["detail"]
    assert get(client, "/api/nothing", status=404) == {"detail": "Not Found"}


def test_document_spans_point_at_each_figure(client: TestClient) -> None:
    claims = all_claims(client)
    docs = {c["doc"] for c in claims}
    n = 0
    for doc_id in docs:
        body = get(client, f"/api/documents/{doc_id}")
        text = body["text"]
        assert body["id"] == doc_id and body["kind"] == "article" and body["lang"] == "en"
        by_id = {c["id"]: c for c in claims if c["doc"] == doc_id}
        assert {s["claim"] for s in body["spans"]} == set(by_id)
        for s in body["spans"]:
            claim = by_id[s["claim"]]
            assert 0 <= s["start"] <= s["figure_start"] < s["figure_end"] <= s["end"] <= len(text)
            assert [s["start"], s["end"]] in claim["spans"]
            assert text[s["start"] : s["end"]] == claim["quote"]
            assert s["figure"] == text[s["figure_start"] : s["figure_end"]]
            assert float(s["figure"].replace(",", "")) == claim["value"]
            assert (s["metric"], s["subject"]) == (claim["metric"], claim["subject"])
            n += 1
    assert n == len(claims)


def test_script_in_a_text_is_returned_verbatim_as_json(client: TestClient) -> None:
    doc_id = next(c["doc"] for c in all_claims(client) if c["value"] == 350000)
    r = client.get(f"/api/documents/{doc_id}")
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert r.json()["text"].endswith(SCRIPT)
    assert json.dumps(SCRIPT)[1:-1] in r.text  # a JSON string, not markup
    hits = all_claims(client, search="script alert")
    assert {c["doc"] for c in hits} == {doc_id}


def test_findings_filters_and_pages(client: TestClient) -> None:
    everything = get(client, "/api/findings")
    assert everything["total"] == len(everything["items"]) >= 2
    severities = [f["severity"] for f in everything["items"]]
    assert severities == sorted(severities, key=["error", "warn", "info"].index)  # most severe first
    errors = get(client, "/api/findings", min_severity="error")
    assert errors["total"] >= 1 and all(f["severity"] == "error" for f in errors["items"])
    ratio = get(client, "/api/findings", kind="ratio")
    assert ratio["total"] >= 1 and all(f["kind"] == "ratio" for f in ratio["items"])
    cited = everything["items"][0]["claims"][0]["id"]
    mine = get(client, "/api/findings", claim=cited)["items"]
    assert mine and all(cited in [c["id"] for c in f["claims"]] for f in mine)
    assert get(client, "/api/findings", kind="no_such_check") == {
        "total": 0,
        "limit": 100,
        "offset": 0,
        "items": [],
    }
    paged = [
        f["id"]
        for k in range(everything["total"])
        for f in get(client, "/api/findings", limit=1, offset=k)["items"]
    ]
    assert paged == [f["id"] for f in everything["items"]]


def test_estimates_with_and_without_the_daily_series(client: TestClient) -> None:
    (est,) = get(client, "/api/estimates")
    assert (est["subject"], est["metric"]) == ("russia", "casualties")
    assert est["cumulative"] is None
    assert est["n_claims"] >= 3 and est["latest"]["median"] > 0
    assert {"low90", "high90", "date"} <= set(est["latest"])
    assert est["monthly"] and est["sources"]
    for key in ("method", "as_of", "claims_hash", "killed_share"):
        assert key in est
    (full,) = get(client, "/api/estimates", series="true")
    assert full["cumulative"] and full["cumulative"][-1] == full["latest"]
    assert {k: v for k, v in full.items() if k != "cumulative"} == {
        k: v for k, v in est.items() if k != "cumulative"
    }


def test_sources_with_claim_counts(client: TestClient) -> None:
    sources = {s["name"]: s for s in get(client, "/api/sources")}
    staff = sources["Ukrainian General Staff"]
    assert staff["claims"] == 3 and staff["party"] == "ukraine" and staff["kind"] == "military"
    assert "General Staff of Ukraine" in staff["aliases"]
    counts = [s["claims"] for s in sources.values()]
    assert counts == sorted(counts, reverse=True)


@pytest.mark.parametrize(
    ("url", "params", "word"),
    [
        ("/api/claims", {"limit": 1001}, "limit"),
        ("/api/claims", {"limit": -1}, "limit"),
        ("/api/claims", {"offset": -1}, "offset"),
        ("/api/claims", {"since": "2024-13-01"}, "since"),
        ("/api/claims", {"until": "yesterday"}, "until"),
        ("/api/findings", {"min_severity": "fatal"}, "min_severity"),
        ("/api/estimates", {"series": "maybe"}, "series"),
    ],
)
def test_bad_parameters_are_422_with_one_line(
    client: TestClient, url: str, params: dict[str, Any], word: str
) -> None:
    body = get(client, url, status=422, **params)
    assert isinstance(body["detail"], str) and word in body["detail"] and "\n" not in body["detail"]


def test_reading_changes_nothing(db: Path, client: TestClient) -> None:
    with Ledger(db) as ledger:
        before = ledger.fingerprint(), ledger.counts()
    for url in ("/api/claims", "/api/findings", "/api/estimates", "/api/sources", "/api/health"):
        get(client, url)
    with Ledger(db) as ledger:
        assert (ledger.fingerprint(), ledger.counts()) == before


def test_a_missing_ledger_is_an_error_when_read_only(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no ledger"):
        create_app(tmp_path / "absent.db")
    assert not (tmp_path / "absent.db").exists()


# -- ingest -----------------------------------------------------------------------------------------

POSTED = (
    "Kyiv, April 2, 2024 - Ukraine's General Staff said on Tuesday that Russia had lost about 445,000 "
    "troops since February 2022."
)


def test_posting_is_refused_when_read_only(client: TestClient, db: Path) -> None:
    r = client.post("/api/documents", json={"text": POSTED})
    assert r.status_code == 403
    assert "read-only" in r.json()["detail"]
    with Ledger(db) as ledger:
        assert ledger.document(document_id(POSTED)) is None


def test_ingest_is_documented_when_allowed(ingest_client: TestClient) -> None:
    post = ingest_client.get("/openapi.json").json()["paths"]["/api/documents"]["post"]
    assert set(post["responses"]) == {"200", "201", "400", "413", "422"}
    body = post["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/IngestRequest"}


def test_posted_text_is_ingested_once(ingest_client: TestClient) -> None:
    r = ingest_client.post("/api/documents", json={"text": POSTED, "title": "Spring tally"})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["status"] == "new" and body["document"] == document_id(POSTED)
    (claim,) = body["claims"]
    assert (claim["value"], claim["subject"], claim["source"]) == (
        445000,
        "russia",
        "Ukrainian General Staff",
    )
    assert claim["title"] == "Spring tally" and claim["published"] == "2024-04-02"
    again = ingest_client.post("/api/documents", json={"text": POSTED})
    assert again.status_code == 200
    assert again.json() == {**body, "status": "duplicate"}
    assert get(ingest_client, "/api/health")["documents"] == 1
    doc = get(ingest_client, f"/api/documents/{body['document']}")
    assert doc["text"] == POSTED and doc["title"] == "Spring tally"
    assert [s["figure"] for s in doc["spans"]] == ["445,000"]


def test_posted_date_is_used_when_the_text_has_none(ingest_client: TestClient) -> None:
    text = "Ukraine's General Staff said that Russia had lost 123,000 troops since February 2022."
    r = ingest_client.post("/api/documents", json={"text": text, "published": "2023-01-15"})
    assert r.status_code == 201, r.text
    assert r.json()["claims"][0]["published"] == "2023-01-15"


def test_a_body_over_the_limit_is_413(ingest_client: TestClient) -> None:
    big = {"text": "word " * 1000}  # over the 4000 bytes of the fixture
    r = ingest_client.post("/api/documents", json=big)
    assert r.status_code == 413 and "limit" in r.json()["detail"]
    # without a Content-Length, counted as it streams in
    chunks = [json.dumps(big).encode()[i : i + 500] for i in range(0, 5200, 500)]
    r = ingest_client.post(
        "/api/documents", content=iter(chunks), headers={"content-type": "application/json"}
    )
    assert r.status_code == 413
    assert get(ingest_client, "/api/health")["documents"] == 0


@pytest.mark.parametrize(
    ("body", "status", "word"),
    [
        ({}, 422, "exactly one"),
        ({"text": POSTED, "url": "https://example.org/a"}, 422, "exactly one"),
        ({"title": "only a title"}, 422, "exactly one"),
        ({"text": ""}, 422, "text"),
        ({"text": "   \n  "}, 400, "empty"),
        ({"url": "file:///etc/passwd"}, 422, "url"),
        ({"url": "/etc/passwd"}, 422, "url"),
        ({"url": "-"}, 422, "url"),
        ({"text": POSTED, "published": "soon"}, 422, "published"),
        ({"text": POSTED, "extra": 1}, 422, "extra"),
        ({"text": 5}, 422, "text"),
    ],
)
def test_bad_bodies_are_refused_with_a_message(
    ingest_client: TestClient, body: dict[str, Any], status: int, word: str
) -> None:
    r = ingest_client.post("/api/documents", json=body)
    assert r.status_code == status, r.text
    detail = r.json()["detail"]
    assert isinstance(detail, str) and word in detail and "\n" not in detail
    assert get(ingest_client, "/api/health")["documents"] == 0


def test_malformed_json_is_422(ingest_client: TestClient) -> None:
    r = ingest_client.post(
        "/api/documents", content=b'{"text": "abc', headers={"content-type": "application/json"}
    )
    assert r.status_code == 422 and isinstance(r.json()["detail"], str)


def test_posted_url_is_downloaded_and_read(
    ingest_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from attrition.ingest import web

    page = (
        "<html><head><title>Losses report</title></head><body><article><p>"
        + POSTED
        + " Officials gave no further detail about the count or how it was made.</p></article></body></html>"
    )
    asked: list[str] = []

    def fake_fetch(url: str, **_: Any) -> web.Fetched:
        asked.append(url)
        return web.Fetched(url, "text/html", "utf-8", page.encode())

    monkeypatch.setattr(web, "fetch", fake_fetch)
    r = ingest_client.post("/api/documents", json={"url": "https://news.example/losses"})
    assert r.status_code == 201, r.text
    assert asked == ["https://news.example/losses"]
    assert [c["value"] for c in r.json()["claims"]] == [445000]
    assert r.json()["claims"][0]["url"] == "https://news.example/losses"

    def failing_fetch(url: str, **_: Any) -> web.Fetched:
        raise web.input_error(url, "download failed (ConnectError: refused)")

    monkeypatch.setattr(web, "fetch", failing_fetch)
    r = ingest_client.post("/api/documents", json={"url": "https://news.example/gone"})
    assert r.status_code == 400 and "download failed" in r.json()["detail"]


# -- the OpenAPI document against the answers (schemathesis) ----------------------------------------


GET_ROUTES = [
    "/api/claims",
    "/api/claims/{claim_id}",
    "/api/documents/{doc_id}",
    "/api/findings",
    "/api/estimates",
    "/api/sources",
    "/api/health",
]


def test_openapi_lists_every_route(app: FastAPI) -> None:
    paths = app.openapi()["paths"]
    assert sorted(p for p, ops in paths.items() if "get" in ops) == sorted(GET_ROUTES)
    assert set(paths["/api/documents"]) == {"post"}
    assert "403" in paths["/api/documents"]["post"]["responses"]
    errors = [
        r for ops in paths.values() for op in ops.values() for c, r in op["responses"].items() if c >= "400"
    ]
    assert errors and all(
        r["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"} for r in errors
    )


CAN_BE_WRONG = {"/api/claims", "/api/findings", "/api/estimates"}  # routes with typed parameters


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=str)
@pytest.mark.parametrize("route", GET_ROUTES)
def test_openapi_describes_every_answer(app: FastAPI, db: Path, route: str, mode: GenerationMode) -> None:
    """Requests schemathesis generates from the OpenAPI document, valid ones and (for routes whose
    parameters can be invalid) invalid ones: no 5xx, every status documented, every body conforming to
    its schema, invalid input refused. The routes by id also get the ids the ledger holds."""
    if mode == GenerationMode.NEGATIVE and route not in CAN_BE_WRONG:
        pytest.skip("no parameter of this route can be of a wrong type or out of range")
    operation = schemathesis.openapi.from_asgi("/openapi.json", app)[route]["GET"]
    strategy = operation.as_strategy(generation_mode=mode)
    with Ledger(db) as ledger:
        known = {
            "/api/claims/{claim_id}": ("claim_id", [r.claim.id for r in ledger.claims()]),
            "/api/documents/{doc_id}": ("doc_id", list(ledger.published_dates())),
        }
    if route in known:
        name, ids = known[route]
        strategy = st.one_of(
            strategy, *(operation.as_strategy(generation_mode=mode, path_parameters={name: i}) for i in ids)
        )

    @given(case=strategy)
    @settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def check(case: Any) -> None:
        case.call_and_validate()

    check()
