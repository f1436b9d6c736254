"""The console's settings (zone, scheduler) and where sign-in may send one next."""

from __future__ import annotations

import pytest

from safeledger.platform.console.frame import safe_next
from safeledger.platform.settings import Settings, SettingsError

BASE = {"SAFELEDGER_INSTANCE_PATH": "/tmp/x", "SAFELEDGER_SECRET_KEY": "k" * 40}


def test_times_show_in_china_time_unless_another_zone_is_set():
    assert Settings.from_env(BASE).timezone == "Asia/Shanghai"
    other = Settings.from_env({**BASE, "SAFELEDGER_TIMEZONE": "Asia/Urumqi"})
    assert other.timezone == "Asia/Urumqi"


def test_an_unknown_zone_is_refused_naming_the_variable():
    with pytest.raises(SettingsError, match="SAFELEDGER_TIMEZONE"):
        Settings.from_env({**BASE, "SAFELEDGER_TIMEZONE": "Mars/Olympus"})


def test_the_embedded_scheduler_runs_only_embedded_with_inline_jobs():
    assert Settings.from_env(BASE).scheduler is True
    with_redis = {**BASE, "SAFELEDGER_REDIS_URL": "redis://127.0.0.1:6379/0"}
    assert Settings.from_env(with_redis).scheduler is False
    off = {**BASE, "SAFELEDGER_SCHEDULER": "false"}
    assert Settings.from_env(off).scheduler is False


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/console/hazards?overdue=yes", "/console/hazards?overdue=yes"),
        ("//evil.example/", "/console/tasks"),
        ("https://evil.example/", "/console/tasks"),
        ("/\\evil.example", "/console/tasks"),
        ("/console\r\nSet-Cookie: x=1", "/console/tasks"),
        ("", "/console/tasks"),
        (None, "/console/tasks"),
    ],
)
def test_sign_in_goes_on_only_to_a_path_of_this_site(target, expected):
    assert safe_next(target, "/console/tasks") == expected
