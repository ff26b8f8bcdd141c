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


HOSTILE = ROOT / "tests" / "fixtures" / "hostile"


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory: pytest.TempPathFactory, models: Models) -> Path:
    """A SQLite store of examples/ plus one hostile article (script, onerror=, javascript:)."""
    from storylens.store import Store

    db = tmp_path_factory.mktemp("store") / "stories.db"
    with Store(db) as store:
        store.ingest([EXAMPLES], models=models)
        store.ingest([HOSTILE], models=models)
    return db
