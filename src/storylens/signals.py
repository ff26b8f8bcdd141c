"""Per-source signals (stub until filled in)."""

from __future__ import annotations

from storylens.nlp import Models
from storylens.records import SourceSignals, Story


def compute_signals(story: Story, models: Models) -> list[SourceSignals]:
    return []
