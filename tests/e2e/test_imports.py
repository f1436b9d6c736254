"""Bulk import of a county's schools: all lines checked first, errors name the line."""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner

from safeledger.platform.cli import main
from tests.conftest import stored_events

GOOD = (
    "code,name,school_type,boarding\n"
    "S10,东城区第三小学,primary,否\n"
    "S11,东城区寄宿中学,junior_secondary,是\n"
)
BAD = (
    "code,name,school_type,boarding\n"
    "S10,东城区第三小学,primary,否\n"
    "S11,,university,maybe\n"
    "S10,重复代码,primary,no\n"
)


def post_file(client, county, text):
    files = {"file": (io.BytesIO(text.encode()), "schools.csv")}
    return client.post(
        f"/api/v1/tenants/{county}/imports/schools",
        data=files,
        content_type="multipart/form-data",
    )


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_good_file_registers_every_school_through_a_job(client, hierarchy, backend):
    response = post_file(client, hierarchy["county"], GOOD)
    assert response.status_code == 202, response.json
    assert (response.json["status"], response.json["progress"]) == ("finished", 100)
    children = client.get(f"/api/v1/tenants/{hierarchy['county']}/children").json
    assert {c["code"] for c in children["items"]} == {"S1", "S10", "S11"}
    boarding = {c["code"]: c["boarding"] for c in children["items"]}
    assert boarding["S11"] is True and boarding["S10"] is False


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_bad_line_refuses_the_whole_file_naming_line_and_field(
    client, app, hierarchy, backend
):
    before = len(stored_events(app.extensions["safeledger"]))
    response = post_file(client, hierarchy["county"], BAD)
    assert response.status_code == 422
    problems = response.json["errors"]["files"]["file"]
    assert "line 3: name: required" in problems
    assert any(p.startswith("line 3: school_type") for p in problems)
    assert any(p.startswith("line 3: boarding") for p in problems)
    assert "line 4: code: repeats line 2" in problems
    assert len(stored_events(app.extensions["safeledger"])) == before


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_code_already_in_the_province_is_refused(client, hierarchy, backend):
    text = "code,name,school_type,boarding\nS1,已有学校,primary,no\n"
    response = post_file(client, hierarchy["county"], text)
    assert response.status_code == 422
    assert response.json["errors"]["files"]["file"] == [
        "line 2: code: already registered in the province"
    ]


@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_cli_names_the_file_and_line_of_each_problem(
    app, settings, hierarchy, tmp_path, backend
):
    path = tmp_path / "schools.csv"
    path.write_text(BAD, encoding="utf-8")
    env = {
        "SAFELEDGER_INSTANCE_PATH": str(settings.instance_path),
        "SAFELEDGER_SECRET_KEY": settings.secret_key,
    }
    result = CliRunner().invoke(
        main, ["import", "schools", str(path), "--county", hierarchy["county"]], env=env
    )
    assert result.exit_code == 1
    assert f"{path}:line 3: name: required" in result.output
