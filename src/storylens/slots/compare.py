"""When two facts are values of one slot, when they agree, and which slots the outlets dispute.

Identity comes first: two figures are set side by side only when they count the same noun,
by the same kind of verb, for the same year, in sentences that share a name or a noun besides;
two dates or places only when they hang from the same predicate word with a participant in
common; two names when they share a given name and the company they keep in the sentence
(the same other people, the same role word). Compatibility comes next, and only then does a
disagreement count: see :func:`compatible` for rounding, ranges, units, partial dates,
containment and spellings. An outlet that also gives the other outlet's value for the same
slot disagrees with no one: the two sentences are about different things.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from storylens.nlp import Models
from storylens.records import Article
from storylens.slots.amounts import Amount, amounts_agree
from storylens.slots.dates import DateValue, dates_agree
from storylens.slots.facts import Fact, Kind, sentence_facts
from storylens.slots.places import Geography, Place, places_agree
from storylens.slots.sentence import LIGHT_VERBS, REPORTING_VERBS

Aliases = dict[str, str]
"""A name word -> one word standing for every name of that person in the story."""


def aliases(articles: list[Article], models: Models) -> Aliases:
    """Words of one person's names, linked through the full names the coverage prints:
    "Bekah Martinez" and "Rebekah Martinez" make Bekah, Rebekah and Martinez one person."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    ents = [e for article in articles for e in models.doc(article).ents]
    # the small model tags a name PERSON in one sentence and something else in the next, so
    # a full name counts when one of its words is a person's name somewhere in the story
    people = {t.lower_ for e in ents if e.label_ == "PERSON" for t in e if t.is_title}
    for ent in ents:
        words = [t.lower_ for t in ent if t.is_alpha and t.is_title]
        if len(words) != len(ent) or not 2 <= len(words) <= 3:
            continue
        if ent.label_ == "PERSON" or (
            ent.label_ not in {"GPE", "LOC", "FAC"} and words[-1] in people
        ):
            for w in words[1:]:
                ra, rb = find(words[0]), find(w)
                if ra != rb:
                    parent[rb] = ra
    known = set(parent) | set(parent.values())
    return {w: find(w) for w in known}


def _canon(words: frozenset[str], names: Aliases) -> set[str]:
    return {names.get(w, w) for w in words}


def _other_counts(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether the same participant is counted differently on the two sides."""
    ca = dict(c.split("=", 1) for c in a)
    cb = dict(c.split("=", 1) for c in b)
    return any(ca[w] != cb[w] for w in ca.keys() & cb.keys())


def same_slot(a: Fact, b: Fact, names: Aliases | None = None) -> bool:
    """Whether two facts (of different outlets) are values of one slot."""
    names = names or {}
    if a.kind != b.kind or a.key != b.key:
        return False
    anchors = _canon(a.anchors, names) & _canon(b.anchors, names)
    an, bn = _canon(a.names, names), _canon(b.names, names)
    if an and bn and not an & bn and not a.key.startswith("distance|"):
        # the same verb of different people ("fired" Cheeks, "fired" O'Brien); a distance is
        # the reference point's, whatever the thing measured is called ("Mohawk", "the lion")
        return False
    same_event = a.event and b.event and a.event.split("|")[0] == b.event.split("|")[0]
    if a.kind in {"time", "place"} and same_event and a.event != b.event:
        return False  # "Wednesday's home loss" and "Friday night's loss in Cleveland"
    if a.kind in {"time", "place"} and _other_counts(a.counts, b.counts):
        return False  # "Five Palestinians killed ... Thursday" / "116 Palestinians ... Wednesday"
    if a.kind == "number":
        if a.pred and b.pred and a.pred != b.pred:
            return False
        if (a.times or b.times) and not a.times & b.times:
            return False
        if a.dated != b.dated:
            return False  # "as of November 13" and "so far this year": tallies of two times
        if a.key.startswith("distance|"):
            return True  # the same reference point is the slot ("from the park")
        noun = a.key.split("|")[1]
        if a.times & b.times:
            return True
        told = a.pred == b.pred and a.pred and a.pred not in LIGHT_VERBS
        if not told and not a.key.split("|")[2]:
            # "had two touchdowns" / "had four touchdowns", "mother of 12 children" / "two
            # children press up": without the same telling verb, a year or a qualifier ("of
            # Buffalo Springs Drive") a count is not known to be the same count
            return False
        shared = (_canon(a.args, names) & _canon(b.args, names)) - {noun}
        # the same participants, or sentences that share much besides the count ("killed when
        # a Russian missile struck ... in Odesa ... officials said"): one count in two outlets
        if shared and anchors - {noun}:
            return True
        for x, y in ((a, b), (b, a)):
            # the names as written: the story's aliases may join street names into one "person"
            if x.names and x.names <= y.anchors and not x.names & y.args:
                # the other sentence names this figure's people but not as its own ("Maria
                # Santos was given $20,000" / "she gave $250,000 to each of her grandchildren
                # ... (Maria Santos ...)"): its figure is someone else's
                return False
        if a.where and b.where and not a.where & b.where:
            # much in common but other places ("a school ... in the Jabaliya refugee camp" / "a
            # UN school in ... Khan Younis"): the same noun of two referents, two counts
            return False
        return len(anchors - {noun}) >= 3
    if a.kind in {"time", "place"}:
        # the happening: a word one value hangs from is a word of the other's ("vote on
        # April 14" / "shareholders will vote ... on April 16"), with a participant in common
        heads = (a.heads & (b.heads | b.args)) | (b.heads & (a.heads | a.args))
        heads -= LIGHT_VERBS
        shared = (_canon(a.args, names) & _canon(b.args, names)) - heads
        if heads <= REPORTING_VERBS:
            # "wrote a letter in May": a writing is a happening when what was written is shared
            shared = {w for w in shared if w not in names}
        return bool(heads and shared)
    if a.kind == "person":  # one role (the key) in the company of the same other person
        return bool(_canon(a.args, names) & _canon(b.args, names))
    if a.key.startswith("polarity|"):
        da, db = _canon(a.doers, names), _canon(b.doers, names)
        if da and db and not da & db:
            return False  # other people doing it ("Jamison ... failed to pass" / "Hansbrough")
        return bool(_canon(a.args, names) & _canon(b.args, names))
    return True  # one thing's schedule: the key holds the thing


_SOUNDS = [("ph", "f"), ("dh", "d"), ("th", "t"), ("ck", "k"), ("q", "k"), ("c", "k"),
           ("g", "k"), ("z", "s"), ("y", "i"), ("j", "i"), ("w", "v")]  # fmt: skip


def _skeleton(name: str) -> str:
    """A name's consonants as spoken, for telling spellings of one name ("Gaddafi",
    "Kadhafi"; "Zelensky", "Zelenskyy") from different names ("Simple", "Temple")."""
    low = name.lower()
    for a, b in _SOUNDS:
        low = low.replace(a, b)
    low = low[0] + re.sub(r"[aeiouh]", "", low[1:])
    return re.sub(r"(.)\1+", r"\1", low)


def spellings_of_one_name(a: str, b: str) -> bool:
    return a.lower() == b.lower() or _skeleton(a) == _skeleton(b)


def _names_place(text: str, place: Place) -> bool:
    name = re.sub(r"^(?:in|at|near|outside|inside)\s+(?:the\s+)?", "", place.text, flags=re.I)
    return bool(name) and re.search(rf"\b{re.escape(name)}\b", text) is not None


def compatible(a: Fact, b: Fact, geo: Geography | None = None) -> bool:
    """Whether two values of one slot can both be right (see the readers for each kind)."""
    if isinstance(a.value, Amount) and isinstance(b.value, Amount):
        return amounts_agree(a.value, b.value)
    if isinstance(a.value, DateValue) and isinstance(b.value, DateValue):
        return dates_agree(a.value, b.value)
    if isinstance(a.value, Place) and isinstance(b.value, Place):
        if places_agree(a.value, b.value, geo):
            return True
        # an article that names the other's place too knows both ("a man in Canada" beside
        # "Vancouver police said"): without a map, one may well lie in the other
        return bool(_names_place(a.article.text, b.value) or _names_place(b.article.text, a.value))
    if a.kind == "person" and isinstance(a.value, str) and isinstance(b.value, str):
        if spellings_of_one_name(a.value, b.value):
            return True
        # an outlet that prints the other surname too is naming someone else with it
        return bool(
            re.search(rf"\b{re.escape(b.value)}\b", a.article.text)
            or re.search(rf"\b{re.escape(a.value)}\b", b.article.text)
        )
    return a.value == b.value


@dataclass
class SlotValue:
    label: str
    places: list[tuple[Article, tuple[int, int]]]
    sentences: list[tuple[int, int]] = field(default_factory=list)

    @property
    def outlets(self) -> set[str]:
        return {a.id for a, _ in self.places}


@dataclass
class Disagreement:
    kind: Kind
    slot: str
    values: list[SlotValue]


def _kind(fact: Fact) -> Kind:
    return "place" if fact.key.startswith("count|block|") else fact.kind


def _candidate_pairs(facts: list[tuple[str, Fact]], idx: list[int]) -> list[tuple[int, int]]:
    """Pairs of one key worth asking :func:`same_slot` about. A date or a place needs a head
    word of one in the other's heads or participants, so those are looked up by word instead
    of trying every pair: a story of hundreds of articles has thousands of dates."""
    if not idx or facts[idx[0]][1].kind not in {"time", "place"}:
        return [(x, y) for k, x in enumerate(idx) for y in idx[k + 1 :]]
    by_word: dict[str, list[int]] = {}
    for i in idx:
        f = facts[i][1]
        for w in f.heads | f.args:
            by_word.setdefault(w, []).append(i)
    pairs: set[tuple[int, int]] = set()
    for x in idx:
        for w in facts[x][1].heads - LIGHT_VERBS:
            for y in by_word.get(w, []):
                if y != x:
                    pairs.add((min(x, y), max(x, y)))
    return sorted(pairs)


def find_disagreements(
    facts: list[tuple[str, Fact]], geo: Geography | None = None, names: Aliases | None = None
) -> list[Disagreement]:
    """Slots on which outlets (the ``str`` of each pair) give incompatible values."""
    n = len(facts)
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    edges: list[tuple[int, int, bool]] = []
    by_key: dict[str, list[int]] = {}
    for i, (_, f) in enumerate(facts):
        by_key.setdefault(f.key, []).append(i)
    for idx in by_key.values():
        for x, y in _candidate_pairs(facts, idx):
            ox, fx = facts[x]
            oy, fy = facts[y]
            if ox == oy or not same_slot(fx, fy, names):
                continue
            parent[find(y)] = find(x)
            edges.append((x, y, compatible(fx, fy, geo)))
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    verdicts: dict[int, dict[frozenset[str], list[bool]]] = {}
    for x, y, ok in edges:
        pair = frozenset((facts[x][0], facts[y][0]))
        verdicts.setdefault(find(x), {}).setdefault(pair, []).append(ok)
    found: list[Disagreement] = []
    for root, members in groups.items():
        if len(members) < 2:
            continue
        # two outlets disagree when every pairing of their values for this slot clashes
        if not any(not any(oks) for oks in verdicts.get(root, {}).values()):
            continue
        values: list[tuple[Fact, SlotValue]] = []
        for i in members:
            f = facts[i][1]
            home = next((v for rep, v in values if compatible(rep, f, geo)), None)
            if home is None:
                home = SlotValue(f.label, [])
                values.append((f, home))
            if (f.article, f.span) not in home.places:
                home.places.append((f.article, f.span))
                home.sentences.append(f.sentence)
        if len(values) < 2:
            continue
        first = facts[members[0]][1]
        found.append(Disagreement(_kind(first), first.slot, [v for _, v in values]))
    return found


def story_facts(items: list[tuple[str, Article]], models: Models) -> list[tuple[str, Fact]]:
    """Every fact of every article, with the outlet it counts as."""
    return [(outlet, f) for outlet, article in items for f in sentence_facts(article, models)]
