"""The tenant hierarchy: province → city → county/district → school (属地管理).

Each tenant is an aggregate in its own ledger. A tenant's id is derived from its
province and its code, so a code can be registered only once in a province.
"""

from __future__ import annotations

from enum import StrEnum
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import event

from safeledger.tenants.errors import ConflictError, InvalidValueError
from safeledger.tenants.ledger import LedgerAggregate
from safeledger.tenants.values import plain_text

TENANT_NAMESPACE = uuid5(NAMESPACE_URL, "https://safeledger.example/tenants")


class TenantKind(StrEnum):
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"
    SCHOOL = "school"


class SchoolType(StrEnum):
    PRIMARY = "primary"
    JUNIOR_SECONDARY = "junior_secondary"
    SENIOR_SECONDARY = "senior_secondary"
    NINE_YEAR = "nine_year"
    COMPLETE_SECONDARY = "complete_secondary"
    KINDERGARTEN = "kindergarten"
    VOCATIONAL = "vocational"
    SPECIAL_EDUCATION = "special_education"


PARENT_KIND: dict[TenantKind, TenantKind | None] = {
    TenantKind.PROVINCE: None,
    TenantKind.CITY: TenantKind.PROVINCE,
    TenantKind.COUNTY: TenantKind.CITY,
    TenantKind.SCHOOL: TenantKind.COUNTY,
}


class ParentKindError(ConflictError):
    """A tenant may only sit directly under the level above its own."""

    rule = "parent_kind_fits"
    field = "parent_id"


class DuplicateCodeError(ConflictError):
    """Codes are unique within a province."""

    rule = "code_unique_in_province"
    field = "code"


class InactiveTenantError(ConflictError):
    """A deactivated tenant takes no children and no further changes."""

    rule = "tenant_active"


class HierarchyCycleError(ConflictError):
    """A tenant cannot be moved under itself or one of its descendants."""

    rule = "no_cycles"
    field = "parent_id"


class CrossProvinceMoveError(ConflictError):
    """A tenant moves only within its province, where its code is unique."""

    rule = "same_province"
    field = "parent_id"


def tenant_id_for(code: str, province_id: UUID | None) -> UUID:
    """The id of the tenant with ``code`` in ``province_id`` (None for a province)."""
    scope = "province" if province_id is None else province_id.hex
    return uuid5(TENANT_NAMESPACE, f"{scope}/{code}")


def clean_text(value: str, field: str, max_length: int) -> str:
    """Strip ``value`` and refuse it when blank or longer than ``max_length``."""
    value = (value or "").strip()
    if not value:
        raise InvalidValueError(f"{field} must not be blank", field=field)
    if len(value) > max_length:
        raise InvalidValueError(
            f"{field} must be at most {max_length} characters", field=field
        )
    return plain_text(value, field)


class Tenant(LedgerAggregate):
    """A province, city, county/district or school using SafeLedger."""

    @staticmethod
    def create_id(code: str, province_id: UUID | None) -> UUID:
        """Derive the id from the code, so a code is registered once per province."""
        return tenant_id_for(code, province_id)

    @event("Registered")
    def __init__(
        self,
        *,
        kind: str,
        code: str,
        name: str,
        parent_id: UUID | None,
        province_id: UUID | None,
        school_type: str | None,
        boarding: bool,
    ) -> None:
        self.kind = TenantKind(kind)
        self.code = code
        self.name = name
        self.parent_id = parent_id
        # A province is its own province.
        self.province_id = province_id or self.id
        self.school_type = SchoolType(school_type) if school_type else None
        self.boarding = boarding
        self.active = True

    @classmethod
    def register(
        cls,
        *,
        kind: TenantKind,
        code: str,
        name: str,
        parent: Tenant | None,
        school_type: SchoolType | None = None,
        boarding: bool = False,
    ) -> Tenant:
        """Register a tenant under ``parent`` (None only for a province)."""
        code = clean_text(code, "code", 32)
        name = clean_text(name, "name", 200)
        ensure_parent_fits(kind, parent)
        if kind is TenantKind.SCHOOL and school_type is None:
            raise InvalidValueError("a school needs a school_type", field="school_type")
        if kind is not TenantKind.SCHOOL and (school_type is not None or boarding):
            raise InvalidValueError(
                "only a school has a school_type or a boarding flag",
                field="school_type",
            )
        province_id = parent.province_id if parent else None
        return cls(
            kind=kind.value,
            code=code,
            name=name,
            parent_id=parent.id if parent else None,
            province_id=province_id,
            school_type=school_type.value if school_type else None,
            boarding=boarding,
        )

    def rename(self, name: str) -> None:
        """Give the tenant a new name."""
        self.ensure_active()
        name = clean_text(name, "name", 200)
        if name != self.name:
            self._renamed(name=name)

    @event("Renamed")
    def _renamed(self, name: str) -> None:
        self.name = name

    def move(self, new_parent: Tenant, ancestors_of_new_parent: list[UUID]) -> None:
        """Put the tenant under ``new_parent`` (ancestors given nearest first)."""
        self.ensure_active()
        ensure_parent_fits(self.kind, new_parent)
        if new_parent.province_id != self.province_id:
            raise CrossProvinceMoveError(
                "a tenant can only be moved within its own province"
            )
        if self.id == new_parent.id or self.id in ancestors_of_new_parent:
            raise HierarchyCycleError(
                f"{self.name} cannot be moved under itself or its own descendant"
            )
        if new_parent.id != self.parent_id:
            self._moved(parent_id=new_parent.id, previous_parent_id=self.parent_id)

    @event("Moved")
    def _moved(self, parent_id: UUID, previous_parent_id: UUID | None) -> None:
        self.parent_id = parent_id

    def deactivate(self, reason: str) -> None:
        """Stop using the tenant; its records stay in the ledger."""
        self.ensure_active()
        self._deactivated(reason=clean_text(reason, "reason", 500))

    @event("Deactivated")
    def _deactivated(self, reason: str) -> None:
        self.active = False

    def ensure_active(self) -> None:
        """Refuse changes to a deactivated tenant."""
        if not self.active:
            raise InactiveTenantError(f"{self.name} has been deactivated")


def ensure_parent_fits(kind: TenantKind, parent: Tenant | None) -> None:
    """Refuse a parent that is not the level directly above ``kind``, or inactive."""
    expected = PARENT_KIND[kind]
    if expected is None:
        if parent is not None:
            raise ParentKindError("a province has no parent")
        return
    if parent is None:
        raise ParentKindError(
            f"a {kind.value} must be registered under a {expected.value}"
        )
    if parent.kind is not expected:
        raise ParentKindError(
            f"a {kind.value} must be under a {expected.value}, "
            f"not under a {parent.kind.value} ({parent.name})"
        )
    if not parent.active:
        raise InactiveTenantError(
            f"{parent.name} has been deactivated and takes no new children",
            field="parent_id",
        )
