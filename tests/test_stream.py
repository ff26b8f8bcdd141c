"""Streaming stories: articles arrive one by one, ids stay stable, old stories go dormant."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storylens.clean import clean_document
from storylens.config import ClusterConfig, Config
from storylens.evaluation.clustering import bcubed, load, run_batch, run_stream
from storylens.ingest import read_inputs
from storylens.nlp import Models
from storylens.records import Article, RawDocument
from storylens.stream import StoryStream
from test_cluster import QUAKE_A, QUAKE_B, STRANDED, STRIKE_A, STRIKE_B, make

ROOT = Path(__file__).resolve().parents[1]
HEADLINES = ROOT.parent / "shared" / "data" / "clustering" / "uci-headlines-dev"
T0 = datetime(2024, 3, 5, 23, 50, tzinfo=UTC)


@pytest.fixture(scope="module")
def example_articles() -> list[Article]:
    config = Config()
    raws = [
        r for r in read_inputs([ROOT / "examples"], config.ingest) if isinstance(r, RawDocument)
    ]
    cleaned = [clean_document(raw, config.clean) for raw in raws]
    return [a for a in cleaned if isinstance(a, Article)]


def test_example_coverage_streams_into_one_story(
    example_articles: list[Article], models: Models
) -> None:
    stream = StoryStream(models)
    ids = [stream.add(a) for a in example_articles]
    assert len(ids) == 3 and len(set(ids)) == 1


def test_two_interleaved_events_get_two_stable_ids(models: Models) -> None:
    stream = StoryStream(models)
    strike = stream.add(
        make("strike-a", STRIKE_A, title="German train drivers strike", published=T0)
    )
    quake = stream.add(
        make("quake-a", QUAKE_A, title="Strong quake shakes central Chile", published=T0)
    )
    assert strike != quake
    assert (
        stream.add(make("strike-b", STRIKE_B, title="Rail strike paralyses Germany", published=T0))
        == strike
    )
    assert (
        stream.add(make("quake-b", QUAKE_B, title="Earthquake rattles Chile", published=T0))
        == quake
    )
    assert stream.members() == {
        "strike-a": strike,
        "quake-a": quake,
        "strike-b": strike,
        "quake-b": quake,
    }


def test_story_id_is_named_after_its_first_article_whatever_came_before(models: Models) -> None:
    alone = StoryStream(models).add(make("quake-a", QUAKE_A, published=T0))
    stream = StoryStream(models)
    stream.add(make("strike-a", STRIKE_A, published=T0))
    assert stream.add(make("quake-a", QUAKE_A, published=T0)) == alone


def test_stories_older_than_the_window_go_dormant_and_are_forgotten(models: Models) -> None:
    stream = StoryStream(models, ClusterConfig(window_days=7))
    first = stream.add(make("a", QUAKE_A, published=T0))
    assert stream.add(make("b", QUAKE_B, published=T0 + timedelta(days=1))) == first
    # A month later the same words start a new story; the old one has left memory.
    later = stream.add(make("c", QUAKE_B, published=T0 + timedelta(days=30)))
    assert later != first
    assert stream.live_stories == 1 and stream.dormant == 1
    assert set(stream.members()) == {"c"}


def test_naive_and_aware_dates_mix_and_undated_articles_still_join(models: Models) -> None:
    stream = StoryStream(models)
    story = stream.add(make("aware", QUAKE_A, published=T0))
    assert stream.add(make("naive", QUAKE_B, published=datetime(2024, 3, 6, 1, 0))) == story
    assert stream.add(make("undated", QUAKE_A)) == story


def test_a_copy_joins_the_story_of_its_original(models: Models) -> None:
    stream = StoryStream(models)
    strike = stream.add(make("strike-a", STRIKE_A))
    stream.add(make("quake-a", QUAKE_A))
    copy = make("copy", "Read the full report on our partner site.", duplicate_of="strike-a")
    assert stream.add(copy) == strike


def test_add_many_equals_adding_one_at_a_time(models: Models) -> None:
    articles = [
        make("strike-a", STRIKE_A, published=T0),
        make("quake-a", QUAKE_A, published=T0),
        make("strike-b", STRIKE_B, published=T0),
        make("quake-b", QUAKE_B, published=T0),
    ]
    one = StoryStream(models)
    assert StoryStream(models).add_many(articles) == [one.add(a) for a in articles]
    assert StoryStream(models).add_many([]) == []


@pytest.mark.skipif(not HEADLINES.is_dir(), reason="shared benchmark data not present")
def test_streaming_headlines_is_far_better_than_one_story_each_and_near_batch(
    models: Models,
) -> None:
    articles, gold = load(HEADLINES)
    articles = articles[:800]
    gold = {a.id: gold[a.id] for a in articles}
    config = ClusterConfig()
    _, _, stream_f1 = bcubed(run_stream(articles, models, config), gold)
    _, _, batch_f1 = bcubed(run_batch(articles, models, config), gold)
    _, _, singletons_f1 = bcubed({a.id: a.id for a in articles}, gold)
    assert stream_f1 > singletons_f1 + 0.3
    assert stream_f1 > batch_f1 - 0.03


def _headline_subset(n: int) -> tuple[list[Article], dict[str, str]]:
    articles, gold = load(HEADLINES)
    articles = articles[:n]
    return articles, {a.id: gold[a.id] for a in articles}


def test_consolidation_merges_split_stories_and_the_older_story_keeps_its_id(
    models: Models,
) -> None:
    # Every article starts its own story (join threshold out of reach); only merges group them.
    config = ClusterConfig(stream_threshold=9.0, threshold=0.5)
    stream = StoryStream(models, config, consolidate_every=0)
    quake = stream.add(make("quake-a", QUAKE_A, title="Strong quake shakes central Chile"))
    strike = stream.add(make("strike-a", STRIKE_A, title="German train drivers strike"))
    quake_b = stream.add(make("quake-b", QUAKE_B, title="Earthquake rattles Chile"))
    strike_b = stream.add(make("strike-b", STRIKE_B, title="Rail strike paralyses Germany"))
    assert len({quake, strike, quake_b, strike_b}) == 4 and stream.live_stories == 4

    merges = stream.consolidate()

    assert sorted(merges) == sorted([(quake_b, quake), (strike_b, strike)])
    assert stream.merged_into == {quake_b: quake, strike_b: strike}
    assert stream.resolve(quake_b) == quake and stream.resolve(quake) == quake
    assert stream.members() == {
        "quake-a": quake,
        "quake-b": quake,
        "strike-a": strike,
        "strike-b": strike,
    }
    assert stream.live_stories == 2
    assert stream.consolidate() == []  # nothing changed since: nothing to redo


def test_a_lone_report_from_another_angle_joins_its_story_when_the_stream_consolidates(
    models: Models,
) -> None:

    stream = StoryStream(models)
    strike = stream.add(make("strike-a", STRIKE_A, title="German train drivers strike"))
    stream.add(make("quake-a", QUAKE_A, title="Strong quake shakes central Chile"))
    assert stream.add(make("strike-b", STRIKE_B, title="Rail strike paralyses Germany")) == strike
    stranded = stream.add(make("stranded", STRANDED, title="Stranded in Berlin"))
    assert stranded != strike  # below the join threshold on arrival
    stream.consolidate()
    assert stream.resolve(stranded) == strike  # the older story keeps its id
    assert stream.members()["stranded"] == strike


def test_a_story_of_undated_reports_never_goes_dormant_and_dated_reports_still_join_it(
    models: Models,
) -> None:
    stream = StoryStream(models)
    quake = stream.add(make("quake-a", QUAKE_A, title="Strong quake shakes central Chile"))
    for day in range(0, 40, 10):  # the clock moves on a month; each strike story goes dormant
        stream.add(make(f"strike-{day}", STRIKE_A, published=T0 + timedelta(days=day)))
    late = make("quake-b", QUAKE_B, published=T0 + timedelta(days=40))
    assert stream.add(late) == quake
    assert stream.dormant >= 3


def test_a_collection_is_streamed_undated_first_then_by_publication_time() -> None:
    from storylens.stream import feed_order

    articles = [
        make("late", QUAKE_B, published=T0 + timedelta(hours=3)),
        make("undated-1", QUAKE_A),
        make("early", STRIKE_A, published=T0),
        make("undated-2", STRIKE_B),
    ]
    assert [a.id for a in feed_order(articles)] == ["undated-1", "undated-2", "early", "late"]


def test_memory_stays_bounded_as_stories_go_dormant(models: Models) -> None:
    stream = StoryStream(models, ClusterConfig(window_days=7), consolidate_every=5)
    texts = [QUAKE_A, STRIKE_A, QUAKE_B, STRIKE_B]
    for k in range(80):
        # A new report every 4 days, each event coming back after 8: beyond the window.
        stream.add(make(f"a{k}", texts[k % 4], published=T0 + timedelta(days=4 * k)))
        assert stream.live_stories <= 2
        assert len(stream.members()) <= 2
    assert stream.dormant >= 70
    assert stream.seen == 80


@pytest.mark.skipif(not HEADLINES.is_dir(), reason="shared benchmark data not present")
def test_consolidation_recovers_split_headline_stories(models: Models) -> None:
    articles, gold = _headline_subset(800)
    merged = run_stream(articles, models, ClusterConfig())
    greedy = run_stream(articles, models, ClusterConfig(threshold=9.0))  # never merges
    assert len(set(merged.values())) < len(set(greedy.values()))
    assert bcubed(merged, gold)[2] > bcubed(greedy, gold)[2] + 0.05


@pytest.mark.skipif(not HEADLINES.is_dir(), reason="shared benchmark data not present")
def test_the_ann_index_path_assigns_like_the_exact_scan(models: Models) -> None:
    from storylens.dedup import sort_time

    articles, gold = _headline_subset(800)
    articles.sort(key=lambda a: sort_time(a.published))
    exact = StoryStream(models)
    ann = StoryStream(models, exact_below=0)  # the usearch index from the first story on
    exact_ids, ann_ids = exact.add_many(articles), ann.add_many(articles)
    exact.consolidate()  # the feed is done, as grouping and the evaluation do
    ann.consolidate()
    exact_ids = [exact.resolve(i) for i in exact_ids]
    ann_ids = [ann.resolve(i) for i in ann_ids]
    same = sum(a == b for a, b in zip(exact_ids, ann_ids, strict=True))
    assert same >= 0.95 * len(articles)
    ids = {a.id: i for a, i in zip(articles, ann_ids, strict=True)}
    assert bcubed(ids, gold)[2] > 0.75
