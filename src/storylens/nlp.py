"""Sentences, entities and embeddings: the models are loaded once, lazily, and shared by all stages.

Stages receive a ``Models`` object instead of loading anything themselves, so a run over a
million articles loads spaCy and the embedding model exactly once, and a run that never needs
embeddings never pays for them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
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


def _parsable(nlp: Language, text: str) -> str:
    """``text``, or its first ``nlp.max_length`` characters: spaCy refuses longer texts
    outright. The cleaner already cuts articles well below that and says so on the article
    (``CleanConfig.max_chars``); this keeps callers that build articles themselves safe.
    The parse of a prefix keeps every character offset valid in the whole text."""
    limit = int(getattr(nlp, "max_length", 0) or 0)
    return text[: limit - 1] if limit and len(text) >= limit else text


class Models:
    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        self._docs: dict[tuple[str, int], Doc] = {}
        self._memo: dict[tuple[str, str, int], object] = {}
        self._spacy_loading: Future[Language] | None = None
        self._background: ThreadPoolExecutor | None = None
        self._parsing: Future[dict[tuple[str, int], Doc]] | None = None

    def preload(self) -> None:
        """Start loading spaCy in the background, so it overlaps with ingest, cleaning and clustering."""
        if self._spacy_loading is None and "spacy" not in self.__dict__:
            self._background = ThreadPoolExecutor(1, "storylens-load")
            self._spacy_loading = self._background.submit(self._load_spacy)

    def preparse(self, articles: list[Article]) -> None:
        """Parse ``articles`` in the background once spaCy is loaded, while the caller
        de-duplicates and clusters them: the analysis needs every parse and would otherwise
        start them only after clustering."""
        if self._background is None or self._parsing is not None:
            return
        todo = [a for a in articles if (a.id, hash(a.text)) not in self._docs]
        self._parsing = self._background.submit(self._parse, todo)

    def _parse(self, articles: list[Article]) -> dict[tuple[str, int], Doc]:
        nlp = self._spacy_loading.result() if self._spacy_loading else self.spacy
        return self._parse_each(nlp, articles)

    @staticmethod
    def _parse_each(nlp: Language, articles: list[Article]) -> dict[tuple[str, int], Doc]:
        """Parses in one batch; when the batch fails, one at a time, so an article the
        parser refuses loses its own parse only (and its story finds out, not the first
        story that happens to ask)."""
        try:
            docs = nlp.pipe([_parsable(nlp, a.text) for a in articles])
            return {(a.id, hash(a.text)): doc for a, doc in zip(articles, docs, strict=True)}
        except Exception:  # one bad article must not cost every other parse in the batch
            out: dict[tuple[str, int], Doc] = {}
            for article in articles:
                try:
                    out[(article.id, hash(article.text))] = nlp(_parsable(nlp, article.text))
                except Exception:  # left unparsed: doc() parses it again and raises there
                    continue
            return out

    def _join_parses(self) -> None:
        if self._parsing is not None:
            parsing, self._parsing = self._parsing, None
            try:
                self._docs.update(parsing.result())
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
        key = (article.id, hash(article.text))
        if key not in self._docs:
            self._join_parses()
        if key not in self._docs:
            self._docs[key] = self.spacy(_parsable(self.spacy, article.text))
        return self._docs[key]

    def parse_text(self, text: str) -> Doc:
        """A parse of text that is not an article's (one pipeline never runs in two threads)."""
        self._join_parses()
        return self.spacy(_parsable(self.spacy, text))

    def memo(self, name: str, article: Article, compute: Callable[[], T]) -> T:
        """Per-article results several stages share (e.g. statement units), computed once."""
        key = (name, article.id, hash(article.text))
        if key not in self._memo:
            self._memo[key] = compute()
        return cast(T, self._memo[key])

    def parse_all(self, articles: list[Article]) -> None:
        """Parse many articles in one batch (faster than one at a time)."""
        self._join_parses()
        todo = [a for a in articles if (a.id, hash(a.text)) not in self._docs]
        self._docs.update(self._parse_each(self.spacy, todo))

    def sentences(self, article: Article) -> list[tuple[int, int]]:
        """Sentence spans in ``article.text``, never crossing a paragraph break, whitespace trimmed."""
        spans: list[tuple[int, int]] = []
        for sent in self.doc(article).sents:
            start, end = sent.start_char, sent.end_char
            piece = article.text[start:end]
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

    def embed(self, texts: list[str]) -> npt.NDArray[np.float32]:
        """Unit-length sentence embeddings (rows), so a dot product is the cosine similarity."""
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        vectors = np.asarray(self.embedder.encode(texts), dtype=np.float32)  # type: ignore[attr-defined]
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        normalised: npt.NDArray[np.float32] = vectors / norms
        return normalised
