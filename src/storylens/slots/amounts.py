"""Amounts read off a sentence: value, qualifier, unit, the noun counted and its verb."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from storylens.nlp import Models
from storylens.records import Article

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

Qualifier = Literal["", "about", "at least", "at most"]

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}  # fmt: skip
_SCALE = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 10**9,
    "trillion": 10**12, "k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 10**9,
    "b": 10**9, "tn": 10**12,
}  # fmt: skip
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_GLUED = re.compile(r"^(\d+(?:\.\d+)?)(k|m|mn|bn|b|tn)$", re.IGNORECASE)
_CURRENCY = {"$": "$", "£": "£", "€": "€", "¥": "¥", "dollar": "$", "euro": "€", "pound": "£",
             "usd": "$", "eur": "€", "gbp": "£"}  # fmt: skip
_PERCENT = {"%", "percent", "per cent", "pct"}
_QUALIFIERS: list[tuple[str, Qualifier]] = [
    ("at least", "at least"), ("more than", "at least"), ("over", "at least"),
    ("upwards of", "at least"), ("in excess of", "at least"), ("no fewer than", "at least"),
    ("at most", "at most"), ("less than", "at most"), ("fewer than", "at most"),
    ("up to", "at most"), ("under", "at most"), ("no more than", "at most"),
    ("about", "about"), ("around", "about"), ("roughly", "about"), ("approximately", "about"),
    ("nearly", "about"), ("almost", "about"), ("some", "about"), ("an estimated", "about"),
    ("estimated", "about"), ("close to", "about"), ("just over", "about"),
    ("just under", "about"),
]  # fmt: skip
_NOT_AMOUNT_ENTS = {"DATE", "TIME", "ORDINAL", "PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT",
                    "PRODUCT", "WORK_OF_ART", "LAW", "NORP"}  # fmt: skip
APPROX = 0.1
"""An "about" figure agrees with any figure within this relative distance."""


@dataclass(frozen=True)
class Amount:
    value: float
    qualifier: Qualifier
    unit: str
    verb: str | None
    span: tuple[int, int]
    text: str
    noun: str = ""

    @property
    def label(self) -> str:
        """The amount as a reader would say it, spelled the same whatever the source wrote."""
        number = f"{self.value:,.0f}" if self.value == int(self.value) else f"{self.value:,g}"
        if self.unit in {"$", "£", "€", "¥"}:
            number = self.unit + number
        elif self.unit == "%":
            number += "%"
        elif self.unit:
            number += " " + (self.noun or self.unit)
        return (self.qualifier + " " + number).strip()

    @property
    def slot(self) -> str:
        return self.unit + (f" ({self.verb})" if self.verb else "")


def _number_value(words: list[str]) -> float | None:
    """The value of a run of number tokens: "6,000", "six thousand", "1.5 million",
    "two hundred and fifty", "2bn"."""
    total, current, seen = 0.0, 0.0, False
    for word in words:
        low = word.lower().replace(",", "")
        if low in {"and", "-", "a"}:
            continue
        glued = _GLUED.match(low)
        if _DIGITS.match(word) or re.fullmatch(r"\d+(?:\.\d+)?", low):
            current += float(low)
            seen = True
        elif glued:
            current += float(glued.group(1)) * _SCALE[glued.group(2).lower()]
            seen = True
        elif low in _SMALL:
            current += _SMALL[low]
            seen = True
        elif low == "hundred":
            current = (current or 1) * 100
        elif low in _SCALE:
            total += (current or 1) * _SCALE[low]
            current = 0.0
            seen = True
        else:
            return None
    return total + current if seen else None


def _is_number_token(tok: Token) -> bool:
    low = tok.lower_.replace(",", "")
    return bool(
        _DIGITS.match(tok.text)
        or _GLUED.match(low)
        or low in _SMALL
        or low in _SCALE
        or (tok.like_num and re.fullmatch(r"\d+(?:\.\d+)?", low))
    )


def _qualifier(sent: Span, first: Token) -> tuple[Qualifier, int]:
    """The qualifier right before a number and the character where it starts."""
    before = sent.doc.text[sent.start_char : first.idx].lower().rstrip()
    for phrase, kind in _QUALIFIERS:
        if re.search(r"(?:^|\W)" + re.escape(phrase) + r"$", before):
            return kind, sent.start_char + len(before) - len(phrase)
    return "", first.idx


def _unit(sent: Span, first: Token, last: Token) -> tuple[str, str | None, Token]:
    """Unit, governing verb, and the last token of the phrase naming the amount."""
    doc = sent.doc
    if first.i > sent.start and doc[first.i - 1].text in _CURRENCY:
        symbol = _CURRENCY[doc[first.i - 1].text]
        return symbol, _verb_of(last), last
    if last.i + 1 < sent.end:
        nxt = doc[last.i + 1]
        low = nxt.lower_
        if low in _PERCENT or (
            low == "per" and last.i + 2 < sent.end and doc[last.i + 2].lower_ == "cent"
        ):
            return "%", None, nxt if low != "per" else doc[last.i + 2]
        if nxt.lemma_.lower() in _CURRENCY:
            return _CURRENCY[nxt.lemma_.lower()], _verb_of(nxt), nxt
    head = last.head
    # the noun a number counts: "14 people", "6,000 North Korean troops"
    counts_noun = last.dep_ in {"nummod", "quantmod", "compound", "amod"}
    if counts_noun and head.pos_ in {"NOUN", "PROPN"} and last.i < head.i < sent.end:
        return head.lemma_.lower(), _verb_of(head), head
    if last.i + 1 < sent.end and doc[last.i + 1].pos_ == "NOUN":
        noun = doc[last.i + 1]
        return noun.lemma_.lower(), _verb_of(noun), noun
    # "the death toll rose to 14": the subject of the verb the number completes
    verb = head.head if head.dep_ == "prep" else head
    if verb.pos_ in {"VERB", "AUX"}:
        subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is not None and subj.pos_ == "NOUN":
            return subj.lemma_.lower(), verb.lemma_.lower(), last
    return "", None, last


def _verb_of(noun: Token) -> str | None:
    """The verb a counted noun is subject or object of ("were killed", "deployed")."""
    tok = noun
    while tok.dep_ in {"pobj", "prep", "conj", "appos"} and tok.head is not tok:
        tok = tok.head
    if tok.dep_ in {"nsubj", "nsubjpass", "dobj", "attr", "pobj"} and tok.head.pos_ in {
        "VERB",
        "AUX",
    }:
        return str(tok.head.lemma_.lower())
    return None


def amounts(article: Article, span: tuple[int, int], models: Models) -> list[Amount]:
    sent = models.doc(article).char_span(span[0], span[1], alignment_mode="expand")
    if sent is None:
        return []
    found: list[Amount] = []
    run: list[Token] = []

    def close() -> None:
        if not run:
            return
        words = [t.text for t in run]
        while words and words[-1].lower() in {"and", "-", "a"}:
            words.pop()
            run.pop()
        value = _number_value(words) if run else None
        if value is None or not run or any(t.ent_type_ in _NOT_AMOUNT_ENTS for t in run):
            run.clear()
            return
        first, last = run[0], run[-1]
        qualifier, start = _qualifier(sent, first)
        unit, verb, end_tok = _unit(sent, first, last)
        if value == 1 and not unit:
            run.clear()  # "one of", "one" as a pronoun
            return
        if start > first.idx and first.i > sent.start and sent.doc[first.i - 1].text in _CURRENCY:
            start = sent.doc[first.i - 1].idx
        if (
            unit in _CURRENCY.values()
            and first.i > sent.start
            and sent.doc[first.i - 1].text in _CURRENCY
        ):
            start = min(start, sent.doc[first.i - 1].idx)
        end = end_tok.idx + len(end_tok.text)
        noun = (
            end_tok.lower_
            if end_tok.pos_ == "NOUN" and unit and unit not in _CURRENCY.values()
            else ""
        )
        found.append(
            Amount(value, qualifier, unit, verb, (start, end), article.text[start:end], noun)
        )
        run.clear()

    for tok in sent:
        joins = tok.lower_ in {"and", "-", "a"} and run
        if (
            _is_number_token(tok)
            and not (tok.lower_ in _SCALE and not run and tok.lower_ != "hundred")
        ) or joins:
            run.append(tok)
        else:
            close()
    close()
    return found


def amounts_agree(a: Amount, b: Amount) -> bool:
    """Whether two figures for one slot can both be right as written.

    Exact figures must be equal; an "about" figure allows ``APPROX`` either way; a bound
    ("at least 6,000") agrees with an exact or approximate figure on its side of it. Two
    different bounds in the same direction ("at least 14" vs "at least 21") are a conflict:
    both may hold, but the outlets report different tallies and a reader should see that.
    """
    x, y = a.value, b.value
    if a.qualifier == b.qualifier == "":
        return abs(x - y) <= 1e-9 * max(abs(x), abs(y), 1.0)
    if "about" in (a.qualifier, b.qualifier) and abs(x - y) <= APPROX * max(abs(x), abs(y)):
        return True
    if a.qualifier == b.qualifier:
        return abs(x - y) <= 1e-9 * max(abs(x), abs(y), 1.0)
    for bound, other in ((a, b), (b, a)):
        if bound.qualifier == "at least" and other.qualifier in {"", "about"}:
            return other.value >= bound.value
        if bound.qualifier == "at most" and other.qualifier in {"", "about"}:
            return other.value <= bound.value
    return False  # at least X vs at most Y: compatible only if they meet, which is no tally


def same_slot(a: Amount, b: Amount) -> bool:
    """Same unit, and the same verb when both name one: killed vs injured are two slots."""
    if a.unit != b.unit or not a.unit:
        return False
    return a.verb is None or b.verb is None or a.verb == b.verb
