"""The checkable details of a statement: amounts, dates, places, and whether it is negated.

Conflicts (``storylens.conflicts``) and the ``disputed`` status of claims both ask the same
question of two aligned sentences from different outlets: do they give the same slot different
values? This module reads those values off one sentence, each with the exact characters that
state it, and says when two values agree although written differently:

* **amounts** — a number (digits, "6,000", "1.5 million", "six thousand", "two hundred and
  fifty") with its qualifier ("at least", "about", "more than", "up to"), its unit (the noun it
  counts, "%" or a currency) and the verb governing that noun ("killed", "injured"): "14 people
  were killed" and "30 people were injured" are different slots. Numbers inside dates, times,
  ordinals and names ("Air Force One") are not amounts.
* **dates** — absolute ("June 24", "24 June 2025") and relative expressions ("yesterday",
  "on Tuesday", "last week", "earlier this week", "three days ago") resolved to a day or a range
  of days against the article's own publication date, taken in the article's own time zone
  (``published`` may be naive or time-zone aware). Without a publication date only absolute
  dates with a year resolve; the rest are left out rather than guessed.
* **places** — a place name after "in", "at", "near", ... ("in Odesa"); two agree when one
  name contains the other or the story's own text puts one inside the other ("The Hague,
  Netherlands"): there is no map, only what the coverage says.
* **polarity** — whether the main predicate is negated ("did not offer" vs "offered").

Two sentences conflict on a slot only when *no* value of one is compatible with any value of the
other: a sentence may give several dates (when it was said, when it happened), and a conflict
should mean the outlets cannot both be right, not that they mention different things.
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
