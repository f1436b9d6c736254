"""Page arguments and the envelope every list comes in."""

from __future__ import annotations

import math
from typing import Any

import marshmallow as ma

MAX_PAGE_SIZE = 200
# Far beyond any list's last page, and small enough that an offset stays 64-bit.
MAX_PAGE = 1_000_000_000


class PageArgs(ma.Schema):
    """``page`` (1 to a billion) and ``page_size`` (1 to 200) query arguments."""

    page = ma.fields.Integer(
        load_default=1, validate=ma.validate.Range(min=1, max=MAX_PAGE)
    )
    page_size = ma.fields.Integer(
        load_default=50, validate=ma.validate.Range(min=1, max=MAX_PAGE_SIZE)
    )


def page_schema(item_schema: type[ma.Schema], name: str) -> type[ma.Schema]:
    """A schema for one page of ``item_schema`` items, with the totals."""
    return ma.Schema.from_dict(
        {
            "items": ma.fields.List(ma.fields.Nested(item_schema)),
            "page": ma.fields.Integer(),
            "page_size": ma.fields.Integer(),
            "total": ma.fields.Integer(),
            "pages": ma.fields.Integer(),
        },
        name=name,
    )


def page_of(items: list[Any], total: int, args: dict[str, int]) -> dict[str, Any]:
    """The envelope for one page of a list of ``total`` items."""
    return {
        "items": items,
        "page": args["page"],
        "page_size": args["page_size"],
        "total": total,
        "pages": math.ceil(total / args["page_size"]),
    }


def offset_limit(args: dict[str, int]) -> dict[str, int]:
    """SQL offset and limit for the requested page."""
    return {
        "offset": (args["page"] - 1) * args["page_size"],
        "limit": args["page_size"],
    }
