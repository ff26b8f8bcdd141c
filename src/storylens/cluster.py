"""Group articles into stories (stub until filled in)."""

from __future__ import annotations

from storylens.config import ClusterConfig
from storylens.nlp import Models
from storylens.records import Article, Story


def cluster_articles(
    articles: list[Article], models: Models, config: ClusterConfig
) -> list[list[Article]]:
    return [articles] if articles else []


def make_story(articles: list[Article]) -> Story:
    return Story(id="s-" + articles[0].id, title=articles[0].title or "", articles=articles)
