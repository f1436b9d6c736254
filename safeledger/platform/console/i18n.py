"""Language and time of the console: zh-CN by default, English on request, China time.

The catalogues live in ``safeledger/translations``; the compiled ``.mo`` files are
committed beside their ``.po`` sources (a test keeps them in step), so a checkout,
``make run`` and a wheel all serve translated pages without a build step.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from flask import Flask, current_app, request, session
from flask_babel import Babel, get_locale

TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"
DEFAULT_LOCALE = "zh_CN"
LOCALES = {"zh_CN": "中文", "en": "English"}
LANG_COOKIE = "safeledger_lang"


def init_i18n(app: Flask) -> None:
    """Attach Flask-Babel with the console's locale and zone, and the time filters."""
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LOCALE)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(TRANSLATIONS)
    zone = app.extensions["safeledger"].settings.timezone
    app.config["BABEL_DEFAULT_TIMEZONE"] = zone
    Babel(app, locale_selector=select_locale)
    app.jinja_env.filters["when"] = local_time
    app.jinja_env.filters["day"] = local_day
    app.jinja_env.globals["html_lang"] = html_lang


def select_locale() -> str:
    """The signed-in user's choice (kept in the session and a cookie), else zh-CN."""
    chosen = session.get("lang") or request.cookies.get(LANG_COOKIE)
    return chosen if chosen in LOCALES else DEFAULT_LOCALE


def html_lang() -> str:
    """The page's ``lang`` attribute: ``zh-CN`` or ``en``."""
    locale = get_locale()
    return "en" if locale is not None and locale.language == "en" else "zh-CN"


def zone() -> ZoneInfo:
    """The zone the console shows times in."""
    return ZoneInfo(current_app.extensions["safeledger"].settings.timezone)


def local_time(value: datetime | None) -> str:
    """A moment as ``YYYY-MM-DD HH:MM`` in the console's zone (blank if none)."""
    if value is None:
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.astimezone(zone()).strftime("%Y-%m-%d %H:%M")


def local_day(value: datetime | date | None) -> str:
    """A moment's date in the console's zone (a date stays as it is)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(zone()).date()
    return value.isoformat()


def local_now() -> datetime:
    """Now, in the console's zone."""
    return datetime.now(zone())
