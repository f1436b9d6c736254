"""One registry of table views: each is served over HTTP and exportable by a job,
and the export offers nothing else."""

from __future__ import annotations

import pytest

from safeledger.platform.api.jobs.schemas import TableExportSchema
from safeledger.platform.table_views import TABLE_VIEWS
from tests.e2e.conftest import created

pytestmark = pytest.mark.parametrize("backend", ["sqlite"])


def test_the_export_offers_exactly_the_table_views(backend):
    offered = TableExportSchema().fields["view"].validate.choices
    assert sorted(offered) == sorted(TABLE_VIEWS)


def test_every_table_view_is_served_and_exported(app, client, hierarchy, backend):
    county = hierarchy["county"]
    rules = {
        rule.rule for rule in app.url_map.iter_rules() if "GET" in (rule.methods or ())
    }
    for name in TABLE_VIEWS:
        assert f"/api/v1/tenants/<uuid:tenant_id>/{name}" in rules
        served = client.get(f"/api/v1/tenants/{county}/{name}")
        assert served.status_code == 200, (name, served.json)
        started = client.post(
            f"/api/v1/tenants/{county}/table-exports", json={"view": name}
        )
        job = created(started, 202)
        status = client.get(f"/api/v1/tenants/{county}/jobs/{job['job_id']}").json
        assert (status["status"], status["error"]) == ("finished", None), name
