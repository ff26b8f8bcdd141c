"""Direct quotations, who said them, where and when, and the same quote across outlets.

Four steps, each a plain rule a reader can check against the text:

1. **Scanning** (``scan_quotes``). Real scrapes mix straight and curly marks, use ’ both as an
   apostrophe and as a quote mark, and sometimes print ” where “ was meant. A mark's role is
   therefore read from its neighbours, not from its glyph: a mark after a space, a dash or an
   opening bracket and before a word opens; a mark after a word and before a space or
   punctuation closes; the glyph only breaks ties. A single mark between two letters or digits
   (don’t, Iran’s, ’90s) is an apostrophe. Marks are paired per paragraph with a stack per
   family (double, single, guillemet); a pair lying inside another pair is a nested quote and
   is not reported on its own. A quote left open at the end of a paragraph whose next paragraph
   starts with an opening mark continues there (the convention for multi-paragraph quotes).
2. **Attribution** (``attribution``). A cue verb (said, told, added, ...) next to the quote in
   the same sentence names the speaker: ``“...,” Trump told``, ``said Trump``, ``Trump said,
   “...”``, ``Trump has insisted that ... “...”``, ``Trump’s assertion that “...”``. A pronoun
   (he, she) resolves to the most recent named person that was the subject of its sentence (or
   of an earlier quote) in this or the two previous paragraphs; a description ("the president",
   "the Kremlin spokesman") resolves to a person the article gave that role as a title
   ("Kremlin spokesman Dmitry Peskov"), the most mentioned one when several fit. A speaker that
   is not a person spaCy or the rest of the story knows stays None: never a guess.
   Names are made canonical across the story: titles are stripped and a name becomes the most
   mentioned (then longest) full name with the same last token ("President Trump" ->
   "Donald Trump").
   The surface patterns are backed by the dependency parse (``_parsed_attribution``), which is
   asked first: the subject of the speech verb nearest the quote in its sentence (climbing
   from "telling Reuters" to the clause it modifies; "told X", "asked X" name the listener),
   the subject of a sentence handing over with a colon ("Cruz called them on it: “...”"), a
   transcript label ("Clinton: “...”"), else the person whose verb governs the quoted words.
   A proper-name subject the entity tagger missed ("Politico", "CNN") is the speaker as
   printed; "the French foreign ministry" names an organisation. A paragraph that is nothing
   but a quotation continues the quote that closed the previous paragraph, or belongs to the
   named subject of a previous paragraph about speaking, and a quote opening its sentence after
   a sentence of reported speech in the same paragraph takes that sentence's speaker. An
   unnamed spokesperson speaks for whom they represent ("a spokesman for Exxon Mobil" ->
   "Exxon Mobil", "Merkel's spokesman" -> Angela Merkel); "they" is the last organisation or
   group that was a clause subject nearby, else None. Quote marks around an unattributed
   title-case string (“Dancing with the Stars”) mark a title, and around an unattributed short
   noun phrase introduced as a term ("a condition called “...”") or used as a label before a
   noun (the “law and order” issue) mark a term: neither is reported as a quotation.
3. **Setting** (``said_where_when``): a prepositional phrase (at, in, aboard, during, while ...)
   naming a place or an occasion, and a date expression, taken from the quote's sentence outside
   the quoted words, else from the earlier sentences of the paragraph, else (for a quote that
   opens its paragraph) from the previous paragraph; an earlier sentence counts only if it is
   about speaking (a cue verb, "speaking", "talking"), and only its part before "that".
4. **Variants**. Mentions are compared on normalised word sequences (case, punctuation and quote
   marks dropped): two are the same quote when the shorter keeps ``match_threshold`` of its
   words in order in the longer one and shares a run of ``min_words`` words with it; quotes
   shorter than ``min_words`` only match identical ones. Mentions are taken longest first, so a
   quote's first variant is its fullest. Each article gives a quote at most one variant, its
   fullest mention; a shorter repeat in the same article (a headline, a pull quote, a later
   fragment) is folded into it.

A quote broken by an attribution (``“I said,” he added, “no ...”``) or running over paragraphs
is one utterance and is reported as ONE quote: ``Quote.text`` joins its pieces with " … ", and
each variant's ``parts`` lists the span of every piece (the variant's own ``span`` and ``text``
are its first piece, so shown text still equals the article's characters). Grouping, the diff
and the fidelity compare joined utterances, so an outlet printing only one piece is a shorter
variant of the whole. A variant's
``said_on`` is its ``said_when`` as a day (:func:`said_on`); a quote printed by one independent
outlet only is ``single_source``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Literal

from rapidfuzz.distance import Indel, LCSseq

from storylens.config import QuotesConfig
from storylens.nlp import Models
from storylens.records import Article, Quote, QuoteVariant, Story

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Span = tuple[int, int]
DiffOp = tuple[Literal["=", "+", "-"], str]

# --- vocabulary ---------------------------------------------------------------------------


def _wordlist(text: str) -> list[str]:
    return text.split()


_CUE_VERBS = _wordlist(
    """
    say says said saying tell tells told telling add adds added adding insist insists insisted
    declare declares declared state states stated write writes wrote continue continues
    continued ask asks asked explain explains explained note notes noted warn warns warned argue
    argues argued claim claims claimed reply replies replied respond responds responded recall
    recalls recalled announce announces announced remark remarks remarked comment comments
    commented admit admits admitted acknowledge acknowledges acknowledged urge urges urged vow
    vows vowed promise promises promised pledge pledges pledged suggest suggests suggested
    confirm confirms confirmed deny denies denied stress stresses stressed emphasise emphasised
    emphasize emphasized observe observed counter countered conclude concluded reiterate
    reiterated predict predicted tweet tweeted post posted reveal reveals revealed joke joked
    report reports reported testify testifies testified recount recounts recounted answer
    answers answered retort retorts retorted
    quip quipped boast boasted complain complained caution cautioned shout shouted exclaim
    exclaimed concede conceded
    """
)
_CUE = r"(?:" + "|".join(sorted(_CUE_VERBS, key=len, reverse=True)) + r")"
_CUE_NOUNS = r"(?:assertion|insistence|suggestion|claim|message|remarks?|comments?|words|statement|response|warning|promise|vow|pledge|reply|answer|retort|quip|boast)"
_SPEECH = re.compile(
    r"\b(?:" + _CUE[3:-1] + r"|speaking|talking|addressing|spoke|talked|remarks|interview|"
    r"press conference|news conference|briefing|statement|according to)\b",
    re.IGNORECASE,
)

_ROLES = frozenset(
    _wordlist(
        """
    president leader spokesman spokeswoman spokesperson minister secretary chancellor premier
    senator governor mayor ambassador envoy general commander chief director official adviser
    advisor king queen prince princess pope ceo chairman chairwoman chair judge lawyer attorney
    prosecutor emir sheikh congressman congresswoman lawmaker diplomat negotiator candidate
    nominee coach captain founder head source
    """
    )
)
_BODIES = frozenset(
    _wordlist(
        """ministry department office agency authority government administration commission
    council committee company campaign ministries embassy military army police court
    parliament senate congress"""
    )
)
"""Head nouns of organisations that issue statements in their own name ("the French foreign
ministry said"): with a proper qualifier they name the speaker, no person needed."""
_ROLE_SYNONYMS = {
    "leader": {"president", "premier", "chancellor", "king", "queen", "minister", "emir", "leader"},
    "spokesperson": {"spokesman", "spokeswoman", "spokesperson"},
    "adviser": {"adviser", "advisor"},
}
_TITLES = _ROLES | frozenset(
    _wordlist(
        """
    mr mrs ms miss dr prof sir dame lord lady sen rep gov gen lt col maj capt sgt adm vice
    deputy acting former foreign defence defense interior finance prime press
    """
    )
)
_PLACE_OF = {
    "american": "us", "america": "us", "us": "us", "usa": "us", "washington": "us",
    "russian": "russia", "russia": "russia", "kremlin": "russia", "moscow": "russia",
    "ukrainian": "ukraine", "ukraine": "ukraine", "kyiv": "ukraine",
    "british": "uk", "britain": "uk", "uk": "uk", "chinese": "china", "china": "china",
    "beijing": "china", "french": "france", "france": "france", "german": "germany",
    "germany": "germany", "israeli": "israel", "israel": "israel", "iranian": "iran",
    "iran": "iran", "tehran": "iran",
}  # fmt: skip
"""A qualifier in a description ("the American leader") and in a title ("US President") is
compared through this small table of demonyms and capitals; other qualifiers compare as words."""

_SPOKES_WORD = re.compile(r"spokes(?:man|woman|person|men|women|people)", re.IGNORECASE)
_SPOKES = r"(?i:spokes(?:man|woman|person|men|women|people))"
_ORG_NAME = r"[A-Z][\w.'’&-]*(?:\s+(?:(?:of|for|and|on|the|&)\s+)*[A-Z][\w.'’&-]*)*"
_SPOKES_FOR = re.compile(
    rf"(?P<det>(?i:the|an?)\s+)?(?:[\w.'’-]+\s+){{0,3}}?{_SPOKES}\s+(?i:for|of|at|with)\s+"
    rf"(?:(?i:the)\s+)?(?P<org>{_ORG_NAME})"
)
_SPOKES_OF = re.compile(rf"(?P<org>.+?)['’]s\s+(?:[\w-]+\s+){{0,2}}?{_SPOKES}")
"""An unnamed spokesperson speaks for whom they represent ("a spokesman for Exxon Mobil",
"Cameron's spokesman"): the speaker is that organisation or person, as the guide says."""
_NAME_TOKEN = r"[A-Z][\w'’.-]*"
_NAME = rf"{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,5}}"
_DESC = (
    r"(?:[Tt]he|[Aa]n?)\s+(?:[\w.'’-]+\s+){0,4}?(?i:" + "|".join(sorted(_ROLES)) + r")s?\b"
    r"(?:\s+(?:at|in|of|from|for|close to|familiar with)(?:\s+[\w.'’-]+){1,5}?)?"
)


def _who(group: str = "who") -> str:
    return rf"(?P<{group}>\b(?:[Hh]e|[Ss]he)\b|{_DESC}|{_NAME})"


_WHO = _who()
_ADVERB = r"(?:\s+(?:has|had|have|also|later|then|\w+ly))*"

_AFTER_WHO_CUE = re.compile(rf"^[\s,;:—–-]*{_WHO}{_ADVERB}\s+{_CUE}\b")
_OBJECT_CUES = frozenset(
    _wordlist("tell tells told telling ask asks asked asking urge urges urged warn warns warned")
)
_CUE_INV = r"(?:" + "|".join(sorted(set(_CUE_VERBS) - _OBJECT_CUES, key=len, reverse=True)) + r")"
"""Cue verbs that may come before their speaker ("said Trump"): after "told", "asked",
"urged" the name is the listener ("telling Reuters"), never the speaker."""
_AFTER_CUE_WHO = re.compile(rf"^[\s,;:—–-]*{_CUE_INV}\s+{_WHO}")
_AFTER_ACCORDING = re.compile(rf"^[\s,;:—–-]*according to\s+{_WHO}")
_BEFORE_FRAMED = re.compile(
    rf"{_WHO}{_ADVERB}\s+{_CUE}(?:\s+[\w.'’-]+){{0,4}}?\s*[,:]\s*$"
    rf"|according to\s+{_who('who2')},\s*$"
    rf"|^\s*(?i:{_CUE_INV})\s+{_who('who3')}\s*:\s*$"  # "Stated Stone: “...”"
)
_ANY_WHO_CUE = re.compile(
    rf"{_WHO}{_ADVERB}\s+{_CUE}\b|\b{_CUE_INV}\s+{_who('who2')}|according to\s+{_who('who3')}"
)
_POSSESSIVE_CUE = re.compile(rf"{_WHO}['’]s\s+(?:[a-z]+\s+)?{_CUE_NOUNS}\b")
_CUE_WORD = re.compile(rf"\b{_CUE}\b")

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_WHEN = re.compile(
    rf"\b(?:(?:on|last|this|next|late|early)\s+)?(?:{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:[-–]\d{{1,2}})?(?:,?\s+\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:\s+\d{{4}})?)\b"
    r"|\b(?:yesterday|today|tonight|earlier (?:this|on|in the) (?:week|month|day)|last (?:week|month|night|year)|this (?:week|month|morning|evening))\b"
)
_WHERE_START = re.compile(
    r"\b(?:aboard|on board|on the sidelines of|en route to|at|during|while|outside|inside|in)\s",
    re.IGNORECASE,
)
_WHERE_STOP = re.compile(
    rf"[,;:!?()\[\]\"“”«»—–]|\.(?=\s|$)|\s(?:that|who|which|where|when|as|and|but|after|before|to say)\s"
    rf"|\s(?:on\s+)?(?:{_WEEKDAY}|{_MONTH}\s+\d)|\s{_CUE}\b"
)
_OCCASION = re.compile(
    r"\b(?:summit|conference|briefing|rally|meeting|interview|statement|speech|address|hearing|"
    r"session|event|ceremony|visit|trip|flight|debate|talks|forum|gathering|airport|parliament|"
    r"podcast|broadcast|show|post|tweet)s?\b",
    re.IGNORECASE,
)

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*")
_ABBREVIATIONS = frozenset(
    _wordlist("mr mrs ms dr st gen sen rep gov lt col jr sr no prof capt sgt vs")
)
_NORM_DROP = re.compile(r"[^\w]")
_WORD = re.compile(r"[^\s—–]+")

# --- 1. scanning --------------------------------------------------------------------------

_FAMILY = {
    '"': ("double", None), "“": ("double", "open"), "”": ("double", "close"),
    "„": ("double", "open"), "‟": ("double", "open"),
    "'": ("single", None), "‘": ("single", "open"), "’": ("single", "close"),
    "‚": ("single", "open"), "‛": ("single", "open"),
    "«": ("guillemet", "open"), "»": ("guillemet", "close"),
    "‹": ("sguillemet", "open"), "›": ("sguillemet", "close"),
}  # fmt: skip
_OPEN_BEFORE = set("([{—–-/:;,") | set(_FAMILY)
_CLOSE_AFTER = set(".,;:!?)]}—–-…") | set(_FAMILY)


@dataclass
class ScannedQuote:
    """One outer quotation in one paragraph: ``span`` is the content, marks excluded."""

    open: int
    close: int
    span: Span
    group: int
    """Pieces of one utterance (continued across paragraphs or broken by attribution) share it."""


def _paragraphs(text: str) -> list[Span]:
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def _role(text: str, i: int, lo: int, hi: int) -> str | None:
    """Whether the mark at ``i`` opens, closes, or is an apostrophe (None), from its neighbours."""
    mark = text[i]
    family, hint = _FAMILY[mark]
    prev = text[i - 1] if i > lo else None
    nxt = text[i + 1] if i + 1 < hi else None
    if mark in "\"'" and (prev == "=" or nxt == ">"):
        return None  # an attribute value in markup left in the text (<tweet id="...">)
    if family == "single":
        if prev is not None and nxt is not None and prev.isalnum() and nxt.isalnum():
            return None
        if (prev is None or prev.isspace()) and nxt is not None and nxt.isdigit():
            return None
    can_open = (prev is None or prev.isspace() or prev in _OPEN_BEFORE) and (
        nxt is not None and not nxt.isspace() and nxt not in ".,;:!?)]}"
    )
    can_close = (prev is not None and not prev.isspace()) and (
        nxt is None or nxt.isspace() or nxt in _CLOSE_AFTER
    )
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    if family == "single" and not (can_open or can_close):
        return None
    return hint or "either"


def scan_quotes(text: str) -> list[ScannedQuote]:
    """Outer quotations of ``text`` in order; see the module docstring for the rules."""
    quotes: list[ScannedQuote] = []
    carried: int | None = None  # group of a quote left open at the end of the previous paragraph
    paragraphs = _paragraphs(text)
    next_group = 0
    for p, (lo, hi) in enumerate(paragraphs):
        stack: list[tuple[str, int]] = []
        pairs: list[tuple[int, int]] = []
        for i in range(lo, hi):
            if text[i] not in _FAMILY:
                continue
            role = _role(text, i, lo, hi)
            if role is None:
                continue
            family = _FAMILY[text[i]][0]
            open_at = next(
                (j for j in range(len(stack) - 1, -1, -1) if stack[j][0] == family), None
            )
            if role == "either":
                role = "close" if open_at is not None else "open"
            if role == "open":
                stack.append((family, i))
            elif open_at is not None:
                pairs.append((stack[open_at][1], i))
                del stack[open_at:]
        outer = [(o, c) for o, c in pairs if not any(o2 < o and c < c2 for o2, c2 in pairs)]
        outer.sort()
        # a quote still open at the paragraph end continues if the next paragraph opens one
        dangling = next(
            (
                pos
                for fam, pos in stack
                if fam != "single" and not any(o < pos < c for o, c in outer)
            ),
            None,
        )
        groups: list[int] = []
        for k, (o, _c) in enumerate(outer):
            if k == 0 and carried is not None and text[lo:o].strip() == "":
                groups.append(carried)
            elif k > 0 and _is_break(
                text[outer[k - 1][1] + 1 : o],
                text[max(lo, outer[k - 1][1] - 4) : outer[k - 1][1]].rstrip("’'\" ")[-1:],
            ):
                groups.append(groups[-1])
            else:
                groups.append(next_group)
                next_group += 1
        spans = [(o, c, g) for (o, c), g in zip(outer, groups, strict=True)]
        new_carried: int | None = None
        if dangling is not None and p + 1 < len(paragraphs):
            nlo, nhi = paragraphs[p + 1]
            tail = text[dangling + 1 : hi].rstrip()
            first = text[nlo]
            if (
                tail
                and tail[-1] in ".!?…"
                and first in _FAMILY
                and _FAMILY[first][0] == _FAMILY[text[dangling]][0]
                and _role(text, nlo, nlo, nhi) in ("open", "either")
            ):
                group = carried if carried is not None and text[lo:dangling].strip() == "" else None
                if group is None:
                    group = next_group
                    next_group += 1
                spans.append((dangling, hi, group))
                new_carried = group
        for o, c, g in sorted(spans):
            span = _trim(text, o + 1, c)
            if span is not None:
                quotes.append(ScannedQuote(open=o, close=c, span=span, group=g))
        carried = new_carried
    return quotes


def _is_break(between: str, last: str) -> bool:
    """Text between two quotes that only attributes them: ``,” he added, “`` — or a whole
    attribution sentence after a quote that closed on its own punctuation (``“A,” Clinton said
    on Thursday. “B.”``): the next quote goes on with the same speech. A fragment followed by
    the writer's words (``“aren't buying” impeachment, Trump said. “You ...”``) does not."""
    words = between.split()
    if not words or not _CUE_WORD.search(between):
        return False
    end = between.rstrip()[-1:]
    if end in ",:":
        return len(words) <= 8
    return (
        end == "."
        and (last in ",!?" or _AFTER_CUE_WHO.match(between) is not None)
        and len(words) <= 30
        and not any(  # one sentence only ("Gov. Kasich replied on Oct. 21." is one)
            not _ends_abbreviation(between, 0, m.start())
            for m in re.finditer(r"[.!?]\s+(?=[A-Z])", between.rstrip()[:-1])
        )
        and bool(_CUE_WORD.search(" ".join(words[:20])))  # a sentence led by the attribution
    )


def _trim(text: str, start: int, end: int) -> Span | None:
    """Content without surrounding spaces and the comma that only belongs to the attribution."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    content = text[start:end]
    if not re.search(r"[^\W\d_]{2}", content):  # a number or a date in marks says nothing
        return None
    return (start, end)


# --- text helpers -------------------------------------------------------------------------


def _norm_words(text: str) -> list[str]:
    return [w for w in (_norm(t) for t in _WORD.findall(text)) if w]


def _norm(token: str) -> str:
    return _NORM_DROP.sub("", token.lower())


def _surface_words(text: str) -> list[tuple[str, str]]:
    return [(t, n) for t in _WORD.findall(text) if (n := _norm(t))]


def _ends_abbreviation(text: str, lo: int, at: int) -> bool:
    """Whether the full stop at ``at`` closes an abbreviation or initial (U.S., Mr., J.), not a sentence."""
    word = re.findall(r"[\w.]+$", text[lo:at])
    return bool(
        word
        and text[at] == "."
        and ("." in word[0] or len(word[0]) == 1 or word[0].lower() in _ABBREVIATIONS)
    )


def _sentence_start(text: str, pos: int, lo: int, masked: list[Span]) -> int:
    """Start of the sentence holding ``pos``: after the last sentence end in the paragraph that
    is neither inside a quote nor an abbreviation (U.S., Mr.)."""
    # one character past ``pos``: a sentence that starts with the quote mark at ``pos`` counts
    for m in reversed(list(re.finditer(r"[.!?…][\"'”’)]*\s+(?=[A-Z“\"‘'«])", text[lo : pos + 1]))):
        at = lo + m.start()
        if any(s <= at < e for s, e in masked):
            continue
        if _ends_abbreviation(text, lo, at):
            continue
        return lo + m.end()
    return lo


def _sentence_end(text: str, pos: int, hi: int, masked: list[Span]) -> int:
    for m in re.finditer(r"[.!?…](?=[\"'”’)]*(?:\s+[A-Z“\"‘'«]|\s*$))", text[pos:hi]):
        at = pos + m.start()
        if any(s <= at < e for s, e in masked):
            continue
        if _ends_abbreviation(text, pos, at):
            continue
        return at + 1
    return hi


@dataclass
class _Context:
    """The words around one quote that may frame it, all as spans of the article text."""

    paragraph: Span
    before: Span
    after: Span
    earlier: list[Span]


def _context(text: str, quote: ScannedQuote, quotes: list[ScannedQuote]) -> _Context:
    para = next((s, e) for s, e in _paragraphs(text) if s <= quote.open < e)
    lo, hi = para
    masked = [(q.open, q.close + 1) for q in quotes if lo <= q.open < hi]
    start = _sentence_start(text, quote.open, lo, masked)
    before = (start, quote.open)
    after = (quote.close + 1, _sentence_end(text, quote.close + 1, hi, masked))
    earlier: list[Span] = []
    if text[lo:start].strip():
        s_end = start
        while s_end > lo and len(earlier) < 3:
            s_start = _sentence_start(text, max(lo, s_end - 1), lo, masked)
            earlier.append((s_start, s_end))
            s_end = s_start
    elif not text[lo : quote.open].strip():
        paragraphs = _paragraphs(text)
        idx = paragraphs.index(para)
        if idx > 0:
            plo, phi = paragraphs[idx - 1]
            pmasked = [(q.open, q.close + 1) for q in quotes if plo <= q.open < phi]
            s = plo
            sentences = []
            while s < phi:
                e = _sentence_end(text, s, phi, pmasked)
                sentences.append((s, e))
                s = e
                while s < phi and text[s].isspace():
                    s += 1
            earlier = list(reversed(sentences))
    return _Context(paragraph=para, before=before, after=after, earlier=earlier)


# --- 3. setting ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Phrase:
    text: str
    span: Span


def _outside(span: Span, quotes: list[ScannedQuote]) -> list[Span]:
    """Pieces of ``span`` not inside any quotation (marks included)."""
    pieces = [span]
    for q in quotes:
        cut: list[Span] = []
        for s, e in pieces:
            o, c = q.open, q.close + 1
            if c <= s or o >= e:
                cut.append((s, e))
                continue
            if s < o:
                cut.append((s, o))
            if c < e:
                cut.append((c, e))
        pieces = cut
    return [p for p in pieces if p[1] > p[0]]


def _find_where(text: str, span: Span) -> Phrase | None:
    s, e = span
    piece = text[s:e]
    for m in _WHERE_START.finditer(piece):
        start = m.start()
        if start > 0 and piece[start - 1].isalnum():
            continue
        stop = _WHERE_STOP.search(piece, m.end() - 1)
        end = stop.start() if stop else len(piece)
        phrase = piece[start:end].rstrip()
        rest = phrase[m.end() - start :]
        if not rest.split() or (
            rest.split()[0].endswith("ing") and not m.group().lower().startswith("while")
        ):
            continue
        spatial = not re.match(r"(?i)at|in|during|while", m.group())
        if spatial or _OCCASION.search(rest) or any(w[:1].isupper() for w in rest.split()):
            return Phrase(phrase, (s + start, s + start + len(phrase)))
    return None


def _find_when(text: str, span: Span) -> Phrase | None:
    for m in _WHEN.finditer(text, span[0], span[1]):
        if not re.search(
            r"\b(?:since|until|till|by|from|before|after)\s+$", text[span[0] : m.start()]
        ):
            return Phrase(m.group(), m.span())
    return None


def said_where_when(
    article: Article, span: Span, speaker: str | None = None
) -> tuple[Phrase | None, Phrase | None]:
    """Where and when the quote at ``span`` was said, as this article reports it (exact text).

    Sentences before the quote's own only count when they name ``speaker`` (its last word):
    without a known speaker there is no telling whether they describe the same occasion.
    """
    quotes = scan_quotes(article.text)
    quote = _quote_at(quotes, span)
    if quote is None:
        return None, None
    for piece in _pieces(quotes, quote):  # the utterance's setting may follow a later piece
        where, when = _setting(article.text, piece, quotes, speaker)
        if where or when:
            return where, when
    return None, None


def _pieces(quotes: list[ScannedQuote], quote: ScannedQuote) -> list[ScannedQuote]:
    """Every piece of the utterance ``quote`` belongs to, in text order."""
    return [q for q in quotes if q.group == quote.group]


def _setting(
    text: str, quote: ScannedQuote, quotes: list[ScannedQuote], speaker: str | None
) -> tuple[Phrase | None, Phrase | None]:
    ctx = _context(text, quote, quotes)
    att = _attribution(text, quote, quotes, ctx)
    hidden = [*quotes, ScannedQuote(att.span[0], att.span[1] - 1, att.span, -1)] if att else quotes
    where: Phrase | None = None
    when: Phrase | None = None
    surname = re.compile(rf"\b{re.escape(speaker.split()[-1])}\b") if speaker else None
    earlier = [(s, e) for s, e in ctx.earlier if surname and surname.search(text, s, e)]
    for s, e in [ctx.before, ctx.after, *earlier]:
        parts = _outside((s, e), hidden)
        if not any(_SPEECH.search(text[ps:pe]) for ps, pe in parts) and not (
            att and s <= att.span[0] < e
        ):
            continue  # a sentence that is not about the speaking says nothing of its setting
        that = re.search(r"\bthat\b", text[s:e])
        cut = s + that.start() if that else e
        for ps, pe in parts:
            if ps >= cut:
                break
            where = where or _find_where(text, (ps, min(pe, cut)))
            when = when or _find_when(text, (ps, min(pe, cut)))
    return where, when


def said_on(article: Article, span: Span) -> date | None:
    """The calendar day the "when" phrase at ``span`` names, by the project's one date rule
    (:func:`storylens.slots.dates`: relative words against the publication day, in its own time
    zone). A week or a month ("last week") is no single day, and an article without a
    publication date leaves relative words unresolved: None, never a guess."""
    from storylens.slots import dates

    found = dates(article, span)
    return found[0].start if len(found) == 1 and found[0].start == found[0].end else None


def _quote_at(quotes: list[ScannedQuote], span: Span) -> ScannedQuote | None:
    return next((q for q in quotes if q.span == span), None) or next(
        (q for q in quotes if q.open < span[0] and span[1] <= q.close), None
    )


# --- 2. attribution -----------------------------------------------------------------------


@dataclass(frozen=True)
class Attribution:
    """The words naming a quote's speaker ("Trump", "he", "the president") and where they are."""

    who: str
    span: Span
    framed: bool
    """True when the cue frames the whole quote (``Trump said, “...”``), False when the quote
    sits inside a sentence that reports speech (``Trump insisted the strikes were “total”``)."""


def attribution(article: Article, span: Span) -> Attribution | None:
    """The phrase naming the speaker of the quote at ``span`` in the same sentence, if any
    (for a piece of a longer utterance, the first piece's sentence that names one)."""
    text = article.text
    quotes = scan_quotes(text)
    quote = _quote_at(quotes, span)
    if quote is None:
        return None
    for piece in _pieces(quotes, quote):
        found = _attribution(text, piece, quotes, _context(text, piece, quotes))
        if found is not None:
            return found
    return None


def _attribution(
    text: str, quote: ScannedQuote, quotes: list[ScannedQuote], ctx: _Context
) -> Attribution | None:
    a0, a1 = next((p for p in _outside(ctx.after, quotes) if p[0] == ctx.after[0]), (0, 0))
    after = text[a0:a1]
    for pattern in (_AFTER_WHO_CUE, _AFTER_CUE_WHO, _AFTER_ACCORDING):
        m = pattern.match(after)
        if m:
            return Attribution(m.group("who"), (a0 + m.start("who"), a0 + m.end("who")), True)
    b0, b1 = next((p for p in _outside(ctx.before, quotes) if p[1] == quote.open), (0, 0))
    before = text[b0:b1]
    m = _BEFORE_FRAMED.search(before)
    if m:
        return _from_match(m, b0, framed=True)
    if not before.strip() and ctx.paragraph[0] == quote.open:
        # "Trump said:" closing the previous paragraph introduces this one
        paragraphs = _paragraphs(text)
        idx = paragraphs.index(ctx.paragraph)
        if idx > 0:
            plo, phi = paragraphs[idx - 1]
            tail = text[plo:phi]
            m = _BEFORE_FRAMED.search(tail)
            if m and tail.rstrip().endswith(":"):
                return _from_match(m, plo, framed=True)
    for part in reversed(_outside(ctx.before, quotes)):
        hits = list(_ANY_WHO_CUE.finditer(text[part[0] : part[1]])) or list(
            _POSSESSIVE_CUE.finditer(text[part[0] : part[1]])
        )
        if hits:
            return _from_match(hits[-1], part[0], framed=False)
    return None


def _from_match(m: re.Match[str], offset: int, *, framed: bool) -> Attribution:
    for name in ("who", "who2", "who3"):
        if name in m.groupdict() and m.group(name):
            return Attribution(
                m.group(name), (offset + m.start(name), offset + m.end(name)), framed
            )
    raise ValueError("match without a speaker group")


# --- people and names ---------------------------------------------------------------------


@dataclass
class _Person:
    start: int
    end: int
    name: str
    subject: bool
    roles: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)


_GLUED_CUES = frozenset(w for w in _CUE_VERBS if w.endswith("ed") or w in ("said", "told", "wrote"))
"""Cue verbs in the past tense: glued to a name they are no part of it, while the bare forms
are also nouns that end names ("Washington Post", "Drudge Report")."""


def _strip_name(name: str) -> tuple[str, list[str]]:
    """Name without leading titles or a possessive, and the title words removed."""
    name = re.sub(r"['’]s$", "", name.strip())
    tokens = name.split()
    # the tagger glues a capitalised cue verb to the name next to it ("Stated Stone:",
    # "Murphy ... Tweeted"); "Said" stays at the end, where it is a surname (Edward Said)
    while len(tokens) > 1 and tokens[0].lower() in _GLUED_CUES:
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1].lower() in _GLUED_CUES and tokens[-1] != "Said":
        tokens = tokens[:-1]
    cut = 0
    for i, tok in enumerate(tokens[:-1]):
        if _norm(tok) in _TITLES:
            cut = i + 1
    return " ".join(tokens[cut:]), tokens[:cut]


def _title_words(words: list[str]) -> tuple[set[str], set[str]]:
    roles = {_norm(w) for w in words if _norm(w) in _ROLES}
    places = {
        _PLACE_OF.get(_norm(re.sub(r"['’]s$", "", w)), _norm(re.sub(r"['’]s$", "", w)))
        for w in words
        if w[:1].isupper() and _norm(w) not in _TITLES
    }
    return roles, places


def _looks_like_name(name: str) -> bool:
    tokens = name.split()
    return bool(tokens) and all(t[:1].isupper() for t in tokens) and len(tokens) <= 5


def _people(article: Article, doc: Doc, quotes: list[ScannedQuote]) -> list[_Person]:
    """PERSON mentions outside quotations, with the roles their titles give them."""
    text = article.text
    people: list[_Person] = []
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG", "NORP", "GPE"):
            continue
        if any(q.open <= ent.start_char < q.close for q in quotes):
            continue
        name, titles = _strip_name(ent.text)
        if not _looks_like_name(name):
            continue
        line_start = text.rfind("\n", 0, ent.start_char) + 1
        lead = re.search(r"(?:[\w.'’-]+\s+){1,5}$", text[line_start : ent.start_char])
        lead_titles: list[str] = []
        for w in reversed(lead.group().split() if lead else []):
            if _norm(w) in _TITLES or (w[:1].isupper() and lead_titles):
                lead_titles.insert(0, w)
            else:
                break
        appositive = re.match(
            r",\s+(?:the|a|an)\s+((?:[\w.'’-]+\s+){0,4}?(?:" + "|".join(sorted(_ROLES)) + r"))\b",
            text[ent.end_char : ent.end_char + 80],
        )
        words = titles + lead_titles + (appositive.group(1).split() if appositive else [])
        roles, places = _title_words(words)
        if ent.label_ != "PERSON" and not (roles and 2 <= len(name.split()) <= 4):
            continue  # the small model often tags "Chancellor Olaf Scholz" ORG; a title tells
        root = ent.root
        subject = root.dep_ in ("nsubj", "nsubjpass") and root.head.dep_ == "ROOT"
        people.append(_Person(ent.start_char, ent.end_char, name, subject, roles, places))
    return people


class _Names:
    """Story-wide canonical names: the most mentioned, then longest, full name per surname."""

    def __init__(self, names: list[str]) -> None:
        self.counts = Counter(n for n in names if len(n.split()) >= 2)
        self.surnames = {n.split()[-1] for n in names}

    def known(self, name: str) -> bool:
        return name.split()[-1] in self.surnames

    def canonical(self, name: str) -> str:
        tokens = name.split()
        fits = [
            (count, len(full), full)
            for full, count in self.counts.items()
            if full.split()[-1] == tokens[-1] and set(tokens) <= set(full.split())
        ]
        return max(fits)[2] if fits else name


def _resolve(
    who: str,
    at: int,
    people: list[_Person],
    speakers: list[tuple[int, str]],
    paragraphs: list[Span],
    names: _Names,
) -> str | None:
    """The named person ``who`` refers to at ``at``, or None when the text does not say."""
    lowered = who.lower()
    if lowered in ("he", "she"):
        idx = next((i for i, (s, e) in enumerate(paragraphs) if s <= at < e + 1), 0)
        window = paragraphs[max(0, idx - 2)][0]
        found = [(p.start, p.name, p.subject) for p in people if window <= p.start < at]
        found += [(s, n, True) for s, n in speakers if window <= s < at]
        subjects = [f for f in found if f[2]]
        pick = max(subjects or found, default=None)
        return pick[1] if pick else None
    if re.match(r"(?:the|an?)\s", lowered):
        words = who.split()[1:]
        at_role = next(
            (
                i
                for i, w in enumerate(words)
                if _norm(w).rstrip("s") in _ROLES or _norm(w) in _ROLES
            ),
            None,
        )
        if at_role is None:
            # "the French foreign ministry" is a named speaker; "the crowd" is no one in particular
            if (
                words
                and _norm(words[-1]) in _BODIES
                and any(w[:1].isupper() for w in words[:-1])
                and lowered.startswith("the ")
            ):
                return " ".join(words)
            return None
        role = _norm(words[at_role])
        roles = _ROLE_SYNONYMS.get(role, {role})
        places = {_PLACE_OF.get(_norm(w), _norm(w)) for w in words[:at_role] if w[:1].isupper()}
        fits = [p for p in people if p.start < at and p.roles & roles]
        if places:
            fits = [p for p in fits if p.places & places]
        if not fits:
            return None
        mentions = Counter(names.canonical(p.name) for p in people)
        best = max(fits, key=lambda p: (mentions[names.canonical(p.name)], p.start))
        return best.name
    name, _ = _strip_name(who)
    if _looks_like_name(name) and names.known(name):
        return name
    return None


def _represented(doc: Doc, att: Attribution) -> str | None:
    """Whom an unnamed spokesperson speaks for, as printed: "a spokesman for the British
    Foreign Office" -> "British Foreign Office", "Cameron's spokesman" -> "Cameron", "the prime
    minister's spokeswoman" -> "the prime minister". None when ``att`` is no such phrase."""
    span = doc.char_span(att.span[0], att.span[1], alignment_mode="expand")
    if span is None:
        return None
    head = span.root  # "CIA spokesman Ryan Trapani" is headed by the name: a named speaker
    if not _SPOKES_WORD.fullmatch(head.lower_):
        return None
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if owner is not None:
        tokens = [t for t in doc[owner.left_edge.i : owner.i + 1] if t.dep_ != "case"]
    else:
        prep = next(
            (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("for", "of", "at")),
            None,
        )
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
        if obj is None:
            return None
        end = obj.i + 1
        # "the Ministry of Defence": a proper name may run on through "of"
        while (
            end + 1 < len(doc)
            and doc[end].lower_ == "of"
            and doc[end + 1].pos_ == "PROPN"
            and doc[end + 1].head.i == end
        ):
            end = doc[end + 1].right_edge.i + 1
        tokens = list(doc[obj.left_edge.i : end])
    return "".join(t.text_with_ws for t in tokens).strip() or None


def _resolve_represented(
    represented: str,
    at: int,
    people: list[_Person],
    speakers: list[tuple[int, str]],
    paragraphs: list[Span],
    names: _Names,
) -> str | None:
    """A person the article names ("Ted Cruz", "the prime minister") by their canonical name,
    else the organisation as printed ("British Foreign Office"), without its article."""
    if re.match(r"(?i)(?:the|an?)\s", represented):
        person = _resolve(represented, at, people, speakers, paragraphs, names)
        if person is not None:
            return person
        represented = represented.split(None, 1)[1]
    name, _ = _strip_name(represented)
    if _looks_like_name(name) and names.known(name):
        return name
    return represented if represented[:1].isupper() else None


def _groups(doc: Doc, quotes: list[ScannedQuote]) -> list[tuple[int, str]]:
    """Organisations and groups that are the subject of a clause ("Senate Democrats voted"),
    outside quotations: what a later "they said" can refer to. A coordination ("Apple and
    Google") is left out: "they" would be both, no single speaker."""
    out: list[tuple[int, str]] = []
    for ent in doc.ents:
        if ent.label_ not in ("ORG", "NORP"):
            continue
        if any(q.open <= ent.start_char < q.close for q in quotes):
            continue
        root = ent.root
        if root.dep_ not in ("nsubj", "nsubjpass") or any(c.dep_ == "conj" for c in root.children):
            continue
        out.append((ent.start_char, re.sub(r"^(?i:the)\s+", "", ent.text)))
    return out


def _plural(groups: list[tuple[int, str]], at: int, paragraphs: list[Span]) -> str | None:
    """ "they" -> the last group or organisation that was a subject in this or the previous
    paragraph; None when there is none (anonymous people: "residents ... they said")."""
    idx = next((i for i, (s, e) in enumerate(paragraphs) if s <= at < e + 1), 0)
    window = paragraphs[max(0, idx - 1)][0]
    found = [(s, name) for s, name in groups if window <= s < at]
    return max(found)[1] if found else None


# --- 4. variants --------------------------------------------------------------------------


@dataclass
class _Mention:
    article: Article
    order: int
    quote: ScannedQuote
    words: list[str]
    kind: Literal["full", "partial"]
    speaker: str | None = None
    where: str | None = None
    when: str | None = None
    when_span: Span | None = None

    @property
    def text(self) -> str:
        return self.article.slice(self.quote.span)


def _same_quote(short: list[str], long: list[str], config: QuotesConfig) -> bool:
    if len(short) < config.min_words or len(long) < config.min_words:
        return short == long
    if LCSseq.similarity(short, long) / len(short) < config.match_threshold:
        return False
    run = max(_runs(short, long), default=0)
    return run >= config.min_words


def _runs(a: list[str], b: list[str]) -> list[int]:
    """Lengths of the runs of words ``a`` and ``b`` share, in order."""
    return [op.src_end - op.src_start for op in Indel.opcodes(a, b) if op.tag == "equal"]


def _diff(full: str, variant: str) -> tuple[list[DiffOp], float]:
    """Word diff of ``variant`` against ``full`` and the share of ``full``'s words kept in order."""
    a = _surface_words(full)
    b = _surface_words(variant)
    na = [n for _, n in a]
    nb = [n for _, n in b]
    ops: list[DiffOp] = []
    for op in Indel.opcodes(na, nb):
        if op.tag == "equal":
            ops.append(("=", " ".join(t for t, _ in b[op.dest_start : op.dest_end])))
            continue
        if op.src_end > op.src_start:
            ops.append(("-", " ".join(t for t, _ in a[op.src_start : op.src_end])))
        if op.dest_end > op.dest_start:
            ops.append(("+", " ".join(t for t, _ in b[op.dest_start : op.dest_end])))
    fidelity = LCSseq.similarity(na, nb) / len(na) if na else 1.0
    return ops, round(fidelity, 3)


def find_quotes(story: Story, models: Models, config: QuotesConfig) -> list[Quote]:
    """The story's quotations, each with one variant per article that prints it."""
    mentions, names = _mentions(story, models, config)
    return _group(mentions, names, config)


@dataclass(frozen=True)
class QuoteMention:
    """One quotation as printed once in one article, before quotes are grouped across outlets.

    The benchmark scores these: grouping folds a shorter repeat in the same article into its
    fullest mention, which is right for a report but would hide repeats from a recall count.
    """

    article: str
    span: Span
    text: str
    kind: Literal["full", "partial"]
    speaker: str | None
    """The story's canonical name for the speaker, or None when the text does not say."""
    group: int
    """Pieces of one utterance in one article (broken by attribution, across paragraphs)."""


def quote_mentions(story: Story, models: Models, config: QuotesConfig) -> list[QuoteMention]:
    """Every quotation mention of every article, in text order, with its canonical speaker."""
    mentions, names = _mentions(story, models, config)
    return [
        QuoteMention(
            article=m.article.id,
            span=m.quote.span,
            text=m.text,
            kind=m.kind,
            speaker=names.canonical(m.speaker) if m.speaker else None,
            group=m.quote.group,
        )
        for m in mentions
    ]


def _mentions(story: Story, models: Models, config: QuotesConfig) -> tuple[list[_Mention], _Names]:
    mentions: list[_Mention] = []
    all_names: list[str] = []
    per_article: list[tuple[Article, list[ScannedQuote], list[_Person]]] = []
    for article in story.articles:
        quotes = scan_quotes(article.text)
        people = _people(article, models.doc(article), quotes) if quotes else []
        all_names += [p.name for p in people]
        per_article.append((article, quotes, people))
    names = _Names(all_names)

    for order, (article, quotes, people) in enumerate(per_article):
        text = article.text
        paragraphs = _paragraphs(text)
        speakers: list[tuple[int, str]] = []
        found: list[_Mention] = []
        group_speaker: dict[int, str] = {}
        doc = models.doc(article) if quotes else None
        groups = _groups(doc, quotes) if doc is not None else []
        for q in quotes:
            ctx = _context(text, q, quotes)
            att = _attribution(text, q, quotes, ctx)
            parsed = _parsed_attribution(doc, text, q, quotes, ctx) if doc is not None else None
            words = _norm_words(text[q.span[0] : q.span[1]])
            speaker: str | None = None
            # the parse reads the clause structure ("X, telling Reuters, “...”"); the surface
            # patterns cover what the small parser gets wrong; the first that names someone wins
            for cand in (parsed, att):
                if cand is None:
                    continue
                represented = _represented(doc, cand) if doc is not None else None
                if represented is not None:  # an unnamed spokesperson: whom they speak for
                    speaker = _resolve_represented(
                        represented, cand.span[0], people, speakers, paragraphs, names
                    )
                elif cand.who.lower() == "they":
                    speaker = _plural(groups, cand.span[0], paragraphs)
                else:
                    speaker = _resolve(cand.who, cand.span[0], people, speakers, paragraphs, names)
                if speaker is None and doc is not None and represented is None:
                    speaker = _proper_name(doc, cand)
                if speaker is not None:
                    att = cand
                    break
            att = att or parsed
            framed = att.framed if att else _standalone(text, q, ctx)
            kind: Literal["full", "partial"] = (
                "full" if framed and len(words) >= config.min_words else "partial"
            )
            m = _Mention(article, order, q, words, kind, speaker=speaker)
            if att is not None and speaker and att.who.lower() != "they":
                speakers.append((att.span[0], speaker))
                group_speaker.setdefault(q.group, speaker)
            found.append(m)
        for k, m in enumerate(found):
            if m.speaker is None:
                m.speaker = group_speaker.get(m.quote.group)
            if m.speaker is None and k > 0:
                m.speaker = _continued_speaker(text, m, found[k - 1], paragraphs)
            if m.speaker is None and k > 0:
                m.speaker = _next_sentence_speaker(text, m, found[k - 1], quotes)
            if m.speaker is None and doc is not None:
                who = _previous_sentence_speaker(doc, text, m.quote, quotes)
                if who is not None:
                    m.speaker = _resolve(
                        who.who, who.span[0], people, speakers, paragraphs, names
                    ) or _proper_name(doc, who)
            if m.speaker is None:
                m.speaker = _introduced_speaker(text, m, paragraphs, people)
        found = [
            m
            for m in found
            if m.speaker is not None
            or not (_is_title(m.text) or (doc is not None and _is_term(doc, text, m.quote, quotes)))
        ]
        for m in found:
            where, when = _setting(text, m.quote, quotes, m.speaker)
            m.where = where.text if where else None
            m.when = when.text if when else None
            m.when_span = when.span if when else None
        mentions += found
    return mentions, names


_CUE_LEMMAS = frozenset(
    {w for w in _CUE_VERBS if not w.endswith(("s", "ed", "ing"))}
    | set(
        _wordlist(
            """say tell add insist declare state write continue ask explain note warn argue claim
    reply respond recall announce remark comment admit acknowledge urge vow promise pledge
    suggest confirm deny stress emphasise emphasize observe counter conclude reiterate predict
    tweet post reveal joke quip boast complain caution shout exclaim concede call label describe
    dub term brand praise thank accuse blast slam criticize criticise mock lament quote cite
    point tout hail decry dismiss chant echo read proclaim assert report testify recount assure
    answer press retort interject wonder muse snap scoff yell scream"""
        )
    )
)
"""Verbs that report speech or characterise it with the speaker's words ("Rubio called the
statement “offensive”"), matched on spaCy lemmas when no surface pattern names the speaker."""


def _is_unresolvable(who: str) -> bool:
    return who.split()[0].lower() in ("a", "an") if who.split() else True


def _parsed_attribution(
    doc: Doc, text: str, q: ScannedQuote, quotes: list[ScannedQuote], ctx: _Context
) -> Attribution | None:
    """The subject of the nearest speech verb in the quote's sentence, read from the parse.

    The surface patterns need the speaker next to the verb; the parse also finds "Trump
    returned the compliment, telling Reuters, “...”" (climbing from "telling" to the clause it
    modifies) and "Cruz called them on it: “...”" (a sentence that hands over to a quote with a
    colon: its main verb's subject is the speaker).
    """
    lo, hi = ctx.before[0], ctx.after[1]
    inside = [(o.open, o.close + 1) for o in quotes if lo <= o.open < hi]
    tokens = [t for t in doc if lo <= t.idx < hi and not any(a <= t.idx < b for a, b in inside)]
    verbs = [
        t
        for t in tokens
        if t.pos_ in ("VERB", "AUX")
        and (
            t.lemma_.lower() in _CUE_LEMMAS
            # "fired back", "shot back", "hit back": a retort
            or any(c.dep_ == "prt" and c.lower_ == "back" for c in t.children)
        )
    ]
    before = text[ctx.before[0] : q.open].rstrip()
    label = re.fullmatch(rf"\s*({_NAME}):", before)
    if label and not verbs:  # "Clinton: “Our goal is ...”", as in a transcript
        return Attribution(
            label.group(1), (ctx.before[0] + label.start(1), ctx.before[0] + label.end(1)), True
        )
    if not verbs and before.endswith(":"):
        verbs = [t for t in tokens if t.dep_ == "ROOT" and t.idx < q.open]
    if not verbs:
        verbs = _governing_verbs(doc, q, tokens)
    if not verbs:
        return None
    # the verb that introduces the quote comes first; one after it only when none does
    verb = min(verbs, key=lambda t: (t.idx > q.open, abs(t.idx - q.open)))
    for _ in range(4):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            break
        if verb.dep_ in ("advcl", "xcomp", "conj", "pcomp", "acomp", "prep", "pobj"):
            verb = verb.head  # "ready to riff on it, telling the crowd": up to "seemed"
        else:
            return None
    else:
        return None
    if subject.pos_ == "PRON":
        # "they", "we", "it" name no one by themselves, but the cue still frames the quote
        who = subject.text
        span = (subject.idx, subject.idx + len(subject.text))
    else:
        if subject.pos_ == "PROPN" and subject.text[:1].isupper():
            parts = [
                c
                for c in subject.lefts
                if c.dep_ in ("compound", "flat")
                and c.pos_ == "PROPN"
                and c.lower_ not in _CUE_VERBS  # "Stated Stone:" tagged as one name
            ]
            start = min([subject.idx, *[c.left_edge.idx for c in parts]])
        else:
            start = subject.left_edge.idx  # "The French foreign ministry", however parsed
        end = subject.idx + len(subject.text)
        if _SPOKES_WORD.fullmatch(subject.lower_):  # "a spokesman for the Foreign Office"
            wide = subject.right_edge.idx + len(subject.right_edge.text)
            if not any(a < wide and start < b for a, b in inside):
                end = max(end, wide)
        if any(a < end and start < b for a, b in inside):
            return None
        who = text[start:end]
        span = (start, end)
    after = text[q.close + 1 : ctx.after[1]].lstrip()
    framed = (not before or before.endswith((":", ","))) and (
        not after or after[0] in ",.!?;—–-" or text[q.close - 1] in ",.!?"
    )
    return Attribution(who, span, framed)


def _governing_verbs(doc: Doc, q: ScannedQuote, tokens: list[Token]) -> list[Token]:
    """Without a speech verb, the verb whose clause holds the quoted words ("Hoover estimated
    that there are “somewhere between 23 and 28 people”", "ripped Comey for acting as “the
    judge and the jury”") speaks for its subject, when that subject is a name or he/she."""
    first = next((t for t in doc if q.span[0] <= t.idx < q.span[1]), None)
    if first is None:
        return []
    outside = {t.i for t in tokens}
    for anc in first.ancestors:
        if anc.i not in outside or anc.pos_ not in ("VERB", "AUX"):
            continue
        subject = next((c for c in anc.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            if subject.ent_type_ == "PERSON" or subject.lower_ in ("he", "she"):
                return [anc]  # people only: "Apple views it as “a human right”" is no quote
            return []
    return []


_NOT_SPEAKERS = frozenset(
    ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "WORK_OF_ART")
)


def _proper_name(doc: Doc, att: Attribution) -> str | None:
    """A speaker phrase the parser reads as a proper name ("CNN", "Breitbart News", "Espinoza")
    is the speaker as printed, even when the entity tagger missed it: organisations speak too."""
    span = doc.char_span(att.span[0], att.span[1], alignment_mode="expand")
    if span is None:
        return None
    tokens = list(span)
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    if any(t.ent_type_ in _NOT_SPEAKERS for t in tokens):
        return None  # "who will testify Thursday": a date is nobody
    run = len(tokens)
    while run > 0 and tokens[run - 1].pos_ == "PROPN":
        run -= 1
    if run == len(tokens):
        return None  # "the crowd", "officials": no name to report
    name, _ = _strip_name(doc.text[tokens[run].idx : tokens[-1].idx + len(tokens[-1])])
    return name if _looks_like_name(name) else None


def _continued_speaker(
    text: str, m: _Mention, prev: _Mention, paragraphs: list[Span]
) -> str | None:
    """A paragraph that is nothing but a quotation goes on with the speaker of the quote that
    closed the previous paragraph: the usual way a long statement runs over paragraphs."""
    para = next(((s, e) for s, e in paragraphs if s <= m.quote.open < e), None)
    prev_para = next(((s, e) for s, e in paragraphs if s <= prev.quote.open < e), None)
    if para is None or prev_para is None or prev.speaker is None:
        return None
    idx = paragraphs.index(para)
    if idx == 0 or paragraphs[idx - 1] != prev_para:
        return None
    if not _only_quotes(text, para, m.quote):
        return None
    tail = text[prev.quote.close + 1 : prev_para[1]]
    return prev.speaker if len(tail.split()) <= 12 else None


def _next_sentence_speaker(
    text: str, m: _Mention, prev: _Mention, quotes: list[ScannedQuote]
) -> str | None:
    """A quote that opens a sentence right after an attributed one in the same paragraph
    ("“take detailed histories” of the patients, Dempsey said. “That way ...”") goes on with
    that speaker: the attribution between them is the only voice in sight."""
    if prev.speaker is None:
        return None
    ctx = _context(text, m.quote, quotes)
    if not ctx.paragraph[0] <= prev.quote.open or text[ctx.before[0] : m.quote.open].strip():
        return None
    between = text[prev.quote.close + 1 : m.quote.open]
    if len(between.split()) > 30 or not _CUE_WORD.search(between):
        return None
    return prev.speaker


def _previous_sentence_speaker(
    doc: Doc, text: str, q: ScannedQuote, quotes: list[ScannedQuote]
) -> Attribution | None:
    """A quote that opens its sentence, after a sentence of the same paragraph about someone
    speaking ("..., he added. “You name it ...”", "Maley said on CNBC on Monday. “It was
    ..."), goes on with that speaker: the subject of the speech verb there."""
    ctx = _context(text, q, quotes)
    if text[ctx.before[0] : q.open].strip() or not ctx.earlier:
        return None
    if ctx.earlier[0][0] < ctx.paragraph[0]:
        return None  # the previous paragraph is _introduced_speaker's business
    wide = _Context(ctx.paragraph, (ctx.earlier[0][0], q.open), (q.close + 1, q.close + 1), [])
    att = _parsed_attribution(doc, text, q, quotes, wide)
    return att if att is not None and att.span[0] < ctx.before[0] else None


_MINOR = frozenset(_wordlist("with from into onto over upon than that this about under after"))


def _is_title(content: str) -> bool:
    """Quote marks around a name in title case ("Dancing with the Stars", “Long Train
    Running”, “DWTS”) mark a title or a name, not someone's words: with nobody named as saying
    it, such a string is not reported as a quotation."""
    if re.search(r"[,;:!?]", content.rstrip(".")):
        return False
    words = re.findall(r"[^\W\d_][\w’'-]*", content)
    if not words or len(words) > 10:
        return False
    return all(w[0].isupper() for w in words if (len(w) >= 4 and w not in _MINOR) or w is words[0])


_TERM_INTRO = re.compile(
    r"(?:\b(?:known|referred to|described|labell?ed|branded|billed) as|\b(?:called|dubbed|termed"
    r"|nicknamed|named|so-called|so called)|\b(?:term|word|words|phrase|label|name|slogan|"
    r"hashtag|expression|category|concept|motto|catchphrase|tagline|banner|brand)s?)\s*[:,]?\s*$",
    re.IGNORECASE,
)


def _is_term(doc: Doc, text: str, q: ScannedQuote, quotes: list[ScannedQuote]) -> bool:
    """Quote marks around a short noun phrase nobody is said to say mark a term, a label or a
    slogan, not a quotation (the guide excludes them): one introduced as a term ("a condition
    called “feather duvet lung”", "the slogan “Starts with one”") or used as a label in front
    of a noun ("the “law and order” issue", not the adjective in "a “historic” deal").
    Scare quotes that stand as someone's wording (“wise man”) are neither and stay."""
    tokens = [t for t in doc if q.span[0] <= t.idx < q.span[1] and not t.is_punct]
    if not tokens or len(tokens) > 4:
        return False
    if any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound") for t in tokens):
        return False  # a clause is somebody's words
    ctx = _context(text, q, quotes)
    outside = [text[s:e] for s, e in _outside((ctx.before[0], ctx.after[1]), quotes)]
    if any(_SPEECH.search(piece) for piece in outside):
        return False
    if _TERM_INTRO.search(text[max(ctx.before[0], q.open - 60) : q.open]):
        return True
    inside = {t.i for t in tokens}
    head = next((t.head for t in tokens if t.head.i not in inside), None)
    after = text[q.close + 1 : q.close + 2]
    # a quoted noun used as a modifier names a thing; a quoted adjective (“historic”
    # deal) is someone's evaluation and stays a quote
    return (
        head is not None
        and head.pos_ in ("NOUN", "PROPN")
        and head.idx > q.close
        and after.isspace()
        and any(t.pos_ in ("NOUN", "PROPN") for t in tokens)
        and any(t.dep_ in ("compound", "amod", "nmod") and t.head == head for t in tokens)
    )


def _only_quotes(text: str, para: Span, quote: ScannedQuote) -> bool:
    own = text[para[0] : para[1]]
    rest = own[: quote.open - para[0]] + own[quote.close + 1 - para[0] :]
    return not re.search(r"[^\W\d_]", rest)


def _introduced_speaker(
    text: str, m: _Mention, paragraphs: list[Span], people: list[_Person]
) -> str | None:
    """A paragraph that is nothing but a quotation, after a paragraph about someone speaking
    ("The DNC issued a statement ...", "Trump said:"), is theirs: the last named subject there."""
    para = next(((s, e) for s, e in paragraphs if s <= m.quote.open < e), None)
    if para is None or not _only_quotes(text, para, m.quote):
        return None
    idx = paragraphs.index(para)
    if idx == 0:
        return None
    plo, phi = paragraphs[idx - 1]
    if not _SPEECH.search(text, plo, phi) and not text[plo:phi].rstrip().endswith(":"):
        return None
    subjects = [p for p in people if plo <= p.start < phi and p.subject]
    return subjects[-1].name if subjects else None


def _standalone(text: str, q: ScannedQuote, ctx: _Context) -> bool:
    """A quote with no cue verb is still a full quotation when it stands as its own sentence."""
    before = text[ctx.before[0] : ctx.before[1]].strip()
    after = text[ctx.after[0] : ctx.after[1]].strip()
    return (not before or before.endswith(":")) and (not after or after[0] in ".!?")


@dataclass
class _Utterance:
    """One utterance in one article: its pieces (one, or several when broken by attribution or
    run over paragraphs), compared and diffed as one joined text."""

    pieces: list[_Mention]

    @property
    def first(self) -> _Mention:
        return self.pieces[0]

    @property
    def words(self) -> list[str]:
        return [w for m in self.pieces for w in m.words]

    @property
    def text(self) -> str:
        return ELLIPSIS.join(m.text for m in self.pieces)

    @property
    def speaker(self) -> str | None:
        return next((m.speaker for m in self.pieces if m.speaker), None)

    @property
    def kind(self) -> Literal["full", "partial"]:
        return "full" if any(m.kind == "full" for m in self.pieces) else "partial"


ELLIPSIS = " … "
"""How the pieces of one utterance are joined in ``Quote.text`` (and in the rendered reports)."""


def _utterances(mentions: list[_Mention]) -> list[_Utterance]:
    by_group: dict[tuple[str, int], list[_Mention]] = {}
    for m in mentions:
        if m.words:
            by_group.setdefault((m.article.id, m.quote.group), []).append(m)
    return [_Utterance(sorted(ms, key=lambda m: m.quote.span[0])) for ms in by_group.values()]


def _group(mentions: list[_Mention], names: _Names, config: QuotesConfig) -> list[Quote]:
    """Utterances across articles grouped into quotes, each with one variant per article.

    The unit is the utterance, not the piece between two quote marks: "“I said,” he added,
    “no ...”" is one quote, and another outlet printing only "no ..." is a variant of it.
    """
    clusters: list[list[_Utterance]] = []
    ordered = sorted(
        _utterances(mentions),
        key=lambda u: (-len(u.words), u.first.order, u.first.quote.span[0]),
    )
    for u in ordered:
        placed = False
        for cluster in clusters:
            if not _same_quote(u.words, cluster[0].words, config):
                continue
            mine = next((c for c in cluster if c.first.article.id == u.first.article.id), None)
            if mine is None:
                cluster.append(u)
            elif not _same_quote(u.words, mine.words, config):
                continue  # another utterance of this article, not a repeat
            placed = True
            break
        if not placed:
            clusters.append([u])

    built: list[tuple[tuple[int, int, int], Quote]] = []
    for cluster in clusters:
        fullest = cluster[0]
        variants: list[QuoteVariant] = []
        for u in sorted(cluster, key=lambda c: c.first.order):
            diff, fidelity = _diff(fullest.text, u.text)
            m = u.first
            setting = next((p for p in u.pieces if p.where or p.when), m)
            variants.append(
                QuoteVariant(
                    article=m.article.id,
                    text=m.text,
                    span=m.quote.span,
                    raw_span=m.article.raw_span_of(m.quote.span),
                    speaker=u.speaker,
                    said_where=setting.where,
                    said_when=setting.when,
                    said_on=said_on(m.article, setting.when_span) if setting.when_span else None,
                    parts=[p.quote.span for p in u.pieces] if len(u.pieces) > 1 else [],
                    diff=diff,
                    fidelity=fidelity,
                )
            )
        canon = Counter(names.canonical(s) for u in cluster if (s := u.speaker))
        speaker = None
        if canon:
            top = max(canon.values())
            fullest_canon = names.canonical(fullest.speaker) if fullest.speaker else None
            speaker = (
                fullest_canon
                if fullest_canon and canon[fullest_canon] == top
                else canon.most_common(1)[0][0]
            )
        kind: Literal["full", "partial"] = (
            "full" if any(u.kind == "full" for u in cluster) else "partial"
        )
        first = min((u.first.order, u.first.quote.span[0]) for u in cluster)
        outlets = {u.first.article.duplicate_of or u.first.article.id for u in cluster}
        quote = Quote(
            id="",
            speaker=speaker,
            text=fullest.text,
            kind=kind,
            variants=variants,
            single_source=len(outlets) == 1,
        )
        built.append(((-len(cluster), *first), quote))
    built.sort(key=lambda item: item[0])
    return [q.model_copy(update={"id": f"q{i}"}) for i, (_, q) in enumerate(built, 1)]


def canonical_speakers(story: Story, models: Models) -> dict[str, str]:
    """Each speaker name used by a variant mapped to the story's canonical name for it."""
    names: list[str] = []
    for article in story.articles:
        names += [p.name for p in _people(article, models.doc(article), scan_quotes(article.text))]
    table = _Names(names)
    return {
        v.speaker: table.canonical(v.speaker) for q in story.quotes for v in q.variants if v.speaker
    }
