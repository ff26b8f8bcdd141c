"""The store: same reports as ``analyze``, idempotent and resumable ingest, incremental analysis."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storylens.clean import clean_document
from storylens.cli import app
from storylens.config import CleanConfig
from storylens.ingest import read_inputs
from storylens.nlp import Models
from storylens.records import Article, RawDocument, Report
from storylens.report import render_html, render_json, render_markdown
from storylens.store import Store, StoreError, database_url
from storylens.store.schema import metadata
from test_dedup import WIRE

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SAMPLES = EXAMPLES / "coverage-trump-putin-iran"
HOSTILE = ROOT / "tests" / "fixtures" / "hostile"

runner = CliRunner()


def _without_paths(report: Report) -> str:
    """The report JSON with each article's source reduced to its file name (inputs were copied)."""
    stories = [
        s.model_copy(
            update={
                "articles": [
                    a.model_copy(update={"source": Path(a.source).name}) for a in s.articles
                ]
            }
        )
        for s in report.stories
    ]
    return render_json(report.model_copy(update={"stories": stories}))


def _check_spans(article: Article) -> None:
    for seg in article.segments:
        a = article.text[seg.text_start : seg.text_start + seg.length]
        assert a == article.raw[seg.raw_start : seg.raw_start + seg.length]


def test_stored_story_is_the_report_analyze_writes(
    sample_store: Path, sample_report: Report
) -> None:
    with Store(sample_store) as store:
        for story in sample_report.stories:
            stored = store.report([story.id])
            expected = Report(stories=[story])
            assert render_json(stored) == render_json(expected)
            assert render_markdown(stored) == render_markdown(expected)
            assert render_html(stored) == render_html(expected)
            for article in stored.stories[0].articles:
                _check_spans(article)
                assert article.raw and article.segments


def test_show_prints_the_same_report_as_analyze(
    sample_store: Path, sample_report: Report, tmp_path: Path
) -> None:
    story = sample_report.stories[0]
    for fmt, render in (("json", render_json), ("md", render_markdown)):
        result = runner.invoke(app, ["show", story.id[:6], "--db", str(sample_store), "-f", fmt])
        assert result.exit_code == 0, result.output
        assert result.output == render(Report(stories=[story]))


def test_stories_lists_every_story_and_unknown_ids_are_usage_errors(sample_store: Path) -> None:
    listed = runner.invoke(app, ["stories", "--db", str(sample_store)])
    assert listed.exit_code == 0
    assert "Trump says Putin" in listed.output and "Harbour council" in listed.output
    missing = runner.invoke(app, ["show", "s-nope", "--db", str(sample_store)])
    assert missing.exit_code == 2
    assert "no story" in missing.output


def test_migrations_create_exactly_the_declared_schema(sample_store: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with Store(sample_store) as store, store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
        journal = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
        fks = conn.exec_driver_sql("PRAGMA foreign_keys").scalar()
    assert diff == []
    assert journal == "wal" and fks == 1


def test_ingest_grows_a_story_incrementally_and_rerunning_changes_nothing(
    tmp_path: Path, models: Models, sample_report: Report
) -> None:
    first, second = tmp_path / "day1", tmp_path / "day2"
    first.mkdir()
    files = sorted(SAMPLES.glob("*.txt"))
    for f in files[:2]:
        shutil.copy(f, first / f.name)
    db = tmp_path / "s.db"
    with Store(db) as store:
        day1 = store.ingest([first], models=models)
        assert len(day1.added) == 2 and len(day1.stories_analysed) == 1
        old_story = day1.stories_analysed[0]

        shutil.copytree(first, second)
        shutil.copy(files[2], second / files[2].name)
        day2 = store.ingest([second], models=models)
        assert len(day2.added) == 1 and len(day2.skipped) == 2
        assert day2.stories_removed == [old_story]  # the grown story replaces the smaller one
        expected = sample_report.stories[0]
        assert day2.stories_analysed == [expected.id]
        assert _without_paths(store.report([expected.id])) == _without_paths(
            Report(stories=[expected])
        )

        again = store.ingest([second, EXAMPLES], models=models)
        assert again.added == [] and len(again.skipped) == 6
        assert again.stories_analysed == [] and again.stories_unchanged == [expected.id]
        assert store.count("articles") == 3 and store.count("stories") == 1


def test_a_new_unrelated_article_leaves_other_stories_untouched(sample_store: Path) -> None:
    with Store(sample_store) as store:
        rows = {r.id: r for r in store.story_rows()}
    assert len(rows) == 2
    trump = next(r for r in rows.values() if r.n_articles == 3)
    harbour = next(r for r in rows.values() if r.n_articles == 1)
    assert trump.analysed_at < harbour.analysed_at  # analysed once, on the first ingest


def test_bad_inputs_are_dropped_and_recorded(tmp_path: Path, models: Models) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("")
    (tmp_path / "in" / "blob.bin").write_bytes(bytes(range(256)) * 8)
    with Store(tmp_path / "s.db") as store:
        result = store.ingest([tmp_path / "in", tmp_path / "missing"], models=models)
    assert result.added == []
    assert {Path(d.source).name for d in result.dropped} == {"empty.txt", "blob.bin", "missing"}


def test_unusable_database_location_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="not a directory"):
        Store(tmp_path / "no" / "such" / "dir" / "s.db")
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    result = runner.invoke(app, ["stories", "--db", str(tmp_path / "x" / "y" / "s.db")])
    assert result.exit_code == 2 and "error" in result.output


def _count(db: Path, table: str) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    except sqlite3.Error:
        return 0


def _ingest_and_kill(inputs: Path, db: Path, table: str, at_least: int) -> bool:
    """Start ``storylens ingest``, kill -9 it once ``table`` holds ``at_least`` rows."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "storylens.cli", "ingest", str(inputs), "--db", str(db), "-q"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        deadline = time.monotonic() + 90
        while proc.poll() is None and time.monotonic() < deadline:
            if _count(db, table) >= at_least:
                os.kill(proc.pid, signal.SIGKILL)
                break
            time.sleep(0.002)
        return proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()


def test_ingest_killed_with_sigkill_loses_nothing_committed_and_resumes(
    tmp_path: Path, sample_report: Report, models: Models
) -> None:
    inputs = tmp_path / "inputs"
    shutil.copytree(EXAMPLES, inputs / "examples")
    shutil.copytree(HOSTILE, inputs / "hostile")
    db = tmp_path / "s.db"
    cleaned = [
        clean_document(raw, CleanConfig())
        for raw in read_inputs([inputs])
        if isinstance(raw, RawDocument)
    ]
    expected = {a.id: a for a in cleaned if isinstance(a, Article)}

    # Killed while articles are being committed, then while stories are being analysed.
    killed = [
        _ingest_and_kill(inputs, db, "articles", 1),
        _ingest_and_kill(inputs, db, "articles", len(expected)),
    ]
    assert any(killed), "the ingest finished before it could be killed"
    print(
        "killed:",
        killed,
        "articles kept:",
        _count(db, "articles"),
        "stories:",
        _count(db, "stories"),
    )
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with Store(db) as store:
        partial = store.articles()
        assert 1 <= len(partial) <= len(expected)
        for article in partial:  # every stored article is whole: the same as a fresh clean
            want = expected[article.id]
            assert article.model_dump(exclude={"duplicate_of"}) == want.model_dump(
                exclude={"duplicate_of"}
            )
            assert article.raw == want.raw and article.segments == want.segments
            _check_spans(article)
        with store.engine.connect() as conn:
            hashes = [r[0] for r in conn.exec_driver_sql("SELECT content_hash FROM articles")]
        assert sorted(hashes) == sorted(hashlib.sha256(a.raw.encode()).hexdigest() for a in partial)

    with Store(db) as store:  # resuming: the same command again (in-process, models loaded)
        resumed = store.ingest([inputs], models=models)
    assert not resumed.dropped
    assert len(resumed.added) + len(resumed.skipped) == len(expected)
    with Store(db) as store:
        assert sorted(a.id for a in store.articles()) == sorted(expected)
        story = sample_report.stories[0]
        assert _without_paths(store.report([story.id])) == _without_paths(Report(stories=[story]))
        assert store.count("stories") == 2


def test_story_list_filters_run_in_the_database_and_page(sample_store: Path) -> None:
    from datetime import date

    with Store(sample_store) as store:
        every = store.story_rows()
        big = store.story_rows(min_articles=2)
        outlet = every[0].outlets[0]
        by_outlet = store.story_rows(outlet=outlet)
        # stories may mix zone-aware and naive (zone unknown) times: compare their days
        first = min(r.first_seen.date() for r in every if r.first_seen)
        later = store.story_rows(since=date(first.year + 1, 1, 1))
        page = store.story_rows(limit=1, offset=1)
        searched = store.count_stories(q="putin")
        none_later = store.count_stories(since=date(first.year + 1, 1, 1))
    assert [r.id for r in big] == [r.id for r in every if r.n_articles >= 2]
    assert by_outlet and all(outlet in r.outlets for r in by_outlet)
    assert later == [] and none_later == 0
    assert [r.id for r in page] == [every[1].id]
    assert searched == 1
    listed = runner.invoke(app, ["stories", "--db", str(sample_store), "--min-articles", "2"])
    assert listed.exit_code == 0 and "Trump says Putin" in listed.output
    assert "Harbour council" not in listed.output


# The agency report of test_dedup, opened by its first three paragraphs, with page furniture.
_AP_OPINION = [*WIRE[:3], "Advertisement", "Read more: Subscribe to our newsletter"]


def _metadata_feed(tmp_path: Path) -> Path:
    feed = tmp_path / "feed.jsonl"
    record = {
        "id": "feed-42",
        "url": "https://news.example.com/opinion/2024/01/02/chile-quake.html",
        "published": "2024-01-02T10:00:00+00:00",
        "text": "\n\n".join(_AP_OPINION),
    }
    feed.write_text(json.dumps(record) + "\n")
    return feed


def test_a_stored_article_keeps_genre_wire_input_id_notes_and_removed_lines(
    tmp_path: Path, models: Models
) -> None:
    from storylens.config import Config
    from storylens.pipeline import read_articles

    config = Config(clean=CleanConfig(max_chars=600))  # long enough to be cut: a note
    feed = _metadata_feed(tmp_path)
    (read,), _ = read_articles([feed], config)
    assert read.genre == "opinion" and read.wire == "AP" and read.input_id == "feed-42"
    assert read.notes and read.removed
    with Store(tmp_path / "s.db", config=config) as store:
        store.ingest([feed], models=models, analyse=False)
        (stored,) = store.articles()
    for field in ("genre", "wire", "input_id", "notes", "removed"):
        assert getattr(stored, field) == getattr(read, field), field


def test_a_store_made_before_the_metadata_columns_upgrades_and_keeps_its_articles(
    tmp_path: Path, models: Models
) -> None:
    from importlib.resources import files

    from alembic import command
    from alembic.autogenerate import compare_metadata
    from alembic.config import Config as AlembicConfig
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine

    db = tmp_path / "old.db"
    engine = create_engine(database_url(db))
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(files("storylens.store") / "migrations"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")  # the schema of a store written before this revision
        conn.exec_driver_sql(
            "INSERT INTO ingest_runs (started_at, status, paths) VALUES ('2024-01-01', 'done', '')"
        )
        conn.exec_driver_sql(
            "INSERT INTO articles (id, content_hash, run_id, source, format, added_at, words, "
            "text, raw, segments, boilerplate_chars) VALUES ('old-1', 'h1', 1, 'old.txt', "
            "'text', '2024-01-01', 3, 'An old article.', 'An old article.', '[[0, 0, 15]]', 0)"
        )
    engine.dispose()
    feed = _metadata_feed(tmp_path)
    with Store(db) as store:
        store.ingest([feed], models=models, analyse=False)
        old, new = store.articles()
        with store.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []
    assert old.id == "old-1" and old.text == "An old article."
    assert (old.genre, old.wire, old.input_id, old.notes) == (None, None, None, [])
    assert (new.genre, new.wire, new.input_id) == ("opinion", "AP", "feed-42")
