"""The hand-annotated quotation gold (issue #6) must keep pointing at the exact characters read.

The checks live in ``benchmarks/check_quotes_gold.py`` so that the benchmark and the suite share
one definition of "valid"; these tests run them and show that they catch a broken file.
"""

from __future__ import annotations

import copy
import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "data" / "quotes-zyte-gold.json"
SOURCE = ROOT.parent / "shared" / "data" / "extraction" / "zyte-dev" / "ground-truth.json"

needs_source = pytest.mark.skipif(not SOURCE.exists(), reason="../shared/data is absent")


def _checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "check_quotes_gold", ROOT / "benchmarks" / "check_quotes_gold.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@needs_source
def test_quote_gold_satisfies_every_invariant() -> None:
    report, errors = _checker().check(GOLD, SOURCE)
    assert errors == []
    assert report["quotes"] >= 220
    assert report["articles"] >= 20
    assert report["full"] > 0 and report["partial"] > 0
    assert report["utterances_with_several_parts"] > 0
    assert report["parts_ending_at_paragraph_end"] > 0


@needs_source
def test_quote_gold_checker_rejects_shifted_span_and_mention(tmp_path: Path) -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    broken = copy.deepcopy(gold)
    quote = broken["articles"][0]["quotes"][0]
    quote["start"] -= 1  # now includes the opening quote mark
    mention = next(
        q["speaker_mention"] for q in broken["articles"][1]["quotes"] if q["speaker_mention"]
    )
    mention["end"] += 1
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")
    _, errors = _checker().check(path, SOURCE)
    assert any("text differs" in e for e in errors)
    assert any("not opened by a quote mark" in e for e in errors)
    assert any("speaker_mention text differs" in e for e in errors)


def test_quote_gold_file_is_self_describing() -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    assert "MIT" in gold["origin"] and (ROOT / gold["guide"]).exists()
    for article in gold["articles"]:
        for quote in article["quotes"]:
            assert quote["kind"] in {"full", "partial"}
            assert len(quote["text"]) == quote["end"] - quote["start"]
