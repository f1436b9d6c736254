"""A job belongs to the user who asked for it, in the tenant it was asked in."""

from __future__ import annotations

import pytest

from tests.conftest import bearer_client
from tests.e2e.conftest import created
from tests.e2e.test_accountability_api import log_hazard

pytestmark = pytest.mark.parametrize("backend", ["sqlite"])


def grant(client, tenant, username, role):
    body = {"username": username, "role": role}
    created(client.post(f"/api/v1/tenants/{tenant}/grants", json=body))


def test_a_county_export_is_not_downloaded_by_a_reader_of_the_county_alone(
    app, client, hierarchy, backend
):
    county, school = hierarchy["county"], hierarchy["school"]
    log_hazard(client, school)
    officer = bearer_client(app, "county-officer")
    grant(client, county, "county-officer", "safety_officer")
    body = {"view": "hazard-board"}
    job = created(
        officer.post(f"/api/v1/tenants/{county}/table-exports", json=body), 202
    )
    url = f"/api/v1/tenants/{county}/jobs/{job['job_id']}"
    with officer.get(f"{url}/download") as mine:
        assert mine.status_code == 200
    # A principal granted on the county reads the county, not its schools' rows.
    principal = bearer_client(app, "principal")
    grant(client, county, "principal", "principal")
    assert principal.get(url).status_code == 404
    assert principal.get(f"{url}/download").status_code == 404


def test_another_tenants_failed_evidence_export_is_not_found_under_yours(
    app, client, hierarchy, backend, monkeypatch
):
    from safeledger.platform.evidence import export

    def broken(*args, **kwargs):
        raise RuntimeError("the signing key is unreadable")

    monkeypatch.setattr(export, "export", broken)
    county, school = hierarchy["county"], hierarchy["school"]
    started = client.post(f"/api/v1/tenants/{school}/evidence/exports", json={})
    job_id = created(started, 202)["job_id"]
    own = client.get(f"/api/v1/tenants/{school}/evidence/exports/{job_id}")
    assert (own.status_code, own.json["status"]) == (200, "failed")
    other = client.get(f"/api/v1/tenants/{county}/evidence/exports/{job_id}")
    assert other.status_code == 404
