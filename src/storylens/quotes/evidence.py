"""How sure an attribution is, from the evidence that made it (part of step 2 of
:mod:`storylens.quotes`).

A speaker is printed only when the rule that found it is one a reader would accept without
rechecking: a speech verb next to the quote whose subject is a name (``“...,” Warner said``)
is; the last person named before a bare quote is not. Each route that can name a speaker
records what it read (the cue, the mention) and gets a confidence from the kind of evidence;
the figures are the share of right speakers each route gave on the cross-outlet dev gold
(``benchmarks/results/issue-13.md``), rounded down.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from storylens.quotes._types import Span

_PRONOUNS = frozenset(("he", "she"))


@dataclass(frozen=True)
class _Evidence:
    """What a speaker rests on: the rule (``basis``), the mention naming the speaker and the
    cue tying it to the quote (spans of the article text), and the confidence."""

    basis: str
    confidence: float
    mention: Span | None = None
    cue: Span | None = None

    def weaker(self, basis: str, factor: float) -> _Evidence:
        """The same evidence carried to another quote (the next piece, the next paragraph)."""
        return replace(self, basis=basis, confidence=round(self.confidence * factor, 3))


# confidence by the kind of phrase that names the speaker next to a speech verb
_NAMED_FRAMED = 0.95  # “...,” Warner said / said Warner / Warner said: “...”
_NAMED_INSIDE = 0.9  # Warner called the bill “embarrassing”
_PRONOUN = 1.0  # capped by _Scope.pronoun's own figure; “...,” he said, with "he" resolved to the last subject named
_DESCRIPTION = 0.85  # “...,” the senator said, with a person given that title
_SPOKESPERSON = 0.9  # a spokesman for Exxon Mobil said
_GROUP = 0.85  # “...,” they said: an organisation that was a subject in this or the last paragraph
_UNKNOWN_NAME = 0.86  # a proper name the entity tagger does not know as a person
_NO_SPEECH = 0.86  # no speech verb, only the clause holding the quoted words
_LABEL = 0.85  # Clinton: “...”, as in a transcript


def named(who: str, *, framed: bool, speech: bool, label: bool = False) -> float:
    """Confidence of a speaker read from ``who`` next to the quote."""
    if label:
        return _LABEL
    if not speech:
        return _NO_SPEECH
    lowered = who.lower()
    if lowered in _PRONOUNS:
        return _PRONOUN
    if lowered.startswith(("the ", "a ", "an ")):
        return _DESCRIPTION
    return _NAMED_FRAMED if framed else _NAMED_INSIDE


def basis_of(who: str) -> str:
    lowered = who.lower()
    if lowered in _PRONOUNS:
        return "pronoun"
    if lowered.startswith(("the ", "a ", "an ")):
        return "description"
    return "cue"


# a speaker carried from one quote to another: the factor applied to the first one's confidence
CONTINUED = 0.95  # a paragraph that is only a quotation, after the speaker's quote
NEXT_SENTENCE = 0.95  # “A,” Dempsey said. “B.”
PREVIOUS_SENTENCE = 1.0  # ..., he added. “B.” (right 4 times in 4 on the dev gold)
INTRODUCED = 0.6  # The DNC issued a statement: / paragraph of quote (last subject named)

# "he"/"she" by what the last sentence naming anyone offers (speakers.py, _Scope.pronoun);
# on the dev gold the first kind was right 39 times in 46, the others 16 in 22 or less
PRONOUN_SUBJECT_ONE = 0.86  # one person named there, as the subject of a clause
PRONOUN_ONE = 0.8  # one person named there, not as a subject ("... told Glaser")
PRONOUN_FAR = 0.7  # one person, but more than three sentences back
PRONOUN_SUBJECT = 0.7  # several named, one of them a clause subject
PRONOUN_UNSURE = 0.5  # several subjects

SPOKESPERSON = _SPOKESPERSON
GROUP = _GROUP
UNKNOWN_NAME = _UNKNOWN_NAME
LABEL = _LABEL
GROUP_NOUN = 0.86  # "Police say", "Officials at Homeland Security Investigations said"
GROUP_UNSURE = 0.7  # "officials said" after an organisation was a subject: possibly its people
NAMED_BODY = 0.85  # "the board", "the hurricane center": the one organisation so named before
