"""Statements aligned across articles (stub until filled in)."""

from __future__ import annotations

from storylens.config import ClaimsConfig
from storylens.nlp import Models
from storylens.records import Claim, Story


def align_claims(story: Story, models: Models, config: ClaimsConfig) -> list[Claim]:
    return []
