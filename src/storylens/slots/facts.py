"""Every value with an identity that an article's own sentences state.

The readers live by kind: :mod:`~storylens.slots.figures` (counts, distances, shares, money),
:mod:`~storylens.slots.happenings` (dates and places of a happening),
:mod:`~storylens.slots.names` (names, schedules, denials); :mod:`~storylens.slots.sentence`
holds the ``Fact`` record and which sentences may be read at all.
"""

from __future__ import annotations

from storylens.nlp import Models
from storylens.records import Article
from storylens.slots.figures import figures_of
from storylens.slots.happenings import happenings_of
from storylens.slots.names import names_of, statuses_of
from storylens.slots.sentence import Fact, Kind, sentences, usable

__all__ = ["Fact", "Kind", "sentence_facts", "usable"]


def sentence_facts(article: Article, models: Models) -> list[Fact]:
    """Every value with an identity that the article's own sentences state."""

    def compute() -> list[Fact]:
        out: list[Fact] = []
        for s in sentences(article, models):
            out += figures_of(s, models)
            out += happenings_of(s, models)
            out += names_of(s)
            out += statuses_of(s)
        return out

    # relative dates are read against the publication day, so it is part of what is memoised
    return models.memo(f"slot-facts|{article.published}", article, compute)
