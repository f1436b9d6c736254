"""Rulesets, monthly reports, table views, compliance and audit trail over HTTP."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from tests.e2e.conftest import created, fake_digest
from tests.e2e.test_drills_api import held, plan, step
from tests.e2e.test_incidents_api import report

LAST_MONTH = (date.today().replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
THIS_MONTH = date.today().strftime("%Y-%m")


def api(tenant, path):
    return f"/api/v1/tenants/{tenant}/{path}"


def test_a_county_publishes_rules_that_its_schools_are_then_judged_by(
    client, hierarchy
):
    county, school = hierarchy["county"], hierarchy["school"]
    body = {
        "effective_from": date.today().replace(day=1).isoformat(),
        "title": "县级演练要求",
        "rules": {"drills": {"schedule": {"primary": {"at_least": 2}}}},
    }
    created(client.post(api(county, "rulesets"), json=body))
    again = client.post(api(county, "rulesets"), json=body)
    assert again.status_code == 409
    in_force = client.get(api(school, "rulesets/in-force")).json
    assert in_force["rules"]["drills"]["schedule"]["primary"]["at_least"] == 2
    assert in_force["rules"]["drills"]["schedule"]["kindergarten"]["every_months"] == 3
    assert [r["title"] for r in in_force["published"]] == ["县级演练要求"]


def test_rules_outside_the_baseline_or_from_a_school_are_refused(client, hierarchy):
    body = {"effective_from": "2026-01-01", "title": "错", "rules": {"drill": {}}}
    refused = client.post(api(hierarchy["county"], "rulesets"), json=body)
    assert refused.status_code == 422
    assert refused.json["errors"]["json"]["rules"][0]["rule"] == "rules_fit_baseline"
    body["rules"] = {"reports": {"due_day": 10}}
    by_school = client.post(api(hierarchy["school"], "rulesets"), json=body)
    assert by_school.status_code == 409


def test_the_principal_submits_the_reviewed_monthly_report_once(client, school):
    draft = client.get(api(school, f"monthly-reports/{LAST_MONTH}/draft")).json
    body = {"month": LAST_MONTH, "digest": draft["digest"], "submitted_by": "校长 李"}
    created(client.post(api(school, "monthly-reports"), json=body))
    assert client.post(api(school, "monthly-reports"), json=body).status_code == 409
    stale = {**body, "month": "2026-01", "digest": fake_digest("old")}
    refused = client.post(api(school, "monthly-reports"), json=stale)
    assert refused.json["errors"]["json"]["digest"][0]["rule"] == (
        "reviewed_report_current"
    )
    early = {**body, "month": THIS_MONTH}
    assert client.post(api(school, "monthly-reports"), json=early).status_code == 409
    listed = client.get(api(school, "monthly-reports")).json
    assert [r["digest"] for r in listed["items"]] == [draft["digest"]]


def test_table_views_answer_now_as_of_the_past_and_as_csv(client, hierarchy, school):
    before = datetime.now(UTC).isoformat()
    hazard = {
        "category": "fire",
        "severity": "general",
        "description": "灭火器过期",
        "found_by": "安全员",
        "place": "食堂",
    }
    created(client.post(api(school, "hazards"), json=hazard))
    drill = plan(client, school)
    created(step(client, school, drill, "holding", **held(client, school)), 200)
    province = hierarchy["province"]
    board = client.get(api(province, "hazard-board")).json
    assert [h["state"] for h in board["items"]] == ["logged"]
    past = client.get(api(province, "hazard-board"), query_string={"as_of": before})
    assert past.json["total"] == 0
    csv = client.get(api(province, "drill-log"), query_string={"format": "csv"})
    assert csv.mimetype == "text/csv"
    assert csv.text.splitlines()[0].startswith("drill_id,tenant_id,kind,state")
    assert len(csv.text.splitlines()) == 2
    trail = client.get(
        api(province, "audit-trail"), query_string={"event_type": "Drill.Held"}
    ).json
    assert trail["total"] == 1
    assert trail["items"][0]["summary"] == "held the drill with 860 participants"


def test_compliance_is_listed_per_school_and_rolled_up_with_reasons(
    client, hierarchy, school
):
    query = {"period": THIS_MONTH}
    schools = client.get(api(hierarchy["county"], "compliance"), query_string=query)
    (only,) = schools.json["items"]
    assert only["tenant_id"] == school
    grid = next(m for m in only["metrics"] if m["name"] == "grid")
    assert (grid["status"], grid["reason"]) == ("red", "no grid places in use")
    rollup = client.get(
        api(hierarchy["province"], "compliance/rollup"), query_string=query
    )
    assert rollup.json["schools"] == 1
    assert rollup.json["worst_schools"][0]["tenant_id"] == school
    assert rollup.json["by_child"][0]["tenant_id"] == hierarchy["city"]
    csv = client.get(
        api(hierarchy["province"], "compliance"),
        query_string={**query, "format": "csv"},
    )
    assert "grid_reason" in csv.text.splitlines()[0]
    bad = client.get(api(school, "compliance"), query_string={"period": "2026-13"})
    assert bad.status_code == 422


def test_views_of_an_unknown_tenant_are_not_found(client):
    missing = "00000000-0000-0000-0000-000000000000"
    assert client.get(api(missing, "hazard-board")).status_code == 404
    query = {"period": "2026"}
    assert (
        client.get(api(missing, "compliance/rollup"), query_string=query).status_code
        == 404
    )


def test_grid_map_and_compliance_as_of_before_the_grid_show_no_places(client, school):
    before = datetime.now(UTC).isoformat()
    grid = f"/api/v1/tenants/{school}/grid"
    created(client.post(grid, json={}))
    gate = created(
        client.post(
            f"{grid}/places", json={"code": "G", "name": "南门", "kind": "gate"}
        )
    )["created_id"]
    since = (datetime.now(UTC) - timedelta(days=8)).isoformat()
    duty = {"place_id": gate, "person": "门卫 郑", "role": "门卫", "valid_from": since}
    created(client.post(f"{grid}/assignments", json=duty))

    cells = client.get(api(school, "grid-map")).json
    assert cells["total"] > 0
    assert {tuple(c["persons"]) for c in cells["items"]} == {("门卫 郑",)}
    assert (
        client.get(api(school, "grid-map"), query_string={"as_of": before}).json[
            "total"
        ]
        == 0
    )

    def grid_metric(**query):
        found = client.get(
            api(school, "compliance"), query_string={"period": THIS_MONTH, **query}
        ).json["items"][0]
        return next(m for m in found["metrics"] if m["name"] == "grid")

    assert grid_metric()["figures"]["uncovered"] == 0
    assert grid_metric(as_of=before)["reason"] == "no grid places in use"


def test_the_incident_register_judges_reports_by_the_limits_in_force(
    client, hierarchy, school
):
    county = hierarchy["county"]
    rules = {"incidents": {"report_within_minutes": {"general": {"verbal": 120}}}}
    body = {"effective_from": "2026-01-01", "title": "县报告时限", "rules": rules}
    created(client.post(api(county, "rulesets"), json=body))
    ninety_minutes_ago = (datetime.now(UTC) - timedelta(minutes=90)).isoformat()
    created(report(client, school, occurred_at=ninety_minutes_ago))
    (row,) = client.get(api(county, "incident-register")).json["items"]
    assert (row["verbal_limit_minutes"], row["verbal_on_time"]) == (120, True)
    assert (row["written_limit_minutes"], row["written_on_time"]) == (120, None)
    baseline = client.get(
        api(county, "incident-register"), query_string={"as_of": ninety_minutes_ago}
    ).json
    assert baseline["total"] == 0


def test_an_amended_report_must_also_be_the_reviewed_one(client, school):
    draft = client.get(api(school, f"monthly-reports/{LAST_MONTH}/draft")).json
    body = {"month": LAST_MONTH, "digest": draft["digest"], "submitted_by": "校长"}
    report = created(client.post(api(school, "monthly-reports"), json=body))["id"]
    amendment = api(school, f"monthly-reports/{report}/amendment")
    stale = client.post(amendment, json={"digest": fake_digest("x"), "reason": "更正"})
    assert stale.status_code == 409
    amend = {"digest": draft["digest"], "reason": "补充签字", "version": 1}
    assert created(client.post(amendment, json=amend), 200)["version"] == 2
    (row,) = client.get(api(school, "monthly-reports")).json["items"]
    assert (row["amendments"], row["version"]) == (1, 2)
