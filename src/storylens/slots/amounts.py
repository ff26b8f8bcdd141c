"""Amounts read off a sentence: value, qualifier, unit, the noun counted and its verb."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from storylens.nlp import Models
from storylens.records import Article

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

Qualifier = Literal["", "about", "at least", "at most", "nearly", "more than"]

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
    ("just over", "more than"), ("just under", "nearly"),
    ("at least", "at least"), ("more than", "more than"), ("over", "more than"),
    ("upwards of", "at least"), ("in excess of", "at least"), ("no fewer than", "at least"),
    ("at most", "at most"), ("less than", "at most"), ("fewer than", "at most"),
    ("up to", "at most"), ("under", "at most"), ("no more than", "at most"),
    ("about", "about"), ("around", "about"), ("roughly", "about"), ("approximately", "about"),
    ("nearly", "nearly"), ("almost", "nearly"), ("some", "about"), ("an estimated", "about"),
    ("estimated", "about"), ("close to", "about"),
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
    step: float = 1.0
    """The precision it is written to: "$20m" is a figure to the million, "19.6" to a tenth."""
    upper: float | None = None
    """The top of a range ("20-25%", "between 40 and 50"); ``value`` is its bottom."""
    head: int = -1
    """Token index (in the article's parse) of the noun counted, or of the amount's last word."""

    @property
    def label(self) -> str:
        """The amount as a reader would say it, spelled the same whatever the source wrote."""
        number = _figure(self.value)
        if self.upper is not None:
            number += "-" + _figure(self.upper)
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


def _figure(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,g}"


def _step(words: list[str], value: float) -> float:
    """How precisely a figure is written: the unit of its last significant digit. Trailing
    zeros of a plain integer count as written ("120" is not "121") unless there are three or
    more ("6,000" may be 6,012); a figure with a scale word ("20m") is read to a tenth of it."""
    digits = next((w for w in words if re.match(r"^\d", w)), None)
    scale = 1.0
    for w in words:
        low = w.lower().replace(",", "")
        glued = _GLUED.match(low)
        if glued:
            scale *= _SCALE[glued.group(2).lower()]
        elif low in _SCALE and low != "hundred":
            scale *= _SCALE[low]
    if digits is None:
        return max(scale, 1.0)
    core = re.sub(r"[^\d.]", "", digits.replace(",", ""))
    if "." in core:
        return float(10 ** -len(core.split(".", 1)[1])) * scale
    if scale > 1:
        return scale / 10  # "€2bn" is not "€1.5 billion"
    zeros = len(core) - len(core.rstrip("0"))
    return float(10 ** (zeros - 1)) if zeros >= 3 and core.strip("0") else 1.0


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
        upper: float | None = None
        cut = next(
            (
                k
                for k, w in enumerate(words)
                if w.lower() in {"-", "and", "to"} and 0 < k < len(words) - 1
            ),
            None,
        )
        value: float | None
        if (
            cut is not None
            and re.match(r"^\d", words[cut - 1])
            and re.match(r"^\d", words[cut + 1])
        ):
            value, upper = _number_value(words[:cut]), _number_value(words[cut + 1 :])
            if value is None or upper is None or upper <= value:
                value = upper = None
        else:
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
            Amount(
                value,
                qualifier,
                unit,
                verb,
                (start, end),
                article.text[start:end],
                noun,
                step=_step(words, value),
                upper=upper,
                head=end_tok.i,
            )
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


def interval(a: Amount) -> tuple[float, float, bool, bool]:
    """The values a figure allows as written: (low, high, low open, high open)."""
    half = a.step / 2
    lo, hi = a.value, a.upper if a.upper is not None else a.value
    if a.qualifier == "about":
        return min(lo * (1 - APPROX), lo - half), max(hi * (1 + APPROX), hi + half), False, False
    if a.qualifier == "at least":
        return lo, float("inf"), False, True
    if a.qualifier == "more than":
        return lo - half, float("inf"), True, True
    if a.qualifier == "at most":
        return float("-inf"), hi + half, True, False
    if a.qualifier == "nearly":  # "nearly 15 percent": under 15, but not far under
        return lo * (1 - APPROX), hi + half, False, True
    return lo - half, hi + half, False, True


_OPPOSITE_BOUNDS = [{"nearly", "more than"}, {"nearly", "at least"}, {"at most", "more than"}]


def amounts_agree(a: Amount, b: Amount) -> bool:
    """Whether two figures for one slot can both be right as written.

    Each figure stands for the values it allows: an exact figure everything that rounds to it
    at the precision written ("$20m" allows $19.6 million, "120" does not allow 121), "about"
    ``APPROX`` either way, a bound ("at least 6,000", "more than double") one side, a range
    its span; two figures agree when those overlap. Two different bounds in the same direction
    ("at least 14" vs "at least 21") are a conflict: both may hold, but the outlets report
    different tallies and a reader should see that.
    """
    lower = {"at least", "more than"}
    # under and over the same figure ("nearly double" / "more than double", "up to 100" /
    # "more than 100"): the rounding slack must not let the two sides meet at the figure
    same_figure = a.value == b.value and a.upper is None and b.upper is None
    if same_figure and {a.qualifier, b.qualifier} in _OPPOSITE_BOUNDS:
        return False
    if a.qualifier in lower and b.qualifier in lower:
        return abs(a.value - b.value) <= max(a.step, b.step) / 2
    alo, ahi, alo_open, ahi_open = interval(a)
    blo, bhi, blo_open, bhi_open = interval(b)
    if ahi < blo or bhi < alo:
        return False
    if ahi == blo:
        return not (ahi_open or blo_open)
    if bhi == alo:
        return not (bhi_open or alo_open)
    return True


def same_slot(a: Amount, b: Amount) -> bool:
    """Same unit, and the same verb when both name one: killed vs injured are two slots."""
    if a.unit != b.unit or not a.unit:
        return False
    return a.verb is None or b.verb is None or a.verb == b.verb
