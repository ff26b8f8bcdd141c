"""The checkable details of a statement, each with what it is a detail *of*.

Conflicts (``storylens.conflicts``) and the ``disputed`` status of claims both ask one
question: do two outlets give the same slot incompatible values? The package answers it in
three steps, one module each:

* reading values off a sentence, each with the exact characters that state it —
  :mod:`~storylens.slots.amounts` (a figure with its qualifier, unit, counted noun and the
  precision it is written to; "about 300", "between 40 and 50", "20-25%", "$20m"),
  :mod:`~storylens.slots.dates` (complete, partial and relative dates: "April 14", "May 2012",
  "Thursday", "yesterday" against the article's own publication day),
  :mod:`~storylens.slots.places` (place names after "in", "at", ... and the containment the
  coverage itself states) and :mod:`~storylens.slots.polarity`;
* giving each value its identity — :mod:`~storylens.slots.facts`: the counted noun and its
  verb, the distance's reference point, the happening a date or place hangs from (predicate
  and participants), the company a name keeps, the thing whose schedule is reported; never
  from captions, quotations, questions or hypothetical clauses;
* deciding — :mod:`~storylens.slots.compare`: same slot first, then compatibility (rounding,
  ranges, km vs miles, partial dates, containment, spellings of one name), and a dispute only
  when no pairing of two outlets' values for the slot agrees.
"""

from __future__ import annotations

from dataclasses import dataclass

from storylens.nlp import Models
from storylens.records import Article
from storylens.slots.amounts import APPROX, Amount, amounts, amounts_agree
from storylens.slots.compare import (
    Aliases,
    Disagreement,
    SlotValue,
    aliases,
    compatible,
    find_disagreements,
    same_slot,
    story_facts,
)
from storylens.slots.dates import DateValue, When, date_values, dates, dates_agree, publication_day
from storylens.slots.facts import Fact, sentence_facts
from storylens.slots.places import Geography, Place, geography, places, places_agree
from storylens.slots.polarity import Polarity, polarity

__all__ = [
    "APPROX", "Aliases", "Amount", "DateValue", "Disagreement", "Fact", "Geography", "Place",
    "Polarity", "SlotValue", "Statement", "When", "aliases", "amounts", "amounts_agree",
    "compatible", "date_values", "dates", "dates_agree", "disagreements", "find_disagreements",
    "geography", "places", "places_agree", "polarity", "publication_day", "same_slot",
    "sentence_facts", "story_facts",
]  # fmt: skip


@dataclass
class Statement:
    """One source sentence of an aligned claim: the outlet it counts as and where it is."""

    outlet: str
    article: Article
    span: tuple[int, int]


def disagreements(
    statements: list[Statement], models: Models, geo: Geography | None = None
) -> list[Disagreement]:
    """Slots on which the outlets of aligned sentences give incompatible values (``geo``:
    what the story says lies where, see :func:`geography`); the same rules of identity and
    compatibility as for the whole story (:mod:`storylens.slots.compare`)."""
    if len({s.outlet for s in statements}) < 2:
        return []
    names = aliases(list({s.article.id: s.article for s in statements}.values()), models)
    facts = [
        (st.outlet, f)
        for st in statements
        for f in sentence_facts(st.article, models)
        if st.span[0] <= f.span[0] and f.span[1] <= st.span[1]
    ]
    return find_disagreements(facts, geo, names)
