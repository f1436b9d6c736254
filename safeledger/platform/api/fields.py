"""Fields and validators for what the platform will store from a request.

Text is stored in events for ever and copied into read models on PostgreSQL,
which refuses NUL: one stray control character would stop a projection for every
tenant of a shard. So text is checked here, once, for every field; whole numbers
are whole numbers (never a float or a string silently cut down), and times and
numbers stay within what the stores and Python's calendar can hold.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import marshmallow as ma

from safeledger.tenants.values import NOT_TEXT

# The domain's own rule (control characters, lone surrogates), checked at the edge
# too so the answer names the field before any command runs.
_NOT_TEXT = NOT_TEXT
_NOT_ONE_LINE = re.compile(r"[\t\n\r\u2028\u2029]")

# Whole numbers the stores hold: a signed 64-bit integer.
MAX_INTEGER = 2**63 - 1
# Times far enough apart for any record and far enough from the calendar's ends
# that converting zones or adding a deadline's days cannot overflow.
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)


def text_problem(value: str, *, one_line: bool = False) -> str | None:
    """Why ``value`` cannot be stored as text, or None if it can."""
    found = _NOT_TEXT.search(value)
    if found is None and one_line:
        found = _NOT_ONE_LINE.search(value)
    if found is None:
        return None
    return (
        f"must not contain control characters (U+{ord(found.group()):04X} "
        f"at position {found.start()})"
    )


class PlainText(ma.validate.Validator):
    """Refuse control characters (tab and new lines only where text allows them)."""

    def __init__(self, *, one_line: bool = False) -> None:
        self.one_line = one_line

    def __call__(self, value: str) -> str:
        """Return ``value`` if it is plain text; raise a ValidationError if not."""
        problem = text_problem(value, one_line=self.one_line)
        if problem is not None:
            raise ma.ValidationError(problem)
        return value


class Whole(ma.fields.Integer):
    """A whole number sent as a JSON number: never 12.5, never "860"."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("validate", ma.validate.Range(min=-MAX_INTEGER))
        super().__init__(strict=True, **kwargs)

    def _validated(self, value: Any) -> int:
        # bool is an int to Python, never a count to a person.
        if isinstance(value, bool):
            raise self.make_error("invalid")
        number = super()._validated(value)
        if abs(number) > MAX_INTEGER:
            raise ma.ValidationError(f"must be at most {MAX_INTEGER}")
        return number


def bounded(validator: ma.validate.Range) -> list[ma.validate.Validator]:
    """``validator`` with a 64-bit upper limit if it has none."""
    if validator.max is None:
        return [validator, ma.validate.Range(max=MAX_INTEGER)]
    return [validator]


class Moment(ma.fields.AwareDateTime):
    """An ISO 8601 time with a zone, between 1900 and 2200."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> Any:
        moment = super()._deserialize(value, attr, data, **kwargs)
        try:
            inside = EARLIEST <= moment.astimezone(UTC) < LATEST
        except OverflowError:
            inside = False
        if not inside:
            raise ma.ValidationError("must be between 1900 and 2200")
        return moment
