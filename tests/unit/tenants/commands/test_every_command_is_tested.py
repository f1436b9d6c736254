"""Every command of the ledger application has a service-layer test here."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from safeledger.tenants.application import Ledger

HERE = Path(__file__).parent


def commands() -> set[str]:
    """The ledger's public methods that record something (they return Recorded)."""
    return {
        name
        for name, method in inspect.getmembers(Ledger, inspect.isfunction)
        if not name.startswith("_")
        and "Recorded" in str(inspect.signature(method).return_annotation)
        and name not in {"record", "create", "change"}
    }


def test_every_ledger_command_is_called_by_a_service_layer_test():
    called = set()
    for path in HERE.glob("test_*.py"):
        called |= set(re.findall(r"ledger\.(\w+)\(", path.read_text()))
    assert len(commands()) > 40
    assert commands() - called == set()
