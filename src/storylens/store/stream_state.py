"""A ``StoryStream`` saved in the store between ingests, without pickle.

The stream's state (live stories' centroids and name vectors, the name index, the clock,
dormancy and merges) is what lets the next batch join the stories of the last one; it is
bounded by the live window, not by the corpus. It is written as JSON for the structure plus
one ``.npz`` of arrays, loaded with ``allow_pickle=False``: a store shared by a team must not
run code found in a row. The encoder walks the stream's attributes generically (dicts, lists,
sets, counters, numpy arrays and the stream's own dataclass), so attributes the stream gains
later are saved as well; anything it does not know raises instead of being lost silently.
Models, configuration and the ANN index are not saved: the caller passes the first two, and the
stream rebuilds its index from the centroids when it needs one.
"""

from __future__ import annotations

import dataclasses
import io
import json
import zipfile
from collections import Counter
from typing import Any

import numpy as np

from storylens import stream as stream_module
from storylens.config import ClusterConfig
from storylens.nlp import Models
from storylens.stream import StoryStream

FORMAT = 1
_NOT_SAVED = {"models", "config", "_index"}


class _Encoder:
    def __init__(self) -> None:
        self.arrays: list[np.ndarray[Any, Any]] = []

    def enc(self, value: Any) -> Any:
        if value is None or isinstance(value, bool | int | float | str):
            return value
        if isinstance(value, np.generic):
            return value.item()
        if isinstance(value, np.ndarray):
            self.arrays.append(value)
            return {"__nd__": len(self.arrays) - 1}
        if isinstance(value, Counter):
            return {"__counter__": [[self.enc(k), v] for k, v in value.items()]}
        if isinstance(value, dict):
            return {"__map__": [[self.enc(k), self.enc(v)] for k, v in value.items()]}
        if isinstance(value, list):
            return [self.enc(v) for v in value]
        if isinstance(value, tuple):
            return {"__tuple__": [self.enc(v) for v in value]}
        if isinstance(value, set | frozenset):
            return {"__set__": [self.enc(v) for v in sorted(value)]}
        if dataclasses.is_dataclass(value) and type(value).__module__ == stream_module.__name__:
            fields = {f.name: self.enc(getattr(value, f.name)) for f in dataclasses.fields(value)}
            return {"__dc__": type(value).__name__, "fields": fields}
        raise TypeError(f"cannot save a {type(value).__name__} of the story stream")


def _dec(value: Any, arrays: dict[str, np.ndarray[Any, Any]]) -> Any:
    if isinstance(value, list):
        return [_dec(v, arrays) for v in value]
    if not isinstance(value, dict):
        return value
    if "__nd__" in value:
        return arrays[f"a{value['__nd__']}"]
    if "__counter__" in value:
        return Counter({_dec(k, arrays): v for k, v in value["__counter__"]})
    if "__map__" in value:
        return {_dec(k, arrays): _dec(v, arrays) for k, v in value["__map__"]}
    if "__tuple__" in value:
        return tuple(_dec(v, arrays) for v in value["__tuple__"])
    if "__set__" in value:
        return {_dec(v, arrays) for v in value["__set__"]}
    if "__dc__" in value:
        cls: Any = getattr(stream_module, value["__dc__"], None)
        if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)):
            raise ValueError(f"saved stream names {value['__dc__']!r}, not a record of the stream")
        return cls(**{k: _dec(v, arrays) for k, v in value["fields"].items()})
    raise ValueError("unknown entry in a saved story stream")


def dump(story_stream: StoryStream) -> bytes:
    """The stream's state as bytes (a zip: ``state.json`` and ``arrays.npz``)."""
    encoder = _Encoder()
    state = {k: encoder.enc(v) for k, v in vars(story_stream).items() if k not in _NOT_SAVED}
    arrays = io.BytesIO()
    named: dict[str, Any] = {f"a{i}": a for i, a in enumerate(encoder.arrays)}
    np.savez(arrays, **named)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("state.json", json.dumps({"format": FORMAT, "state": state}))
        z.writestr("arrays.npz", arrays.getvalue())
    return out.getvalue()


def load(data: bytes, models: Models, config: ClusterConfig) -> StoryStream:
    """A stream that continues exactly where the saved one stopped."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        saved = json.loads(z.read("state.json"))
        with np.load(io.BytesIO(z.read("arrays.npz")), allow_pickle=False) as npz:
            arrays = {k: npz[k] for k in npz.files}
    if saved.get("format") != FORMAT:
        raise ValueError(f"saved story stream has format {saved.get('format')}, not {FORMAT}")
    story_stream = StoryStream(models, config)
    for key, value in saved["state"].items():
        setattr(story_stream, key, _dec(value, arrays))
    story_stream._index = None  # rebuilt from the centroids once there are enough live stories
    return story_stream
