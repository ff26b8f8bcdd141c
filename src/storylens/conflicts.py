"""The same slot given different values across articles, each value with the articles giving it.

Conflicts come from independent finders, one per kind of slot, listed in ``FINDERS``; a finder
reads the story (its quotes, claims, articles) and returns conflicts whose every value points at
the exact characters of each article that gives it. Two finders read the quotes (where a quote
was said, who said it); one reads every sentence of every article for values with an identity
(amounts, dates, places, names, schedules and denials; see :mod:`storylens.slots`) and reports
a slot the outlets cannot all be right about, with each outlet's sentence.

Quote settings are compared modestly, as a reader would: "at the Nato Summit in The Hague" and
"while heading to a NATO summit" differ in substance (at the event vs on the way to it), but
"while heading to a NATO summit" and "aboard Air Force One while en route to a crucial NATO
summit in the Netherlands" only differ in detail. A setting is reduced to a *mode* (``transit``
when it says en route, heading to, on the way, aboard, flying ...; ``at`` otherwise) and its
content words; two settings are the same when their modes agree and one's content words contain
the other's, or they name the same occasion (summit, rally, interview ...) and share another
word. No geography is known: "in The Hague" and "in the Netherlands" only agree through a shared
occasion. Only settings of one kind are compared: a place with a place, a medium ("in a
statement", "in the newspaper Izvestia") with a medium; a phrase of time is no setting.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz.distance import LCSseq

from storylens.claims import outlet_key
from storylens.nlp import Models
from storylens.quotes import canonical_speakers, said_where_when, same_words
from storylens.records import (
    Article,
    Conflict,
    ConflictSentence,
    ConflictSpan,
    ConflictValue,
    Quote,
    QuoteVariant,
    Story,
)
from storylens.slots import Disagreement, aliases, find_disagreements, geography, story_facts
from storylens.slots.compare import spellings_of_one_name

Finder = Callable[[Story, Models], list[Conflict]]

_TRANSIT = re.compile(
    r"\b(?:en route|heading|headed|on (?:his|her|their|the|its) way|travel+ing|flying|aboard|"
    r"on board|in flight|departing|leaving|returning)\b",
    re.IGNORECASE,
)
_OCCASIONS = frozenset(
    [
        "summit",
        "conference",
        "briefing",
        "rally",
        "meeting",
        "interview",
        "statement",
        "speech",
        "address",
        "hearing",
        "session",
        "event",
        "ceremony",
        "visit",
        "trip",
        "flight",
        "debate",
        "talks",
        "forum",
        "gathering",
    ]
)
_FILLER = frozenset(
    [
        "a",
        "an",
        "the",
        "at",
        "in",
        "on",
        "of",
        "to",
        "for",
        "with",
        "from",
        "while",
        "during",
        "aboard",
        "board",
        "en",
        "route",
        "heading",
        "headed",
        "way",
        "his",
        "her",
        "their",
        "its",
        "travelling",
        "traveling",
        "flying",
        "departing",
        "leaving",
        "returning",
        "inside",
        "outside",
        "sidelines",
        "crucial",
        "key",
        "major",
        "big",
    ]
)
_ABOUT_WORDS = 10


def find_conflicts(story: Story, models: Models) -> list[Conflict]:
    conflicts: list[Conflict] = []
    for finder in FINDERS:
        conflicts += finder(story, models)
    return conflicts


def _about(quote: Quote) -> str:
    words = quote.text.split()
    short = " ".join(words[:_ABOUT_WORDS])
    return short + ("…" if len(words) > _ABOUT_WORDS else "")


# --- where a quote was said -----------------------------------------------------------------


@dataclass
class _Setting:
    mode: str
    words: set[str]
    phrase: str
    spans: list[ConflictSpan]
    articles: list[str]


def _setting_words(phrase: str) -> set[str]:
    """Content words, split at hyphens and apostrophes ("3100-block" / "3100 block",
    "Children's" / "Children’s")."""
    words = set(re.findall(r"[^\W_]+", phrase.lower()))
    return {w for w in words if w not in _FILLER and w != "s"}


def _same_setting(a: _Setting, mode: str, words: set[str]) -> bool:
    if a.mode != mode:
        return False
    if a.words <= words or words <= a.words:
        return True
    shared = a.words & words
    return bool(shared & _OCCASIONS) and len(shared) >= 2


_MEDIUM = re.compile(
    r"\b(?:statement|interview|newspaper|paper|daily|magazine|tweet|post|letter|e-?mail|release|"
    r"programme|program|show|broadcast|podcast|blog|video|op-ed|column|memo|report|press|call)\b",
    re.IGNORECASE,
)
_TIME_WORDS = re.compile(
    r"\b(?:\d{4}|january|february|march|april|may|june|july|august|september|october|november|"
    r"december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|"
    r"morning|evening|night|week|month|year|age)\b",
    re.IGNORECASE,
)


def setting_kind(phrase: str) -> str | None:
    """What a "where" phrase names: a place or occasion ("at the summit in The Hague", "aboard
    Air Force One"), or a medium ("in a statement", "in an interview with the paper"). Settings
    are compared only within one kind, and a phrase of time ("in December at the age of 94")
    is no setting at all."""
    timeless = _setting_words(phrase) - {w.lower() for w in _TIME_WORDS.findall(phrase)}
    if not {w for w in timeless if not w.isdigit()}:
        return None
    if _MEDIUM.search(phrase):
        return "medium"
    return "place"


def disputed(values: list[ConflictValue]) -> bool:
    """Whether two values are each given by an article that does not give the other: an
    article that gives both (the same words credited to Walter and to Will) disputes no one."""
    return any(
        set(v.articles) - set(w.articles) and set(w.articles) - set(v.articles)
        for k, v in enumerate(values)
        for w in values[k + 1 :]
    )


def _core(phrase: str) -> str:
    return re.sub(r"^(?:at|in|on|aboard|inside|outside|near)\s+(?:the\s+|a\s+|an\s+)?", "",
                  phrase.strip(), flags=re.I)  # fmt: skip


def _one_knows_another(story: Story, settings: list[_Setting]) -> bool:
    """Whether an article of one setting names another setting too ("at Paperny Films" beside
    "John Christie ... of Paperny Films at Fifth and Quebec"): the two are then parts of one
    scene as that outlet tells it, not two places the outlets dispute."""
    for a in settings:
        for b in settings:
            core = _core(b.phrase)
            if a is b or len(core) < 4:
                continue
            pattern = re.compile(rf"\b{re.escape(core)}\b", re.I)
            if any(pattern.search(story.article(x).text) for x in a.articles):
                return True
    return False


def quote_context_conflicts(story: Story, models: Models) -> list[Conflict]:
    """Quotes whose outlets place the speaking at substantially different settings."""
    conflicts: list[Conflict] = []
    for quote in story.quotes:
        settings: list[_Setting] = []
        for variant in quote.variants:
            if not variant.said_where:
                continue
            article = story.article(variant.article)
            where, _ = said_where_when(article, variant.span, variant.speaker)
            if where is None or where.text != variant.said_where:
                continue
            span = ConflictSpan(article=article.id, span=where.span, text=where.text)
            kind = setting_kind(where.text)
            if kind is None:
                continue
            mode = ("transit" if _TRANSIT.search(where.text) else "at") + "|" + kind
            words = _setting_words(where.text)
            same = next((s for s in settings if _same_setting(s, mode, words)), None)
            if same is None:
                settings.append(_Setting(mode, words, where.text, [span], [article.id]))
                continue
            same.spans.append(span)
            if article.id not in same.articles:
                same.articles.append(article.id)
            same.words |= words
            if len(where.text) > len(same.phrase):
                same.phrase = where.text
        # a place is compared with places, a medium with media: "at the University" and "in
        # a statement" can both be true of one remark
        for kind in ("place", "medium"):
            same_kind = [s for s in settings if s.mode.endswith("|" + kind)]
            if len(same_kind) < 2 or _one_knows_another(story, same_kind):
                continue
            values = [
                ConflictValue(value=s.phrase, articles=s.articles, spans=s.spans) for s in same_kind
            ]
            if not disputed(values):
                continue
            conflicts.append(
                Conflict(
                    kind="quote_context",
                    about=_about(quote),
                    slot="where the words were said",
                    values=values,
                )
            )
            break
    return conflicts


# --- who said a quote -----------------------------------------------------------------------


def _speaker_span(article: Article, variant: QuoteVariant) -> ConflictSpan:
    """The words naming the speaker, or the quote itself when the name came from elsewhere."""
    mention = variant.attribution.mention
    if mention is None:
        return ConflictSpan(article=article.id, span=variant.span, text=variant.text)
    return ConflictSpan(article=article.id, span=mention.span, text=mention.text)


_CONFLICT_WORDS = 4
_ORG_ENTS = {"ORG", "NORP", "GPE", "FAC"}


def _name_words(name: str) -> list[str]:
    """A name's words, initials written together: "A. J. Smith" and "A.J. Smith" -> aj, smith."""
    words: list[str] = []
    for w in re.findall(r"[^\W\d_]+", name.lower()):
        if len(w) == 1 and words and len(words[-1]) <= 3 and words[-1].isalpha():
            words[-1] += w
        else:
            words.append(w)
    return words


def one_person(a: str, b: str) -> bool:
    """Whether two speaker names may be one person: the same surname however it is spelled
    ("Karolos" / "Carolos Papoulias"), with or without a title or a middle name ("Undersheriff
    James Gage" / "James Gage", "Mark Jay Heller" / "Mark Heller"), written apart or together
    ("Del Giudice" / "DelGiudice"). Two people sharing a surname are left as one too: a
    speaker conflict must be two people no reader could take for one."""
    wa, wb = _name_words(a), _name_words(b)
    if not wa or not wb:
        return False
    if spellings_of_one_name(wa[-1], wb[-1]):
        return True
    ja, jb = "".join(wa), "".join(wb)
    return ja.endswith("".join(wb[-2:])) or jb.endswith("".join(wa[-2:]))


_VERBATIM = 0.9


def _one_quotation(a: str, b: str) -> bool:
    """The same words, nearly verbatim: two people can say much the same thing ("For decades,
    the Endangered Species Act has protected threatened species" / "For more than three
    decades, the Endangered Species Act has successfully protected our nation's most
    threatened wildlife"), and crediting each to its own speaker is no conflict."""
    if not same_words(a, b):
        return False
    wa, wb = re.findall(r"\w+", a.lower()), re.findall(r"\w+", b.lower())
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return bool(short) and LCSseq.similarity(short, long) / len(short) >= _VERBATIM


def _named_side(article: Article, variant: QuoteVariant, name: str) -> bool:
    """Whether the article names the speaker by name beside the quote: when it only points at
    the speaker ("he", "the judge", "a police spokesman") the name is the quote stage's
    resolution, not the outlet's words, and a speaker conflict is between what outlets print,
    never between guesses."""
    mention = variant.attribution.mention
    words = set(_name_words(name))
    return mention is not None and any(w in words for w in _name_words(mention.text))


def _bodies(story: Story, models: Models) -> set[str]:
    """Name words the story mostly tags as organisations ("Colts": 47 times a team, 9 times a
    person in headlines like "Colts Beat Chiefs"); the small model's tag of one mention is
    noise ("Healey" tagged ORG once and PERSON once is a person)."""
    bodies: Counter[str] = Counter()
    people: Counter[str] = Counter()
    for article in story.articles:
        for ent in models.doc(article).ents:
            for tok in ent:
                if ent.label_ in _ORG_ENTS:
                    bodies[tok.lower_] += 1
                elif ent.label_ == "PERSON":
                    people[tok.lower_] += 1
    return {w for w, n in bodies.items() if n > 2 * people[w]}


def speaker_conflicts(story: Story, models: Models) -> list[Conflict]:
    """The same words confidently credited to different people by different articles.

    The quote stage keeps variants of one quote under one speaker, so such words arrive as
    separate quotes with the same text; a variant counts only when its attribution is
    "attributed" (an unsure "possibly X" is no side of a conflict). Each value points at the
    words that name the speaker (the attribution's mention), else at the quote itself.
    """
    sides = [
        (q, v)
        for q in story.quotes
        for v in q.variants
        if v.speaker and v.attribution.status == "attributed"
    ]
    if len({v.article for _, v in sides}) < 2:
        return []
    canonical = canonical_speakers(story, models)
    organisations = _bodies(story, models)
    conflicts: list[Conflict] = []
    done: set[str] = set()
    for quote in story.quotes:
        if quote.id in done or not quote.speaker or len(quote.text.split()) < _CONFLICT_WORDS:
            continue  # "good talk" may well come from two people
        same = [q for q in story.quotes if q.speaker and _one_quotation(quote.text, q.text)]
        values: dict[str, ConflictValue] = {}
        bodies: set[str] = set()
        for q, variant in sides:
            if q not in same or variant.speaker is None:
                continue
            name = canonical.get(variant.speaker, variant.speaker)
            article = story.article(variant.article)
            if not _named_side(article, variant, name):
                continue
            name = next((n for n in values if one_person(n, name)), name)
            # a body: "Colts" ("Bruce Arians": "bruce" is no body), or a document the article
            # credits the words to, named without a capital ("the filing", "the lawsuit")
            if set(_name_words(name)) <= organisations or name == name.lower():
                bodies.add(name)
            value = values.setdefault(name, ConflictValue(value=name, articles=[], spans=[]))
            if article.id not in value.articles:
                value.articles.append(article.id)
            value.spans.append(_speaker_span(article, variant))
        done |= {q.id for q in same}
        articles = {a for v in values.values() for a in v.articles}
        if bodies and len(bodies) < len(values):
            continue  # a body and a person: the person may be speaking for it
        if len(values) >= 2 and len(articles) >= 2 and disputed(list(values.values())):
            conflicts.append(
                Conflict(
                    kind="speaker",
                    about=_about(quote),
                    slot="who said the words",
                    values=list(values.values()),
                )
            )
    return conflicts


# --- slots the outlets' own sentences give -------------------------------------------------


def _short(text: str) -> str:
    words = text.split()
    return " ".join(words[:_ABOUT_WORDS]) + ("…" if len(words) > _ABOUT_WORDS else "")


def _claim_of(story: Story, found: Disagreement) -> str | None:
    """The claim whose sources hold values of two sides, so the matrix row can point here."""
    for claim in story.claims:
        sides = {
            k
            for k, v in enumerate(found.values)
            for a, sent in zip([a for a, _ in v.places], v.sentences, strict=False)
            for src in claim.sources
            if src.article == a.id and src.span[0] <= sent[0] < src.span[1]
        }
        if len(sides) >= 2:
            return claim.id
    return None


def slot_conflicts(story: Story, models: Models) -> list[Conflict]:
    """Numbers, dates, places, names and denials that outlets give one slot differently.

    Every sentence of every article is read for values with an identity (see
    :mod:`storylens.slots.facts`), so "121 cases were confirmed" and "with 120 cases reported"
    meet although the sentences are built differently; when they are the same slot and the
    values cannot both be right (:mod:`storylens.slots.compare`), it is a conflict, shown with
    each outlet's own sentence. A copy of an article counts as its original's outlet.
    """
    if len(story.articles) < 2:
        return []
    items = [(outlet_key(story, a), a) for a in story.articles]
    if len({o for o, _ in items}) < 2:
        return []
    geo = geography(story.articles, models)
    names = aliases(story.articles, models)
    conflicts: list[Conflict] = []
    for found in find_disagreements(story_facts(items, models), geo, names):
        claim = _claim_of(story, found)
        if found.kind == "place" and not found.slot.startswith("street block") and claim is None:
            # without a map a city and its country look like two places ("in Brussels" / "in
            # Belgium"): a place is disputed only between sentences aligned as one statement
            continue
        values = []
        for v in found.values:
            spans = [
                ConflictSpan(
                    article=a.id,
                    span=sp,
                    text=a.slice(sp),
                    sentence=ConflictSentence(span=sent, text=a.slice(sent)),
                )
                for (a, sp), sent in zip(v.places, v.sentences, strict=True)
            ]
            articles = list(dict.fromkeys(a.id for a, _ in v.places))
            values.append(ConflictValue(value=v.label, articles=articles, spans=spans))
        first = values[0].spans[0].sentence
        about = f"{found.slot}: {_short(first.text if first else values[0].value)}"
        conflicts.append(
            Conflict(
                kind=found.kind,
                about=about,
                slot=found.slot,
                values=values,
                claim=claim,
            )
        )
    return conflicts


FINDERS: list[Finder] = [quote_context_conflicts, speaker_conflicts, slot_conflicts]
"""Every kind of conflict the story is checked for."""
