"""Extractive, cited summary (stub until filled in)."""

from __future__ import annotations

from storylens.config import SummaryConfig
from storylens.nlp import Models
from storylens.records import Story, SummarySentence


def summarize(story: Story, models: Models, config: SummaryConfig) -> list[SummarySentence]:
    return []
