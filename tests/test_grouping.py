"""`storylens cluster`: stories without the analysis, in batch or as a stream, bad input kept out."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

from typer.testing import CliRunner

from storylens.cli import app
from storylens.grouping import group
from storylens.nlp import Models
from storylens.records import Story
from test_cluster import QUAKE_A, QUAKE_B, STRIKE_A, STRIKE_B

SAMPLES = Path(__file__).resolve().parents[1] / "examples" / "coverage-trump-putin-iran"

runner = CliRunner()


def test_cluster_prints_the_sample_coverage_as_one_story_in_both_modes() -> None:
    for mode in ([], ["--stream"]):
        result = runner.invoke(app, ["cluster", str(SAMPLES), "--json", *mode])
        assert result.exit_code == 0, result.output
        out = json.loads(result.output)
        assert out["mode"] == ("stream" if mode else "batch")
        assert len(out["stories"]) == 1
        story = out["stories"][0]
        assert len(story["articles"]) == 3
        assert story["title"] == "Trump says Putin called him to offer help with Iran"


def test_cluster_lists_stories_and_drops_bad_inputs_with_exit_code_1(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    shutil.copytree(SAMPLES, inputs)
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "noise.bin").write_bytes(os.urandom(2048))
    result = runner.invoke(app, ["cluster", str(inputs), "--stream"])
    assert result.exit_code == 1
    assert "3 art." in result.output
    assert "dropped:" in result.output and "empty.txt" in result.output


def test_a_feed_of_headlines_only_is_grouped_not_dropped(tmp_path: Path) -> None:
    headlines = [
        ("Strong earthquake shakes central Chile", "2024-03-05T23:50:00+00:00"),
        ("German train drivers begin nationwide strike", "2024-03-06T06:00:00+00:00"),
        ("Earthquake in central Chile: buildings damaged", "2024-03-06T07:00:00+00:00"),
        (
            "Train drivers' strike paralyses rail traffic across Germany",
            "2024-03-06T09:00:00+00:00",
        ),
    ]
    (tmp_path / "titles.jsonl").write_text(
        "\n".join(json.dumps({"title": t, "text": t, "published": p}) for t, p in headlines)
        + '\n{"title": "", "text": " "}\n'
    )
    result = group([tmp_path])
    assert sorted(a.title or "" for s in result.stories for a in s.articles) == sorted(
        t for t, _ in headlines
    )
    assert [d.reason for d in result.dropped] == ['object has no non-empty "text" or "html" string']
    by_title = {a.title: s.id for s in result.stories for a in s.articles}
    assert by_title[headlines[0][0]] == by_title[headlines[2][0]]
    assert by_title[headlines[1][0]] == by_title[headlines[3][0]]
    assert by_title[headlines[0][0]] != by_title[headlines[1][0]]


def test_streamed_stories_match_batch_and_are_named_after_their_first_article(
    tmp_path: Path, models: Models
) -> None:
    rows = [
        ("quake-a", "Strong quake shakes central Chile", QUAKE_A, "2024-03-05T23:50:00+00:00"),
        ("strike-a", "German train drivers strike", STRIKE_A, "2024-03-06T06:00:00+00:00"),
        ("quake-b", "Earthquake rattles Chile", QUAKE_B, "2024-03-06T07:00:00+00:00"),
        ("strike-b", "Rail strike paralyses Germany", STRIKE_B, "2024-03-06T09:00:00+00:00"),
    ]
    (tmp_path / "feed.jsonl").write_text(
        "\n".join(
            json.dumps({"id": i, "title": t, "text": x, "published": p}) for i, t, x, p in rows
        )
    )
    streamed = group([tmp_path], stream=True, models=models)
    batch = group([tmp_path], models=models)
    assert not streamed.dropped and not batch.dropped

    def titles(stories: list[Story]) -> list[list[str]]:
        return sorted(sorted(a.title or "" for a in s.articles) for s in stories)

    assert titles(streamed.stories) == titles(batch.stories)
    assert len(streamed.stories) == 2
    for story in streamed.stories:
        first = story.articles[0].id
        assert story.id == "s-" + hashlib.sha1(first.encode("utf-8")).hexdigest()[:12]


def test_grouping_reports_progress_up_to_the_last_article(models: Models) -> None:
    seen: list[tuple[str, int, int]] = []
    group([SAMPLES], stream=True, models=models, progress=lambda *step: seen.append(step))
    stages = {stage: (done, total) for stage, done, total in seen}
    assert stages["clean"] == (3, 3) and stages["stream"] == (3, 3)
