"""``analyze(inputs) -> Report``: the only place that knows the order of the stages."""

from __future__ import annotations

import itertools
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from storylens import claims, cluster, conflicts, dedup, quotes, signals, summarize, workers
from storylens.config import Config
from storylens.ingest import read_inputs
from storylens.nlp import PARSE_BATCH, Models
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
    # Cleaned here, not in worker processes: spaCy is loading in a thread (forking beside it
    # could copy a half-taken lock), and cleaning is ~2 % of the analysis's time.
    articles, dropped = read_articles(paths, config, progress=progress, jobs=1)
    models.preparse(articles)
    return analyze_articles(articles, config, models=models, progress=progress, dropped=dropped)


def read_articles(
    paths: Iterable[str | Path],
    config: Config,
    *,
    progress: Progress | None = None,
    jobs: int | None = None,
) -> tuple[list[Article], list[Dropped]]:
    """Read and clean every input under ``paths``: the articles, and what could not be used.

    ``jobs`` worker processes clean (default: the available cores; 1: in this process). The
    result is the same either way: the same articles in the same order, and the dropped
    entries of reading, then those of cleaning, each in input order. Fewer than
    ``workers.POOL_FROM`` documents are cleaned here, where starting workers would cost more.
    """
    progress = progress or quiet
    jobs = workers.available_cores() if jobs is None else max(1, jobs)
    read_dropped: list[Dropped] = []

    def documents() -> Iterator[RawDocument]:
        for item in read_inputs(paths, config.ingest):
            if isinstance(item, Dropped):
                read_dropped.append(item)
            else:
                yield item

    docs = documents()
    head = list(itertools.islice(docs, workers.POOL_FROM if jobs > 1 else None))
    if jobs > 1 and len(head) >= workers.POOL_FROM:
        results: Iterator[Article | Dropped] = workers.clean_in_pool(
            itertools.chain(head, docs), config, jobs
        )
        total = None
    else:
        head.extend(docs)
        results = (workers.clean_safely(raw, config) for raw in head)
        total = len(head)
    articles: list[Article] = []
    dropped: list[Dropped] = []
    for i, cleaned in enumerate(results, 1):
        (dropped if isinstance(cleaned, Dropped) else articles).append(cleaned)  # type: ignore[arg-type]
        progress("clean", i, total or i)
    return articles, read_dropped + dropped


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
    parsed_until = 0
    for i, story in enumerate(stories, 1):
        if i > parsed_until:
            parsed_until = parse_ahead(stories, i - 1, models)
        done, failure = analyse_story_safely(story, models, config)
        analysed.append(done)
        if failure is not None:
            dropped.append(failure)
        progress("analyse", i, len(stories))
    analysed.sort(key=lambda s: (-len(s.articles), s.id))
    return Report(stories=analysed, dropped=dropped)


def parse_ahead(stories: list[Story], start: int, models: Models) -> int:
    """Parse the articles of ``stories[start:]`` up to about one ``nlp.pipe`` batch in one
    call, so that one-article stories are parsed in batches too; returns the number of
    stories now parsed. A story larger than a batch is parsed on its own, so the cache never
    has to hold more than one large story (see ``Models.parse_all``)."""
    end, batch = start, list[Article]()
    while end < len(stories) and (
        not batch or len(batch) + len(stories[end].articles) <= PARSE_BATCH
    ):
        batch.extend(stories[end].articles)
        end += 1
    models.parse_all(batch)
    return end


def analyse_story(story: Story, models: Models, config: Config) -> Story:
    """Quotes, then claims, then conflicts and signals (which read both), then the summary."""
    if len(story.articles) > 1:
        models.parse_all(story.articles)
    story = story.model_copy(update={"quotes": quotes.find_quotes(story, models, config.quotes)})
    story = story.model_copy(update={"claims": claims.align_claims(story, models, config.claims)})
    if len(story.articles) > 1:  # every finder compares two articles: one gives no conflict
        story = story.model_copy(update={"conflicts": conflicts.find_conflicts(story, models)})
    story = story.model_copy(update={"sources": signals.compute_signals(story, models)})
    summary = summarize.summarize(story, models, config.summary)
    return story.model_copy(update={"summary": summary})


class StoryTimeout(BaseException):
    """A story's analysis ran past its budget. Not an ``Exception``, so that no ``except
    Exception`` inside a stage can swallow it and carry on."""


def story_budget(story: Story, config: Config) -> float:
    """Seconds the analysis of ``story`` may take (0: no limit)."""
    if config.story_budget_s <= 0:
        return 0.0
    return config.story_budget_s + config.story_budget_per_article_s * len(story.articles)


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise ``StoryTimeout`` in this thread after ``seconds`` of CPU time: the analysis is
    pure Python in the main thread, where a timer signal can interrupt any loop. CPU time,
    not wall time, so a machine busy with other work does not cut a story short. Elsewhere
    (another thread, no SIGPROF) there is no limit, and text length caps bound the work."""
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and hasattr(signal, "SIGPROF")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise StoryTimeout(f"analysis took longer than {seconds:g} s of CPU time")

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def analyse_story_safely(
    story: Story, models: Models, config: Config
) -> tuple[Story, Dropped | None]:
    """The analysed story, or the story unanalysed and why: a failure or a story that runs
    past its time budget costs that story only, in ``analyze`` and in the store alike."""
    try:
        with _time_limit(story_budget(story, config)):
            return analyse_story(story, models, config), None
    except StoryTimeout as exc:
        reason = f"{exc}; articles kept unanalysed (limit: Config.story_budget_s)"
    except Exception as exc:  # one story's failure must not cost the rest of the report
        reason = f"analysis failed, articles kept unanalysed: {type(exc).__name__}: {exc}"
    return story, Dropped(source=f"story {story.id}", reason=reason)


def _clean_safely(raw: RawDocument, config: Config) -> Article | Dropped:
    """One malformed input must never cost the user the rest of the run."""
    return workers.clean_safely(raw, config)
