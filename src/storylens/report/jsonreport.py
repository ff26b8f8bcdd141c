"""``report.json``: the contract other tools read, so it is exactly the pydantic dump.

The module is not called ``json`` so that nothing in the package can shadow the standard
library module by accident.
"""

from __future__ import annotations

import json
from typing import Any

from storylens.records import Report


def render_json(report: Report) -> str:
    """The report as indented JSON; datetimes are ISO 8601 with their offset, as pydantic writes them.

    A string that cannot be written as UTF-8 (a file name whose bytes are not UTF-8, held as
    surrogate escapes) is written escaped, ``caf\\xe9.txt``, rather than losing the whole
    report after the whole analysis."""
    try:
        return report.model_dump_json(indent=2) + "\n"
    except ValueError:  # pydantic's serialisation error: "surrogates not allowed"
        data = _escaped(report.model_dump(mode="python"))
        return json.dumps(data, indent=2, ensure_ascii=False, default=_iso) + "\n"


def _escaped(value: object) -> object:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
            return value
        except UnicodeEncodeError:
            raw = value.encode(
                "utf-8", "surrogateescape" if _escapes_only(value) else "surrogatepass"
            )
            return raw.decode("utf-8", "backslashreplace")
    if isinstance(value, dict):
        return {k: _escaped(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_escaped(v) for v in value]
    return value


def _escapes_only(text: str) -> bool:
    """True when every surrogate in ``text`` is a byte held by ``surrogateescape``."""
    return all(not "\ud800" <= ch <= "\udfff" or "\udc80" <= ch <= "\udcff" for ch in text)


def _iso(value: object) -> str:
    isoformat = getattr(value, "isoformat", None)
    return str(isoformat()) if callable(isoformat) else str(value)


def report_schema() -> dict[str, Any]:
    """The JSON Schema of what ``render_json`` writes (serialization mode: excluded fields absent)."""
    return Report.model_json_schema(mode="serialization")
