"""``report.json``: the contract other tools read, so it is exactly the pydantic dump.

The module is not called ``json`` so that nothing in the package can shadow the standard
library module by accident.
"""

from __future__ import annotations

from typing import Any

from storylens.records import Report


def render_json(report: Report) -> str:
    """The report as indented JSON; datetimes are ISO 8601 with their offset, as pydantic writes them."""
    return report.model_dump_json(indent=2) + "\n"


def report_schema() -> dict[str, Any]:
    """The JSON Schema of what ``render_json`` writes (serialization mode: excluded fields absent)."""
    return Report.model_json_schema(mode="serialization")
