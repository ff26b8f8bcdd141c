"""The command line, run in-process: files written, exit codes, and bad input mixed in."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from storylens.cli import app

SAMPLES = Path(__file__).resolve().parents[1] / "examples" / "coverage-trump-putin-iran"

runner = CliRunner()


def test_analyze_writes_the_three_reports_and_a_summary(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["analyze", str(SAMPLES), "--out", str(out)])
    assert result.exit_code == 0, result.output
    for name in ("report.json", "report.md", "report.html"):
        assert (out / name).stat().st_size > 0
        assert str(out / name) in result.output
    report = json.loads((out / "report.json").read_text())
    assert report["version"] == 1
    assert len(report["stories"]) == 1


def test_bad_inputs_are_dropped_and_the_rest_is_analysed(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    shutil.copytree(SAMPLES, inputs)
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "noise.bin").write_bytes(os.urandom(2048))
    (inputs / "broken.html").write_text("<div><p>Unclosed <b>fragment <a href='x'>link")
    legacy = (
        "Council approves budget\n\n"
        "The city council approved a €2,000,000 budget for the new café district on Monday, "
        "after a long debate about parking, trees and the noise from late-night bars. "
        "“We’re pleased,” said the mayor, Zoë Müller, who had argued for the plan since spring. "
        "Opponents said they would keep campaigning against the plan at the next election."
    )
    (inputs / "legacy.txt").write_bytes(legacy.encode("cp1252"))

    out = tmp_path / "out"
    result = runner.invoke(app, ["analyze", str(inputs), "--out", str(out)])

    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    report = json.loads((out / "report.json").read_text())
    reasons = {Path(d["source"]).name: d["reason"] for d in report["dropped"]}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["noise.bin"]
    sizes = sorted(len(s["articles"]) for s in report["stories"])
    assert sizes[-1] == 3
    texts = [a["text"] for s in report["stories"] for a in s["articles"]]
    assert any("Zoë Müller" in t and "€2,000,000" in t for t in texts)


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", str(SAMPLES), "--format", "pdf"])
    assert result.exit_code == 2


def test_schema_describes_the_report(tmp_path: Path) -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert "stories" in schema["properties"]


def test_a_crash_of_storylens_itself_exits_3_with_a_log_and_no_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storylens.cli import _GuardedGroup

    monkeypatch.setenv("STORYLENS_LOG_DIR", str(tmp_path))
    crashing = typer.Typer(cls=_GuardedGroup)

    @crashing.command()
    def broken() -> None:
        {}["no such key"]  # a real bug of the kind the guard is for

    @crashing.command()
    def fine() -> None:
        raise typer.Exit(1)

    result = runner.invoke(crashing, ["broken"])
    assert result.exit_code == 3
    assert "internal error: KeyError" in result.output and "Traceback" not in result.output
    [log] = tmp_path.glob("storylens-crash-*.log")
    assert str(log) in result.output and "Traceback" in log.read_text()
    assert runner.invoke(crashing, ["fine"]).exit_code == 1  # exits on purpose pass through


def test_reports_that_cannot_be_written_are_a_usage_error(tmp_path: Path) -> None:
    out = tmp_path / "a-file"
    out.write_text("not a directory")
    result = runner.invoke(app, ["analyze", str(SAMPLES), "--out", str(out), "-q"])
    assert result.exit_code == 2 and "cannot write the reports" in result.output


def test_escape_sequences_in_names_and_outlets_reach_the_terminal_escaped(
    tmp_path: Path,
) -> None:
    page = tmp_path / "evil-\x1b]0;pwned\x07.txt"
    shutil.copy(next(SAMPLES.glob("*.txt")), page)
    (tmp_path / "evil-\x1b]0;pwned\x07.meta.json").write_text(
        json.dumps({"outlet": "Daily\x1b[2J News\u202e"})
    )
    result = runner.invoke(app, ["analyze", str(tmp_path), "--out", str(tmp_path / "out")])
    assert "\x1b" not in result.output and "\u202e" not in result.output
    assert "\\x1b]0;pwned\\x07" in result.output and "Daily\\x1b[2J News\\u202e" in result.output
