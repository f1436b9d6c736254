"""The console's Chinese catalogue is complete and its compiled form is current."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[3]
TRANSLATIONS = ROOT / "safeledger" / "translations"
CATALOGUE = TRANSLATIONS / "zh_Hans_CN" / "LC_MESSAGES"
METHODS = [
    ("safeledger/platform/console/**.py", "python"),
    ("safeledger/platform/console/**/templates/**.html", "jinja2"),
]
KEYWORDS = {"_": None, "gettext": None, "_l": None, "lazy_gettext": None}


def extracted() -> set[str]:
    """Every message the console's code and templates ask to translate."""
    return {
        message if isinstance(message, str) else message[0]
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT), METHODS, keywords=KEYWORDS
        )
    }


def test_every_console_string_has_a_chinese_translation():
    with (CATALOGUE / "messages.po").open("rb") as po:
        catalogue = read_po(po)
    translated = {m.id for m in catalogue if m.id and m.string and not m.fuzzy}
    asked = extracted()
    assert len(asked) > 100  # the extraction found the console's strings
    missing = sorted(asked - translated)
    assert missing == [], "run `make translations` and translate: " + repr(missing)


def test_the_compiled_catalogue_matches_its_source():
    with (CATALOGUE / "messages.po").open("rb") as po:
        source = {m.id: m.string for m in read_po(po) if m.id}
    with (CATALOGUE / "messages.mo").open("rb") as mo:
        compiled = {m.id: m.string for m in read_mo(mo) if m.id}
    assert compiled == source, "recompile: pybabel compile -d safeledger/translations"
