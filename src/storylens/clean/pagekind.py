"""Pages that are not articles: archive placeholders, cookie walls, login and error pages,
bare tweet embeds.

Analysing such a page makes it a "story" of its own or feeds its boilerplate into claims, so
it is dropped with the reason named. Every rule needs two kinds of evidence: the page is short
(a real article that merely mentions cookies or the Internet Archive is long), and most of
what it says is about the page itself rather than the world (the words of archiving, consent,
signing in, errors, or tweet widgets). Precision first: when in doubt, the page is kept.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+")


def vocabulary(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Each kind: (reason, words about the page itself, how many distinct ones must occur).
_KINDS: tuple[tuple[str, frozenset[str], int], ...] = (
    (
        "archive placeholder",
        vocabulary(
            "archive archived archives archiving crawl crawls crawled crawler wayback snapshot "
            "snapshots embargo captured capture"
        ),
        3,
    ),
    (
        "cookie wall",
        vocabulary(
            "cookie cookies consent accept reject partners preferences tracking gdpr "
            "personalised personalized privacy settings"
        ),
        4,
    ),
    (
        "login page",
        vocabulary(
            "login log sign password username account subscriber subscribe subscription "
            "register registered forgot email"
        ),
        5,
    ),
    (
        "error page",
        vocabulary(
            "error found exist removed unavailable requested moved expired denied forbidden "
            "javascript browser"
        ),
        3,
    ),
    (
        "tweet embed",
        vocabulary("tweet tweets retweet retweets twitter location embed followers likes"),
        3,
    ),
)
_ERROR_CODE = re.compile(r"\b(404|403|410|500|503)\b|page (was )?not found|no longer available")
_SHORT = 150  # words: placeholders and walls are a paragraph or two


def not_an_article(text: str) -> str | None:
    """Why the cleaned ``text`` of a page is not an article ("archive placeholder"), or None.

    List pages (an index of teasers) are not told apart here: on the dev pages, "little
    prose among many headline lines" also fits articles whose body the cleaner under-reads,
    and dropping a real article is the worse error."""
    # a long text is no placeholder: its opening alone has more words than one can have
    if len(_WORD.findall(text[: 40 * _SHORT])) > _SHORT:
        return None
    words = [w.casefold() for w in _WORD.findall(text)]
    if not words or len(words) > _SHORT:
        return None
    present = set(words)
    for reason, vocabulary, needed in _KINDS:
        hits = present & vocabulary
        if len(hits) < needed:
            continue
        # Most of such a page talks about itself: its own words are dense in it.
        density = sum(w in vocabulary for w in words) / len(words)
        if reason == "error page" and not _ERROR_CODE.search(text.casefold()):
            continue
        if density >= 0.05:
            return f"not an article: {reason}"
    return None
