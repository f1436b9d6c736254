"""A metric's result: green, amber or red, with its figures and the reason in words."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

GREEN, AMBER, RED = "green", "amber", "red"
ORDER = {GREEN: 0, AMBER: 1, RED: 2}


@dataclass(frozen=True)
class Metric:
    """One compliance metric of one school for one period."""

    name: str
    status: str
    reason: str
    figures: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """The metric as the API shows it."""
        return {
            "name": self.name,
            "status": self.status,
            "reason": self.reason,
            "figures": self.figures,
        }


def worst(statuses: list[str]) -> str:
    """The worst of the statuses (green when there are none)."""
    return max(statuses, key=ORDER.__getitem__, default=GREEN)


def percent(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` in percent, one decimal; None when there is no whole."""
    return round(100.0 * part / whole, 1) if whole else None
