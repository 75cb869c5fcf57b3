"""The context names every script sees (DESIGN 1.4): versions, confirm, _, checkpoint, the schemas,
sqlcursor and repo."""
from __future__ import annotations

from . import context_value, primitive


@context_value("interactive_mode")
def interactive_mode(ctx):
    return ctx.interactive


@context_value("appltemplversion")
def appltemplversion(ctx):
    return ctx.versions["appltemplversion"]


@context_value("applerudiversion")
def applerudiversion(ctx):
    return ctx.versions["applerudiversion"]


@context_value("templversion")
def templversion(ctx):
    return ctx.versions["templversion"]


@context_value("erudiversion")
def erudiversion(ctx):
    return ctx.versions["erudiversion"]


@context_value("repo_schema")
def repo_schema(ctx):
    return ctx.repo_schema


@context_value("newschema")
def newschema(ctx):
    return ctx.newschema


@context_value("sqlcursor")
def sqlcursor(ctx):
    return ctx.db.cursor()


@context_value("repo")
def repo(ctx):
    return ctx.repository


@primitive("confirm")
def confirm(ctx, question):
    return ctx.confirm(question)


@primitive("_")
def _(ctx, msg):
    return msg


@primitive("checkpoint")
def checkpoint(ctx, ask_confirm=True):
    ctx.checkpoint(ask_confirm)
