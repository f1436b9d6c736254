"""The domain's vocabularies and the small value checks the aggregates share.

Each helper turns a caller's value into the JSON-friendly form events store (enum
members as their values, documents as SHA-256 hex digests), or raises a named
:class:`~safeledger.tenants.errors.InvalidValueError`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from enum import Enum, StrEnum
from typing import Any, TypeVar
from uuid import UUID

from safeledger.tenants import context
from safeledger.tenants.errors import InvalidValueError

E = TypeVar("E", bound=Enum)

# Campus schedules are wall-clock times in China, which keeps no daylight saving.
CHINA_TIME = timezone(timedelta(hours=8), "CST")

_SHA256_HEX = re.compile(r"[0-9a-f]{64}")
_HH_MM = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")


class CounterpartyKind(StrEnum):
    CHILD_TENANT = "child_tenant"
    STAFF = "staff"
    GUARDIAN = "guardian"


class HazardCategory(StrEnum):
    FIRE = "fire"
    BUILDING = "building"
    ELECTRICAL = "electrical"
    FOOD = "food"
    WATER = "water"
    TRAFFIC = "traffic"
    LABORATORY = "laboratory"
    EQUIPMENT = "equipment"
    PUBLIC_ORDER = "public_order"
    OTHER = "other"


class HazardSeverity(StrEnum):
    GENERAL = "general"
    MAJOR = "major"


class DrillKind(StrEnum):
    FIRE = "fire"
    EARTHQUAKE = "earthquake"
    STAMPEDE = "stampede"
    ANTI_TERROR = "anti_terror"
    FLOOD_TYPHOON = "flood_typhoon"
    SCHOOL_BUS_EVACUATION = "school_bus_evacuation"
    OTHER = "other"


class IncidentCategory(StrEnum):
    TRAFFIC = "traffic"
    DROWNING = "drowning"
    FIRE = "fire"
    STAMPEDE = "stampede"
    VIOLENCE = "violence"
    FOOD_POISONING = "food_poisoning"
    BUILDING = "building"
    SPORTS_INJURY = "sports_injury"
    NATURAL_DISASTER = "natural_disaster"
    PUBLIC_HEALTH = "public_health"
    OTHER = "other"


# 一般 / 较大 / 重大 / 特别重大
class IncidentSeverity(StrEnum):
    GENERAL = "general"
    MAJOR = "major"
    SERIOUS = "serious"
    ESPECIALLY_SERIOUS = "especially_serious"


class ReportChannel(StrEnum):
    VERBAL = "verbal"
    WRITTEN = "written"


class PlaceKind(StrEnum):
    BUILDING = "building"
    FLOOR = "floor"
    GATE = "gate"
    CANTEEN = "canteen"
    DORMITORY = "dormitory"
    PLAYGROUND = "playground"
    WATERSIDE = "waterside"
    ROUTE = "route"
    OTHER = "other"


class NaiveDateTimeError(InvalidValueError):
    """A time without a zone means different moments to different readers."""

    rule = "timezone_aware"


class FutureTimeError(InvalidValueError):
    """Something that has happened cannot have happened after the server's now."""

    rule = "not_in_future"


class DigestFormatError(InvalidValueError):
    """Documents are referred to by the lower-case hex SHA-256 of their bytes."""

    rule = "sha256_hex_digest"


class MissingDocumentsError(InvalidValueError):
    """The record needs its documents or photos, by digest."""

    rule = "documents_required"


class UnknownChoiceError(InvalidValueError):
    """The value is not one of the listed choices."""

    rule = "known_choice"


class OutOfRangeError(InvalidValueError):
    """A number is outside the range the domain accepts."""

    rule = "within_range"


class ReasonRequiredError(InvalidValueError):
    """Changing what was agreed or planned needs a stated reason."""

    rule = "reason_required"
    field = "reason"


class TimeSlotError(InvalidValueError):
    """A weekly slot is a weekday 1-7 and two different HH:MM times."""

    rule = "weekly_time_slot"
    field = "slots"


def aware(value: datetime, field: str) -> datetime:
    """Refuse a datetime without a timezone."""
    if not isinstance(value, datetime):
        raise NaiveDateTimeError(f"{field} must be a date and time", field=field)
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDateTimeError(f"{field} must include a timezone", field=field)
    return value


def not_in_future(value: datetime, field: str) -> datetime:
    """Refuse a time that is later than the server's clock."""
    aware(value, field)
    if value > context.now():
        raise FutureTimeError(f"{field} cannot be in the future", field=field)
    return value


def digest(value: str | None, field: str) -> str:
    """A SHA-256 hex digest, lower-cased."""
    cleaned = (value or "").strip().lower()
    if not _SHA256_HEX.fullmatch(cleaned):
        raise DigestFormatError(
            f"{field} must be a SHA-256 digest in 64 hex characters", field=field
        )
    return cleaned


def digests(values: Iterable[str], field: str, *, at_least: int = 0) -> list[str]:
    """Distinct SHA-256 hex digests in the order given; at least ``at_least``."""
    cleaned = list(dict.fromkeys(digest(value, field) for value in values))
    if len(cleaned) < at_least:
        raise MissingDocumentsError(
            f"{field} needs at least {at_least} document digest(s)", field=field
        )
    return cleaned


def choice(kind: type[E], value: E | str, field: str) -> E:
    """The member of ``kind`` that ``value`` names."""
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(str(member.value) for member in kind)
        raise UnknownChoiceError(
            f"{field} must be one of: {allowed}", field=field
        ) from None


def count(value: int, field: str, *, minimum: int = 0, maximum: int = 10**6) -> int:
    """A whole number between ``minimum`` and ``maximum``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise OutOfRangeError(f"{field} must be a whole number", field=field)
    if not minimum <= value <= maximum:
        raise OutOfRangeError(
            f"{field} must be between {minimum} and {maximum}", field=field
        )
    return value


class ControlCharacterError(InvalidValueError):
    """Recorded text holds no control characters (tab and new lines aside)."""

    rule = "plain_text"


# C0 controls but tab, line feed and carriage return; DEL and C1 controls; lone
# surrogates (no UTF-8 for them); U+FFFE/U+FFFF. PostgreSQL refuses NUL in text,
# so one stored in an event would stop every projection that copies it.
NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def plain_text(value: str, field: str) -> str:
    """``value`` if it holds no control characters; else ControlCharacterError."""
    found = NOT_TEXT.search(value)
    if found is not None:
        raise ControlCharacterError(
            f"{field} must not contain control characters "
            f"(U+{ord(found.group()):04X} at position {found.start()})",
            field=field,
        )
    return value


def given_reason(
    value: str | None, field: str = "reason", max_length: int = 1000
) -> str:
    """A non-blank reason of at most ``max_length`` characters."""
    cleaned = (value or "").strip()
    if not cleaned or len(cleaned) > max_length:
        raise ReasonRequiredError(
            f"{field} must be given, in at most {max_length} characters", field=field
        )
    return plain_text(cleaned, field)


@dataclass(frozen=True)
class TimeSlot:
    """A weekly slot, e.g. Monday 07:30-08:10; ending before it starts = overnight."""

    weekday: int
    start: str
    end: str

    @classmethod
    def parse(cls, raw: TimeSlot | dict[str, Any]) -> TimeSlot:
        """Check a slot given as a TimeSlot or as ``{weekday, start, end}``."""
        if isinstance(raw, TimeSlot):
            raw = raw.as_dict()
        try:
            weekday, start, end = raw["weekday"], raw["start"], raw["end"]
        except (KeyError, TypeError):
            raise TimeSlotError("each slot needs weekday, start and end") from None
        if isinstance(weekday, bool) or weekday not in range(1, 8):
            raise TimeSlotError("weekday must be 1 (Monday) to 7 (Sunday)")
        for value in (start, end):
            if not isinstance(value, str) or not _HH_MM.fullmatch(value):
                raise TimeSlotError(f"{value!r} is not a time written as HH:MM")
        if start == end:
            raise TimeSlotError("a slot must end at a different time than it starts")
        return cls(weekday, start, end)

    def as_dict(self) -> dict[str, Any]:
        """The slot as it is stored in events."""
        return {"weekday": self.weekday, "start": self.start, "end": self.end}

    def covers(self, at: datetime) -> bool:
        """Whether the moment ``at`` falls in this slot, read as China time."""
        local = at.astimezone(CHINA_TIME)
        now = local.time()
        start, end = time.fromisoformat(self.start), time.fromisoformat(self.end)
        weekday = local.isoweekday()
        if start < end:
            return weekday == self.weekday and start <= now < end
        # Overnight duty: it starts on its weekday and ends the next morning.
        next_day = self.weekday % 7 + 1
        return (weekday == self.weekday and now >= start) or (
            weekday == next_day and now < end
        )


@dataclass
class Place:
    """A place on campus."""

    id: UUID
    code: str
    name: str
    kind: PlaceKind
    parent_id: UUID | None
    retired_at: datetime | None = None

    def active_at(self, at: datetime) -> bool:
        """Whether the place was in use at ``at``."""
        return self.retired_at is None or at < self.retired_at


@dataclass
class Assignment:
    """A person's duty on a place: in weekly slots (or always), from when until when."""

    id: UUID
    place_id: UUID
    person: str
    role: str
    slots: list[TimeSlot] | None
    valid_from: datetime
    valid_to: datetime | None

    def in_force(self, at: datetime) -> bool:
        """Whether the assignment runs at ``at`` (slots aside)."""
        return self.valid_from <= at and (self.valid_to is None or at < self.valid_to)

    def covers(self, at: datetime) -> bool:
        """Whether the person is on duty at ``at``."""
        if not self.in_force(at):
            return False
        return self.slots is None or any(slot.covers(at) for slot in self.slots)


def overlaps(
    start_a: datetime, end_a: datetime | None, start_b: datetime, end_b: datetime | None
) -> bool:
    """Whether two periods (an open end runs on for ever) share a moment."""
    return (end_b is None or start_a < end_b) and (end_a is None or start_b < end_a)
