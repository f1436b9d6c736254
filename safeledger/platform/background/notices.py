"""The 风险预警提醒函: a warning notice for each overdue hazard, kept as an attachment.

The notice is plain UTF-8 text, so any phone or printer shows it; it is stored by
digest in the blob store, entered in the school's ledger as an attachment (so it
downloads like any other), and the overdue finding names it by its digest.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from safeledger.platform.attachments import GENERATED
from safeledger.platform.runtime import Runtime
from safeledger.projections.directory.tables import directory_tenants as d

CHINA = ZoneInfo("Asia/Shanghai")


def notice_text(
    school: str, hazard: Any, rules: dict[str, Any], grace_days: int, now: datetime
) -> str:
    """The notice's text: school, hazard, owner, deadline, days overdue, rules."""
    now = now.astimezone(CHINA)
    deadline = hazard.deadline.astimezone(CHINA)
    days = max(1, (now.date() - deadline.date()).days)
    severity = hazard.severity.value
    within = rules.get("hazards", {}).get("rectify_within_days", {}).get(severity)
    rule = f"{severity} 隐患应在 {within} 日内整改完毕" if within else "按规定时限整改"
    case_on = (deadline + timedelta(days=grace_days)).strftime("%Y年%m月%d日")
    return "\n".join(
        [
            "风险预警提醒函",
            "",
            f"{school}：",
            "",
            f"你校登记的安全隐患“{hazard.description}”"
            f"（地点：{hazard.place or '未注明'}）已超过整改时限，尚未整改销号。",
            "",
            f"整改责任人：{hazard.owner}",
            f"督查人：{hazard.supervisor}",
            f"整改时限：{deadline.strftime('%Y年%m月%d日 %H:%M')}（北京时间）",
            f"已逾期：{days} 天",
            f"适用规则：{rule}（现行规则）。",
            "",
            "请立即落实整改措施，整改完成后提交整改报告，由督查人复核销号；"
            "期间须采取临时防范措施，确保师生安全。"
            f"逾期超过 {grace_days} 天（{case_on}后）仍未整改的，将依规启动问责程序。",
            "",
            f"SafeLedger 校园安全台账 · {now.strftime('%Y年%m月%d日')}",
            "",
        ]
    )


def issue_notice(
    runtime: Runtime, tenant_id: Any, hazard: Any, rules: dict[str, Any], grace: int
) -> str:
    """Write, store and enter the notice in the school's ledger; its SHA-256."""
    with runtime.engine.connect() as conn:
        school = conn.execute(
            sa.select(d.c.name).where(d.c.tenant_id == tenant_id)
        ).scalar_one()
    now = datetime.now(CHINA)
    data = notice_text(school, hazard, rules, grace, now).encode("utf-8")
    stored = runtime.blobs.put(data, 2**20, accepted=GENERATED)
    ledger = runtime.store.for_tenant(tenant_id)
    day = now.strftime("%Y%m%d")
    ledger.enter_attachment(
        tenant_id, filename=f"风险预警提醒函-{day}.txt", **vars(stored)
    )
    return stored.sha256
