"""`storylens eval crossoutlet`: the score.py metric, run on a folder the way a user runs analyze."""

from __future__ import annotations

import importlib.util
import json
from collections import defaultdict
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from storylens.cli import app
from storylens.evaluation import EvaluationError, evaluate
from storylens.evaluation.crossoutlet import analyse_as_user, same_speaker, score_story

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "examples" / "coverage-trump-putin-iran"
CROSSOUTLET = ROOT.parent / "shared" / "data" / "crossoutlet"
TRUMP = "As you know, Vladimir called me up. He said, can I help you with Iran?"


def _sample_data(folder: Path, speaker: str) -> Path:
    """A one-story gold set over the samples: the Trump remark, by the given speaker."""
    folder.mkdir()
    rows = [
        {"story": "samples", "article": path.stem, "text": path.read_text(encoding="utf-8")}
        for path in sorted(SAMPLES.glob("*.txt"))
    ]
    lines = "\n".join(json.dumps(r) for r in rows) + "\n"
    (folder / "samples-articles.jsonl").write_text(lines, encoding="utf-8")
    gold = {
        "set": "samples",
        "stories": [
            {
                "id": "samples",
                "articles": [r["article"] for r in rows],
                "facts": [],
                "conflicts": [],
                "quotes": [{"article": rows[0]["article"], "quote": TRUMP, "speaker": speaker}],
            }
        ],
    }
    (folder / "samples-gold.json").write_text(json.dumps(gold), encoding="utf-8")
    return folder


def test_a_quote_found_with_its_speaker_counts_as_right(tmp_path: Path) -> None:
    result = evaluate("crossoutlet", _sample_data(tmp_path / "data", "Donald Trump"))
    assert result["stories"] == 1
    assert result["quotes"] == {
        "gold": 1,
        "recall": 1.0,
        "speaker_accuracy": 1.0,
        "wrong_speaker_rate": 0.0,
    }


def test_a_quote_credited_to_someone_else_is_a_wrong_speaker_and_explained(tmp_path: Path) -> None:
    data = _sample_data(tmp_path / "data", "Vladimir Putin")
    result = evaluate("crossoutlet", data, explain=True)
    assert result["quotes"]["wrong_speaker_rate"] == 1.0
    assert any("speaker wrong" in line and "Vladimir Putin" in line for line in result["explain"])


def test_the_command_prints_figures_and_rejects_a_folder_without_gold(tmp_path: Path) -> None:
    runner = CliRunner()
    data = _sample_data(tmp_path / "data", "Donald Trump")
    ok = runner.invoke(app, ["eval", "crossoutlet", "--data", str(data), "--json"])
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.output)["quotes"]["recall"] == 1.0
    empty = tmp_path / "empty"
    empty.mkdir()
    bad = runner.invoke(app, ["eval", "crossoutlet", "--data", str(empty)])
    assert bad.exit_code == 2
    assert "gold" in bad.output
    with pytest.raises(EvaluationError):
        evaluate("crossoutlet", data, only=["no-such-story"])


def test_speakers_match_by_a_shared_name_word_or_initials() -> None:
    assert same_speaker("Mikhail Kalashnikov", "Kalashnikov")
    assert same_speaker("Defense Intelligence Agency", "DIA")
    assert not same_speaker("Mikhail Kalashnikov", "Patriarch")
    assert not same_speaker("President", "the president")  # titles alone name nobody


def _score_py() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", CROSSOUTLET / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not (CROSSOUTLET / "score.py").is_file(), reason="shared gold not present")
def test_figures_are_those_of_score_py_on_the_same_report() -> None:
    gold = json.loads((CROSSOUTLET / "multinews-dev-gold.json").read_text(encoding="utf-8"))
    story = gold["stories"][0]
    rows = {}
    for line in (
        (CROSSOUTLET / "multinews-dev-articles.jsonl").read_text(encoding="utf-8").splitlines()
    ):
        row = json.loads(line)
        if row["story"] == story["id"]:
            rows[row["article"]] = row
    report = analyse_as_user([rows[a] for a in story["articles"]])
    ours: defaultdict[str, int] = defaultdict(int)
    theirs: defaultdict[str, int] = defaultdict(int)
    ours_lines: list[str] = []
    theirs_lines: list[str] = []
    score_story(story, report, ours, ours_lines)
    _score_py().score_story(story, report, theirs, theirs_lines)
    assert dict(ours) == dict(theirs)
    assert ours_lines == theirs_lines
