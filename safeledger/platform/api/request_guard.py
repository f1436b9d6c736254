"""Refuse hostile request bodies and parameters before any view parses them.

Every string of a JSON body (keys too), every query parameter and every form
field passes the same text check as the schemas' fields, so no control
character reaches an event whatever schema a route uses. A body nested deeper
than any request needs, or holding numbers no store can keep, gets a 400 rather
than a parser's recursion or conversion error (a 500).
"""

from __future__ import annotations

import json
from typing import Any, NoReturn

from flask import Flask, request
from flask_smorest import abort

from safeledger.platform.api.fields import MAX_INTEGER, text_problem

API_PREFIX = "/api/"
# No command nests deeper than a handful of levels; 32 is generous and far from
# the parser's recursion limit.
MAX_DEPTH = 32
# Digits of a JSON number: a 64-bit integer has 19; a float needs no more.
MAX_DIGITS = 40


def init_request_guard(app: Flask) -> None:
    """Check every API request's parameters and body before its view runs."""
    app.before_request(guard_request)


def guard_request() -> None:
    """Refuse control characters, deep nesting and huge numbers in a request."""
    if not request.path.startswith(API_PREFIX):
        return
    for name, value in request.args.items(multi=True):
        _check_text(value, f"query.{name}", one_line=True)
        _check_text(name, f"query.{name}", one_line=True)
    if request.is_json and request.content_length != 0:
        _walk(_parse_json(request.get_data(cache=True)), "json", 0)
    elif request.mimetype in (
        "multipart/form-data",
        "application/x-www-form-urlencoded",
    ):
        for name, value in request.form.items(multi=True):
            _check_text(value, f"form.{name}")
        for name, upload in request.files.items(multi=True):
            _check_text(upload.filename or "", f"files.{name}", one_line=True)


def _parse_json(data: bytes) -> Any:
    if not data:
        return None
    try:
        return json.loads(
            data,
            parse_int=_whole,
            parse_float=_real,
            parse_constant=_constant,
        )
    except _Refused as error:
        _refuse(400, "json", str(error))
    except RecursionError:
        _refuse(400, "json", f"nested more than {MAX_DEPTH} levels deep")
    except ValueError as error:  # JSONDecodeError and UnicodeDecodeError too
        _refuse(400, "json", f"not valid JSON in UTF-8: {error}")


class _Refused(ValueError):
    pass


def _whole(digits: str) -> int:
    # Beyond 40 digits the number is refused before Python converts it (slowly,
    # or not at all past 4,300 digits); a smaller one that no store can keep is
    # refused by ``_walk``, naming its field.
    if len(digits.lstrip("-")) > MAX_DIGITS:
        raise _Refused(f"the number {digits[:20]}… has too many digits")
    return int(digits)


def _real(digits: str) -> float:
    number = float(digits) if len(digits) <= MAX_DIGITS else float("inf")
    if number in (float("inf"), float("-inf")):
        raise _Refused(f"the number {digits[:20]}… has too many digits")
    return number


def _constant(name: str) -> NoReturn:
    raise _Refused(f"{name} is not a number JSON allows")


def _walk(value: Any, where: str, depth: int) -> None:
    if depth > MAX_DEPTH:
        _refuse(400, "json", f"nested more than {MAX_DEPTH} levels deep")
    if isinstance(value, str):
        _check_text(value, where)
    elif isinstance(value, int) and abs(value) > MAX_INTEGER:
        _refuse(422, where, f"must be at most {MAX_INTEGER}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _walk(item, f"{where}.{index}", depth + 1)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(key, f"{where}.{key!r}", one_line=True)
            _walk(item, f"{where}.{key}", depth + 1)


def _check_text(value: str, where: str, *, one_line: bool = False) -> None:
    problem = text_problem(value, one_line=one_line)
    if problem is not None:
        _refuse(422, where, problem)


def _refuse(status: int, where: str, problem: str) -> NoReturn:
    # A hostile name must not be echoed as it came: show its escapes instead.
    if text_problem(where) is not None:
        where = where.encode("unicode_escape", "backslashreplace").decode("ascii")
    location, _, field = where.partition(".")
    errors = {location: {field: [problem]}} if field else {location: [problem]}
    abort(status, message=f"{where}: {problem}", errors=errors)
