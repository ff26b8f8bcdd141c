"""``analyze(inputs) -> Report``: the only place that knows the order of the stages."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from storylens import claims, cluster, conflicts, dedup, quotes, signals, summarize
from storylens.clean import clean_document
from storylens.config import Config
from storylens.ingest import read_inputs
from storylens.nlp import Models
from storylens.records import Article, Dropped, RawDocument, Report, Story

Progress = Callable[[str, int, int], None]
"""Called as ``progress(stage, done, total)``; the CLI draws a bar, the library stays silent."""


def quiet(stage: str, done: int, total: int) -> None:
    return None


def analyze(
    paths: Iterable[str | Path],
    config: Config | None = None,
    *,
    models: Models | None = None,
    progress: Progress | None = None,
) -> Report:
    """Read every input under ``paths`` and return the report of the stories they cover.

    Bad inputs never stop the run: each one becomes an entry in ``Report.dropped``.
    """
    config = config or Config()
    models = models or Models(config)
    progress = progress or quiet
    models.preload()
    articles, dropped = read_articles(paths, config, progress=progress)
    models.preparse(articles)
    return analyze_articles(articles, config, models=models, progress=progress, dropped=dropped)


def read_articles(
    paths: Iterable[str | Path], config: Config, *, progress: Progress | None = None
) -> tuple[list[Article], list[Dropped]]:
    """Read and clean every input under ``paths``: the articles, and what could not be used."""
    progress = progress or quiet
    raws: list[RawDocument] = []
    dropped: list[Dropped] = []
    for item in read_inputs(paths, config.ingest):
        (dropped if isinstance(item, Dropped) else raws).append(item)  # type: ignore[arg-type]
    articles: list[Article] = []
    for i, raw in enumerate(raws, 1):
        cleaned = _clean_safely(raw, config)
        (dropped if isinstance(cleaned, Dropped) else articles).append(cleaned)  # type: ignore[arg-type]
        progress("clean", i, len(raws))
    return articles, dropped


def analyze_articles(
    articles: list[Article],
    config: Config | None = None,
    *,
    models: Models | None = None,
    progress: Progress | None = None,
    dropped: list[Dropped] | None = None,
) -> Report:
    """The stages after cleaning, for callers that already hold ``Article`` records."""
    config = config or Config()
    dropped = list(dropped or [])
    models = models or Models(config)
    progress = progress or quiet

    articles = dedup.mark_duplicates(articles, config.dedup)
    progress("dedup", 1, 1)
    groups = cluster.cluster_articles(articles, models, config.cluster)
    progress("cluster", 1, 1)

    stories = [cluster.make_story(group) for group in groups]
    analysed: list[Story] = []
    for i, story in enumerate(stories, 1):
        try:
            analysed.append(analyse_story(story, models, config))
        except Exception as exc:  # one story's failure must not cost the rest of the report
            analysed.append(story)
            dropped.append(
                Dropped(
                    source=f"story {story.id}",
                    reason=f"analysis failed, articles kept unanalysed: {type(exc).__name__}: {exc}",
                )
            )
        progress("analyse", i, len(stories))
    analysed.sort(key=lambda s: (-len(s.articles), s.id))
    return Report(stories=analysed, dropped=dropped)


def analyse_story(story: Story, models: Models, config: Config) -> Story:
    """Quotes, then claims, then conflicts and signals (which read both), then the summary."""
    if len(story.articles) > 1:
        models.parse_all(story.articles)
    story = story.model_copy(update={"quotes": quotes.find_quotes(story, models, config.quotes)})
    story = story.model_copy(update={"claims": claims.align_claims(story, models, config.claims)})
    story = story.model_copy(update={"conflicts": conflicts.find_conflicts(story, models)})
    story = story.model_copy(update={"sources": signals.compute_signals(story, models)})
    summary = summarize.summarize(story, models, config.summary)
    return story.model_copy(update={"summary": summary})


def _clean_safely(raw: RawDocument, config: Config) -> Article | Dropped:
    """One malformed input must never cost the user the rest of the run."""
    try:
        return clean_document(raw, config.clean)
    except Exception as exc:  # any failure on one input becomes a dropped entry
        return Dropped(source=raw.source, reason=f"could not clean: {type(exc).__name__}: {exc}")
