"""Downloads a spreadsheet opens safely, and request ids are plain tokens."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.e2e.conftest import created

FORMULAS = ['=HYPERLINK("http://evil.example","点我")', "+1+1", "-2+3", "@SUM(A1)"]


def log(client, school, description, **headers):
    body = {
        "category": "fire",
        "severity": "general",
        "description": description,
        "found_by": "安全员",
        "place": "教学楼",
    }
    url = f"/api/v1/tenants/{school}/hazards"
    return created(client.post(url, json=body, headers=headers))["id"]


def descriptions_in_csv(text):
    return {row["description"] for row in csv.DictReader(io.StringIO(text))}


@pytest.mark.parametrize("backend", ["sqlite"])
def test_csv_downloads_never_start_a_cell_with_a_formula(client, school, backend):
    for formula in FORMULAS:
        log(client, school, formula)
    response = client.get(
        f"/api/v1/tenants/{school}/hazard-board", query_string={"format": "csv"}
    )
    assert descriptions_in_csv(response.get_data(as_text=True)) == {
        "'" + formula for formula in FORMULAS
    }


@pytest.mark.parametrize("backend", ["sqlite"])
def test_csv_exports_never_start_a_cell_with_a_formula(client, hierarchy, backend):
    school, county = hierarchy["school"], hierarchy["county"]
    for formula in FORMULAS:
        log(client, school, formula)
    body = {"view": "hazard-board"}
    job = created(
        client.post(f"/api/v1/tenants/{county}/table-exports", json=body), 202
    )
    status = client.get(f"/api/v1/tenants/{county}/jobs/{job['job_id']}").json
    with client.get(status["download_url"]) as download:
        text = download.get_data(as_text=True)
    assert descriptions_in_csv(text) == {"'" + formula for formula in FORMULAS}


@pytest.mark.parametrize("backend", ["sqlite"])
def test_xlsx_exports_hold_formula_like_text_as_text(client, hierarchy, backend):
    school, county = hierarchy["school"], hierarchy["county"]
    for formula in FORMULAS:
        log(client, school, formula)
    body = {"view": "hazard-board", "format": "xlsx"}
    job = created(
        client.post(f"/api/v1/tenants/{county}/table-exports", json=body), 202
    )
    status = client.get(f"/api/v1/tenants/{county}/jobs/{job['job_id']}").json
    with client.get(status["download_url"]) as download:
        workbook = load_workbook(io.BytesIO(download.get_data()))
    sheet = workbook["hazard-board"]
    header = [c.value for c in sheet[1]]
    column = header.index("description") + 1
    cells = [sheet.cell(row=r, column=column) for r in range(2, sheet.max_row + 1)]
    workbook.close()
    assert {c.value for c in cells} == set(FORMULAS)
    assert {c.data_type for c in cells} == {"s"}


@pytest.mark.parametrize("backend", ["sqlite"])
@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("req-2026.12.02:abc_1", True),
        ("<script>alert(1)</script>", False),
        ("a" * 65, False),
        ("", False),
    ],
)
def test_a_request_id_is_kept_only_if_it_is_a_plain_token(
    client, school, backend, given, kept
):
    hazard = log(client, school, "配电箱", **{"X-Request-Id": given})
    history = client.get(f"/api/v1/tenants/{school}/hazards/{hazard}/history").json
    stored = history["items"][0]["request_id"]
    assert (stored == given) is kept
    assert stored and all(ch.isalnum() or ch in "._:-" for ch in stored)
