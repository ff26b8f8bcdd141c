"""The summary benchmark: data layouts, the shared length rule, baselines without NLTK data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storylens.evaluation import summary as bench
from storylens.nlp import Models

ROOT = Path(__file__).resolve().parents[1]
MULTINEWS = ROOT.parent / "shared" / "data" / "summarization" / "multinews-dev"
SAMPLE = next((ROOT / "examples").rglob("*.txt"))


def test_fill_keeps_rank_order_within_budget_and_never_returns_nothing() -> None:
    ranked = ["one two three four five", "six seven", "eight nine ten eleven", "twelve"]
    assert bench.fill(ranked, 8) == ["one two three four five", "six seven", "twelve"]
    assert bench.fill(["a b c d e f g h i j"], 3) == ["a b c d e f g h i j"]


def test_lead_baseline_goes_round_robin_over_documents() -> None:
    docs = [["a1", "a2", "a3"], ["b1"], ["c1", "c2"]]
    assert bench.lead_ranking(docs) == ["a1", "b1", "c1", "a2", "c2", "a3"]


def test_document_article_keeps_the_offset_map_to_the_document() -> None:
    doc = " First paragraph here.\n\n Second one follows.\n"
    article = bench.document_article(doc, "d#0")
    assert article is not None
    assert article.text == "First paragraph here.\n\nSecond one follows."
    span = (article.text.index("Second"), len(article.text))
    raw = article.raw_span_of(span)
    assert raw is not None and doc[raw[0] : raw[1]] == article.slice(span)
    assert bench.document_article("  \n ", "empty") is None


def test_reference_sets_are_found_in_every_layout(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    (tmp_path / "a").mkdir()
    row = {"id": "x", "documents": [text, text[:500]], "summary": "Putin offered help."}
    (tmp_path / "a" / "clusters.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    wcep = {"summary": "S.", "articles": [{"text": "Doc one."}, {"text": "Doc two."}]}
    (tmp_path / "wcep.jsonl").write_text(json.dumps(wcep) + "\n", encoding="utf-8")
    (tmp_path / "test.src").write_text("Doc a.NEWLINE_CHARMore. ||||| Doc b.\n", encoding="utf-8")
    (tmp_path / "test.tgt").write_text("– The summary.\n", encoding="utf-8")
    (tmp_path / "notes.jsonl").write_text('{"id": 1, "text": "no summary"}\n', encoding="utf-8")
    found = bench.load_reference_clusters(tmp_path)
    assert set(found) == {"a", "wcep", "test"}
    assert found["test"][0].documents == ["Doc a.\nMore.", "Doc b."]
    assert found["wcep"][0].documents == ["Doc one.", "Doc two."]


def test_sumy_baselines_rank_every_sentence_without_nltk_data() -> None:
    docs = [
        ["Putin offered Trump help with Iran.", "Trump declined the offer from Putin."],
        ["Trump said he needs help with Russia.", "The weather in The Hague was mild."],
    ]
    for kind in ("lexrank", "textrank"):
        ranked = bench.sumy_ranking(kind, docs)
        assert sorted(ranked) == sorted(s for d in docs for s in d)


def test_oracle_picks_the_sentences_that_match_the_reference() -> None:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    sents = ["Cats sleep all day long.", "Putin offered help with Iran.", "Trump declined it."]
    picked = bench.oracle(sents, "Putin offered help with Iran and Trump declined.", 20, scorer)
    assert picked == ["Putin offered help with Iran.", "Trump declined it."]


@pytest.mark.skipif(not MULTINEWS.is_dir(), reason="shared benchmark data not present")
def test_rouge_run_scores_every_system_with_exact_citations(models: Models) -> None:
    clusters = bench.load_reference_clusters(MULTINEWS)["multinews-dev"][:2]
    result = bench.rouge_set(clusters, models)
    assert set(result["scores"]) == set(bench.SYSTEMS)
    for system in bench.SYSTEMS:
        assert 0 < result["scores"][system]["rouge1"] <= 100
    assert result["scores"]["oracle"]["rouge1"] >= result["scores"]["lead"]["rouge1"]
    assert result["reference_free"]["valid_citation_share"] == 1.0
