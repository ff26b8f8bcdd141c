"""Web UI and JSON API over a StoryLens store: ``storylens serve --db FILE``."""

from storylens.web.app import create_app

__all__ = ["create_app"]
