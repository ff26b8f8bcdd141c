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

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise
from typing import TYPE_CHECKING, Literal, Protocol, TypeVar

from dateutil import parser as dateparser

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


# --- amounts --------------------------------------------------------------------------------


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


# --- dates ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class When:
    start: date
    end: date
    span: tuple[int, int]
    text: str

    @property
    def label(self) -> str:
        if self.start == self.end:
            return self.start.isoformat()
        return f"{self.start.isoformat()} to {self.end.isoformat()}"

    def overlaps(self, other: When) -> bool:
        return self.start <= other.end and other.start <= self.end


_WEEKDAYS = [d.lower() for d in calendar.day_name]
_MONTHS = [m.lower() for m in calendar.month_name if m]
_MONTH_RE = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY_PARTS = r"(?:\s+(?:morning|afternoon|evening|night))?"
_COUNT = r"(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_DATE_PATTERNS = [
    (
        "absolute",
        re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_RE}(?:,?\s+\d{{4}})?\b", re.I),
    ),
    (
        "absolute",
        re.compile(rf"\b{_MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b", re.I),
    ),
    ("iso", re.compile(r"\b\d{4}-\d{2}-\d{2}\b")),
    (
        "weekday",
        re.compile(
            rf"\b(?:(last|this|next|on|late|early)\s+)?({'|'.join(_WEEKDAYS)}){_DAY_PARTS}\b", re.I
        ),
    ),
    ("ago", re.compile(rf"\b{_COUNT}\s+(day|week)s?\s+ago\b", re.I)),
    (
        "period",
        re.compile(r"\b(?:(earlier|later)\s+)?(last|this|next)\s+(week|month|year)\b", re.I),
    ),
    (
        "day",
        re.compile(
            r"\b(today|tonight|yesterday|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening))\b",
            re.I,
        ),
    ),
]


def _count(word: str) -> int:
    low = word.lower()
    return int(low) if low.isdigit() else 1 if low in {"a", "an"} else _SMALL.get(low, 1)


def _resolve(kind: str, m: re.Match[str], pub: date | None) -> tuple[date, date] | None:
    text = m.group(0)
    if kind in {"absolute", "iso"}:
        has_year = bool(re.search(r"\d{4}", text))
        if not has_year and pub is None:
            return None
        default = pub or date(2000, 1, 1)
        try:
            day = dateparser.parse(text, default=_dt(default)).date()
        except (ValueError, OverflowError):
            return None
        if not has_year and pub is not None and day > pub + timedelta(days=31):
            day = day.replace(year=day.year - 1)  # "December 30" in a January article
        return day, day
    if pub is None:
        return None
    if kind == "day":
        low = re.sub(r"\s+", " ", text.lower())
        if low in {"yesterday", "last night"}:
            return pub - timedelta(days=1), pub - timedelta(days=1)
        if low == "tomorrow":
            return pub + timedelta(days=1), pub + timedelta(days=1)
        return pub, pub
    if kind == "weekday":
        which = (m.group(1) or "").lower()
        target = _WEEKDAYS.index(m.group(2).lower())
        back = (pub.weekday() - target) % 7
        if which == "next":
            ahead = (target - pub.weekday()) % 7 or 7
            return pub + timedelta(days=ahead), pub + timedelta(days=ahead)
        if which == "last" and back == 0:
            back = 7
        return pub - timedelta(days=back), pub - timedelta(days=back)
    if kind == "ago":
        n = _count(m.group(1)) * (7 if m.group(2).lower() == "week" else 1)
        return pub - timedelta(days=n), pub - timedelta(days=n)
    if kind == "period":
        edge, which, unit = (m.group(1) or "").lower(), m.group(2).lower(), m.group(3).lower()
        if unit == "week":
            monday = pub - timedelta(days=pub.weekday())
            shift = {"last": -7, "this": 0, "next": 7}[which]
            start, end = monday + timedelta(days=shift), monday + timedelta(days=shift + 6)
        elif unit == "month":
            year, month = pub.year, pub.month + {"last": -1, "this": 0, "next": 1}[which]
            year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
            start = date(year, month, 1)
            end = date(year, month, calendar.monthrange(year, month)[1])
        else:
            year = pub.year + {"last": -1, "this": 0, "next": 1}[which]
            start, end = date(year, 1, 1), date(year, 12, 31)
        if which == "this" and edge == "earlier":
            end = min(end, pub)
        elif which == "this" and edge == "later":
            start = max(start, pub)
        return start, end
    return None


def _dt(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def publication_day(article: Article) -> date | None:
    """The calendar day of publication where the article was published: an aware datetime is
    read in its own zone (not converted to UTC), a naive one as written."""
    return article.published.date() if article.published is not None else None


def dates(article: Article, span: tuple[int, int]) -> list[When]:
    text = article.slice(span)
    pub = publication_day(article)
    taken: list[tuple[int, int]] = []
    found: list[When] = []
    for kind, pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if (
                kind == "absolute"
                and m.group(0).split()[0].lower() == "may"
                and not re.search(r"\d", m.group(0))
            ):
                continue
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            resolved = _resolve(kind, m, pub)
            if resolved is None:
                continue
            start, end = span[0] + m.start(), span[0] + m.end()
            taken.append((m.start(), m.end()))
            found.append(When(resolved[0], resolved[1], (start, end), article.text[start:end]))
    return sorted(found, key=lambda w: w.span)


# --- polarity -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Polarity:
    predicate: str
    negated: bool
    span: tuple[int, int]
    text: str


_NEGATORS = {"not", "n't", "never", "no"}


def _main_predicate(sent: Span) -> Token | None:
    """The root verb, or the verb of the reported clause when the root is a reporting verb
    ("Zelensky said Putin had offered ..." -> offered)."""
    root = next((t for t in sent if t.dep_ == "ROOT"), None)
    if root is None:
        return None
    if root.lemma_.lower() in {"say", "tell", "report", "claim", "state", "add", "announce"}:
        comp = next((c for c in root.children if c.dep_ in {"ccomp", "xcomp"}), None)
        if comp is not None and comp.pos_ in {"VERB", "AUX"}:
            return comp
    return root if root.pos_ in {"VERB", "AUX"} else None


def polarity(article: Article, span: tuple[int, int], models: Models) -> Polarity | None:
    sent = models.doc(article).char_span(span[0], span[1], alignment_mode="expand")
    if sent is None:
        return None
    verb = _main_predicate(sent)
    if verb is None:
        return None
    negs = [
        c
        for c in verb.children
        if c.dep_ == "neg" or (c.lower_ in _NEGATORS and c.dep_ == "advmod")
    ]
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"} and c.i < verb.i]
    first = min([verb.i] + [t.i for t in negs + auxes if t.i >= verb.i - 4])
    doc = sent.doc
    start, end = doc[first].idx, verb.idx + len(verb.text)
    return Polarity(verb.lemma_.lower(), bool(negs), (start, end), article.text[start:end])


# --- places ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    key: str
    span: tuple[int, int]
    text: str


_PLACE_PREPS = {"in", "at", "near", "outside", "inside"}
_PLACE_ENTS = {"GPE", "LOC", "FAC"}


def place_key(name: str) -> str:
    key = re.sub(r"[^\w\s]", "", name.lower())
    return re.sub(r"^the\s+", "", re.sub(r"\s+", " ", key)).strip()


def places(article: Article, span: tuple[int, int], models: Models) -> list[Place]:
    """Places a sentence puts something at: a place name after "in", "at", "near", ...,
    with the preposition in the phrase shown ("in Odesa", "at the Nato Summit in The Hague"
    gives "in The Hague")."""
    sent = models.doc(article).char_span(span[0], span[1], alignment_mode="expand")
    if sent is None:
        return []
    found: list[Place] = []
    for prep in sent:
        if prep.lower_ not in _PLACE_PREPS or prep.dep_ != "prep":
            continue
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is None or not sent.start <= obj.i < sent.end:
            continue
        if obj.ent_type_ in _PLACE_ENTS:
            # the sentence span may cut a name the tagger saw whole, so look in the doc
            ent = next((e for e in sent.doc.ents if e.start <= obj.i < e.end), None)
            if ent is None:
                continue
            name, end = ent.text, ent.end_char
        elif obj.pos_ == "PROPN" and not obj.ent_type_:
            # the small model leaves many place names untagged ("in Kharkiv"); a bare proper
            # noun after a place preposition, tagged as nothing else, is read as a place
            first = obj.i
            while first - 1 > prep.i and sent.doc[first - 1].dep_ == "compound":
                first -= 1
            name = sent.doc[first : obj.i + 1].text
            end = obj.idx + len(obj.text)
        else:
            continue
        start = prep.idx
        found.append(Place(place_key(name), (start, end), article.text[start:end]))
    return found


Geography = dict[str, set[str]]
"""Place key -> keys of the places the story's own text says contain it."""


def geography(articles: list[Article], models: Models) -> Geography:
    """Containment the articles state themselves: "The Hague, Netherlands", "Odesa in
    Ukraine", "Kursk region of Russia". StoryLens knows no map; what the coverage says about
    where a place lies is enough to see that "in The Hague" and "in the Netherlands" agree."""
    inside: Geography = {}
    for article in articles:
        ents = [e for e in models.doc(article).ents if e.label_ in _PLACE_ENTS]
        for a, b in pairwise(ents):
            between = article.text[a.end_char : b.start_char].strip().lower()
            if between in {",", "in", "of", ", in", "in the", "of the"}:
                inside.setdefault(place_key(a.text), set()).add(place_key(b.text))
    return inside


def places_agree(a: Place, b: Place, geo: Geography | None = None) -> bool:
    """Same place (or one name containing the other, "Odesa" / "Odesa region"), or one lies
    in the other by the story's own geography (followed two steps)."""
    if a.key == b.key or a.key in b.key or b.key in a.key:
        return True
    geo = geo or {}

    def within(x: str, y: str) -> bool:
        outer = geo.get(x, set())
        return y in outer or any(y in geo.get(o, set()) for o in outer)

    return within(a.key, b.key) or within(b.key, a.key)


# --- disagreements between aligned sentences ------------------------------------------------


@dataclass
class Statement:
    """One source sentence of an aligned claim: the outlet it counts as and where it is."""

    outlet: str
    article: Article
    span: tuple[int, int]


@dataclass
class SlotValue:
    label: str
    places: list[tuple[Article, tuple[int, int]]]

    @property
    def outlets(self) -> set[str]:
        return {a.id for a, _ in self.places}


@dataclass
class Disagreement:
    kind: Literal["number", "time", "place", "negation"]
    slot: str
    values: list[SlotValue]


class _Spanned(Protocol):
    @property
    def span(self) -> tuple[int, int]: ...


V = TypeVar("V", bound=_Spanned)


def _conflicting(
    per_outlet: dict[str, list[V]],
    comparable: Callable[[V, V], bool],
    agree: Callable[[V, V], bool],
) -> bool:
    """Two outlets with comparable values of which none agree."""
    outlets = list(per_outlet)
    for k, a in enumerate(outlets):
        for b in outlets[k + 1 :]:
            pairs = [(x, y) for x in per_outlet[a] for y in per_outlet[b] if comparable(x, y)]
            if pairs and not any(agree(x, y) for x, y in pairs):
                return True
    return False


def _group(
    items: list[tuple[Article, V]], agree: Callable[[V, V], bool], label: Callable[[V], str]
) -> list[SlotValue]:
    """Values that agree with a value's first spelling join it, with all their places."""
    groups: list[tuple[V, SlotValue]] = []
    for article, item in items:
        home = next((v for rep, v in groups if agree(rep, item)), None)
        if home is None:
            home = SlotValue(label(item), [])
            groups.append((item, home))
        home.places.append((article, item.span))
    return [v for _, v in groups]


def disagreements(
    statements: list[Statement], models: Models, geo: Geography | None = None
) -> list[Disagreement]:
    """Amount, date, place and polarity slots on which the outlets of aligned sentences
    disagree (``geo``: what the story says lies where, see :func:`geography`)."""
    if len({s.outlet for s in statements}) < 2:
        return []
    found: list[Disagreement] = []

    by_unit: dict[str, list[tuple[str, Article, Amount]]] = {}
    for st in statements:
        for amount in amounts(st.article, st.span, models):
            if amount.unit:
                by_unit.setdefault(amount.unit, []).append((st.outlet, st.article, amount))
    for unit, rows in by_unit.items():
        per_outlet: dict[str, list[Amount]] = {}
        for outlet, _, amount in rows:
            per_outlet.setdefault(outlet, []).append(amount)
        if _conflicting(per_outlet, same_slot, amounts_agree):
            verbs = sorted({a.verb for _, _, a in rows if a.verb})
            slot = unit + (f" ({', '.join(verbs)})" if verbs else "")
            values = _group([(art, a) for _, art, a in rows], amounts_agree, lambda a: a.label)
            found.append(Disagreement("number", slot, values))

    per_outlet_dates: dict[str, list[When]] = {}
    date_rows: list[tuple[Article, When]] = []
    for st in statements:
        for when in dates(st.article, st.span):
            per_outlet_dates.setdefault(st.outlet, []).append(when)
            date_rows.append((st.article, when))
    if _conflicting(per_outlet_dates, lambda x, y: True, When.overlaps):
        values = _group(date_rows, When.overlaps, lambda w: w.label)
        found.append(Disagreement("time", "date", values))

    per_outlet_places: dict[str, list[Place]] = {}
    place_rows: list[tuple[Article, Place]] = []
    for st in statements:
        for where in places(st.article, st.span, models):
            per_outlet_places.setdefault(st.outlet, []).append(where)
            place_rows.append((st.article, where))

    def agree(x: Place, y: Place) -> bool:
        return places_agree(x, y, geo)

    if _conflicting(per_outlet_places, lambda x, y: True, agree):
        values = _group(place_rows, agree, lambda p: p.text)
        found.append(Disagreement("place", "place", values))

    polar: dict[str, list[tuple[Article, Polarity]]] = {}
    for st in statements:
        pol = polarity(st.article, st.span, models)
        if pol is not None:
            polar.setdefault(pol.predicate, []).append((st.article, pol))
    outlet_of = {st.article.id: st.outlet for st in statements}
    for predicate, rows2 in polar.items():
        signs = {(outlet_of[a.id], p.negated) for a, p in rows2}
        if len({n for _, n in signs}) == 2 and len({o for o, _ in signs}) >= 2:
            affirm = {o for o, n in signs if not n}
            deny = {o for o, n in signs if n}
            if affirm - deny or deny - affirm:
                values = _group(
                    [(a, p) for a, p in rows2],
                    lambda x, y: x.negated == y.negated,
                    lambda p: ("not " if p.negated else "") + p.predicate,
                )
                found.append(Disagreement("negation", predicate, values))
    return found
