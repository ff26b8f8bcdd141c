"""StoryLens: what happened, who said what, who reported it, and where the reports differ."""

from storylens.config import Config
from storylens.pipeline import analyze, analyze_articles
from storylens.records import Article, Report, Story

__all__ = ["Article", "Config", "Report", "Story", "analyze", "analyze_articles"]
__version__ = "0.1.0"
