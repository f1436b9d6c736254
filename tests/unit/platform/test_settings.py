"""Settings: embedded defaults, overrides, and errors that name the variable."""

from __future__ import annotations

import pytest

from safeledger.platform.settings import Settings, SettingsError


def test_defaults_are_the_embedded_store_under_the_instance_folder(tmp_path):
    settings = Settings.from_env({"SAFELEDGER_INSTANCE_PATH": str(tmp_path)})
    assert not settings.hosted
    assert settings.shards == 1
    assert settings.jobs == "inline"
    assert settings.database_url.database == str(tmp_path / "readmodels.sqlite")
    env = settings.event_store_env(0)
    assert env["SQLITE_DBNAME"] == str(tmp_path / "events-0.sqlite")
    assert env["CREATE_TABLE"] == "no"


def test_a_postgresql_url_selects_the_hosted_store_with_a_schema_per_shard(tmp_path):
    settings = Settings.from_env(
        {
            "SAFELEDGER_INSTANCE_PATH": str(tmp_path),
            "SAFELEDGER_DATABASE_URL": "postgresql://app:pw@db.internal:6543/ledger",
            "SAFELEDGER_SECRET_KEY": "k" * 40,
            "SAFELEDGER_SHARDS": "2",
        }
    )
    assert settings.hosted
    env = settings.event_store_env(1)
    assert env["PERSISTENCE_MODULE"] == "eventsourcing.postgres"
    assert (env["POSTGRES_HOST"], env["POSTGRES_PORT"], env["POSTGRES_DBNAME"]) == (
        "db.internal",
        "6543",
        "ledger",
    )
    assert env["POSTGRES_SCHEMA"] == "ledger_shard_1"
    assert not settings.projections_in_process


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"SAFELEDGER_SHARDS": "two"}, "SAFELEDGER_SHARDS"),
        ({"SAFELEDGER_SHARDS": "0"}, "SAFELEDGER_SHARDS"),
        ({"SAFELEDGER_DATABASE_URL": "not a url"}, "SAFELEDGER_DATABASE_URL"),
        ({"SAFELEDGER_DATABASE_URL": "mysql://h/db"}, "SAFELEDGER_DATABASE_URL"),
        ({"SAFELEDGER_DATABASE_URL": "postgresql://h/db"}, "SAFELEDGER_SECRET_KEY"),
        ({"SAFELEDGER_SECRET_KEY": "short"}, "SAFELEDGER_SECRET_KEY"),
        ({"SAFELEDGER_JOBS": "rq"}, "SAFELEDGER_REDIS_URL"),
        ({"SAFELEDGER_JOBS": "celery"}, "SAFELEDGER_JOBS"),
        (
            {"SAFELEDGER_PROJECTIONS_IN_PROCESS": "maybe"},
            "SAFELEDGER_PROJECTIONS_IN_PROCESS",
        ),
        (
            {"SAFELEDGER_READ_YOUR_WRITES_TIMEOUT": "-1"},
            "SAFELEDGER_READ_YOUR_WRITES_TIMEOUT",
        ),
        ({"SAFELEDGER_SIGNING_KEY": "dG9vIHNob3J0"}, "SAFELEDGER_SIGNING_KEY"),
        ({"SAFELEDGER_SIGNING_KEY_FILE": "/"}, "SAFELEDGER_SIGNING_KEY_FILE"),
        ({"SAFELEDGER_EVIDENCE_ORIGIN": "two words"}, "SAFELEDGER_EVIDENCE_ORIGIN"),
        ({"SAFELEDGER_WITNESSES": "http://w1 not-a-vkey"}, "SAFELEDGER_WITNESSES"),
        (
            {"SAFELEDGER_WITNESSES": "w1+0a0b0c0d+" + "A" * 43 + "="},
            "SAFELEDGER_WITNESSES",
        ),
        ({"SAFELEDGER_ATTACHMENTS_URL": "ftp://files/x"}, "SAFELEDGER_ATTACHMENTS_URL"),
        ({"SAFELEDGER_MAX_ATTACHMENT_MB": "0"}, "SAFELEDGER_MAX_ATTACHMENT_MB"),
    ],
)
def test_a_malformed_or_missing_setting_fails_naming_it(tmp_path, env, named):
    with pytest.raises(SettingsError, match=named):
        Settings.from_env({"SAFELEDGER_INSTANCE_PATH": str(tmp_path), **env})


def test_reading_settings_creates_and_connects_to_nothing(tmp_path):
    Settings.from_env({"SAFELEDGER_INSTANCE_PATH": str(tmp_path / "absent")})
    assert not (tmp_path / "absent").exists()


def test_the_signing_key_lives_in_the_instance_folder_unless_set(tmp_path):
    embedded = Settings.from_env({"SAFELEDGER_INSTANCE_PATH": str(tmp_path)})
    assert embedded.key_file == tmp_path / "signing_key.pem"
    assert embedded.evidence_origin == "safeledger.local"
    chosen = Settings.from_env(
        {
            "SAFELEDGER_INSTANCE_PATH": str(tmp_path),
            "SAFELEDGER_SIGNING_KEY_FILE": str(tmp_path / "keys" / "ed25519.pem"),
            "SAFELEDGER_EVIDENCE_ORIGIN": "safety.example.gov.cn",
        }
    )
    assert chosen.key_file == tmp_path / "keys" / "ed25519.pem"
    assert chosen.evidence_origin == "safety.example.gov.cn"
    seeded = Settings.from_env({"SAFELEDGER_SIGNING_KEY": "A" * 43 + "="})
    assert "SIGNING" not in repr(seeded) and "AAAA" not in repr(seeded)


def test_behind_proxies_the_clients_address_comes_from_forwarded_headers(tmp_path):
    from safeledger.platform.app import create_app

    env = {"SAFELEDGER_INSTANCE_PATH": str(tmp_path), "SAFELEDGER_PROXIES": "1"}
    app = create_app(Settings.from_env(env))
    seen = {}

    @app.get("/whoami")
    def whoami():
        from flask import request

        seen["addr"], seen["scheme"] = request.remote_addr, request.scheme
        return ""

    app.test_client().get(
        "/whoami",
        headers={"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"},
    )
    assert seen == {"addr": "203.0.113.9", "scheme": "https"}
    with pytest.raises(SettingsError, match="SAFELEDGER_PROXIES"):
        Settings.from_env({**env, "SAFELEDGER_PROXIES": "many"})


def test_witnesses_are_read_as_url_and_vkey_pairs(tmp_path):
    vkey = "jyt.example/w1+0a0b0c0d+" + "BA" * 21 + "A="
    settings = Settings.from_env(
        {
            "SAFELEDGER_INSTANCE_PATH": str(tmp_path),
            "SAFELEDGER_WITNESSES": (
                f"https://w1.example/ {vkey}, http://127.0.0.1:7380 {vkey}"
            ),
        }
    )
    assert settings.witnesses == (
        ("https://w1.example", vkey),
        ("http://127.0.0.1:7380", vkey),
    )
