"""The people an article names and how a speaker phrase resolves to one of them: titles and
roles, gender from titles and the article's own pronouns, nicknames, documents, and pronouns
read from the last sentence naming anyone (part of step 2 of :mod:`storylens.quotes`)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storylens.records import Article

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as Sentence
from storylens.quotes._types import Span
from storylens.quotes.evidence import (
    PRONOUN_FAR,
    PRONOUN_ONE,
    PRONOUN_SUBJECT,
    PRONOUN_SUBJECT_ONE,
    PRONOUN_UNSURE,
)
from storylens.quotes.marks import (
    ScannedQuote,
    _norm,
)
from storylens.quotes.vocabulary import (
    _BODIES,
    _CUE_VERBS,
    _DOCUMENTS,
    _PLACE_OF,
    _ROLE_SYNONYMS,
    _ROLES,
    _SPOKES_WORD,
    _TITLES,
    _wordlist,
)


@dataclass
class _Person:
    start: int
    end: int
    name: str
    subject: bool
    roles: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    agent: bool = False
    """The subject of some clause (not only the main one): who a later "he" most likely is."""
    gender: str | None = None
    """"m" or "f" when a title says so (Mr., Ms., spokeswoman); never guessed from a name."""


_GLUED_CUES = frozenset(w for w in _CUE_VERBS if w.endswith("ed") or w in ("said", "told", "wrote"))


"""Cue verbs in the past tense: glued to a name they are no part of it, while the bare forms
are also nouns that end names ("Washington Post", "Drudge Report")."""


_SUFFIXES = frozenset(("jr", "sr", "ii", "iii", "iv"))


def _surname(name: str) -> str:
    """The family name a later bare mention uses: "Harry E. Johnson Sr." is "Johnson" later
    in the article, not "Sr."."""
    tokens = name.split()
    while len(tokens) > 1 and _norm(tokens[-1].rstrip(",")) in _SUFFIXES:
        tokens = tokens[:-1]
    return tokens[-1].rstrip(",") if tokens else name


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
        # five words at most: a bounded look-back keeps a long paragraph linear
        lead = re.search(
            r"(?:[\w.'’-]+\s+){1,5}$", text[max(line_start, ent.start_char - 150) : ent.start_char]
        )
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
        agent = root.dep_ in ("nsubj", "nsubjpass") or (
            root.dep_ == "appos" and root.head.dep_ in ("nsubj", "nsubjpass")
        )
        gender = _gender([*titles, *lead_titles, *words])
        people.append(
            _Person(ent.start_char, ent.end_char, name, subject, roles, places, agent, gender)
        )
    return people + _surname_mentions(doc, quotes, people)


_MALE = frozenset(_wordlist("mr sir lord king prince"))


_FEMALE = frozenset(_wordlist("mrs ms miss dame lady madam queen princess"))


def _gender(words: list[str]) -> str | None:
    """The gender a title gives ("Mr.", "spokeswoman"): a pronoun that disagrees cannot be them."""
    for w in words:
        n = _norm(w)
        if n in _MALE or (n.endswith("man") and n[:-3] in _ROLE_STEMS):
            return "m"
        if n in _FEMALE or (n.endswith("woman") and n[:-5] in _ROLE_STEMS):
            return "f"
    return None


_ROLE_STEMS = frozenset(_wordlist("spokes chair congress business police"))


def _surname_mentions(doc: Doc, quotes: list[ScannedQuote], people: list[_Person]) -> list[_Person]:
    """A surname alone ("Glaser, however, said") that the tagger did not mark as a person is
    still a mention of the person the article named in full: later pronouns may point at it."""
    full = {_surname(p.name): p for p in people if len(p.name.split()) >= 2}
    taken = [(p.start, p.end) for p in people]
    out: list[_Person] = []
    for t in doc:
        if t.pos_ != "PROPN" or not t.text[:1].isupper():
            continue
        if any(s <= t.idx < e for s, e in taken) or any(q.open <= t.idx < q.close for q in quotes):
            continue
        agent = t.dep_ in ("nsubj", "nsubjpass")
        if t.text not in full:
            continue
        subject = agent and t.head.dep_ == "ROOT"
        person = full.get(t.text)
        out.append(
            _Person(
                t.idx,
                t.idx + len(t.text),
                t.text,
                subject,
                agent=agent,
                gender=person.gender if person else None,
            )
        )
    return out


def _learned_genders(
    doc: Doc, quotes: list[ScannedQuote], people: list[_Person], names: _Names
) -> dict[str, str]:
    """Each person's gender as the article itself shows it: a title ("Ms.", "spokeswoman"),
    or a sentence that names that one person only and uses pronouns of one gender only
    ("Driver said that ... she initially refrained"). Votes must agree; else unknown."""
    votes: dict[str, Counter[str]] = {}
    for p in people:
        if p.gender:
            votes.setdefault(names.canonical(p.name), Counter())[p.gender] += 3
    for sent in doc.sents:
        lo, hi = sent.start_char, sent.end_char
        named = {names.canonical(p.name) for p in people if lo <= p.start < hi}
        if len(named) != 1 or _describes_someone_else(sent):
            continue
        said = {
            t.lower_
            for t in sent
            if t.lower_ in _GENDERED and not any(q.open <= t.idx < q.close for q in quotes)
        }
        kinds = {_GENDERED[w] for w in said}
        if len(kinds) == 1:
            votes.setdefault(named.pop(), Counter())[kinds.pop()] += 1
    out: dict[str, str] = {}
    for name, counts in votes.items():
        (top, n), *rest = counts.most_common()
        if not rest or n >= 3 * rest[0][1]:
            out[name] = top
    return out


def _describes_someone_else(sent: Sentence) -> bool:
    """A sentence that also speaks of an unnamed person ("a 14-year-old girl who ... that she
    calls ...", "his mother") may use its pronouns for them: it shows no one's gender."""
    return any(_unnamed_person(t) for t in sent)


def _unnamed_person(t: Token) -> bool:
    """A noun for a person the text does not name: a kinship or person noun, or a noun with
    a "who" clause ("a 14-year-old girl who is savagely murdered")."""
    if t.pos_ != "NOUN" or t.tag_ != "NN":  # "men", "patients": no "he" or "she"
        return False
    if t.lemma_.lower() in _PERSON_NOUNS:
        return True
    return any(c.dep_ == "relcl" and any(g.lower_ == "who" for g in c.children) for c in t.children)


def unnamed_person_between(doc: Doc, at: int, quotes: list[ScannedQuote]) -> bool:
    """Whether, in the sentence of the pronoun at ``at``, an unnamed person is spoken of after
    the last named one: "Jackson ... re-creating parts of this story told by a 14-year-old girl
    who ... watches from a state that she calls “...”" -- "she" is the girl, not Jackson."""
    span = doc.char_span(at, at + 1, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    token = span[0]
    sent = token.sent
    last_named = max((t.i for t in sent if t.i < token.i and t.ent_type_ == "PERSON"), default=-1)
    return any(
        _unnamed_person(t)
        for t in sent
        if last_named < t.i < token.i and not any(q.open <= t.idx < q.close for q in quotes)
    )


_PERSON_NOUNS = frozenset(
    _wordlist(
        "girl boy woman man mother father mom dad daughter son wife husband sister brother "
        "aunt uncle grandmother grandfather niece nephew girlfriend boyfriend widow widower "
        "child kid baby teenager actress actor lady gentleman"
    )
)


_GENDERED = {"he": "m", "him": "m", "his": "m", "himself": "m"} | {
    "she": "f",
    "her": "f",
    "hers": "f",
    "herself": "f",
}


def _subject_pronouns(doc: Doc, quotes: list[ScannedQuote]) -> list[tuple[int, str]]:
    """ "he"/"she" as the subject of a sentence's main clause: what the sentence is about. One in
    a subordinate clause ("Even if she shut down the app ..., Glick said") is not: the main
    clause's subject is the next pronoun's referent."""
    return [
        (t.idx, t.lower_)
        for t in doc
        if t.lower_ in ("he", "she")
        and t.dep_ in ("nsubj", "nsubjpass")
        and t.head.dep_ in ("ROOT", "conj")
        and not any(q.open <= t.idx < q.close for q in quotes)
    ]


_NICKNAME = re.compile(r"\b([A-Z][\w’'-]+)\s+[\"“‘'] ?([A-Z][\w’'-]+) ?[\"”’']\s+([A-Z][\w’'-]+)")


class _Names:
    """Story-wide canonical names: the most mentioned, then longest, full name per surname."""

    def __init__(self, names: list[str], texts: tuple[str, ...] = ()) -> None:
        self.counts = Counter(n for n in names if len(n.split()) >= 2)
        self.surnames = {_surname(n) for n in names}
        self._canonical: dict[str, str] = {}
        # Nicole “Snooki” Polizzi: the nickname is the same person as the full name
        votes: dict[str, Counter[str]] = {}
        for text in texts:
            for m in _NICKNAME.finditer(text):
                votes.setdefault(m.group(2), Counter())[f"{m.group(1)} {m.group(3)}"] += 1
        # the full name most outlets print (one outlet's misspelling does not win)
        self.aliases = {nick: c.most_common(1)[0][0] for nick, c in votes.items()}
        self.surnames |= set(self.aliases)

    def known(self, name: str) -> bool:
        return _surname(name) in self.surnames

    def canonical(self, name: str) -> str:
        if name not in self._canonical:
            self._canonical[name] = self._lookup(name)
        return self._canonical[name]

    def _lookup(self, name: str) -> str:
        if name in self.aliases:
            return self._lookup(self.aliases[name])
        tokens = name.split()
        fits = [
            (count, len(full), full)
            for full, count in self.counts.items()
            if _surname(full) == _surname(name) and set(tokens) <= set(full.split())
        ]
        return max(fits)[2] if fits else name


@dataclass
class _Scope:
    """What one article offers for resolving a speaker: the people it names, the speakers
    already attributed (in text order, growing as quotes are read), its paragraphs, and the
    story-wide canonical names."""

    people: list[_Person]
    paragraphs: list[Span]
    names: _Names
    speakers: list[tuple[int, str]] = field(default_factory=list)

    sentences: list[int] = field(default_factory=list)
    """Start offsets of the article's sentences, in order (from the parse)."""

    def resolve(self, who: str, at: int) -> str | None:
        if who.lower() in ("he", "she"):
            return self.pronoun(who, at)[0]
        return _resolve(who, at, self.people, self.speakers, self.paragraphs, self.names)

    pronouns: list[tuple[int, str]] = field(default_factory=list)
    """Subject pronouns outside quotations ("she accused the BBC"): (offset, "he" or "she")."""
    genders: dict[str, str] = field(default_factory=dict)
    """Canonical name -> "m"/"f", from titles and from sentences about one person only."""
    quotes: list[ScannedQuote] = field(default_factory=list)
    """The article's quotations: words inside them are nobody the narrative refers to."""

    def description(self, who: str, at: int) -> tuple[str | None, float]:
        """ "the director told ...": a person the article titled so (sure), else, like a
        pronoun, the one person the last sentence naming anyone names ("Bigelow has always
        gone for immersion. “...,” the director told ...")."""
        titled = self.resolve(who, at)
        if titled is not None:
            return titled, 1.0
        words = who.split()
        if len(words) != 2 or _norm(words[0]) != "the" or _norm(words[1]) not in _ROLES:
            return None, 0.0
        if _SPOKES_WORD.fullmatch(words[1]):
            return None, 0.0  # a spokesperson speaks for someone else: not an anaphor
        name, confidence = self.pronoun("it", at)
        return name, confidence

    def pronoun(self, who: str, at: int, depth: int = 0) -> tuple[str | None, float]:
        """Whom "he"/"she" at ``at`` refers to, and how sure that is.

        The last sentence before it that names anyone decides: one person named there is the
        referent (sure); several, of whom one is a clause subject, make that subject a
        likely referent (not sure enough to print); several subjects, no telling. A person a
        title gives the other gender ("Mr.", "spokeswoman") is never the referent.
        """
        idx = next((i for i, (s, e) in enumerate(self.paragraphs) if s <= at < e + 1), 0)
        window = self.paragraphs[max(0, idx - 2)][0]
        want = {"he": "m", "she": "f"}.get(who.lower())  # none: a description ("the director")
        genders = self.genders
        found = [
            (p.start, self.names.canonical(p.name), p.agent)
            for p in self.people
            if window <= p.start < at
        ]
        found += [(s, self.names.canonical(n), True) for s, n in self.speakers if window <= s < at]
        if want is not None:
            found = [f for f in found if genders.get(f[1], want) == want]
        if not found:
            return None, 0.0
        sentence = {f: bisect_right(self.sentences, f[0]) for f in found}
        last = max(sentence.values())
        near = sorted(f for f in found if sentence[f] == last)
        here = bisect_right(self.sentences, at)
        # "she accused the BBC ..., angering Tony Blair": a sentence led by the same pronoun is
        # about its referent, not about the people it mentions
        link = next(
            (
                o
                for o, w in reversed(self.pronouns)
                if o < at
                and w == who.lower()
                and bisect_right(self.sentences, o) == last
                and not any(f[2] and f[0] < o for f in near)
            ),
            None,
        )
        if link is not None and depth < 4:
            return self.pronoun(who, link, depth + 1)
        far = here - last > 3
        people = {f[1] for f in near}
        if len(people) == 1:
            if far:
                return near[-1][1], PRONOUN_FAR
            agent = any(f[2] for f in near)  # "Glaser said that ..." rather than "... told Glaser"
            return near[-1][1], PRONOUN_SUBJECT_ONE if agent else PRONOUN_ONE
        subjects = {f[1] for f in near if f[2]}
        pick = max((f for f in near if f[2]), default=near[-1])
        return pick[1], PRONOUN_SUBJECT if len(subjects) == 1 else PRONOUN_UNSURE

    def represented(self, represented: str, at: int) -> str | None:
        """A person the article names ("Ted Cruz", "the prime minister") by their canonical
        name, else the organisation as printed ("British Foreign Office"), without its article."""
        if re.match(r"(?i)(?:the|an?)\s", represented):
            person = self.resolve(represented, at)
            if person is not None:
                return person
            represented = represented.split(None, 1)[1]
        name, _ = _strip_name(represented)
        if _looks_like_name(name) and self.names.known(name):
            return name
        return represented if represented[:1].isupper() else None


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
    document = _document(who)
    if document is not None:
        return document
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
            return None  # _Scope.description may still read it as an anaphor
        mentions = Counter(names.canonical(p.name) for p in people)
        best = max(fits, key=lambda p: (mentions[names.canonical(p.name)], p.start))
        return best.name
    name, titles = _strip_name(who)
    if _looks_like_name(name) and names.known(name) and not _bare_title(name, titles):
        return name
    return None


def _document(who: str) -> str | None:
    """ "the suit", "her complaint", "the 40-page report" as the speaker: "the suit" (the head
    noun with "the"), so every outlet's name for one document compares as one speaker."""
    words = who.split()
    if len(words) < 2 or len(words) > 4 or _norm(words[-1]) not in _DOCUMENTS:
        return None
    if _norm(words[0]) not in ("the", "his", "her", "their", "its"):
        return None
    head = _norm(words[-1])
    return "the " + {"suit": "lawsuit", "filings": "filing", "documents": "document"}.get(
        head, head
    )


def _bare_title(name: str, titles: list[str] | None = None) -> bool:
    """ "Sgt", "General", "Patriarch": a title with the name cut off is nobody in particular;
    after "Mr." or "Ms." the word is a surname ("Mr. King added")."""
    if titles and _norm(titles[-1]) in _PERSONAL_TITLES:
        return False
    return len(name.split()) == 1 and (_norm(name) in _TITLES or _norm(name) in _HONORIFICS)


_PERSONAL_TITLES = frozenset(_wordlist("mr mrs ms miss dr"))


_HONORIFICS = frozenset(_wordlist("patriarch bishop rabbi imam reverend father sister brother"))
