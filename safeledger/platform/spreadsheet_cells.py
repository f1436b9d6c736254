"""Cells for spreadsheets that a recorded text cannot turn into a formula.

Spreadsheet programs run a CSV cell starting with ``=``, ``+``, ``-`` or ``@``
(or a tab or carriage return before one) as a formula: a hazard described as
``=HYPERLINK(...)`` would act on the inspector's machine. CSV cells are defused
with a leading apostrophe, as OWASP advises; XLSX cells are written as explicit
text, which no spreadsheet evaluates.
"""

from __future__ import annotations

from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """``value`` for a CSV file: text that could start a formula gets a ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_row(values: dict[str, Any]) -> dict[str, Any]:
    """A CSV row with every cell defused."""
    return {key: csv_cell(value) for key, value in values.items()}


def xlsx_row(sheet: WriteOnlyWorksheet, values: list[Any]) -> list[Any]:
    """Cells for ``sheet.append``: text stays text, even if it starts with ``=``."""
    return [_text_cell(sheet, v) if isinstance(v, str) else v for v in values]


def _text_cell(sheet: WriteOnlyWorksheet, value: str) -> WriteOnlyCell:
    text = WriteOnlyCell(sheet, value=value)
    text.data_type = "s"  # openpyxl would take a leading "=" as a formula
    return text
