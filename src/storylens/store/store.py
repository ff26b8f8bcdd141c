"""The store: articles and analysed stories kept across runs, in SQLite or PostgreSQL.

Ingest commits one article per transaction, keyed by the SHA-256 of its decoded content, so a
run killed at any moment keeps every article it finished and leaves no partial one, and a
re-run skips what is already there. The new articles are then de-duplicated against the store
(MinHash band keys joined in SQL, ``storylens.scale.lsh``) and assigned to stories by a
``StoryStream`` whose state is kept in the store, so the cost of a batch depends on the batch
and the live window, not on how much the store already holds. Only the stories whose members
changed are re-analysed; each story is written in its own transaction, and the stories still
to analyse are recorded, so an interrupted run resumes where it stopped. ``recluster`` keeps
the old whole-store batch clustering available explicitly.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    and_,
    create_engine,
    delete,
    event,
    func,
    insert,
    or_,
    select,
)
from sqlalchemy import update as sql_update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.pool import QueuePool

from storylens.clean import clean_document
from storylens.config import Config
from storylens.ingest import read_inputs
from storylens.nlp import Models
from storylens.records import (
    REPORT_VERSION,
    Article,
    Claim,
    Conflict,
    Dropped,
    Quote,
    RawDocument,
    Removed,
    Report,
    Segment,
    Signal,
    SourceSignals,
    Story,
    SummarySentence,
)
from storylens.report._shared import outlets as story_outlets
from storylens.store import schema as t

Progress = Callable[[str, int, int], None]
MAX_SEARCH_WORDS = 20


class StoreError(Exception):
    """The store cannot be opened or used (bad URL, unreachable server, unknown story)."""


@dataclass
class IngestResult:
    run_id: int
    added: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    stories_analysed: list[str] = field(default_factory=list)
    stories_unchanged: list[str] = field(default_factory=list)
    stories_removed: list[str] = field(default_factory=list)
    skipped_articles: list[str] = field(default_factory=list)
    """Ids of the stored articles that skipped inputs hold."""
    relabelled: list[str] = field(default_factory=list)
    """Stored articles whose ``duplicate_of`` changed (a new copy joined their groups)."""
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds per stage of this run (ingest, dedup, stream, analyse)."""


@dataclass(frozen=True)
class StoryRow:
    """What a story list shows without loading the whole story."""

    id: str
    title: str
    first_seen: datetime | None
    last_seen: datetime | None
    n_articles: int
    outlets: list[str]
    analysed_at: datetime


def database_url(db: str | Path) -> str:
    """A SQLAlchemy URL from what a user types: a file path means SQLite, a URL is used as is.

    ``postgresql://`` URLs get the psycopg 3 driver, the one StoryLens ships.
    """
    text = str(db)
    if "://" not in text:
        return f"sqlite:///{Path(text).expanduser().resolve()}"
    for prefix in ("postgresql://", "postgres://"):
        if text.startswith(prefix):
            return "postgresql+psycopg://" + text[len(prefix) :]
    return text


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _ts(value: datetime | None) -> float | None:
    """UTC seconds, for filtering in SQL (naive datetimes are read as UTC, as ``sort_time``)."""
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).timestamp()


def content_hash(raw: str) -> str:
    # surrogatepass: the same bytes as UTF-8 for every valid text, and no crash on a lone
    # surrogate that reached here some other way than through ingest (which replaces them).
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL lets the web server read while an ingest writes; foreign keys are off by default."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA synchronous=NORMAL")  # safe against process crashes in WAL mode
    cursor.close()


class Store:
    """One database of articles and analysed stories; migrations are applied on open."""

    def __init__(self, db: str | Path, *, config: Config | None = None) -> None:
        self.url = database_url(db)
        self.config = config or Config()
        try:
            self.engine: Engine = self._engine()
            self._migrate()
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(f"cannot open store {db}: {type(exc).__name__}: {exc}") from exc

    def _engine(self) -> Engine:
        if self.url.startswith("sqlite"):
            path = self.url.removeprefix("sqlite:///")
            if path and path != ":memory:":
                parent = Path(path).parent
                if not parent.is_dir():
                    raise StoreError(f"cannot create store {path}: {parent} is not a directory")
            engine = create_engine(self.url, poolclass=QueuePool, pool_size=2, max_overflow=8)
            event.listen(engine, "connect", _sqlite_pragmas)
            return engine
        return create_engine(self.url, pool_pre_ping=True)

    def _migrate(self) -> None:
        from alembic import command
        from alembic.config import Config as AlembicConfig

        cfg = AlembicConfig()
        cfg.set_main_option("script_location", str(files("storylens.store") / "migrations"))
        with self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "heads")  # parallel branches of migrations apply too

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    # --- ingest -------------------------------------------------------------------------

    def ingest(
        self,
        paths: Iterable[str | Path],
        *,
        models: Models | None = None,
        progress: Progress | None = None,
        analyse: bool = True,
    ) -> IngestResult:
        """Add every new input under ``paths``, then bring the stories up to date."""
        paths = [str(p) for p in paths]
        with self._tx() as conn:
            # A run still "running" when another starts was killed (kill -9, power cut):
            # every article it committed is kept, and its record says what happened.
            conn.execute(
                sql_update(t.ingest_runs)
                .where(t.ingest_runs.c.status == "running", t.ingest_runs.c.finished_at.is_(None))
                .values(status="interrupted")
            )
            run_id = int(
                conn.execute(
                    insert(t.ingest_runs).values(
                        started_at=_now(), status="running", paths=json.dumps(paths)
                    )
                ).inserted_primary_key[0]  # type: ignore[index]
            )
        result = IngestResult(run_id=run_id)
        started = time.perf_counter()
        # Inputs stream through: a 10 GB WARC is read, cleaned and stored record by record.
        for i, item in enumerate(read_inputs(paths, self.config.ingest), 1):
            if isinstance(item, Dropped):
                result.dropped.append(item)
            else:
                self._ingest_one(item, run_id, result)
            if progress:
                progress("ingest", i, i)
        result.timings["ingest"] = time.perf_counter() - started
        self._record_dropped(result.dropped, run_id)
        self.update_stories(models=models, progress=progress, result=result, analyse=analyse)
        self._finish_run(run_id, result)
        return result

    def _start_run(self, paths: Sequence[str], status: str = "running") -> int:
        with self._tx() as conn:
            return int(
                conn.execute(
                    insert(t.ingest_runs).values(
                        started_at=_now(), status=status, paths=json.dumps(list(paths))
                    )
                ).inserted_primary_key[0]  # type: ignore[index]
            )

    def _finish_run(self, run_id: int, result: IngestResult) -> None:
        with self._tx() as conn:
            conn.execute(
                sql_update(t.ingest_runs)
                .where(t.ingest_runs.c.id == run_id)
                .values(
                    finished_at=_now(),
                    status="done",
                    added=len(result.added),
                    skipped=len(result.skipped),
                    dropped=len(result.dropped),
                    stories_analysed=len(result.stories_analysed),
                )
            )

    def _record_dropped(self, dropped: list[Dropped], run_id: int) -> None:
        """Each input's drop once: a rerun over the same folder finds the same bad files,
        and the table would otherwise grow by all of them every time."""
        if not dropped:
            return
        with self._tx() as conn:
            known = {
                (row.source, row.reason)
                for row in conn.execute(select(t.dropped.c.source, t.dropped.c.reason))
            }
            fresh = dict.fromkeys((d.source, d.reason) for d in dropped)
            rows = [
                {"run_id": run_id, "source": source, "reason": reason}
                for source, reason in fresh
                if (source, reason) not in known
            ]
            if rows:
                conn.execute(insert(t.dropped), rows)

    def _ingest_one(self, raw: RawDocument, run_id: int, result: IngestResult) -> None:
        digest = content_hash(raw.raw)
        with self.engine.connect() as conn:
            known = conn.execute(
                select(t.articles.c.id).where(t.articles.c.content_hash == digest)
            ).first()
        if known is not None:
            result.skipped.append(raw.source)
            result.skipped_articles.append(str(known[0]))
            return
        try:
            cleaned = clean_document(raw, self.config.clean)
        except Exception as exc:  # one malformed input must not cost the rest of the run
            cleaned = Dropped(
                source=raw.source, reason=f"could not clean: {type(exc).__name__}: {exc}"
            )
        if isinstance(cleaned, Dropped):
            result.dropped.append(cleaned)
            return
        self.add_article(cleaned, raw.format, raw.fetched_at, digest, run_id, result)

    def add_article(
        self,
        article: Article,
        fmt: str,
        fetched_at: datetime | None,
        digest: str,
        run_id: int,
        result: IngestResult,
        keys: Sequence[int] | None = None,
    ) -> bool:
        """Store one cleaned article with its band keys, queued for a story (one transaction)."""
        from storylens.scale.lsh import band_keys

        keys = band_keys(article.text, self.config.dedup) if keys is None else keys
        try:
            with self._tx() as conn:
                conn.execute(
                    insert(t.articles).values(
                        **_article_row(article, fmt, fetched_at, digest, run_id)
                    )
                )
                if keys:
                    conn.execute(
                        insert(t.article_keys),
                        [{"key": k, "article_id": article.id} for k in sorted(set(keys))],
                    )
                conn.execute(insert(t.unassigned).values(article_id=article.id))
        except IntegrityError:  # the same content (or text) is stored already
            result.skipped.append(article.source)
            with self.engine.connect() as conn:
                known = conn.execute(
                    select(t.articles.c.id).where(
                        or_(t.articles.c.content_hash == digest, t.articles.c.id == article.id)
                    )
                ).first()
            if known is not None:
                result.skipped_articles.append(str(known[0]))
            return False
        result.added.append(article.id)
        return True

    # --- analysis -----------------------------------------------------------------------

    def analyse_and_write(
        self, story: Story, members_hash: str, models: Models, result: IngestResult
    ) -> None:
        """Analyse one story under its guard and store it; a failure costs that story only.

        A failed story is kept, unanalysed, under a members hash that never matches, so the
        next run tries again instead of aborting or skipping it for good."""
        from storylens.pipeline import analyse_story_safely

        analysed, failure = analyse_story_safely(story, models, self.config)
        if failure is not None:
            result.dropped.append(failure)
            self._record_dropped([failure], result.run_id)
            members_hash = f"{members_hash}:failed"
        self._write_story(analysed, members_hash, result.run_id)

    def refresh_story(
        self, story: Story, stored_hash: str | None, models: Models, result: IngestResult
    ) -> bool:
        """Analyse and store ``story`` unless the stored one has its members hash (same
        members, same analysis): the one rule by which batch and incremental ingest skip work.
        True when it was analysed."""
        key = self._members_hash(story)
        if stored_hash == key:
            result.stories_unchanged.append(story.id)
            return False
        self.analyse_and_write(story, key, models, result)
        result.stories_analysed.append(story.id)
        return True

    def recluster(
        self,
        *,
        models: Models | None = None,
        progress: Progress | None = None,
        run_id: int | None = None,
        result: IngestResult | None = None,
    ) -> IngestResult:
        """Re-cluster every stored article in one batch and analyse the stories that changed.

        The batch clusterer compares all pairs within a time window, so this costs more the
        larger the store; it is offered explicitly (``storylens recluster``), for when a
        user wants the batch grouping of everything. It resets the stream: articles added
        afterwards start new stories, until the next recluster groups them with the rest.
        """
        # clustering pulls in scipy and datasketch (~0.6 s); reading commands never need them
        from storylens import cluster, dedup

        if run_id is None:
            run_id = self._start_run([], status="recluster")
        result = result or IngestResult(run_id=run_id)
        articles = self.articles()
        if not articles:
            return result
        with self._tx() as conn:
            for table in (t.unassigned, t.stream_members, t.stream_pending, t.stream_state):
                conn.execute(delete(table))
        models = models or Models(self.config)
        marked = dedup.mark_duplicates(articles, self.config.dedup)
        groups = cluster.cluster_articles(marked, models, self.config.cluster)
        fresh = [cluster.make_story(group) for group in groups]
        with self.engine.connect() as conn:
            existing = dict(conn.execute(select(t.stories.c.id, t.stories.c.members_hash)).all())
        with self._tx() as conn:
            conn.execute(delete(t.duplicates))
            pairs = [
                {"article_id": a.id, "duplicate_of": a.duplicate_of}
                for a in marked
                if a.duplicate_of is not None
            ]
            if pairs:
                conn.execute(insert(t.duplicates), pairs)
        wanted = {s.id for s in fresh}
        for i, story in enumerate(fresh, 1):
            self.refresh_story(story, existing.get(story.id), models, result)
            if progress:
                progress("analyse", i, len(fresh))
        stale = [sid for sid in existing if sid not in wanted]
        self._delete_stories(stale)
        result.stories_removed.extend(stale)
        with self._tx() as conn:
            conn.execute(
                sql_update(t.ingest_runs)
                .where(t.ingest_runs.c.id == run_id, t.ingest_runs.c.status == "recluster")
                .values(finished_at=_now(), status="done")
            )
        return result

    def _delete_stories(self, ids: Sequence[str]) -> None:
        if not ids:
            return
        with self._tx() as conn:
            for table in (*t.ANALYSIS_TABLES, t.story_articles):
                conn.execute(delete(table).where(table.c.story_id.in_(list(ids))))
            conn.execute(delete(t.stories).where(t.stories.c.id.in_(list(ids))))

    # --- incremental stories (see storylens.store.incremental) --------------------------

    def update_stories(
        self,
        *,
        models: Models | None = None,
        progress: Progress | None = None,
        result: IngestResult | None = None,
        analyse: bool = True,
        edges: Iterable[tuple[str, str]] | None = None,
        embedder: Models | None = None,
    ) -> IngestResult:
        """De-duplicate and assign the articles waiting for a story, then analyse what changed.

        ``edges`` are copy pairs among the waiting articles already verified elsewhere (the
        Ray path); pairs with stored articles are still found here. ``embedder`` supplies the
        stream's embeddings (precomputed ones, on the Ray path).
        """
        from storylens.store.incremental import analyse_pending, assign

        if result is None:
            result = IngestResult(run_id=self._start_run([], status="analyse"))
        models = models or Models(self.config)
        assign(self, models=embedder or models, result=result, edges=edges, progress=progress)
        if analyse:
            analyse_pending(self, models=models, result=result, progress=progress)
        return result

    def analyse(
        self,
        *,
        models: Models | None = None,
        progress: Progress | None = None,
        result: IngestResult | None = None,
    ) -> IngestResult:
        """Bring the stories up to date (what an ingest does after storing its inputs)."""
        return self.update_stories(models=models, progress=progress, result=result)

    def _members_hash(self, story: Story) -> str:
        """Changes when a story gains, loses or re-labels an article, or the analysis changes."""
        members = [(a.id, a.duplicate_of) for a in story.articles]
        key = json.dumps(
            [REPORT_VERSION, members, self.config.model_dump(mode="json")], sort_keys=True
        )
        return hashlib.sha256(key.encode("utf-8")).hexdigest()

    def _write_story(self, story: Story, members_hash: str, run_id: int) -> None:
        """One transaction per story: a reader sees the old analysis or the new, never half."""
        sid = story.id
        with self._tx() as conn:
            for table in (*t.ANALYSIS_TABLES, t.story_articles):
                conn.execute(delete(table).where(table.c.story_id == sid))
            conn.execute(delete(t.stories).where(t.stories.c.id == sid))
            conn.execute(
                insert(t.stories).values(
                    id=sid,
                    title=story.title,
                    first_seen=_iso(story.first_seen),
                    last_seen=_iso(story.last_seen),
                    n_articles=len(story.articles),
                    outlets=json.dumps(story_outlets(story)),
                    members_hash=members_hash,
                    analysed_at=_now(),
                    run_id=run_id,
                    first_ts=_ts(story.first_seen),
                    last_ts=_ts(story.last_seen),
                )
            )
            named = sorted(set(story_outlets(story)))
            if named:
                conn.execute(
                    insert(t.story_outlets), [{"story_id": sid, "outlet": o} for o in named]
                )
            conn.execute(
                insert(t.story_articles),
                [
                    {"story_id": sid, "article_id": a.id, "position": k}
                    for k, a in enumerate(story.articles)
                ],
            )
            rows: list[tuple[Any, list[dict[str, Any]]]] = [
                (
                    t.summary_sentences,
                    [
                        {"position": k, "section": s.section, "data": s.model_dump_json()}
                        for k, s in enumerate(story.summary)
                    ],
                ),
                (
                    t.quotes,
                    [
                        {
                            "position": k,
                            "id": q.id,
                            "speaker": q.speaker,
                            "text": q.text,
                            "data": q.model_dump_json(),
                        }
                        for k, q in enumerate(story.quotes)
                    ],
                ),
                (
                    t.claims,
                    [
                        {
                            "position": k,
                            "id": c.id,
                            "status": c.status,
                            "text": c.text,
                            "data": c.model_dump_json(),
                        }
                        for k, c in enumerate(story.claims)
                    ],
                ),
                (
                    t.conflicts,
                    [
                        {
                            "position": k,
                            "kind": c.kind,
                            "about": c.about,
                            "data": c.model_dump_json(),
                        }
                        for k, c in enumerate(story.conflicts)
                    ],
                ),
                (t.signals, _signal_rows(story.sources)),
            ]
            for table, values in rows:
                if values:
                    conn.execute(insert(table), [{"story_id": sid, **v} for v in values])

    # --- reading ------------------------------------------------------------------------

    def articles(self, ids: Sequence[str] | None = None) -> list[Article]:
        """Stored articles in ingest order (the order ``analyze`` would have read them)."""
        query = select(t.articles).order_by(t.articles.c.seq)
        if ids is not None:
            query = query.where(t.articles.c.id.in_(list(ids)))
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
            dups: dict[str, str] = {r[0]: r[1] for r in conn.execute(select(t.duplicates))}
        return [_article(row, dups.get(row["id"])) for row in rows]

    def count(self, what: str) -> int:
        table = {"articles": t.articles, "stories": t.stories, "runs": t.ingest_runs}[what]
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(table)).scalar_one())

    def article_page(self, limit: int, offset: int) -> list[Article]:
        with self.engine.connect() as conn:
            rows = (
                conn.execute(
                    select(t.articles).order_by(t.articles.c.seq).limit(limit).offset(offset)
                )
                .mappings()
                .all()
            )
            dups: dict[str, str] = {r[0]: r[1] for r in conn.execute(select(t.duplicates))}
        return [_article(row, dups.get(row["id"])) for row in rows]

    def outlets(self) -> list[str]:
        """Every outlet a story lists (as the report names them), for the story list's filter."""
        with self.engine.connect() as conn:
            names = [str(r[0]) for r in conn.execute(select(t.story_outlets.c.outlet).distinct())]
        return sorted(names, key=str.casefold)

    def search(self, query: str) -> set[str]:
        """Stories whose title or any article's title or text holds every word of ``query``."""
        with self.engine.connect() as conn:
            return {
                str(r[0])
                for r in conn.execute(select(t.stories.c.id).where(and_(*self._search(query))))
            }

    def _search(self, query: str) -> list[Any]:
        """At most ``MAX_SEARCH_WORDS`` distinct words, each cut to 200 characters: past that
        SQLite refuses the statement (expression depth, LIKE pattern length)."""
        words = list(dict.fromkeys(w.lower()[:200] for w in query.split()))[:MAX_SEARCH_WORDS]
        cond = []
        for w in words:
            in_article = (
                select(t.story_articles.c.story_id)
                .join(t.articles, t.articles.c.id == t.story_articles.c.article_id)
                .where(t.story_articles.c.story_id == t.stories.c.id)
                .where(
                    or_(
                        func.lower(t.articles.c.text).contains(w, autoescape=True),
                        func.lower(t.articles.c.title).contains(w, autoescape=True),
                    )
                )
                .exists()
            )
            cond.append(or_(func.lower(t.stories.c.title).contains(w, autoescape=True), in_article))
        return cond

    def _filters(
        self,
        q: str | None,
        outlet: str | None,
        since: date | None,
        until: date | None,
        min_articles: int,
    ) -> list[Any]:
        """Story list filters as SQL; dates compare in UTC, so stories from any zone order right.

        ``since`` keeps stories last seen on or after that day, ``until`` those first seen on
        or before it (a story without one date is judged by the other, without both: dropped).
        """
        cond: list[Any] = []
        if q:
            cond.extend(self._search(q))
        if outlet:
            cond.append(
                select(t.story_outlets.c.story_id)
                .where(t.story_outlets.c.story_id == t.stories.c.id)
                .where(t.story_outlets.c.outlet == outlet)
                .exists()
            )
        if min_articles > 1:
            cond.append(t.stories.c.n_articles >= min_articles)
        if since is not None:
            start = datetime.combine(since, datetime.min.time(), tzinfo=UTC).timestamp()
            cond.append(func.coalesce(t.stories.c.last_ts, t.stories.c.first_ts) >= start)
        if until is not None:
            end = datetime.combine(until, datetime.min.time(), tzinfo=UTC).timestamp() + 86400
            cond.append(func.coalesce(t.stories.c.first_ts, t.stories.c.last_ts) < end)
        return cond

    def count_stories(
        self,
        *,
        q: str | None = None,
        outlet: str | None = None,
        since: date | None = None,
        until: date | None = None,
        min_articles: int = 1,
    ) -> int:
        cond = self._filters(q, outlet, since, until, min_articles)
        with self.engine.connect() as conn:
            return int(
                conn.execute(
                    select(func.count()).select_from(t.stories).where(and_(True, *cond))
                ).scalar_one()
            )

    def story_rows(
        self,
        *,
        q: str | None = None,
        outlet: str | None = None,
        since: date | None = None,
        until: date | None = None,
        min_articles: int = 1,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[StoryRow]:
        """Stories, biggest first (the order a report lists them); filtered and paged in SQL."""
        cond = self._filters(q, outlet, since, until, min_articles)
        query = (
            select(t.stories)
            .where(and_(True, *cond))
            .order_by(t.stories.c.n_articles.desc(), t.stories.c.id)
            .offset(offset)
        )
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings()
            return [
                StoryRow(
                    id=r["id"],
                    title=r["title"],
                    first_seen=_dt(r["first_seen"]),
                    last_seen=_dt(r["last_seen"]),
                    n_articles=r["n_articles"],
                    outlets=json.loads(r["outlets"]),
                    analysed_at=datetime.fromisoformat(r["analysed_at"]),
                )
                for r in rows
            ]

    def resolve(self, story_id: str) -> str:
        """The full id of a story from its id or a unique prefix of it."""
        with self.engine.connect() as conn:
            ids = [
                r[0]
                for r in conn.execute(
                    select(t.stories.c.id).where(
                        t.stories.c.id.startswith(story_id, autoescape=True)
                    )
                )
            ]
        if story_id in ids:
            return story_id
        if len(ids) == 1:
            return str(ids[0])
        if not ids:
            raise StoreError(f"no story {story_id!r} in the store")
        raise StoreError(f"{story_id!r} matches {len(ids)} stories; give more characters")

    def story(self, story_id: str) -> Story:
        """The analysed story exactly as the pipeline made it (raises StoreError if unknown)."""
        sid = self.resolve(story_id)
        with self.engine.connect() as conn:
            row = conn.execute(select(t.stories).where(t.stories.c.id == sid)).mappings().one()
            member_ids = [
                r[0]
                for r in conn.execute(
                    select(t.story_articles.c.article_id)
                    .where(t.story_articles.c.story_id == sid)
                    .order_by(t.story_articles.c.position)
                )
            ]

            def items(table: Any) -> list[str]:
                return [
                    r[0]
                    for r in conn.execute(
                        select(table.c.data)
                        .where(table.c.story_id == sid)
                        .order_by(table.c.position)
                    )
                ]

            summary = [SummarySentence.model_validate_json(d) for d in items(t.summary_sentences)]
            quotes = [Quote.model_validate_json(d) for d in items(t.quotes)]
            claims = [Claim.model_validate_json(d) for d in items(t.claims)]
            conflicts = [Conflict.model_validate_json(d) for d in items(t.conflicts)]
            signal_rows = conn.execute(
                select(t.signals.c.article_id, t.signals.c.name, t.signals.c.data)
                .where(t.signals.c.story_id == sid)
                .order_by(t.signals.c.position)
            ).all()
        by_id = {a.id: a for a in self.articles(member_ids)}
        sources: dict[str, dict[str, Signal]] = {}
        for article_id, name, data in signal_rows:
            sources.setdefault(article_id, {})[name] = Signal.model_validate_json(data)
        return Story(
            id=sid,
            title=row["title"],
            first_seen=_dt(row["first_seen"]),
            last_seen=_dt(row["last_seen"]),
            articles=[by_id[i] for i in member_ids],
            summary=summary,
            quotes=quotes,
            claims=claims,
            conflicts=conflicts,
            sources=[SourceSignals(article=a, signals=s) for a, s in sources.items()],
        )

    def report(self, story_ids: Sequence[str] | None = None) -> Report:
        """A report of the given stories (all when None), as ``analyze`` would have written it."""
        ids = list(story_ids) if story_ids is not None else [r.id for r in self.story_rows()]
        return Report(stories=[self.story(i) for i in ids])


def _signal_rows(sources: list[SourceSignals]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for src in sources:
        for name, signal in src.signals.items():
            rows.append(
                {
                    "position": len(rows),
                    "article_id": src.article,
                    "name": name,
                    "data": signal.model_dump_json(),
                }
            )
    return rows


def _article_row(
    a: Article, fmt: str, fetched_at: datetime | None, digest: str, run_id: int
) -> dict[str, Any]:
    return {
        "id": a.id,
        "content_hash": digest,
        "run_id": run_id,
        "source": a.source,
        "format": fmt,
        "fetched_at": _iso(fetched_at),
        "added_at": _now(),
        "outlet": a.outlet,
        "title": a.title,
        "byline": a.byline,
        "published": _iso(a.published),
        "url": a.url,
        "language": a.language,
        "words": a.words,
        "text": a.text,
        "raw": a.raw,
        "segments": json.dumps([[s.text_start, s.raw_start, s.length] for s in a.segments]),
        "boilerplate_chars": a.boilerplate_chars,
        "genre": a.genre,
        "wire": a.wire,
        "input_id": a.input_id,
        "notes": json.dumps(a.notes),
        "removed": json.dumps([[r.raw_span[0], r.raw_span[1], r.text] for r in a.removed]),
    }


def _article(row: Any, duplicate_of: str | None) -> Article:
    return Article(
        id=row["id"],
        outlet=row["outlet"],
        title=row["title"],
        byline=row["byline"],
        published=_dt(row["published"]),
        url=row["url"],
        source=row["source"],
        language=row["language"],
        words=row["words"],
        duplicate_of=duplicate_of,
        text=row["text"],
        raw=row["raw"],
        segments=[
            Segment(text_start=s, raw_start=r, length=n) for s, r, n in json.loads(row["segments"])
        ],
        boilerplate_chars=row["boilerplate_chars"],
        genre=row["genre"],
        wire=row["wire"],
        input_id=row["input_id"],
        notes=json.loads(row["notes"]),
        removed=[Removed(raw_span=(s, e), text=t) for s, e, t in json.loads(row["removed"])],
    )
