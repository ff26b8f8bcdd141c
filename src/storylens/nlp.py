"""Sentences, entities and embeddings: the models are loaded once, lazily, and shared by all stages.

Stages receive a ``Models`` object instead of loading anything themselves, so a run over a
million articles loads spaCy and the embedding model exactly once, and a run that never needs
embeddings never pays for them.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

import numpy as np
import numpy.typing as npt

from storylens.config import Config

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from storylens.records import Article

SHIPPED_EMBEDDINGS = Path(__file__).parent / "models" / "minilm-static"
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
T = TypeVar("T")


def _sentence_spans(doc: Doc, text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        piece = text[start:end]
        pos = 0
        for m in [*_PARAGRAPH_BREAK.finditer(piece), None]:
            stop = m.start() if m else len(piece)
            chunk = piece[pos:stop]
            stripped = chunk.strip()
            if stripped:
                s = start + pos + (len(chunk) - len(chunk.lstrip()))
                spans.append((s, s + len(stripped)))
            if m:
                pos = m.end()
    return spans


def _parsable(nlp: Language, text: str) -> str:
    """``text``, or its first ``nlp.max_length`` characters: spaCy refuses longer texts
    outright. The cleaner already cuts articles well below that and says so on the article
    (``CleanConfig.max_chars``); this keeps callers that build articles themselves safe.
    The parse of a prefix keeps every character offset valid in the whole text."""
    limit = int(getattr(nlp, "max_length", 0) or 0)
    return text[: limit - 1] if limit and len(text) >= limit else text


PARSE_BATCH = 16
"""Articles per ``nlp.pipe`` batch. On 298 Multi-News/ECB+ articles: 5.3 articles per
CPU-second at 16 against 5.0 at 48 (4.9 before batching), peak RSS 599 MB against 925 MB at 48:
a larger batch holds more tok2vec activations at once and parses no faster
(benchmarks/results/issue-19.md, Round 3)."""
CACHED_ARTICLES = 512
"""Parses kept for reuse beyond the batch in use (~0.2 MB each without the tok2vec tensor):
a long ingest or a large ``analyze`` keeps memory flat instead of holding every parse."""

Key = str
"""A parse is keyed by the text itself: byte-identical reprints (wire copies under another
id) share one parse, and no two texts can collide."""


@dataclass
class _Entry:
    """What the stages share about one text: its parse and its sentences."""

    doc: Doc | None = None
    sentences: list[tuple[int, int]] | None = None


def _key(article: Article) -> Key:
    return article.text


def _slim(doc: Doc) -> Doc:
    """The parse without the tok2vec tensor (~0.4 MB an article): no stage reads it, and the
    parser, tagger and NER have already used it."""
    doc.tensor = np.zeros((0,), dtype=np.float32)
    return doc


K = TypeVar("K")
V = TypeVar("V")


def _recent(cache: OrderedDict[K, V], key: K, new: Callable[[], V], capacity: int) -> V:
    """``cache[key]`` (made by ``new`` when missing), now the most recently used; the least
    recently used go once more than ``capacity`` are held."""
    value = cache.get(key)
    if value is None:
        value = cache[key] = new()
        while len(cache) > capacity:
            cache.popitem(last=False)
    else:
        cache.move_to_end(key)
    return value


class Models:
    def __init__(
        self, config: Config | None = None, *, cached_articles: int = CACHED_ARTICLES
    ) -> None:
        self.config = config or Config()
        self.cached_articles = cached_articles
        self._entries: OrderedDict[Key, _Entry] = OrderedDict()
        self._memos: OrderedDict[tuple[str, str], dict[str, object]] = OrderedDict()
        self._capacity = cached_articles
        self._spacy_loading: Future[Language] | None = None
        self._background: ThreadPoolExecutor | None = None
        self._parsing: Future[dict[Key, Doc]] | None = None

    # --- the bounded per-article cache -----------------------------------------------------

    def _entry(self, key: Key) -> _Entry:
        """The article's entry, most recently used last; the least recently used go first
        once more than the capacity are held."""
        return _recent(self._entries, key, _Entry, self._capacity)

    def _has_doc(self, key: Key) -> bool:
        entry = self._entries.get(key)
        return entry is not None and entry.doc is not None

    def _store(self, docs: dict[Key, Doc]) -> None:
        for key, doc in docs.items():
            self._entry(key).doc = doc

    def cached(self) -> int:
        """How many articles' parses are held now (bounded: see ``CACHED_ARTICLES``)."""
        return sum(1 for e in self._entries.values() if e.doc is not None)

    # --- parsing ---------------------------------------------------------------------------

    def preload(self) -> None:
        """Start loading spaCy in the background, so it overlaps with ingest, cleaning and clustering."""
        if self._spacy_loading is None and "spacy" not in self.__dict__:
            self._background = ThreadPoolExecutor(1, "storylens-load")
            self._spacy_loading = self._background.submit(self._load_spacy)

    def preparse(self, articles: list[Article]) -> None:
        """Parse ``articles`` in the background once spaCy is loaded, while the caller
        de-duplicates and clusters them: the analysis needs every parse and would otherwise
        start them only after clustering. Only when they all fit the cache: a larger run
        parses story batch by story batch instead (``parse_all``)."""
        if self._background is None or self._parsing is not None:
            return
        todo = [a for a in articles if not self._has_doc(_key(a))]
        if not todo or len(todo) > self._capacity:
            return
        self._parsing = self._background.submit(self._parse, todo)

    def _parse(self, articles: list[Article]) -> dict[Key, Doc]:
        nlp = self._spacy_loading.result() if self._spacy_loading else self.spacy
        return self._parse_each(nlp, articles)

    @staticmethod
    def _parse_each(nlp: Language, articles: list[Article]) -> dict[Key, Doc]:
        """Parses in one batch; when the batch fails, one at a time, so an article the
        parser refuses loses its own parse only (and its story finds out, not the first
        story that happens to ask)."""
        try:
            docs = nlp.pipe([_parsable(nlp, a.text) for a in articles], batch_size=PARSE_BATCH)
            return {_key(a): _slim(doc) for a, doc in zip(articles, docs, strict=True)}
        except Exception:  # one bad article must not cost every other parse in the batch
            out: dict[Key, Doc] = {}
            for article in articles:
                try:
                    out[_key(article)] = _slim(nlp(_parsable(nlp, article.text)))
                except Exception:  # left unparsed: doc() parses it again and raises there
                    continue
            return out

    def _join_parses(self) -> None:
        if self._parsing is not None:
            parsing, self._parsing = self._parsing, None
            try:
                self._store(parsing.result())
            except Exception:  # e.g. the model failed to load: each doc() retries and says why
                return

    def _load_spacy(self) -> Language:
        import spacy

        return spacy.load(self.config.spacy_model)

    @cached_property
    def spacy(self) -> Language:
        if self._spacy_loading is not None:
            return self._spacy_loading.result()
        return self._load_spacy()

    @cached_property
    def embedder(self) -> object:
        from model2vec import StaticModel

        path = self.config.embedding_model or str(SHIPPED_EMBEDDINGS)
        return StaticModel.from_pretrained(path)

    def doc(self, article: Article) -> Doc:
        """The parsed article text, parsed once however many stages ask."""
        key = _key(article)
        if not self._has_doc(key):
            self._join_parses()
        entry = self._entry(key)
        if entry.doc is None:
            entry.doc = _slim(self.spacy(_parsable(self.spacy, article.text)))
        return entry.doc

    def parse_text(self, text: str) -> Doc:
        """A parse of text that is not an article's (one pipeline never runs in two threads)."""
        self._join_parses()
        return self.spacy(_parsable(self.spacy, text))

    def memo(self, name: str, article: Article, compute: Callable[[], T]) -> T:
        """Per-article results several stages share (e.g. statement units), computed once
        while the article is cached (they leave the cache with its parse)."""
        memo = _recent(self._memos, (article.id, article.text), dict, self._capacity)
        if name not in memo:
            memo[name] = compute()
        return cast(T, memo[name])

    def parse_all(self, articles: list[Article]) -> None:
        """Parse many articles in batches (faster than one at a time). They are the articles
        in use, so the cache holds at least all of them until the next ``parse_all``."""
        self._join_parses()
        self._capacity = max(self.cached_articles, len({_key(a) for a in articles}))
        for article in articles:  # the batch in use becomes the most recent
            if self._has_doc(_key(article)):
                self._entry(_key(article))
        todo = list({_key(a): a for a in articles if not self._has_doc(_key(a))}.values())
        self._store(self._parse_each(self.spacy, todo))

    def sentences(self, article: Article) -> list[tuple[int, int]]:
        """Sentence spans in ``article.text``, never crossing a paragraph break, whitespace
        trimmed; computed once per article (``Doc.sents`` walks every token)."""
        doc = self.doc(article)
        entry = self._entry(_key(article))
        if entry.sentences is None:
            entry.sentences = _sentence_spans(doc, article.text)
        return list(entry.sentences)

    def embed(self, texts: list[str]) -> npt.NDArray[np.float32]:
        """Unit-length sentence embeddings (rows), so a dot product is the cosine similarity."""
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        vectors = np.asarray(self.embedder.encode(texts), dtype=np.float32)  # type: ignore[attr-defined]
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        normalised: npt.NDArray[np.float32] = vectors / norms
        return normalised
