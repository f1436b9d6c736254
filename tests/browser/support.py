"""What the browser tests share: photos to upload, the user's shown name."""

from __future__ import annotations

import struct
import zlib
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pypdf

CHINA = ZoneInfo("Asia/Shanghai")


def china_now() -> datetime:
    """Now on a clock in China, where the people typing into the forms are."""
    return datetime.now(CHINA)


def photo(folder: Path, name: str, seed: int) -> str:
    """A small PNG, different for each seed (stored by digest: never deduplicated)."""
    width = height = 32
    rows = b"".join(
        b"\x00"
        + b"".join(bytes([(seed * 70 + x * 8) % 256, y * 8, 140]) for x in range(width))
        for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path = folder / name
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
    return str(path)


def shown_name(page) -> str:
    """The signed-in user's name, as the header's user menu shows it."""
    return page.locator("details.menu summary span").inner_text().strip()


def open_step(page, step: str) -> None:
    """Unfold one lifecycle form on a record's page."""
    page.click(f"#form-{step} > summary")


def pdf(folder: Path, name: str) -> str:
    """A one-page PDF document, as a drill's plan or summary would be."""
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": name})  # distinct bytes for each document
    path = folder / name
    with path.open("wb") as file:
        writer.write(file)
    return str(path)
