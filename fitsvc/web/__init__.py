"""Web pages for the three users: customer capture, storefront widget demo, tailor workspace.

Server-rendered Jinja templates with small vanilla JavaScript (``fitsvc/static``); every
asset is served by the app. Pages call the same JSON API as everyone else: the capture page
and the widget with a customer token, the tailor workspace with a logged-in session.
"""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from fitsvc.web import apidocs, pages

    app.register_blueprint(pages.bp)
    app.register_blueprint(apidocs.bp)
