"""Property tests: arbitrary text never raises, every span holds, every report is valid.

Hypothesis draws text from the whole of Unicode (controls, surrogate-free astral planes,
quote marks of every kind) around real sentences, so the cleaner, the quote extractor, the
claim aligner and the writers meet what scraped pages contain.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile import TOPICS
from storylens.clean import clean_document
from storylens.cluster import make_story
from storylens.config import CleanConfig, Config
from storylens.nlp import Models
from storylens.pipeline import analyse_story
from storylens.records import Article, RawDocument, Report
from storylens.report import render_html, render_json, render_markdown, report_schema

QUOTES = st.sampled_from(['"', "“", "”", "'", "‘", "’", "«", "»", "„", " said. ", "\n\n"])
NOISE = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), min_size=0, max_size=40)
PIECES = st.lists(st.one_of(NOISE, QUOTES, st.sampled_from(TOPICS[0].split(". "))), max_size=30)
SETTINGS = settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def _text(pieces: list[str]) -> str:
    return TOPICS[1] + " ".join(pieces) + " " + TOPICS[0]


@SETTINGS
@given(pieces=PIECES, html=st.booleans())
def test_cleaner_never_raises_and_its_map_to_raw_holds(pieces: list[str], html: bool) -> None:
    raw = _text(pieces)
    if html:
        raw = f"<html><body><p>{raw}</p></body></html>"
    result = clean_document(
        RawDocument(source="x", raw=raw, format="html" if html else "text"), CleanConfig()
    )
    if isinstance(result, Article):
        for seg in result.segments:
            piece = result.text[seg.text_start : seg.text_start + seg.length]
            assert raw[seg.raw_start : seg.raw_start + seg.length] == piece


def _spans(report: Report) -> None:
    for story in report.stories:
        texts = {a.id: a.text for a in story.articles}
        for quote in story.quotes:
            for v in quote.variants:
                assert texts[v.article][v.span[0] : v.span[1]] == v.text
        for claim in story.claims:
            for s in claim.sources:
                assert texts[s.article][s.span[0] : s.span[1]] == s.text
        for sentence in story.summary:
            for c in sentence.citations:
                assert texts[c.article][c.span[0] : c.span[1]] == c.text


@SETTINGS
@given(first=PIECES, second=PIECES)
def test_quotes_claims_and_writers_hold_every_span_on_arbitrary_text(
    models: Models, first: list[str], second: list[str]
) -> None:
    articles = []
    for n, pieces in enumerate((first, second)):
        raw = _text(pieces)
        cleaned = clean_document(RawDocument(source=f"a{n}.txt", raw=raw), CleanConfig())
        if isinstance(cleaned, Article):
            articles.append(cleaned.model_copy(update={"id": f"a{n}"}))
    if not articles:
        return
    story = analyse_story(make_story(articles), models, Config())
    report = Report(stories=[story])
    _spans(report)
    data = json.loads(render_json(report))
    assert set(data) == set(report_schema()["properties"])
    assert Report.model_validate(data).model_dump(mode="json") == data
    assert render_markdown(report) and render_html(report).lstrip().startswith("<!")
