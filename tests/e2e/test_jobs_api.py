"""Jobs through the API: table views exported as CSV by a job that reports its
progress, read back and downloaded by the tenant's readers only."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from safeledger.platform.auth import sessions
from safeledger.platform.auth.accounts import find_user
from safeledger.platform.background import jobs, table_exports
from tests.conftest import bearer_client
from tests.e2e.conftest import created
from tests.e2e.test_accountability_api import log_hazard


@pytest.fixture
def progress(monkeypatch):
    """Every percentage a job records, with the export read two rows at a time."""
    seen: list[int] = []
    record = jobs.set_progress

    def spy(engine, job_id, percent):
        seen.append(percent)
        record(engine, job_id, percent)

    monkeypatch.setattr(table_exports, "CHUNK", 2)
    monkeypatch.setattr(jobs, "set_progress", spy)
    return seen


def test_a_csv_export_shows_its_progress_and_downloads_every_row(
    client, hierarchy, progress
):
    school, county = hierarchy["school"], hierarchy["county"]
    hazards = {log_hazard(client, school) for _ in range(3)}
    started = client.post(
        f"/api/v1/tenants/{county}/table-exports", json={"view": "hazard-board"}
    )
    job = created(started, 202)
    assert progress == [66, 100]
    status = client.get(f"/api/v1/tenants/{county}/jobs/{job['job_id']}").json
    assert (status["status"], status["progress"]) == ("finished", 100)
    download = client.get(status["download_url"])
    assert download.status_code == 200 and download.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(download.get_data(as_text=True))))
    download.close()
    assert {row["hazard_id"] for row in rows} == hazards


@pytest.mark.parametrize("backend", ["sqlite"])
def test_an_xlsx_export_holds_the_same_rows_as_a_spreadsheet(
    client, hierarchy, backend
):
    school, county = hierarchy["school"], hierarchy["county"]
    hazards = {log_hazard(client, school) for _ in range(2)}
    body = {"view": "hazard-board", "format": "xlsx"}
    job = created(
        client.post(f"/api/v1/tenants/{county}/table-exports", json=body), 202
    )
    status = client.get(f"/api/v1/tenants/{county}/jobs/{job['job_id']}").json
    with client.get(status["download_url"]) as download:
        assert download.mimetype.endswith("spreadsheetml.sheet")
        workbook = load_workbook(io.BytesIO(download.get_data()), read_only=True)
    header, *rows = list(workbook["hazard-board"].iter_rows(values_only=True))
    workbook.close()
    column = header.index("hazard_id")
    assert {row[column] for row in rows} == hazards


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_job_is_seen_only_through_its_tenant_and_with_its_action(
    app, client, hierarchy
):
    county, school = hierarchy["county"], hierarchy["school"]
    started = client.post(f"/api/v1/tenants/{county}/evidence/exports", json={})
    job_id = created(started, 202)["job_id"]
    assert client.get(f"/api/v1/tenants/{county}/jobs/{job_id}").status_code == 200
    assert client.get(f"/api/v1/tenants/{school}/jobs/{job_id}").status_code == 404
    inspector = bearer_client(app, "inspector")
    body = {"username": "inspector", "role": "inspector"}
    created(client.post(f"/api/v1/tenants/{county}/grants", json=body))
    # Inspectors read the county but export no evidence, and the job is not theirs.
    assert inspector.get(f"/api/v1/tenants/{county}/jobs/{job_id}").status_code == 404
    download = f"/api/v1/tenants/{county}/jobs/{job_id}/download"
    assert inspector.get(download).status_code == 404
    bundle = client.get(download)
    bundle.close()
    assert bundle.status_code == 200 and bundle.mimetype == "application/zip"


@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_console_shows_a_jobs_progress(app, client, hierarchy):
    county = hierarchy["county"]
    started = client.post(
        f"/api/v1/tenants/{county}/table-exports", json={"view": "drill-log"}
    )
    job = created(started, 202)
    console = app.test_client()
    user = find_user(app.extensions["safeledger"].engine, "test-admin")
    with console.session_transaction() as session:
        session["sid"] = sessions.start(
            app.extensions["safeledger"].engine, user.user_id
        )
    page = console.get(job["console_url"]).get_data(as_text=True)
    assert '<progress max="100" value="100">' in page and "finished" in page
