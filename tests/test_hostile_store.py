"""The store and the web UI under hostile input: per-story failures, reruns, kills, wild queries."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from hostile import PROSE
from storylens.config import Config
from storylens.nlp import Models
from storylens.store import Store
from storylens.web import create_app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def _runs(db: Path) -> list[tuple[int, str]]:
    try:
        with sqlite3.connect(db) as conn:
            return list(conn.execute("SELECT id, status FROM ingest_runs ORDER BY id"))
    except sqlite3.OperationalError:  # the store is still being created
        return []


def test_rerunning_an_ingest_records_each_dropped_input_once(
    tmp_path: Path, models: Models
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("")
    (tmp_path / "in" / "deep.jsonl").write_text('{"text": ' + "[" * 10_000 + "]" * 10_000 + "}\n")
    db = tmp_path / "s.db"
    for _ in range(3):
        with Store(db) as store:
            result = store.ingest([tmp_path / "in"], models=models)
        assert len(result.dropped) == 2
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM dropped").fetchone()[0] == 2


def test_a_story_whose_analysis_fails_does_not_stop_the_ingest_and_is_retried(
    tmp_path: Path, models: Models
) -> None:
    db = tmp_path / "s.db"
    config = Config(story_budget_s=0.01, story_budget_per_article_s=0.0)
    with Store(db, config=config) as store:
        first = store.ingest([EXAMPLES], models=models)
        assert [d.source for d in first.dropped] == [f"story {first.stories_analysed[0]}"]
        assert store.count("stories") == 1  # kept, unanalysed, listed
        again = store.ingest([EXAMPLES], models=models)
        assert again.stories_analysed == first.stories_analysed  # tried again, not skipped
    with Store(db) as store:
        third = store.ingest([EXAMPLES], models=models)
        assert not third.dropped and third.stories_analysed
        assert store.report().stories[0].quotes
    assert [status for _id, status in _runs(db)] == ["done", "done", "done"]


def test_lone_surrogate_in_jsonl_text_is_stored_not_a_crash(tmp_path: Path, models: Models) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "' + PROSE + ' \\ud800"}\n')
    with Store(tmp_path / "s.db") as store:
        result = store.ingest([path], models=models, analyse=False)
        assert len(result.added) == 1 and "\ufffd" in store.articles()[0].text


def test_an_ingest_killed_with_sigkill_is_marked_interrupted_by_the_next(
    tmp_path: Path, models: Models
) -> None:
    db = tmp_path / "s.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "storylens.cli", "ingest", str(EXAMPLES), "--db", str(db), "-q"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 90
        while proc.poll() is None and time.monotonic() < deadline:
            if db.exists() and _runs(db):
                os.kill(proc.pid, signal.SIGKILL)
                break
            time.sleep(0.005)
        killed = proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
    if not killed:
        pytest.skip("the ingest finished before it could be killed")
    assert _runs(db)[0][1] == "running"
    with Store(db) as store:
        store.ingest([EXAMPLES], models=models)
    assert [status for _id, status in _runs(db)] == ["interrupted", "done"]


@pytest.fixture()
def client(sample_store: Path) -> Iterator[TestClient]:
    with Store(sample_store) as store, TestClient(create_app(store)) as c:
        yield c


@pytest.mark.parametrize("path", ["/api/articles", "/api/stories"])
def test_paging_past_64_bits_is_a_client_error_not_a_500(client: TestClient, path: str) -> None:
    for params in ({"offset": str(2**64)}, {"offset": "-1"}, {"limit": "0"}, {"limit": "10000"}):
        response = client.get(path, params=params)
        assert response.status_code == 422, (params, response.text)


@pytest.mark.parametrize("q", [" ".join(["word"] * 2_000), "x" * 60_000, "a " * 21])
def test_a_query_too_long_to_search_is_a_client_error_with_a_message(
    client: TestClient, q: str
) -> None:
    for path in ("/api/stories", "/"):
        response = client.get(path, params={"q": q})
        assert response.status_code == 400 and "limited to" in response.text


def test_a_query_within_the_bounds_still_searches(client: TestClient) -> None:
    response = client.get("/api/stories", params={"q": "Putin Iran"})
    assert response.status_code == 200 and response.json()["total"] >= 1
