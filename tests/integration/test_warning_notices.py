"""The 风险预警提醒函: one warning notice per overdue hazard, stored by digest,
named by the finding, and downloadable like any attachment."""

from __future__ import annotations

import pytest

from safeledger.platform.attachments import AttachmentTypeError, inspect
from safeledger.platform.background.runner import using_runtime
from safeledger.platform.background.sweeps import sweep_hazards
from safeledger.tenants.attachments import Attachment, attachment_id_for
from tests.background_support import (
    build_school,
    events_of,
    findings,
    overdue_hazard,
    project,
)


@pytest.fixture
def school(runtime, operator):
    return build_school(runtime.store).school


def test_an_overdue_hazard_gets_one_notice_naming_school_hazard_owner_and_delay(
    runtime, school
):
    hazard = overdue_hazard(runtime.store, school, days_late=3)
    project(runtime)
    with using_runtime(runtime):
        sweep_hazards()
        sweep_hazards()
    [finding] = findings(runtime, "hazard_overdue", hazard)
    digest = finding.detail["notice_sha256"]
    text = runtime.blobs.read(digest).decode("utf-8")
    for part in (
        "风险预警提醒函",
        "实验小学",
        "灭火器过期",
        "后勤主任",
        "已逾期：3 天",
    ):
        assert part in text
    assert "30 日内整改" in text  # the baseline's rule for a general hazard
    attachment = runtime.store.for_tenant(school).load(
        Attachment, school, attachment_id_for(school, digest)
    )
    assert attachment.media_type == "text/plain; charset=utf-8"
    assert len(events_of(runtime, Attachment.Uploaded)) == 1


def test_uploads_still_refuse_plain_text_whatever_their_name():
    with pytest.raises(AttachmentTypeError):
        inspect("风险预警提醒函".encode(), 2**20)
