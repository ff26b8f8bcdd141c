"""The same slot given different values across articles (stub until filled in)."""

from __future__ import annotations

from storylens.nlp import Models
from storylens.records import Conflict, Story


def find_conflicts(story: Story, models: Models) -> list[Conflict]:
    return []
