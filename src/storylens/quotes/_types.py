"""Type aliases shared by the quote stage's modules."""

from __future__ import annotations

from typing import Literal

Span = tuple[int, int]
DiffOp = tuple[Literal["=", "+", "-"], str]
