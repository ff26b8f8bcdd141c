"""Quotation marks: which characters of a sentence someone is quoted as saying, and whether
two sentences carry the same quotation (its content is a claim about the speaker, aligned only
with another rendering of the same words)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storylens.records import Article

if TYPE_CHECKING:
    from storylens.claims.units import Unit


def quote_mask(text: str, inside: bool = False) -> tuple[list[bool], bool]:
    """For each character, whether it lies inside double quotation marks, and the state after.

    Curly quotes open and close; a straight ``"`` toggles. Single quotes are left alone since
    they double as apostrophes. A quote left open runs to the end of the paragraph, which is
    how news prints a quotation that continues into the next paragraph.
    """
    mask = [False] * len(text)
    for i, ch in enumerate(text):
        if ch == "“" or (ch == '"' and not inside):
            mask[i] = inside = True
        elif ch == "”" or (ch == '"' and inside):
            mask[i] = True
            inside = False
        else:
            mask[i] = inside
    return mask, inside


def _paragraph_start(text: str, pos: int) -> int:
    brk = text.rfind("\n\n", 0, pos)
    return 0 if brk < 0 else brk + 2


def quoting(article: Article, span: tuple[int, int]) -> tuple[list[bool], bool, bool]:
    """Quote mask of the sentence, whether it starts inside a quotation opened earlier in its
    paragraph, and whether a quotation is still open at its end (both mark a sentence that is
    one piece of a longer quotation)."""
    para = _paragraph_start(article.text, span[0])
    _, opened = quote_mask(article.text[para : span[0]])
    mask, still_open = quote_mask(article.slice(span), opened)
    return mask, opened, still_open


def unquoted(text: str, mask: list[bool]) -> str:
    """The sentence with quoted characters blanked (same length, so offsets still hold)."""
    return "".join(" " if m else c for c, m in zip(text, mask, strict=True))


_TOKEN = re.compile(r"\w+")
QUOTE_LED_SHARE = 0.5
"""A sentence at least this much inside quotation marks reports what someone said."""
RENDERING_OVERLAP = 0.6
"""Share of the shorter quotation's words that the other sentence must repeat, in order runs
of ``RENDERING_RUN`` words or more, to be another rendering of the same statement."""
RENDERING_RUN = 3


def _tokens(text: str) -> list[str]:
    return [t.lower().replace("’", "'") for t in _TOKEN.findall(text)]


def quote_led(unit: Unit) -> bool:
    """Whether the sentence's content is someone's quoted words (wholly or mostly, or a piece
    of a quotation running over sentences): a claim about what the speaker said."""
    return unit.quoted_share >= QUOTE_LED_SHARE or unit.starts_in_quote or unit.ends_in_quote


def _shared_run_tokens(short: tuple[str, ...], long_: tuple[str, ...], run: int) -> int:
    """How many tokens of ``short`` lie in runs of ``run``+ consecutive tokens also found
    consecutively in ``long_`` (verbatim wording, not a shared vocabulary)."""
    grams = {long_[i : i + run] for i in range(len(long_) - run + 1)}
    covered = [False] * len(short)
    for i in range(len(short) - run + 1):
        if short[i : i + run] in grams:
            for k in range(i, i + run):
                covered[k] = True
    return sum(covered)


def same_rendering(a: Unit, b: Unit) -> bool:
    """Whether two sentences carry the same quotation: the quoted words of the one that quotes
    (the shorter quotation when both do) recur verbatim, in runs, in the other."""
    led = [(u, u.quoted_tokens or u.tokens) for u in (a, b) if quote_led(u)]
    if not led:
        return True
    quoting_unit, short = min(led, key=lambda pair: len(pair[1]))
    other = b if quoting_unit is a else a
    if len(short) < RENDERING_RUN:
        return False
    shared = _shared_run_tokens(short, other.tokens, RENDERING_RUN)
    return shared >= RENDERING_OVERLAP * len(short)
