"""Small, whole files of each accepted kind, made by the libraries that check them."""

from __future__ import annotations

import io
import zipfile

import pypdf
from PIL import Image


def png(colour: str = "red") -> bytes:
    """A whole 2×2 PNG."""
    return _image("PNG", colour)


def jpeg(colour: str = "red") -> bytes:
    """A whole 2×2 JPEG."""
    return _image("JPEG", colour)


def pdf(pages: int = 1, label: str = "") -> bytes:
    """A whole PDF of blank pages (``label`` makes the bytes distinct)."""
    writer = pypdf.PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    if label:
        writer.add_metadata({"/Title": label})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx() -> bytes:
    """The smallest package a Word document is."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("_rels/.rels", "<Relationships/>")
        package.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def _image(kind: str, colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (2, 2), colour).save(out, kind)
    return out.getvalue()
