"""The per-record stage functions both engines run: read, clean, band keys, embed.

``storylens ingest`` calls them one record at a time; the Ray path calls the very same
functions inside ``map_batches`` over columns, so the two cannot drift apart. Each works on
plain rows (dicts of str/int/float), which is what a Ray Dataset carries between workers.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from storylens.clean import clean_document
from storylens.cluster import lead_text
from storylens.config import Config
from storylens.dedup import normalise, sort_time
from storylens.ingest import read_path
from storylens.nlp import Models
from storylens.records import Article, Dropped, RawDocument
from storylens.scale.lsh import band_keys
from storylens.store.store import content_hash

Row = dict[str, Any]
LINE_BITS = 32
"""An input's ordinal is ``file index << LINE_BITS | record index``: the order ``ingest`` reads."""


def read_file(path: str, file_index: int, config: Config) -> Iterator[Row]:
    """The records of one input file, each with its ordinal (the ingest reader, unchanged)."""
    urls: list[Any] = []
    for n, item in enumerate(read_path(Path(path), config.ingest, urls)):
        ordinal = (file_index << LINE_BITS) | n
        if isinstance(item, Dropped):
            yield {"ordinal": ordinal, "source": item.source, "reason": item.reason, "doc": ""}
        else:
            yield {
                "ordinal": ordinal,
                "source": item.source,
                "reason": "",
                "doc": item.model_dump_json(),
            }
    for url in urls:  # a URL list on a cluster: fetched by the driver, never by a worker
        yield {
            "ordinal": (file_index << LINE_BITS) | ((1 << LINE_BITS) - 1),
            "source": url.source,
            "reason": "URL lists are fetched by `storylens ingest` (local engine) only",
            "doc": "",
        }


def clean_row(row: Row, config: Config) -> Row:
    """Clean one read record; a failure becomes a dropped row, as in ``Store.ingest``."""
    out: Row = {**row, "id": "", "article": "", "digest": "", "format": "", "fetched_at": ""}
    out.update(t=float("inf"), norm_len=0)
    if row["reason"]:
        return out
    raw = RawDocument.model_validate_json(row["doc"])
    try:
        cleaned = clean_document(raw, config.clean)
    except Exception as exc:  # one malformed input must not cost the rest of the run
        cleaned = Dropped(source=raw.source, reason=f"could not clean: {type(exc).__name__}: {exc}")
    if isinstance(cleaned, Dropped):
        out["reason"] = cleaned.reason
        return out
    out.update(
        id=cleaned.id,
        article=cleaned.model_dump_json(),
        digest=content_hash(raw.raw),
        format=raw.format,
        fetched_at=raw.fetched_at.isoformat() if raw.fetched_at else "",
        t=sort_time(cleaned.published),
        norm_len=len(normalise(cleaned.text)),
    )
    out["doc"] = ""  # the raw page lives on inside the article; no need to carry it twice
    return out


def keys_row(row: Row, config: Config) -> list[int]:
    if not row["article"]:
        return []
    return band_keys(Article.model_validate_json(row["article"]).text, config.dedup)


def embed_articles(models: Models, articles: list[Article]) -> npt.NDArray[np.float32]:
    """What ``StoryStream.add_many`` embeds for the same articles."""
    return models.embed([lead_text(a) for a in articles])


def fetched(value: str) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


class PrecomputedEmbeddings(Models):
    """Models whose ``embed`` answers from vectors computed elsewhere (the Ray actor pool).

    A text not computed beforehand is embedded here, so the stream never gets a wrong vector.
    """

    def __init__(self, config: Config, vectors: dict[str, npt.NDArray[np.float32]]) -> None:
        super().__init__(config)
        self.vectors = vectors

    def embed(self, texts: list[str]) -> npt.NDArray[np.float32]:
        missing = [s for s in texts if s not in self.vectors]
        if missing:
            for text, vec in zip(missing, super().embed(missing), strict=True):
                self.vectors[text] = vec
        if not texts:
            return np.zeros((0, 1), dtype=np.float32)
        return np.stack([self.vectors[s] for s in texts]).astype(np.float32)


def config_json(config: Config) -> str:
    return json.dumps(config.model_dump(mode="json"))
