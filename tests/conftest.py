"""Shared fixtures: the sample coverage analysed once per test session (models load once)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storylens import Report, analyze
from storylens.nlp import Models

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SAMPLES = EXAMPLES / "coverage-trump-putin-iran"


@pytest.fixture(scope="session")
def models() -> Models:
    return Models()


@pytest.fixture(scope="session")
def sample_report(models: Models) -> Report:
    return analyze([EXAMPLES], models=models)


@pytest.fixture(scope="session")
def sample_files() -> list[Path]:
    return sorted(SAMPLES.glob("*.txt"))
