"""Benchmarks behind ``storylens eval KIND --data DIR``: each module has ``evaluate(data) -> dict``.

Every figure is computed on real labelled data the user points at, with the baselines measured
in the same run, so a number in the output can always be reproduced by the same command.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

KINDS = ("extraction", "clustering", "quotes", "claims", "summary", "crossoutlet")


class EvaluationError(Exception):
    """The data directory does not hold what the benchmark needs (message says what)."""


def evaluate(kind: str, data: Path, **options: Any) -> dict[str, Any]:
    if kind not in KINDS:
        raise EvaluationError(f"unknown benchmark {kind!r}; choose from {', '.join(KINDS)}")
    try:
        module = importlib.import_module(f"storylens.evaluation.{kind}")
    except ModuleNotFoundError as exc:
        if exc.name == f"storylens.evaluation.{kind}":
            raise EvaluationError(f"the {kind} benchmark is not available yet") from exc
        raise
    result: dict[str, Any] = module.evaluate(data, **options)
    return result
