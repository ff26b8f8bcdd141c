"""Conflicts: outlets placing a quote in different settings, or giving it to different people."""

from __future__ import annotations

from storylens import Report
from storylens.clean.text import assemble, line_spans
from storylens.config import QuotesConfig
from storylens.conflicts import FINDERS, find_conflicts
from storylens.nlp import Models
from storylens.quotes import find_quotes
from storylens.records import Conflict, RawDocument, Story


def story_with_quotes(models: Models, *texts: str) -> Story:
    articles = [
        assemble(RawDocument(source=f"outlet{i}.txt", raw=t), line_spans(t))
        for i, t in enumerate(texts)
    ]
    story = Story(id="s", title="t", articles=articles)
    return story.model_copy(update={"quotes": find_quotes(story, models, QuotesConfig())})


def assert_spans_exact(story: Story, conflicts: list[Conflict]) -> None:
    for conflict in conflicts:
        for value in conflict.values:
            for sp in value.spans:
                article = story.article(sp.article)
                assert article.slice(sp.span) == sp.text
                raw = article.raw_span_of(sp.span)
                assert raw is not None and article.raw[raw[0] : raw[1]] == sp.text


AT_SUMMIT = (
    "Speaking at the EU summit in Brussels, Chancellor Friedrich Merz said, "
    "“Europe has to pay for its own defence, and it will.”"
)
EN_ROUTE = (
    "“Europe has to pay for its own defence, and it will,” Merz told reporters while "
    "travelling to the EU summit."
)
EN_ROUTE_DETAIL = (
    "Merz spoke aboard the government plane on the way to a tense EU summit in Belgium.\n\n"
    "“Europe has to pay for its own defence,” Merz said."
)


def test_quote_said_at_the_event_and_on_the_way_there_conflicts(models: Models) -> None:
    story = story_with_quotes(models, AT_SUMMIT, EN_ROUTE, EN_ROUTE_DETAIL)
    assert len(story.quotes) == 1 and len(story.quotes[0].variants) == 3
    conflicts = find_conflicts(story, models)
    assert [c.kind for c in conflicts] == ["quote_context"]
    values = conflicts[0].values
    ids = [a.id for a in story.articles]
    assert [v.articles for v in values] == [[ids[0]], [ids[1], ids[2]]]
    assert values[0].value == "at the EU summit in Brussels"
    assert [sp.text for sp in values[1].spans] == [
        "while travelling to the EU summit",
        "aboard the government plane on the way to a tense EU summit in Belgium",
    ]
    assert conflicts[0].about.startswith("Europe has to pay")
    assert_spans_exact(story, conflicts)


def test_same_setting_in_other_words_is_no_conflict(models: Models) -> None:
    story = story_with_quotes(models, EN_ROUTE, EN_ROUTE_DETAIL)
    assert find_conflicts(story, models) == []


def test_quote_given_to_different_people_is_a_speaker_conflict(models: Models) -> None:
    one = (
        "Defence Secretary John Healey visited the base on Friday.\n\n"
        "“Our troops deserve better housing and better pay,” Healey said."
    )
    other = (
        "Prime Minister Keir Starmer visited the base on Friday with his defence secretary.\n\n"
        "“Our troops deserve better housing and better pay,” Starmer said."
    )
    story = story_with_quotes(models, one, other)
    conflicts = [c for c in find_conflicts(story, models) if c.kind == "speaker"]
    assert len(conflicts) == 1
    assert [v.value for v in conflicts[0].values] == ["John Healey", "Keir Starmer"]
    assert [sp.text for v in conflicts[0].values for sp in v.spans] == ["Healey", "Starmer"]
    assert_spans_exact(story, conflicts)


def test_same_person_named_differently_is_no_speaker_conflict(models: Models) -> None:
    one = "“Our troops deserve better housing,” Defence Secretary John Healey said."
    other = "“Our troops deserve better housing,” Healey told the BBC."
    story = story_with_quotes(models, one, other)
    assert [c for c in find_conflicts(story, models) if c.kind == "speaker"] == []


def test_claims_can_join_as_another_finder() -> None:
    assert all(callable(f) for f in FINDERS) and len(FINDERS) >= 2


def test_sample_report_shows_where_trump_spoke_as_a_conflict(sample_report: Report) -> None:
    story = max(sample_report.stories, key=lambda s: len(s.articles))
    found = [
        c
        for c in story.conflicts
        if c.kind == "quote_context" and c.about.startswith("As you know, Vladimir")
    ]
    assert len(found) == 1
    texts = {sp.text for v in found[0].values for sp in v.spans}
    assert "at the Nato Summit in The Hague" in texts
    assert len(found[0].values) == 2
    assert_spans_exact(story, found)
