"""Per-story analysis fanned out over Ray actors: the same ``analyse_story_safely`` as local.

Analysis is the dominant cost of a day of news (a story's quotes, claims, conflicts and
summary read only that story's articles), so it is the step to spread over a cluster. Each
actor loads the models once (spaCy, the embedder) and analyses the stories it is handed, with
the same guard as the local path (a failure or a story over its time budget costs that story
only). Stories go out largest first, so one big story does not start last and hold up the
run, and come back in the order given: the result is exactly what the local loop returns.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any

from storylens.config import Config
from storylens.records import Dropped, Story


class _StoryAnalyser:
    """One per actor: the models are loaded once and serve every story it is given."""

    def __init__(self, config: str) -> None:
        from storylens.nlp import Models

        self.config = Config.model_validate_json(config)
        self.models = Models(self.config)

    def analyse(self, index: int, story: Story) -> tuple[int, Story, Dropped | None]:
        from storylens.pipeline import analyse_story_safely

        done, failure = analyse_story_safely(story, self.models, self.config)
        return index, done, failure


def analyse_stories_ray(
    stories: Sequence[Story],
    config: Config | None = None,
    *,
    actors: int = 2,
    address: str | None = None,
) -> list[tuple[Story, Dropped | None]]:
    """Each story analysed on a Ray actor: ``(story, failure)`` in the order given, as
    ``pipeline.analyse_story_safely`` gives them one by one. Starts a local Ray when none is
    running (or joins ``address``)."""
    if not stories:
        return []
    ray: Any = importlib.import_module("ray")
    pool_module: Any = importlib.import_module("ray.util")
    if not ray.is_initialized():
        ray.init(address=address, include_dashboard=False, log_to_driver=False)
    config = config or Config()
    remote = ray.remote(_StoryAnalyser)
    # Each actor runs one story at a time on one core (spaCy and the stages are single-threaded).
    workers = [remote.options(num_cpus=1).remote(config.model_dump_json()) for _ in range(actors)]
    pool = pool_module.ActorPool(workers)
    order = sorted(range(len(stories)), key=lambda i: -len(stories[i].articles))
    out: list[tuple[Story, Dropped | None] | None] = [None] * len(stories)
    for index, done, failure in pool.map_unordered(
        lambda actor, i: actor.analyse.remote(i, stories[i]), order
    ):
        out[index] = (done, failure)
    for worker in workers:  # the models go with their actors
        ray.kill(worker)
    return [item for item in out if item is not None]
