"""Direct quotations, their speakers, and the same quote across outlets (stub until filled in)."""

from __future__ import annotations

from storylens.config import QuotesConfig
from storylens.nlp import Models
from storylens.records import Quote, Story


def find_quotes(story: Story, models: Models, config: QuotesConfig) -> list[Quote]:
    return []
