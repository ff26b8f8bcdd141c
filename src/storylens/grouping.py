"""Stories without the analysis: what ``storylens cluster PATH... [--stream]`` prints.

Sorting a day's feed into stories is the first thing a researcher needs, and it is fast (no
parser, no quotes or claims), so it is offered on its own. The stream mode feeds the articles
in publication order through ``StoryStream``, which is exactly what a live deployment would
have assigned; its story ids are the stream's (named after each story's first article, with
``merged_into`` saying where a retired id went), not the batch ids of ``make_story``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from storylens import dedup
from storylens.cluster import cluster_articles, make_story
from storylens.config import Config
from storylens.nlp import Models
from storylens.pipeline import Progress, quiet, read_articles
from storylens.records import Article, Dropped, Story
from storylens.stream import StoryStream, feed_order

STREAM_PAGE = 1000
"""Articles embedded per call when streaming (a feed arrives in pages; one call per page)."""


@dataclass
class Grouping:
    stories: list[Story]
    dropped: list[Dropped] = field(default_factory=list)
    merged_into: dict[str, str] = field(default_factory=dict)
    """Stream mode: retired story id -> the older story it was merged into."""


def group(
    paths: Iterable[str | Path],
    config: Config | None = None,
    *,
    stream: bool = False,
    models: Models | None = None,
    progress: Progress | None = None,
    jobs: int | None = None,
) -> Grouping:
    """Read, clean and de-duplicate every input under ``paths``, then group it into stories.

    Bad inputs never stop the run: each one becomes an entry in ``Grouping.dropped``.
    ``jobs``: processes that clean (``pipeline.read_articles``; default the available cores).
    """
    config = config or Config()
    models = models or Models(config)
    progress = progress or quiet
    # A headline is enough to place an article in a story, so the body-length floor that
    # protects the analysis does not apply here: a feed of headlines (RSS titles, a JSONL of
    # titles) groups as well as full articles. Only an input with neither is dropped.
    relaxed = config.model_copy(update={"clean": config.clean.model_copy(update={"min_words": 0})})
    read, dropped = read_articles(paths, relaxed, progress=progress, jobs=jobs)
    articles: list[Article] = []
    for article in read:
        if article.text.strip() or (article.title or "").strip():
            articles.append(article)
        else:
            dropped.append(
                Dropped(source=article.source, reason="no headline and no text to group by")
            )
    articles = dedup.mark_duplicates(articles, config.dedup)
    if not stream:
        groups = cluster_articles(articles, models, config.cluster)
        progress("cluster", 1, 1)
        return Grouping([make_story(g) for g in groups], dropped)
    return _streamed(articles, models, config, dropped, progress)


def _streamed(
    articles: list[Article],
    models: Models,
    config: Config,
    dropped: list[Dropped],
    progress: Progress,
) -> Grouping:
    ordered = feed_order(articles)
    story_stream = StoryStream(models, config.cluster)
    ids: list[str] = []
    for start in range(0, len(ordered), STREAM_PAGE):
        ids.extend(story_stream.add_many(ordered[start : start + STREAM_PAGE]))
        progress("stream", len(ids), len(ordered))
    story_stream.consolidate()  # the feed is done: merge what the last page split
    members: dict[str, list[Article]] = {}
    for article, story_id in zip(ordered, ids, strict=True):
        members.setdefault(story_stream.resolve(story_id), []).append(article)
    stories = [
        make_story(group).model_copy(update={"id": story_id}) for story_id, group in members.items()
    ]
    return Grouping(stories, dropped, dict(story_stream.merged_into))
