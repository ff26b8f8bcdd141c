"""Stories that grow with the store: each batch is de-duplicated and assigned, then analysed.

The cost of a batch must not grow with the store. So nothing here reads the whole store:

- **copies**: a waiting article's candidates are the stored articles sharing one of its band
  keys (an indexed self-join of ``article_keys``), confirmed by ``storylens.dedup``'s exact
  test. Copy groups are connected components; the canonical article of a group is the first by
  (publication time, longest normalised text, storage order), as in ``dedup.mark_duplicates``.
  When a new article bridges two stored groups they become one, and the articles whose
  ``duplicate_of`` changed are re-analysed with their stories.
- **stories**: the waiting articles go, in publication order, through the ``StoryStream``
  saved in the store (``stream_state``), which holds only live stories; the stream's ids and
  merges are recorded per article in ``stream_members``.
- **analysis**: the stream stories whose members changed are queued in ``stream_pending`` in
  the same transaction as the assignment, and analysed one by one; a stored story gets the id
  ``make_story`` gives its members, so it is the story ``analyze`` writes for the same articles.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, delete, insert, select
from sqlalchemy import update as sql_update

from storylens.dedup import sort_time
from storylens.nlp import Models
from storylens.records import Article
from storylens.scale.lsh import Verifier, components
from storylens.store import schema as t
from storylens.store import stream_state
from storylens.stream import StoryStream

if TYPE_CHECKING:
    from storylens.pipeline import Progress
    from storylens.store.store import IngestResult, Store

CHUNK = 500
"""Ids per SQL ``IN`` list and articles per embedding call."""
LEGACY = "="
"""Prefix of a queued *stored* story id (a batch story whose copies were relabelled)."""


def _chunks(items: Sequence[str], size: int = CHUNK) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def waiting(store: Store) -> list[tuple[str, float, int]]:
    """(id, publication time, storage order) of the articles waiting for a story."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(t.articles.c.id, t.articles.c.published, t.articles.c.seq).join(
                t.unassigned, t.unassigned.c.article_id == t.articles.c.id
            )
        ).all()
    return [(str(i), sort_time(_dt(p)), int(seq)) for i, p, seq in rows]


def assign(
    store: Store,
    *,
    models: Models,
    result: IngestResult,
    edges: Iterable[tuple[str, str]] | None = None,
    progress: Progress | None = None,
) -> None:
    """De-duplicate and assign every waiting article; queue the stories that changed."""
    todo = waiting(store)
    if not todo:
        return
    started = time.perf_counter()
    canonical = _dedup(store, todo, result, edges)
    result.timings["dedup"] = time.perf_counter() - started
    started = time.perf_counter()
    _stream(store, todo, canonical, models, result, progress)
    result.timings["stream"] = time.perf_counter() - started


def _dedup(
    store: Store,
    todo: list[tuple[str, float, int]],
    result: IngestResult,
    given: Iterable[tuple[str, str]] | None,
) -> dict[str, str]:
    """Write the copy labels the waiting articles change; returns member -> canonical."""
    new = {i for i, _, _ in todo}
    pairs: set[tuple[str, str]] = set()
    a, b = t.article_keys.alias("a"), t.article_keys.alias("b")
    with store.engine.connect() as conn:
        assigned_before = conn.execute(
            select(t.articles.c.id)
            .where(
                ~select(t.unassigned.c.article_id)
                .where(t.unassigned.c.article_id == t.articles.c.id)
                .exists()
            )
            .limit(1)
        ).first()
        need_sql = given is None or assigned_before is not None
        if need_sql:
            for chunk in _chunks(sorted(new)):
                rows = conn.execute(
                    select(a.c.article_id, b.c.article_id)
                    .distinct()
                    .join(b, (a.c.key == b.c.key) & (a.c.article_id != b.c.article_id))
                    .where(a.c.article_id.in_(chunk))
                ).all()
                for x, y in rows:
                    if given is not None and y in new:
                        continue  # verified by the caller already
                    pairs.add((min(x, y), max(x, y)))
        # the stored groups the candidates belong to, whole (a bridge may relabel them)
        old = sorted({x for p in pairs for x in p} - new)
        # stored member -> its canonical: the candidates' own rows, then their heads' groups
        label = _copy_rows(conn, t.duplicates.c.article_id, old)
        label.update(_copy_rows(conn, t.duplicates.c.duplicate_of, {label.get(x, x) for x in old}))
        verifier = _Texts(store.config.dedup)
        _load_texts(
            conn, verifier, {x for p in pairs for x in p} | set(label) | set(label.values())
        )
        confirmed = [(x, y) for x, y in sorted(pairs) if verifier.is_copy(x, y)]
        if given is not None:
            confirmed.extend((x, y) for x, y in given if x in new and y in new and x != y)
        confirmed.extend(label.items())  # the stored groups, as they are
        # the canonical of a group is chosen by its members' lengths: every member's text
        _load_texts(conn, verifier, {x for p in confirmed for x in p})
    order_of: dict[str, tuple[float, int]] = {i: (tm, seq) for i, tm, seq in todo}
    order_of.update(verifier.order)

    def order(i: str) -> tuple[float, int, int]:
        tm, seq = order_of[i]
        return (tm, -verifier.length(i), seq)

    canonical = components(confirmed, order)
    relabelled = sorted(i for i in canonical if i not in new and label.get(i, i) != canonical[i])
    result.relabelled.extend(relabelled)
    with store._tx() as conn:
        members = sorted(canonical)
        for chunk in _chunks(members):
            conn.execute(delete(t.duplicates).where(t.duplicates.c.article_id.in_(chunk)))
        labels = [{"article_id": i, "duplicate_of": c} for i, c in canonical.items() if i != c]
        if labels:
            conn.execute(insert(t.duplicates), labels)
    return canonical


class _Texts(Verifier):
    """The exact copy test, plus each loaded article's (publication time, storage order)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order: dict[str, tuple[float, int]] = {}


def _load_texts(conn: Connection, verifier: Verifier, ids: set[str]) -> None:
    todo = sorted(i for i in ids if i not in verifier)
    order = verifier.order if isinstance(verifier, _Texts) else {}
    for chunk in _chunks(todo):
        rows = conn.execute(
            select(
                t.articles.c.id, t.articles.c.text, t.articles.c.published, t.articles.c.seq
            ).where(t.articles.c.id.in_(chunk))
        )
        for i, text, published, seq in rows:
            verifier.add(i, text)
            order[i] = (sort_time(_dt(published)), int(seq))


def _stream(
    store: Store,
    todo: list[tuple[str, float, int]],
    canonical: dict[str, str],
    models: Models,
    result: IngestResult,
    progress: Progress | None,
) -> None:
    with store.engine.connect() as conn:
        saved = conn.execute(select(t.stream_state.c.data)).scalar_one_or_none()
    config = store.config.cluster
    story_stream = (
        stream_state.load(saved, models, config) if saved else StoryStream(models, config)
    )
    retired_before = set(story_stream.merged_into)
    ordered = [i for i, _, _ in sorted(todo, key=lambda r: (r[1], r[2]))]
    assigned: dict[str, str] = {}
    for chunk in _chunks(ordered):
        by_id = {a.id: a for a in store.articles(chunk)}
        batch: list[Article] = []
        for i in chunk:
            head = canonical.get(i, i)
            batch.append(by_id[i].model_copy(update={"duplicate_of": head if head != i else None}))
        for article, sid in zip(batch, story_stream.add_many(batch), strict=True):
            assigned[article.id] = sid
        if progress:
            progress("stream", len(assigned), len(ordered))
    merges = {
        gone: story_stream.resolve(gone)
        for gone in story_stream.merged_into
        if gone not in retired_before
    }
    changed = {story_stream.resolve(s) for s in assigned.values()} | set(merges.values())
    with store._tx() as conn:
        for gone, kept in sorted(merges.items()):
            conn.execute(
                sql_update(t.stream_members)
                .where(t.stream_members.c.stream_story == gone)
                .values(stream_story=kept)
            )
        conn.execute(
            insert(t.stream_members),
            [
                {"article_id": i, "stream_story": story_stream.resolve(s)}
                for i, s in assigned.items()
            ],
        )
        relabelled = result.relabelled
        for chunk in _chunks(relabelled):
            in_stream = dict(
                conn.execute(
                    select(t.stream_members.c.article_id, t.stream_members.c.stream_story).where(
                        t.stream_members.c.article_id.in_(chunk)
                    )
                ).all()
            )
            changed.update(in_stream.values())
            legacy = [i for i in chunk if i not in in_stream]
            if legacy:
                changed.update(
                    LEGACY + str(r[0])
                    for r in conn.execute(
                        select(t.story_articles.c.story_id)
                        .distinct()
                        .where(t.story_articles.c.article_id.in_(legacy))
                    )
                )
        queued = {
            str(r[0])
            for r in conn.execute(
                select(t.stream_pending.c.stream_story).where(
                    t.stream_pending.c.stream_story.in_(sorted(changed))
                )
            )
        }
        fresh = sorted(changed - queued)
        if fresh:
            conn.execute(insert(t.stream_pending), [{"stream_story": s} for s in fresh])
        for chunk in _chunks(ordered):
            conn.execute(delete(t.unassigned).where(t.unassigned.c.article_id.in_(chunk)))
        data = stream_state.dump(story_stream)
        conn.execute(delete(t.stream_state))
        conn.execute(
            insert(t.stream_state).values(
                id=1, data=data, articles=story_stream.seen, updated_at=_now()
            )
        )


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _queue_failed(store: Store) -> None:
    """Stories whose analysis failed last time are tried again on every run, changed or not."""
    with store._tx() as conn:
        failed = {
            LEGACY + str(r[0])
            for r in conn.execute(
                select(t.stories.c.id).where(t.stories.c.members_hash.like("%:failed"))
            )
        }
        queued = {str(r[0]) for r in conn.execute(select(t.stream_pending.c.stream_story))}
        fresh = sorted(failed - queued)
        if fresh:
            conn.execute(insert(t.stream_pending), [{"stream_story": s} for s in fresh])


def _copy_rows(conn: Connection, column: Any, ids: Iterable[str]) -> dict[str, str]:
    """Stored copy -> canonical rows whose ``column`` is one of ``ids``, read in chunks."""
    rows: dict[str, str] = {}
    for chunk in _chunks(sorted(ids)):
        query = select(t.duplicates.c.article_id, t.duplicates.c.duplicate_of).where(
            column.in_(chunk)
        )
        rows.update((str(x), str(y)) for x, y in conn.execute(query).all())
    return rows


def _stories_holding(conn: Connection, article_ids: Sequence[str]) -> set[str]:
    """The stored stories any of ``article_ids`` is in, read in chunks."""
    stories: set[str] = set()
    for chunk in _chunks(article_ids):
        query = (
            select(t.story_articles.c.story_id)
            .distinct()
            .where(t.story_articles.c.article_id.in_(chunk))
        )
        stories.update(str(r[0]) for r in conn.execute(query))
    return stories


def analyse_pending(
    store: Store, *, models: Models, result: IngestResult, progress: Progress | None = None
) -> None:
    """Analyse each queued story and replace the stored stories its members were in."""
    from storylens.cluster import make_story

    started = time.perf_counter()
    _queue_failed(store)
    with store.engine.connect() as conn:
        queued = sorted(str(r[0]) for r in conn.execute(select(t.stream_pending.c.stream_story)))
    analysed: set[str] = set()
    for n, sid in enumerate(queued, 1):
        with store.engine.connect() as conn:
            if sid.startswith(LEGACY):
                query = (
                    select(t.story_articles.c.article_id)
                    .where(t.story_articles.c.story_id == sid[len(LEGACY) :])
                    .order_by(t.story_articles.c.position)
                )
            else:
                query = select(t.stream_members.c.article_id).where(
                    t.stream_members.c.stream_story == sid
                )
            member_ids = [str(r[0]) for r in conn.execute(query)]
            before = _stories_holding(conn, member_ids)
            hashes = dict(
                conn.execute(
                    select(t.stories.c.id, t.stories.c.members_hash).where(
                        t.stories.c.id.in_(sorted(before))
                    )
                ).all()
            )
        if member_ids:
            story = make_story(store.articles(member_ids))
            if store.refresh_story(story, hashes.get(story.id), models, result):
                analysed.add(story.id)
            gone = sorted(before - {story.id})
            store._delete_stories(gone)
            result.stories_removed.extend(gone)
        with store._tx() as conn:
            conn.execute(delete(t.stream_pending).where(t.stream_pending.c.stream_story == sid))
        if progress:
            progress("analyse", n, len(queued))
    # the stories of inputs that were already stored, and that this run left as they were
    with store.engine.connect() as conn:
        skipped = _stories_holding(conn, sorted(set(result.skipped_articles)))
    known = set(result.stories_unchanged) | analysed | set(result.stories_removed)
    result.stories_unchanged.extend(sorted(skipped - known))
    result.timings["analyse"] = time.perf_counter() - started
