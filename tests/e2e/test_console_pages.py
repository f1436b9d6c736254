"""Every console page, as every demo role, in Chinese and in English.

The walk starts at one's tasks and follows every console link it finds. On no
page may a code show raw (``hazard_overdue``, ``safety_officer``), a string stay
untranslated in Chinese, or a time show in UTC.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

import pytest

from safeledger.platform.auth import sessions
from safeledger.platform.auth.accounts import find_user
from safeledger.platform.demo import load_demo, load_demo_users
from safeledger.platform.projector import PROJECTIONS, catch_up
from safeledger.tenants import context
from safeledger.tenants.access import Role
from safeledger.tenants.findings import FindingRule
from safeledger.tenants.hierarchy import tenant_id_for

MAX_PAGES = 60
SNAKE_CODE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")
RAW_TIME = re.compile(r"\bUTC\b|\+00:00|\d{4}-\d\d-\d\dT\d\d:\d\d")
ASCII_WORD = re.compile(r"[A-Za-z]{3,}")
# Visible ASCII that is not language: the product's name, file and unit words.
ALLOWED_ASCII = {"SafeLedger", "CSV"}
SKIPPED_TAGS = {"script", "style", "title"}
SHOWN_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label"}


class VisibleText(HTMLParser):
    """Text a person sees on the page, and the console links on it."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.links: list[str] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in SKIPPED_TAGS or values.get("lang") == "en":
            self.skipping.append(tag)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        if not self.skipping:
            self.texts += [v or "" for k, v in attrs if k in SHOWN_ATTRIBUTES]

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data: str) -> None:
        if not self.skipping and data.strip():
            self.texts.append(data.strip())


@pytest.fixture
def demo(app):
    """The demo province, its users, and records enough to fill every page."""
    runtime = app.extensions["safeledger"]
    with context.acting_as("system:demo"):
        load_demo(runtime.store)
        catch_up(runtime.settings, runtime.engine, "directory")
        users = load_demo_users(runtime.store, runtime.engine)
    school = tenant_id_for("99010101", tenant_id_for("99", None))
    ledger = runtime.store.for_tenant(school)
    with context.acting_as("user:principal"):
        hazard = ledger.log_hazard(
            school,
            category="public_order",
            severity="major",
            description="围墙破损",
            found_by="东城区实验小学 校长",
            place="东侧围墙",
        )
        ledger.assign_hazard(
            school,
            hazard.aggregate_id,
            None,
            owner="东城区实验小学 校长",
            supervisor="东城区教育局 安全员",
            deadline=datetime.now(UTC) + timedelta(days=2),
            measures="砌墙",
            funds="两万元",
            contingency_plan="夜间巡逻",
        )
    with context.acting_as("system:sweeps"):
        ledger.record_finding(
            school,
            rule=FindingRule.HAZARD_DUE_SOON,
            subject_kind="hazard",
            subject_id=hazard.aggregate_id,
            due="2030-01-01",
            detail={},
        )
    for name in PROJECTIONS:
        catch_up(runtime.settings, runtime.engine, name)
    return {"users": [username for username, _role in users], "hazard": hazard}


def walk(client, start: str) -> dict[str, str]:
    """Every console page reachable from ``start`` by following links (GET only)."""
    seen: dict[str, str] = {}
    queue = [start, "/console/nowhere"]
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        if response.status_code in (301, 302):
            queue.insert(0, urlsplit(response.location).path)
            continue
        assert response.mimetype == "text/html", url
        seen[url] = response.get_data(as_text=True)
        parser = VisibleText()
        parser.feed(seen[url])
        for href in parser.links:
            target = urljoin(url, href)
            parts = urlsplit(target)
            if parts.path.startswith("/console/") and "/static/" not in parts.path:
                page = parts.path + (f"?{parts.query}" if parts.query else "")
                if page not in seen and page not in queue:
                    queue.append(page)
    return seen


def problems(url: str, html: str, lang: str, usernames: set[str]) -> list[str]:
    """What a page shows that it must not, in ``lang``."""
    parser = VisibleText()
    parser.feed(html)
    text = "\n".join(parser.texts)
    found = [f"{url}: raw code {code!r}" for code in SNAKE_CODE.findall(text)]
    found += [f"{url}: time not in China time {t!r}" for t in RAW_TIME.findall(text)]
    if lang == "zh_CN":
        # Usernames are people's own words; everything else is the product's.
        for name in sorted(usernames, key=len, reverse=True):
            text = re.sub(rf"(?<![\w-]){re.escape(name)}(?![\w-])", " ", text)
        for word in ASCII_WORD.findall(text):
            if word not in ALLOWED_ASCII:
                found.append(f"{url}: untranslated {word!r}")
    return found


@pytest.mark.parametrize("backend", ["sqlite"])
@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_no_page_shows_a_raw_code_an_untranslated_word_or_utc(app, demo, lang, backend):
    engine = app.extensions["safeledger"].engine
    usernames = {name.lower() for name in demo["users"]}
    report, walked = [], {}
    for username in demo["users"]:
        client = app.test_client()
        with client.session_transaction() as session:
            session["sid"] = sessions.start(engine, find_user(engine, username).user_id)
            session["lang"] = lang
        pages = walk(client, "/console/tasks")
        walked[username] = len(pages)
        for url, html in pages.items():
            report += problems(url, html, lang, usernames)
    assert report == []
    # The walk reached the hazard pages, the accounts and the inbox.
    assert walked["principal"] >= 8 and walked["province-admin"] >= 8


@pytest.mark.parametrize("backend", ["sqlite"])
def test_times_show_in_china_time(app, demo, backend):
    engine = app.extensions["safeledger"].engine
    client = app.test_client()
    with client.session_transaction() as session:
        session["sid"] = sessions.start(engine, find_user(engine, "principal").user_id)
    hazard = demo["hazard"]
    school = tenant_id_for("99010101", tenant_id_for("99", None))
    page = client.get(f"/console/tenants/{school}/hazards/{hazard.aggregate_id}")
    ledger = app.extensions["safeledger"].store.for_tenant(school)
    logged = next(iter(ledger.events.get(hazard.aggregate_id))).timestamp
    shown = logged.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M")
    assert shown in page.get_data(as_text=True)


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_principals_tasks_name_the_report_and_drill_due_with_links(
    app, demo, backend
):
    engine = app.extensions["safeledger"].engine
    client = app.test_client()
    with client.session_transaction() as session:
        session["sid"] = sessions.start(engine, find_user(engine, "principal").user_id)
    page = client.get("/console/tasks").get_data(as_text=True)
    assert 'id="tasks-rectify"' in page and "围墙破损" in page
    assert 'id="tasks-report"' in page and "5 日前报送" in page
    assert 'id="tasks-drills"' in page and "/console/drills?tenant=" in page
    # Each line names the school.
    assert page.count("东城区实验小学") >= 3


@pytest.mark.parametrize("backend", ["sqlite"])
def test_an_expired_form_never_shows_an_api_page_in_its_place(app, demo, backend):
    engine = app.extensions["safeledger"].engine
    client = app.test_client()
    with client.session_transaction() as session:
        session["sid"] = sessions.start(engine, find_user(engine, "principal").user_id)
    other_school = tenant_id_for("99020101", tenant_id_for("99", None))
    sent = client.post(
        "/console/hazards/new",
        data={"csrf_token": "expired", "_page": f"/api/v1/tenants/{other_school}"},
    )
    assert sent.status_code == 400 and sent.mimetype == "text/html"
    page = sent.get_data(as_text=True)
    assert "表单已过期" in page
    # Nothing of the other school's record is shown, not even its name.
    assert "江北区实验小学" not in page and '"code"' not in page


def signed_in_client(app, username, lang="zh_CN"):
    engine = app.extensions["safeledger"].engine
    client = app.test_client()
    with client.session_transaction() as session:
        session["sid"] = sessions.start(engine, find_user(engine, username).user_id)
        session["lang"] = lang
    return client


@pytest.mark.parametrize("backend", ["sqlite"])
def test_403_and_404_are_pages_in_the_users_language_with_a_way_back(
    app, demo, backend
):
    officer = signed_in_client(app, "officer")
    refused = officer.get("/console/accounts")
    assert refused.status_code == 403 and refused.mimetype == "text/html"
    assert "您的角色无权进行此操作" in refused.get_data(as_text=True)
    assert 'href="/console/tasks"' in refused.get_data(as_text=True)
    english = signed_in_client(app, "officer", "en")
    missing = english.get("/console/tenants/00000000-0000-0000-0000-000000000000")
    assert missing.status_code == 404 and missing.mimetype == "text/html"
    assert "There is no such page" in missing.get_data(as_text=True)


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_user_with_roles_on_two_tenants_switches_between_them(app, demo, backend):
    runtime = app.extensions["safeledger"]
    user = find_user(runtime.engine, "officer")
    other = tenant_id_for("99010102", tenant_id_for("99", None))
    with context.acting_as("test:operator"):
        runtime.store.for_tenant(other).grant_role(
            other, user_id=user.user_id, role=Role.PRINCIPAL
        )
    for name in PROJECTIONS:
        catch_up(runtime.settings, runtime.engine, name)
    client = signed_in_client(app, "officer")
    page = client.get("/console/tasks").get_data(as_text=True)
    assert 'name="tenant_id"' in page and "校长" in page
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    client.post("/console/tenant", data={"csrf_token": token, "tenant_id": str(other)})
    crumbs = (
        client.get("/console/tasks").get_data(as_text=True).split('class="crumbs"')[1]
    )
    assert "东城区第一初级中学" in crumbs.split("</ol>")[0]
    foreign = tenant_id_for("99020101", tenant_id_for("99", None))
    refused = client.post(
        "/console/tenant", data={"csrf_token": token, "tenant_id": str(foreign)}
    )
    assert refused.status_code == 404


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_csv_of_principals_is_refused_in_chinese_naming_the_line_or_created(
    app, demo, backend
):
    import io

    admin = signed_in_client(app, "province-admin")
    page = admin.get("/console/accounts").get_data(as_text=True)
    token = page.split('name="csrf_token" value="')[1].split('"')[0]

    def send(text):
        data = {"csrf_token": token, "file": (io.BytesIO(text.encode()), "p.csv")}
        return admin.post(
            "/console/accounts/principals",
            data=data,
            content_type="multipart/form-data",
        )

    header = "school_code,display_name,username\n"
    refused = send(header + "99010101,甲校长,jia\nnope,乙校长,yi\n")
    assert refused.status_code == 422
    assert "第 3 行：本辖区没有代码为 nope 的学校" in refused.get_data(as_text=True)
    assert find_user(app.extensions["safeledger"].engine, "jia") is None
    made = send(header + "99010101,甲校长,jia\n").get_data(as_text=True)
    assert "东城区实验小学 · jia · <code>" in made
    assert find_user(app.extensions["safeledger"].engine, "jia") is not None
