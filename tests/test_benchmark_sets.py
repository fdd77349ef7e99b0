"""Eval gates: accuracy on the seeds (acceptance), the bundled examples and the sentence table.

The floors are pinned just below what the extractor measures today; a change that
lowers accuracy fails here.
"""

from datetime import date

import pytest

from attrition.documents import read_manifest
from attrition.extract import extract, extract_text
from tests.conftest import DATA, EXAMPLES, SHARED, load_jsonl


def _score(scorer, gold, docs):
    pred = [c.to_record() for d in docs for c in extract(d)]
    result, _, _, _ = scorer.score(gold, pred)
    return result


def test_seeds_meet_the_acceptance_floors(scorer) -> None:
    manifest = SHARED / "bench" / "seeds.docs.jsonl"
    if not (SHARED / "seeds").exists():
        pytest.skip("../shared/seeds not found")
    r = _score(scorer, load_jsonl(SHARED / "bench" / "seeds.gold.jsonl"), read_manifest(manifest))
    assert r["f1"] >= 0.90
    assert r["bound_acc"] >= 0.90
    assert r["per_acc"] >= 0.95
    assert r["period_acc"] >= 0.85
    assert r["source_acc"] >= 0.85
    assert r["said_on_acc"] >= 0.85


def test_bundled_examples_floor(scorer) -> None:
    r = _score(scorer, load_jsonl(EXAMPLES / "gold.jsonl"), read_manifest(EXAMPLES / "manifest.jsonl"))
    assert r["f1"] >= 0.95
    assert r["precision"] >= 0.95


def test_sentence_table_floor(scorer) -> None:
    gold, pred, ids = [], [], []
    for e in load_jsonl(DATA / "sentences.jsonl"):
        ids.append(e["id"])
        pub = date.fromisoformat(e["published"]) if e.get("published") else None
        gold += [{**c, "doc": e["id"]} for c in e["claims"]]
        pred += [c.to_record() for c in extract_text(e["text"], pub, e["id"])]
    r, _, _, _ = scorer.score(gold, pred, docs=ids)
    assert r["f1"] >= 0.94
    assert r["precision"] >= 0.94
    assert r["source_acc"] >= 0.85
    assert r["said_on_acc"] >= 0.95
    assert r["period_acc"] >= 0.80  # its annotator dates "the past day" D-1..D-1; we follow D-1..D


def test_held_out_articles_floor(scorer) -> None:
    """Six full articles annotated without looking at the extractor (first measured at F1 0.78)."""
    d = DATA / "articles"
    r = _score(scorer, load_jsonl(d / "gold.jsonl"), read_manifest(d / "manifest.jsonl"))
    assert r["f1"] >= 0.94
    assert r["precision"] >= 0.86
    assert r["source_acc"] >= 0.78


def test_second_held_out_articles_floor(scorer) -> None:
    """Six more articles (Kursk, Syria, Myanmar, named dead, territory, an interview), first measured at F1 0.64."""
    d = DATA / "articles2"
    r = _score(scorer, load_jsonl(d / "gold.jsonl"), read_manifest(d / "manifest.jsonl"))
    assert r["f1"] >= 0.87
    assert r["source_acc"] >= 0.55


def test_third_held_out_articles_floor(scorer) -> None:
    """Eight articles annotated blind by a helper (El Fasher, Gaza, think-tank estimates, a translated
    General Staff report, Yemen, an Israel-Iran live blog, an op-ed on ranges, eastern Congo): first
    measured at F1 0.718 with the code of the day they were written, 0.771 with that day's rules made
    before reading them, then used as a development set."""
    d = DATA / "articles3"
    r = _score(scorer, load_jsonl(d / "gold.jsonl"), read_manifest(d / "manifest.jsonl"))
    assert r["f1"] >= 0.94
    assert r["source_acc"] >= 0.62


def test_fourth_held_out_articles_floor(scorer) -> None:
    """Eight more articles annotated blind by a helper (a Kyiv strike wire, Russia's named dead, the West
    Bank, Myanmar's draft, Haiti, Karabakh, the Sahel, a news digest): first measured at F1 0.526 with the
    code of the day's start and 0.651 with that day's rules made before reading them, then used as a
    development set."""
    d = DATA / "articles4"
    r = _score(scorer, load_jsonl(d / "gold.jsonl"), read_manifest(d / "manifest.jsonl"))
    assert r["f1"] >= 0.89
    assert r["source_acc"] >= 0.78


def test_fifth_held_out_articles_floor(scorer) -> None:
    """Eight articles annotated blind by a helper (Belgorod translated, a territory assessment, prisoners
    and the missing, a defence intelligence tracker, aid workers and journalists in Gaza, Amhara,
    Catatumbo, a Makiivka fact check): first measured at F1 0.558 with the code of the day's start and
    0.667 with that day's final rules before reading them, then used as a development set."""
    d = DATA / "articles5"
    r = _score(scorer, load_jsonl(d / "gold.jsonl"), read_manifest(d / "manifest.jsonl"))
    assert r["f1"] >= 0.80
    assert r["source_acc"] >= 0.5


def test_sixth_held_out_articles_floor(scorer) -> None:
    """Eight articles annotated blind by a helper (a wire on Russian and Ukrainian losses, Wad Madani, the
    cost of Bakhmut, a translated Lebanese health ministry statement, the Dnipro strike, a Kashmir live
    blog, a Gaza fact check, the Thailand-Cambodia border war): first measured at F1 0.392 with the code
    of the day they were written (two of their wars unknown to it), then used as a development set."""
    d = DATA / "articles6"
    r = _score(scorer, load_jsonl(d / "gold.jsonl"), read_manifest(d / "manifest.jsonl"))
    assert r["f1"] >= 0.82
    assert r["source_acc"] >= 0.5


def test_seventh_held_out_articles_floor(scorer) -> None:
    """Eight articles annotated blind by a helper (the Kryvyi Rih strike, a translated General Staff
    report on Kursk, Yemen, Syria's coast, Mali, mobilisation numbers, the Nuseirat raid, a round-up):
    first measured at F1 0.552 with the code of that session's start and 0.617 with its final rules
    before reading them, then used as a development set."""
    d = DATA / "articles7"
    r = _score(scorer, load_jsonl(d / "gold.jsonl"), read_manifest(d / "manifest.jsonl"))
    assert r["f1"] >= 0.84
    assert r["source_acc"] >= 0.5


def test_eighth_held_out_articles_floor(scorer) -> None:
    """Eight articles annotated blind by a helper (North Korean troops in Kursk, an El Fasher live blog,
    think-tank ranges, Goma translated from French, the Israel-Iran war, Haiti's gangs, a Gaza brief,
    a Q&A on Ukraine's civilians): first measured at F1 0.807 with the code of that session's start
    and with its rules up to then, before reading them, then used as a development set."""
    d = DATA / "articles8"
    r = _score(scorer, load_jsonl(d / "gold.jsonl"), read_manifest(d / "manifest.jsonl"))
    assert r["f1"] >= 0.89
    assert r["source_acc"] >= 0.6


def test_ninth_held_out_articles_floor(scorer) -> None:
    """Eight articles annotated blind by a helper (Yelwata in Nigeria, a transcript of a Pakistani
    briefing, a Sweida breakdown list, Russia's war dead against earlier wars, the Sahel, Gaza's aid
    seekers, a monthly table of Ukraine's civilian harm, a ministry release): first measured at F1
    0.644 with the code of that session's start and with its rules up to then, before reading them,
    then used as a development set."""
    d = DATA / "articles9"
    r = _score(scorer, load_jsonl(d / "gold.jsonl"), read_manifest(d / "manifest.jsonl"))
    assert r["f1"] >= 0.92
    assert r["source_acc"] >= 0.6


def test_tenth_held_out_articles_floor(scorer) -> None:
    """Eight articles annotated blind by a helper (the Il-76 crash with prisoners of war, Lebanon after
    the ceasefire, a translated Sanaa statement, Ukraine's civilians by month, Amhara, estimates of
    Ukraine's losses, the Lido beach attack, Tripoli's clashes): first measured at F1 0.845 with the
    code of that session's start and 0.852 with its rules up to then, before reading them, then used
    as a development set."""
    d = DATA / "articles10"
    r = _score(scorer, load_jsonl(d / "gold.jsonl"), read_manifest(d / "manifest.jsonl"))
    assert r["f1"] >= 0.88
    assert r["source_acc"] >= 0.7
