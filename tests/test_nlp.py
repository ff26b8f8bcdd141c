"""The parse every stage reads: made once per text, shared, and never an ever-growing cache."""

from __future__ import annotations

from datetime import UTC, datetime

from storylens.nlp import Models
from storylens.records import Article

SENTENCES = [
    "New York Mayor Michael Bloomberg said on Sunday that President Barack Obama is a "
    '"credible, formidable candidate" for reelection.',
    "The inventor of the Kalashnikov assault rifle apparently wrote to the head of the "
    "Russian Orthodox Church before he died.",
    "Lindsay Lohan left the Betty Ford Clinic on Thursday after completing her court-ordered "
    "rehab stint.",
    "The Federal Reserve held interest rates steady on Wednesday and signalled two cuts "
    "later this year.",
    "Firefighters contained most of the wildfire by Saturday evening, officials said.",
]


def _article(i: int, text: str) -> Article:
    return Article(
        id=f"a{i}",
        source=f"test-{i}",
        text=text,
        published=datetime(2024, 1, 1, tzinfo=UTC),
    )


def _small(models: Models, capacity: int) -> Models:
    """A cache of ``capacity`` articles around the session's already loaded pipeline."""
    small = Models(models.config, cached_articles=capacity)
    small.__dict__["spacy"] = models.spacy
    return small


def test_a_long_run_holds_a_bounded_number_of_parses(models: Models) -> None:
    small = _small(models, 2)
    for i, text in enumerate(SENTENCES):
        small.doc(_article(i, text))
        assert small.cached() <= 2
    assert small.cached() == 2


def test_the_articles_of_the_story_in_use_stay_parsed_even_past_the_cache_size(
    models: Models,
) -> None:
    small = _small(models, 2)
    story = [_article(i, text) for i, text in enumerate(SENTENCES)]
    small.parse_all(story)
    parses = [small.doc(a) for a in story]
    assert small.cached() == len(story)
    for article, doc in zip(story, parses, strict=True):
        assert small.doc(article) is doc  # the stages share one parse, never a second


def test_a_byte_identical_reprint_shares_the_parse_of_its_original(models: Models) -> None:
    small = _small(models, 8)
    original, reprint = _article(1, SENTENCES[0]), _article(2, SENTENCES[0])
    assert small.doc(original) is small.doc(reprint)
    assert small.cached() == 1


def test_memoised_results_stay_per_article_even_when_texts_are_equal(models: Models) -> None:
    small = _small(models, 8)
    original, reprint = _article(1, SENTENCES[0]), _article(2, SENTENCES[0])
    assert small.memo("owner", original, lambda: original.id) == "a1"
    assert small.memo("owner", reprint, lambda: reprint.id) == "a2"


def test_sentences_are_the_same_from_a_batch_parse_and_a_single_parse(models: Models) -> None:
    text = " ".join(SENTENCES[:3]) + "\n\n" + " ".join(SENTENCES[3:])
    batch, single = _small(models, 4), _small(models, 4)
    batch.parse_all([_article(0, text), _article(1, SENTENCES[1])])
    spans = batch.sentences(_article(0, text))
    assert spans == single.sentences(_article(0, text))
    assert all("\n\n" not in text[s:e] for s, e in spans)
    assert [text[s:e] for s, e in spans][-1] == SENTENCES[-1]
