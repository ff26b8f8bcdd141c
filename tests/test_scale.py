"""A store that grows batch by batch, and the Ray path giving the same copies and stories."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from storylens.cli import app
from storylens.cluster import make_story
from storylens.config import Config, DedupConfig
from storylens.dedup import mark_duplicates
from storylens.nlp import Models
from storylens.records import Article, Report
from storylens.report import render_json
from storylens.scale.lsh import band_keys, shingle_hashes, signature
from storylens.store import IngestResult, Store, stream_state
from storylens.stream import StoryStream

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
needs_data = pytest.mark.skipif(
    not (DATA / "clustering" / "ecbplus-dev").is_dir(), reason="shared benchmark data not present"
)
sys.path.insert(0, str(ROOT / "benchmarks"))

runner = CliRunner()

# Real ECB+ dev articles (abridged): two events far apart in time.
LOHAN = (
    "Lindsay Lohan has left the Betty Ford Center and is moving to a rehab facility in Malibu, "
    "Calif., Access Hollywood has confirmed. A spokesperson for The Los Angeles Superior Court "
    "confirmed to Access that a judge signed an order yesterday allowing the transfer to "
    "Cliffside, where she will continue with her 90-day court-mandated rehab."
)
SIXERS = (
    "Philadelphia 76ers President and General Manager Billy King announced today that Jim "
    "O'Brien has been relieved of his duties as head coach of the Philadelphia 76ers. No "
    "decision has been reached on O'Brien's staff at this time. O'Brien was hired as the 20th "
    "coach of the 76ers on April 21, 2004 and posted a record of 43-39 in 2004-05."
)


def _jsonl(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_byte_identical_inputs_do_not_crash_the_stream_when_their_story_goes_dormant(
    tmp_path: Path,
) -> None:
    feed = _jsonl(
        tmp_path / "feed.jsonl",
        [
            {"text": LOHAN, "outlet": "a.example", "published": "2013-06-13T16:59:00-04:00"},
            {"text": LOHAN, "outlet": "b.example", "published": "2013-06-13T18:00:00-04:00"},
            {"text": SIXERS, "outlet": "c.example", "published": "2013-07-20T10:00:00-04:00"},
        ],
    )
    result = runner.invoke(app, ["cluster", "--stream", "--json", str(feed)])
    assert result.exit_code == 0, result.output
    stories = json.loads(result.output)["stories"]
    assert sorted(len(s["articles"]) for s in stories) == [1, 2]


def test_band_keys_are_stable_and_shared_by_a_trimmed_copy() -> None:
    config = DedupConfig()
    longer = f"{LOHAN} {SIXERS}"
    assert band_keys(LOHAN, config) == band_keys(LOHAN, config)
    assert set(band_keys(LOHAN, config)) & set(band_keys(longer, config))
    assert not set(band_keys(LOHAN, config)) & set(band_keys(SIXERS, config))
    assert band_keys("", config) == []
    assert len(band_keys("Too short to be a near copy.", config)) == 1  # exact key only


def test_minhash_estimate_follows_the_exact_jaccard_of_the_shingles() -> None:
    a = shingle_hashes(LOHAN.split(), 4)
    b = shingle_hashes(LOHAN.split()[: len(LOHAN.split()) // 2], 4)
    exact = len(np.intersect1d(a, b)) / len(np.union1d(a, b))
    estimate = float(np.mean(signature(a) == signature(b)))
    assert abs(estimate - exact) < 0.12


def _stream_groups(db: Path) -> tuple[list[tuple[str, str]], list[list[str]]]:
    with Store(db) as store, store.engine.connect() as conn:
        dups = sorted(
            (str(a), str(b))
            for a, b in conn.exec_driver_sql("SELECT article_id, duplicate_of FROM duplicates")
        )
        members: dict[str, list[str]] = {}
        for a, s in conn.exec_driver_sql("SELECT article_id, stream_story FROM stream_members"):
            members.setdefault(str(s), []).append(str(a))
    return dups, sorted(sorted(m) for m in members.values())


@pytest.fixture(scope="module")
def feed(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Two days of a real-derived feed (ECB+/Multi-News/Zyte texts, copies and reprints)."""
    if not (DATA / "clustering" / "ecbplus-dev").is_dir():
        pytest.skip("shared benchmark data not present")
    import scale_corpus

    rows = scale_corpus.build(160, seed=3)
    return scale_corpus.write_shards(rows, tmp_path_factory.mktemp("feed"), 2)


@pytest.fixture(scope="module")
def local_db(
    feed: list[Path], models: Models, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, IngestResult]:
    """The feed ingested in one run by the local engine (stories assigned, not analysed)."""
    db = tmp_path_factory.mktemp("local") / "once.db"
    with Store(db) as store:
        return db, store.ingest(feed, models=models, analyse=False)


@needs_data
def test_a_store_fed_in_two_batches_has_the_copies_and_stories_of_one_batch(
    tmp_path: Path, feed: list[Path], local_db: tuple[Path, IngestResult], models: Models
) -> None:
    once_db, once = local_db
    for shard in feed:  # a new Store each time: the stream's state comes from the database
        with Store(tmp_path / "twice.db") as store:
            store.ingest([shard], models=models, analyse=False)
    dups, stories = _stream_groups(once_db)
    assert dups and len(stories) < len(once.added)  # the feed has copies and shared stories
    assert _stream_groups(tmp_path / "twice.db") == (dups, stories)


@needs_data
def test_copy_groups_are_those_of_the_batch_deduplicator(
    local_db: tuple[Path, IngestResult],
) -> None:
    with Store(local_db[0]) as store:
        articles = store.articles()
    batch = mark_duplicates(
        [a.model_copy(update={"duplicate_of": None}) for a in articles], Config().dedup
    )
    assert {a.id: a.duplicate_of for a in articles} == {a.id: a.duplicate_of for a in batch}


def test_an_original_arriving_after_its_copy_becomes_the_canonical_article(
    tmp_path: Path, models: Models
) -> None:
    copy = {"text": LOHAN + " Lohan was not available for comment.", "outlet": "copy.example"}
    original = {"text": LOHAN, "outlet": "wire.example"}
    copy["published"], original["published"] = "2013-06-13T18:00:00Z", "2013-06-13T12:00:00Z"
    with Store(tmp_path / "s.db") as store:
        store.ingest([_jsonl(tmp_path / "late.jsonl", [copy])], models=models)
        second = store.ingest([_jsonl(tmp_path / "early.jsonl", [original])], models=models)
        articles = {a.outlet: a for a in store.articles()}
        rows = store.story_rows()
    assert articles["copy.example"].duplicate_of == articles["wire.example"].id
    assert second.relabelled == [articles["copy.example"].id]
    assert len(rows) == 1 and rows[0].n_articles == 2


def test_a_saved_stream_assigns_the_next_article_as_the_live_one_would(models: Models) -> None:
    def article(i: int, text: str, day: int) -> Article:
        from datetime import UTC, datetime

        return Article(
            id=f"a{i}",
            outlet="x",
            title=None,
            published=datetime(2013, 6, day, tzinfo=UTC),
            source=f"s{i}",
            words=len(text.split()),
            text=text,
            raw=text,
            segments=[],
            boilerplate_chars=0,
        )

    live = StoryStream(models)
    first = live.add_many([article(1, LOHAN, 1), article(2, SIXERS, 2)])
    restored = stream_state.load(stream_state.dump(live), models, live.config)
    follow_up = article(3, LOHAN.replace("yesterday", "on Wednesday"), 3)
    assert restored.add(follow_up) == live.add(follow_up) == first[0]
    assert restored.members() == live.members()


@pytest.fixture(scope="module")
def ray_session() -> Iterator[None]:
    """One local Ray on 2 CPUs for the Ray tests of this module (starting one costs seconds)."""
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        yield
    finally:
        ray.shutdown()


def test_stories_analysed_on_ray_actors_are_those_the_local_pipeline_writes(
    sample_report: Report, ray_session: None
) -> None:
    from storylens.scale import analyse_stories_ray

    bare = [make_story(s.articles) for s in sample_report.stories]  # as clustering gives them
    analysed = analyse_stories_ray(bare, Config(), actors=2)
    assert [f for _, f in analysed] == [None] * len(bare)
    assert render_json(Report(stories=[s for s, _ in analysed])) == render_json(sample_report)


@needs_data
def test_ray_path_gives_the_same_copy_groups_and_stories_as_the_local_ingest(
    tmp_path: Path,
    feed: list[Path],
    local_db: tuple[Path, IngestResult],
    models: Models,
    ray_session: None,
) -> None:
    from storylens.scale import ingest_ray

    local_path, local = local_db
    with Store(tmp_path / "ray.db") as store:
        remote = ingest_ray(feed, store, models=models, analyse=False)
    assert sorted(remote.added) == sorted(local.added)
    assert sorted(d.source for d in remote.dropped) == sorted(d.source for d in local.dropped)
    assert _stream_groups(tmp_path / "ray.db") == _stream_groups(local_path)


def test_recluster_regroups_the_store_in_one_batch(
    sample_store: Path, tmp_path: Path, models: Models
) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(sample_store, db)
    with Store(db) as store:
        before = {r.id for r in store.story_rows()}
    result = runner.invoke(app, ["recluster", "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    with Store(db) as store, store.engine.connect() as conn:
        assert {r.id for r in store.story_rows()} == before  # the batch agrees on the samples
        assert conn.exec_driver_sql("SELECT count(*) FROM stream_members").scalar() == 0
