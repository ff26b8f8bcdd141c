"""Checks beyond the score that two sentences state one thing: the same quotation, words
specific to a statement (not only the story's topic), the same figures, subjects and times.
Each is a gate: a pair failing one never aligns, however high it scores."""

from __future__ import annotations

import re

from storylens.claims.quoting import quote_led, same_rendering
from storylens.claims.scoring import WordMatcher
from storylens.claims.units import Unit, _key_match

SPECIFIC_WORDS = 2
"""Two statements must share this many content words besides the topic words, or a figure, to
state one thing: "Mohawk was one of 35 lions in Nairobi National Park" and "The Nairobi
National Park has had several lion escapes" share only the topic (crossoutlet dev, fit on half
the stories and checked on the other half: benchmarks/results/issue-18.md)."""


def shares_specifics(a: Unit, b: Unit, matcher: WordMatcher) -> bool:
    """Whether two sentences share what is specific to a statement rather than to the story:
    ``SPECIFIC_WORDS`` content words that are not topic words (one of them naming a thing, a
    party or an act), or a figure other than a calendar day ("on March 30" says when, and a
    caption shares it with the report). A quotation's check is its wording
    (:func:`same_rendering`), so it is not asked again here."""
    if quote_led(a) or quote_led(b) or (a.numbers - a.days) & (b.numbers - b.days):
        return True
    return matcher.specific_shared(a, b) >= SPECIFIC_WORDS


DIFFERENT_FIGURES = 2
"""Two sentences that each give this many figures the other lacks report different findings
("about 95 percent ... roughly 92 percent" / "about 68 percent ... about 67 percent", both for
patients under 50), however much else they share."""


def _unmatched_figures(these: frozenset[float], others: frozenset[float]) -> int:
    """Figures of ``these`` that ``others`` gives neither as such nor rounded ("21.3 percent"
    and "21 percent" are one figure)."""
    return sum(1 for x in these if not any(round(x) == round(y) for y in others))


def different_subjects(a: Unit, b: Unit) -> bool:
    """Whether the two sentences say it of different named subjects ("American Airlines
    currently boards by zone" / "Group 1 also boards through lane 1"): the same predicate of
    two parties is two statements. Only when both subjects are names sharing none."""
    if not a.subject or not b.subject:
        return False
    return not any(_key_match(x, y) for x in a.subject for y in b.subject)


_EARLIER_TIME = re.compile(
    r"\b(?:past|previous|prior|earlier)\s+(?:years|seasons|decades)\b"
    r"|\ba\s+year\s+(?:earlier|before)\b",
    re.IGNORECASE,
)


_LAST_YEAR = re.compile(r"\blast\s+year\b", re.IGNORECASE)


def different_times(a: Unit, b: Unit) -> bool:
    """Whether one sentence sets what it says in earlier periods ("In past years, most cases
    have occurred ...", "a year earlier") and the other does not: the same predicate at two
    times is two occurrences. "Last year" and "last month" are left out: they count from the
    article's own date, so two outlets may name one time by them and by a date."""
    if bool(_EARLIER_TIME.search(a.text)) != bool(_EARLIER_TIME.search(b.text)):
        return True
    # "Last year, it also recommended that shareholders reject ..." is not "shareholders have
    # rejected ...": a present perfect or present states what holds now
    return any(
        bool(_LAST_YEAR.search(x.text)) and not _LAST_YEAR.search(y.text) and y.present
        for x, y in ((a, b), (b, a))
    )


def different_figures(a: Unit, b: Unit) -> bool:
    """Whether each sentence gives ``DIFFERENT_FIGURES`` or more figures the other does not:
    a shared age bracket or year does not make two sets of results one statement."""
    return (
        min(_unmatched_figures(a.numbers, b.numbers), _unmatched_figures(b.numbers, a.numbers))
        >= DIFFERENT_FIGURES
    )


AMOUNT_TOLERANCE = 0.05
"""Two sums of one currency within this share of each other are one amount rendered twice
("$33.5 million" / "$34 million"); further apart they are two amounts."""


def _same_amount(x: float, y: float) -> bool:
    return abs(x - y) <= AMOUNT_TOLERANCE * max(x, y)


def different_amounts(a: Unit, b: Unit) -> bool:
    """Whether both sentences give sums of money in one currency and none of one's sums is
    one of the other's: "$25 million in punitive damages" and "$33.5 million in damages" are
    two awards, however alike the rest of the sentence (the same verb, the same parties).
    Sums in different currencies are left alone: "almost £14m" may be "$19.6 million"."""
    for currency in {c for c, _ in a.money} & {c for c, _ in b.money}:
        mine = [v for c, v in a.money if c == currency]
        theirs = [v for c, v in b.money if c == currency]
        if not any(_same_amount(x, y) for x in mine for y in theirs):
            return True
    return False


def states_same(a: Unit, b: Unit) -> bool:
    """Checks beyond the score that two sentences state one thing: a quotation aligns only with
    another rendering of the same words (its content is a claim about the speaker, and a
    quotation's words never corroborate a fact of the event)."""
    return same_rendering(a, b)
