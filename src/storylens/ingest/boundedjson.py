"""JSON parsing with a bound on nesting depth.

The standard library's parser recurses once per level, so ``[[[[...]]]]`` a hundred
thousand deep raises ``RecursionError`` (not ``ValueError``) from deep inside it, which no
caller expects. Nesting is measured first, in one linear regex pass over brackets and
strings, and a document deeper than the limit is refused as invalid JSON.
"""

from __future__ import annotations

import json
import re

# A JSON string (escapes included; an unclosed one runs to the end, so the scan stays
# linear) or one bracket: strings are skipped whole, so brackets inside them do not count.
_TOKENS = re.compile(r'"(?:[^"\\]++|\\.)*+"?|[\[\]{}]', re.S)
MAX_DEPTH = 64


class JSONTooDeep(ValueError):
    pass


def depth_of(text: str | bytes) -> int:
    """The deepest nesting of arrays and objects in ``text``."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    depth = deepest = 0
    for m in _TOKENS.finditer(text):
        tok = m.group()
        if tok in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif tok in "]}":
            depth -= 1
    return deepest


def loads(text: str | bytes, max_depth: int = MAX_DEPTH) -> object:
    """``json.loads`` that raises ``ValueError`` (never ``RecursionError``) on deep nesting."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    if depth_of(text) > max_depth:
        raise JSONTooDeep(f"JSON nested deeper than {max_depth} levels")
    try:
        return json.loads(text)
    except RecursionError as exc:  # a deeper stack than measured cannot happen, but never crash
        raise JSONTooDeep(f"JSON nested too deeply: {exc}") from exc
