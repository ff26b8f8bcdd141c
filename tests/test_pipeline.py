"""End to end on the sample coverage: one story, and every span points at the text it shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from storylens import Report
from storylens.config import Config
from storylens.evaluation.clustering import load
from storylens.nlp import Models
from storylens.pipeline import analyze_articles, read_articles
from storylens.records import Article, Story


def spans_of(story: Story) -> list[tuple[str, tuple[int, int], str, bool]]:
    """(article, span, shown text, whether raw must match too) for every item that shows text."""
    items: list[tuple[str, tuple[int, int], str, bool]] = []
    for q in story.quotes:
        items += [(v.article, v.span, v.text, True) for v in q.variants]
    for c in story.claims:
        items += [(s.article, s.span, s.text, True) for s in c.sources]
    for s in story.summary:
        items += [(c.article, c.span, c.text, True) for c in s.citations]
    for conflict in story.conflicts:
        for value in conflict.values:
            items += [(sp.article, sp.span, sp.text, False) for sp in value.spans]
    return items


def test_samples_form_one_story_of_three_articles(sample_report: Report) -> None:
    assert len(sample_report.stories) == 1
    assert len(sample_report.stories[0].articles) == 3
    assert sample_report.dropped == []


def test_every_span_shows_exactly_its_article_text_and_raw(sample_report: Report) -> None:
    story = sample_report.stories[0]
    items = spans_of(story)
    assert len(items) > 10
    for article_id, span, shown, _ in items:
        article: Article = story.article(article_id)
        assert article.slice(span) == shown
        raw_span = article.raw_span_of(span)
        assert raw_span is not None, f"{shown!r} crosses a gap in {article.source}"
        assert article.raw[raw_span[0] : raw_span[1]] == shown


def test_quote_raw_spans_point_at_the_same_characters_in_raw(sample_report: Report) -> None:
    story = sample_report.stories[0]
    variants = [v for q in story.quotes for v in q.variants]
    assert variants
    for v in variants:
        assert v.raw_span is not None
        assert story.article(v.article).raw[v.raw_span[0] : v.raw_span[1]] == v.text


def test_summary_is_three_to_six_cited_sentences(sample_report: Report) -> None:
    lead = [s for s in sample_report.stories[0].summary if s.section == "lead"]
    assert 3 <= len(lead) <= 6
    for sentence in lead:
        assert sentence.citations
        assert sentence.citations[0].text == sentence.text


def test_report_json_follows_the_contract(sample_report: Report) -> None:
    data = sample_report.model_dump(mode="json")
    assert data["version"] == 1
    story = data["stories"][0]
    assert set(story) >= {"id", "title", "first_seen", "last_seen", "articles", "summary"}
    assert set(story) >= {"quotes", "claims", "conflicts", "sources"}
    article = story["articles"][0]
    expected = {"id", "outlet", "title", "byline", "published", "url", "source", "language"}
    assert set(article) >= expected | {"words", "duplicate_of", "text"}
    assert "raw" not in article and "segments" not in article
    assert Report.model_validate(data).model_dump(mode="json") == data


ROOT = Path(__file__).resolve().parents[1]
ECBPLUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "clustering" / "ecbplus-dev"


@pytest.mark.skipif(not ECBPLUS.is_dir(), reason="shared benchmark data not present")
def test_a_real_event_whose_place_name_straddles_a_sentence_is_fully_analysed(
    models: Models,
) -> None:
    # ECB+ topic 29 (13 articles) once lost its whole analysis to a place name that the
    # sentence span cut in two.
    articles, gold = load(ECBPLUS)
    chosen = [a for a in articles if gold[a.id] == "29_ecbplus"]
    report = analyze_articles(chosen, models=models)
    assert report.dropped == []
    assert all(story.claims for story in report.stories)
    for story in report.stories:
        for article, span, text, _ in spans_of(story):
            assert (
                next(a for a in story.articles if a.id == article).text[span[0] : span[1]] == text
            )


def test_articles_parsed_in_the_background_match_a_parse_on_demand(models: Models) -> None:
    articles, _ = read_articles([ROOT / "examples"], Config())
    background = Models()
    background.preload()
    background.preparse(articles)
    for article in articles:
        ahead, on_demand = background.doc(article), models.doc(article)
        assert [(t.text, t.dep_, t.ent_type_) for t in ahead] == [
            (t.text, t.dep_, t.ent_type_) for t in on_demand
        ]
    assert background._parsing is None  # joined once, not left running
