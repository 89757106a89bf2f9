"""The HTML pages: home, customer capture, demo shop with the size widget, tailor workspace,
log in and out. Each view only picks a template and what it shows."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from fitsvc import app_services
from fitsvc.api.access import public
from fitsvc.web import demo, session

bp = Blueprint("web", __name__)

BLOCKS = ("bodice", "sleeve", "skirt", "trousers", "shirt")
CHARTS = ("womens_eu", "mens_eu")
TAILOR_ROLES = {"tailor", "admin"}


@bp.route("/")
@public
def home() -> str:
    return render_template("home.html", user=session.current())


@bp.route("/scan")
@public
def scan() -> str:
    """The capture page; it reads its customer token from the link (``#token=…``)."""
    return render_template("scan.html", user=session.current())


@bp.route("/demo/shop")
@public
def demo_shop() -> str:
    """A product page of the demo shop with the size widget; its back end (this view) issues
    the visitor a customer token, as a real shop's back end would."""
    if not current_app.config.get("DEMO", True):
        abort(404)
    svc = app_services(current_app)
    return render_template("shop.html", token=demo.visitor_token(svc.engine, svc.secret_key),
                           product=demo.product(svc.engine), user=session.current())


@bp.route("/tailor")
@public
def tailor() -> Any:
    user = session.current()
    if user is None or user["role"] not in TAILOR_ROLES:
        return redirect(url_for("web.login", next="/tailor"))
    return render_template("tailor.html", user=user, blocks=BLOCKS, charts=CHARTS)


@bp.route("/login", methods=["GET", "POST"])
@public
def login() -> Any:
    target = request.args.get("next", "/")
    if not target.startswith("/") or target.startswith("//"):
        target = "/"  # never redirect off this site
    error = None
    if request.method == "POST":
        who = session.log_in(app_services(current_app).engine, request.form.get("key", ""))
        if who is not None:
            return redirect(target)
        error = "That key is unknown or revoked."
    return render_template("login.html", error=error, next=target, user=None), (
        401 if error else 200)


@bp.route("/logout", methods=["POST"])
@public
def logout() -> Response:
    session.log_out()
    return redirect(url_for("web.home"))
