"""What counts as one independent source: the outlet, a duplicate page counted as the page it
copies, and a sentence repeating another outlet's wording counted as a wire copy."""

from __future__ import annotations

from storylens.claims.quoting import _shared_run_tokens, quote_led
from storylens.claims.units import Unit
from storylens.records import Article, Story


def outlet_key(story: Story, article: Article) -> str:
    """What counts as one independent source: the outlet if known, else the article; a
    duplicate counts as the article it copies."""
    seen: set[str] = set()
    while article.duplicate_of is not None and article.duplicate_of not in seen:
        seen.add(article.id)
        try:
            article = story.article(article.duplicate_of)
        except KeyError:
            break
    return (article.outlet or "").strip().lower() or f"article:{article.id}"


COPY_RUN = 4
COPY_SHARE = 0.9
COPY_MIN_TOKENS = 10
"""A sentence of ``COPY_MIN_TOKENS``+ words whose words lie, for ``COPY_SHARE`` of them, in
runs of ``COPY_RUN``+ found verbatim in another outlet's sentence repeats that sentence: two
reporters do not write the same ten words in the same order; a wire rewrite does. A copy may
add words, but may not change what is stated: see :func:`repeats_wording`."""
_NEGATIONS = frozenset({"not", "no", "never", "nor", "none", "nothing", "nobody", "t", "n't"})


def repeats_wording(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether one sentence repeats the other's wording: mostly the same runs of words, no
    content word of the shorter missing from the longer, and no negation or figure added by
    the longer ("offered" / "did not offer", "in Kharkiv" / "in Dnipro" are two accounts, not
    a copy: they feed conflicts)."""
    from collections import Counter

    from spacy.lang.en.stop_words import STOP_WORDS

    short, long_ = sorted((a, b), key=len)
    if len(short) < COPY_MIN_TOKENS:
        return False
    if _shared_run_tokens(short, long_, COPY_RUN) < COPY_SHARE * len(short):
        return False
    lost = Counter(short) - Counter(long_)
    added = Counter(long_) - Counter(short)
    if any(t not in STOP_WORDS or t in _NEGATIONS for t in lost):
        return False
    return not any(t in _NEGATIONS or any(c.isdigit() for c in t) for t in added)


def copied_sources(story: Story, members: list[Unit]) -> dict[int, str]:
    """Which members of a claim are copies, and of which article: a page marked as a duplicate
    (of the page it copies), and a sentence another outlet's sentence repeats verbatim (a wire
    copy, credited to the earlier source). A quotation repeated word for word is not a copy:
    outlets quote the same words independently."""
    copies: dict[int, str] = {}
    for k, u in enumerate(members):
        if u.article.duplicate_of is not None:
            copies[k] = u.article.duplicate_of
    for k, u in enumerate(members):
        if k in copies or quote_led(u) or len(u.tokens) < COPY_MIN_TOKENS:
            continue
        for e in range(k):
            earlier = members[e]
            if e in copies or quote_led(earlier):
                continue
            if outlet_key(story, earlier.article) == outlet_key(story, u.article):
                continue
            if repeats_wording(u.tokens, earlier.tokens):
                copies[k] = earlier.article.id
                break
    return copies


def independence_note(
    story: Story, members: list[Unit], copies: dict[int, str], support: int
) -> str:
    """How the row's support was counted, for the reader: "2 outlets, 1 wire copy"."""
    parts = [f"{support} outlet" + ("" if support == 1 else "s")]
    wire = sum(1 for k in copies if members[k].article.duplicate_of is None)
    pages = len(copies) - wire
    counted = {outlet_key(story, u.article) for k, u in enumerate(members) if k not in copies}
    same = len(members) - len(copies) - len(counted)
    if wire:
        parts.append(f"{wire} wire cop" + ("y" if wire == 1 else "ies"))
    if pages:
        parts.append(f"{pages} duplicate page" + ("" if pages == 1 else "s"))
    if same > 0:
        parts.append(f"{same} more from the same outlet")
    return ", ".join(parts)
