"""StoryLens: what happened, who said what, who reported it, and where the reports differ."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from storylens.config import Config
from storylens.records import Article, Report, Story

if TYPE_CHECKING:
    from storylens.pipeline import analyze, analyze_articles

__all__ = ["Article", "Config", "Report", "Story", "analyze", "analyze_articles"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # The pipeline imports every stage (scipy, datasketch, ...: ~0.6 s); commands that only
    # read a store or print a schema should not pay for it, so it loads on first use.
    if name in ("analyze", "analyze_articles"):
        from storylens import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'storylens' has no attribute {name!r}")
