"""The web UI and JSON API over a store (FastAPI, server-rendered Jinja2, a little vanilla JS).

Article text is untrusted input. Every page goes through Jinja2 with autoescaping, and every
response carries a Content-Security-Policy that allows no inline script at all: scripts only
from ``/static/``, styles only from ``/static/`` or the one hashed ``<style>`` block of the
report page. Whatever an article holds (``<script>``, ``onerror=``, ``javascript:`` links),
the browser shows it as text and runs nothing.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, fields
from datetime import date, datetime
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import FastAPI, HTTPException, Query, Request, Response
from fastapi.responses import HTMLResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, StrictUndefined
from pydantic import BaseModel, Field
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint

from storylens import __version__
from storylens.records import Article, Report, Story
from storylens.report import render_html, render_json, render_markdown
from storylens.report._shared import fmt_dt
from storylens.store import Store, StoreError, StoryRow

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'{extra}; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
_STYLE_BLOCK = re.compile(r"<style>(.*?)</style>", re.DOTALL)
PAGE_SIZE = 20


class StorySummary(BaseModel):
    """One line of the story list: enough to choose a story without loading it."""

    id: str
    title: str
    first_seen: datetime | None
    last_seen: datetime | None
    articles: int
    outlets: list[str]
    analysed_at: datetime
    url: str = Field(description="API address of the full story")


class StoryPage(BaseModel):
    items: list[StorySummary]
    total: int
    limit: int
    offset: int
    next: str | None = Field(description="Address of the next page, or null on the last")


class ArticleSummary(BaseModel):
    id: str
    outlet: str | None
    title: str | None
    published: datetime | None
    source: str
    url: str | None
    words: int
    duplicate_of: str | None


class ArticlePage(BaseModel):
    items: list[ArticleSummary]
    total: int
    limit: int
    offset: int
    next: str | None


class Health(BaseModel):
    status: str
    database: str
    stories: int
    articles: int
    version: str


class _SecurityHeaders(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP.format(extra=""))
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response


@cache
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("storylens.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["dt"] = fmt_dt
    return env


def _summary(row: StoryRow) -> StorySummary:
    return StorySummary(
        id=row.id,
        title=row.title,
        first_seen=row.first_seen,
        last_seen=row.last_seen,
        articles=row.n_articles,
        outlets=row.outlets,
        analysed_at=row.analysed_at,
        url=f"/api/stories/{row.id}",
    )


MAX_Q_WORDS = 20
MAX_Q_CHARS = 500
MAX_OFFSET = 10**12  # far past any store; SQLite's OFFSET is a 64-bit integer


@dataclass(frozen=True)
class StoryFilters:
    """The story-list filters the API and the index page share, as the store takes them."""

    q: str | None
    outlet: str | None
    since: date | None
    until: date | None
    min_articles: int

    def asdict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _bounded_q(q: str | None) -> str | None:
    """Each word is a LIKE over every article: thousands of them pass SQLite's expression-depth
    and pattern limits (a 500 before this) and cost the server."""
    if q and (len(q) > MAX_Q_CHARS or len(q.split()) > MAX_Q_WORDS):
        raise HTTPException(
            status_code=400,
            detail=f"q is limited to {MAX_Q_WORDS} words and {MAX_Q_CHARS} characters",
        )
    return q or None


def _next(request: Request, offset: int, limit: int, total: int) -> str | None:
    if offset + limit >= total:
        return None
    params = dict(request.query_params)
    params.update(offset=str(offset + limit), limit=str(limit))
    return f"{request.url.path}?{urlencode(params)}"


def style_hash(html: str) -> str:
    """The CSP source for the page's one ``<style>`` block, so no 'unsafe-inline' is needed."""
    m = _STYLE_BLOCK.search(html)
    body = m.group(1) if m else ""
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def story_page(story: Story) -> str:
    """The report page of one story, with the web UI's navigation and interaction added.

    The body is exactly what ``storylens show --format html`` prints; only a header bar, a
    stylesheet and a script are inserted, at fixed places in the template's skeleton.
    """
    html = render_html(Report(stories=[story]))
    head = (
        '<link rel="stylesheet" href="/static/story.css">\n'
        '<script src="/static/story.js" defer></script>\n</head>'
    )
    bar = (
        '<body>\n<div class="sl-bar"><a href="/">← All stories</a>'
        f'<span>Download: <a href="/stories/{story.id}/report.json">JSON</a> · '
        f'<a href="/stories/{story.id}/report.md">Markdown</a> · '
        f'<a href="/stories/{story.id}/report.html">HTML</a></span></div>'
    )
    return html.replace("</head>", head, 1).replace("<body>", bar, 1)


def create_app(store: Store | str | Path) -> FastAPI:
    """The ASGI app; ``store`` is an open ``Store`` or what ``--db`` accepts."""
    db = store if isinstance(store, Store) else Store(store)
    app = FastAPI(
        title="StoryLens",
        version=__version__,
        description="Stories, quotes, claims, conflicts and signals from a StoryLens store. "
        "Every span is [start, end) into its article's text.",
        docs_url=None,  # Swagger UI loads assets from a CDN, which the CSP (and offline use) forbid
        redoc_url=None,
    )
    app.add_middleware(_SecurityHeaders)
    app.mount("/static", StaticFiles(directory=str(files("storylens.web") / "static")), "static")
    app.state.store = db

    def load(story_id: str) -> Story:
        try:
            return db.story(story_id)
        except StoreError as exc:
            raise HTTPException(status_code=404, detail=str(exc)) from exc

    # --- JSON API ---------------------------------------------------------------------

    @app.get("/api/health", response_model=Health, tags=["meta"])
    def health() -> Health:
        return Health(
            status="ok",
            database=db.dialect,
            stories=db.count("stories"),
            articles=db.count("articles"),
            version=__version__,
        )

    @app.get("/api/stories", response_model=StoryPage, tags=["stories"])
    def api_stories(
        request: Request,
        q: Annotated[str | None, Query(description="Words in a title or article text")] = None,
        outlet: str | None = None,
        since: Annotated[date | None, Query(description="Last seen on or after (UTC)")] = None,
        until: Annotated[date | None, Query(description="First seen on or before (UTC)")] = None,
        min_articles: Annotated[int, Query(ge=1, le=MAX_OFFSET)] = 1,
        limit: Annotated[int, Query(ge=1, le=200)] = PAGE_SIZE,
        offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    ) -> StoryPage:
        filters = StoryFilters(_bounded_q(q), outlet, since, until, min_articles)
        total = db.count_stories(**filters.asdict())
        rows = db.story_rows(**filters.asdict(), limit=limit, offset=offset)
        return StoryPage(
            items=[_summary(r) for r in rows],
            total=total,
            limit=limit,
            offset=offset,
            next=_next(request, offset, limit, total),
        )

    @app.get("/api/stories/{story_id}", response_model=Story, tags=["stories"])
    def api_story(story_id: str) -> Story:
        return load(story_id)

    @app.get("/api/stories/{story_id}/report", response_model=Report, tags=["stories"])
    def api_report(story_id: str) -> Report:
        return Report(stories=[load(story_id)])

    @app.get("/api/articles", response_model=ArticlePage, tags=["articles"])
    def api_articles(
        request: Request,
        limit: Annotated[int, Query(ge=1, le=200)] = PAGE_SIZE,
        offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    ) -> ArticlePage:
        total = db.count("articles")
        items = [
            ArticleSummary(**a.model_dump(include=set(ArticleSummary.model_fields)))
            for a in db.article_page(limit, offset)
        ]
        return ArticlePage(
            items=items,
            total=total,
            limit=limit,
            offset=offset,
            next=_next(request, offset, limit, total),
        )

    @app.get("/api/articles/{article_id}", response_model=Article, tags=["articles"])
    def api_article(article_id: str) -> Article:
        found = db.articles([article_id])
        if not found:
            raise HTTPException(status_code=404, detail=f"no article {article_id!r}")
        return found[0]

    # --- pages ------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(
        request: Request,
        q: str | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        min_articles: str | None = None,
        page: str | None = None,
    ) -> HTMLResponse:
        since_d, until_d = _date(since), _date(until)
        size = max(1, _int(min_articles, 1))
        number = max(1, _int(page, 1))
        q, outlet = _bounded_q(q), outlet or None
        filters = StoryFilters(q, outlet, since_d, until_d, size)
        matching = db.count_stories(**filters.asdict())
        pages = max(1, -(-matching // PAGE_SIZE))
        number = min(number, pages)
        shown = db.story_rows(**filters.asdict(), limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE)
        params = {
            k: v
            for k, v in {
                "q": q or "",
                "outlet": outlet or "",
                "since": since_d.isoformat() if since_d else "",
                "until": until_d.isoformat() if until_d else "",
                "min_articles": str(size) if size > 1 else "",
            }.items()
            if v
        }

        def page_url(n: int) -> str:
            return "/?" + urlencode({**params, "page": str(n)})

        html = (
            _env()
            .get_template("index.html")
            .render(
                stories=shown,
                total=matching,
                all_total=db.count("stories"),
                outlets=db.outlets(),
                params=params,
                page=number,
                pages=pages,
                prev_url=page_url(number - 1) if number > 1 else None,
                next_url=page_url(number + 1) if number < pages else None,
                articles=db.count("articles"),
            )
        )
        return HTMLResponse(html)

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story(story_id: str) -> Response:
        try:
            found = db.story(story_id)
        except StoreError as exc:
            html = _env().get_template("missing.html").render(message=str(exc))
            return HTMLResponse(html, status_code=404)
        page = story_page(found)
        response = HTMLResponse(page)
        response.headers["Content-Security-Policy"] = CSP.format(extra=" " + style_hash(page))
        return response

    @app.get("/stories/{story_id}/report.{fmt}", include_in_schema=False)
    def download(story_id: str, fmt: str) -> Response:
        report = Report(stories=[load(story_id)])
        name = f'attachment; filename="{report.stories[0].id}.{fmt}"'
        if fmt == "json":
            return Response(render_json(report), media_type="application/json")
        if fmt == "md":
            return PlainTextResponse(
                render_markdown(report),
                media_type="text/markdown; charset=utf-8",
                headers={"Content-Disposition": name},
            )
        if fmt == "html":
            page = render_html(report)
            return HTMLResponse(
                page,
                headers={
                    "Content-Disposition": name,
                    "Content-Security-Policy": CSP.format(extra=" " + style_hash(page)),
                },
            )
        raise HTTPException(status_code=404, detail=f"unknown format {fmt}")

    return app


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value else default
    except ValueError:
        return default
