"""Whether a file's bytes really are the kind their first bytes claim.

The first bytes only name a kind (a shell script behind ``FF D8 FF E0`` looks
like a JPEG). A photo is therefore decoded whole with Pillow, a PDF parsed with
pypdf down to its pages, and a Word or Excel file opened as the zip package it
must be, with the parts that kind always has, before anything is stored.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from collections.abc import Callable

import pillow_heif
import pypdf
from PIL import Image

OOXML = "application/vnd.openxmlformats-officedocument"
# A package's parts may unpack to at most this many bytes (a zip bomb does not).
MAX_UNPACKED = 512 * 2**20
MAX_PARTS = 10_000
PILLOW_FORMATS = {
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/webp": "WEBP",
    "image/heic": "HEIF",
}
OFFICE_PARTS = {
    f"{OOXML}.wordprocessingml.document": "word/document.xml",
    f"{OOXML}.spreadsheetml.sheet": "xl/workbook.xml",
}

pillow_heif.register_heif_opener()


class NotWhatItClaimsError(ValueError):
    """The bytes start like one kind of file but are not a whole one."""


def check_whole(data: bytes, media_type: str) -> None:
    """Raise NotWhatItClaimsError unless ``data`` is a whole ``media_type`` file."""
    check = CHECKS.get(media_type)
    if check is not None:
        check(data, media_type)


def _image(data: bytes, media_type: str) -> None:
    try:
        with warnings.catch_warnings():
            # A decompression bomb is refused, not merely warned about.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                found = image.format
                image.load()  # decodes every pixel: truncated or fake data fails
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise NotWhatItClaimsError(f"the image cannot be decoded: {error}") from None
    except Image.DecompressionBombWarning as error:
        raise NotWhatItClaimsError(f"the image is too large: {error}") from None
    if found != PILLOW_FORMATS[media_type]:
        raise NotWhatItClaimsError(f"the image is {found}, not {media_type}")


def _pdf(data: bytes, media_type: str) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pypdf warns of repairable quirks
            pages = len(pypdf.PdfReader(io.BytesIO(data), strict=False).pages)
    except Exception as error:  # pypdf raises many kinds on malformed files
        raise NotWhatItClaimsError(f"the PDF cannot be read: {error}") from None
    if pages < 1:
        raise NotWhatItClaimsError("the PDF has no pages")


def _office(data: bytes, media_type: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = package.infolist()
            if len(parts) > MAX_PARTS or sum(p.file_size for p in parts) > MAX_UNPACKED:
                raise NotWhatItClaimsError("the document unpacks to too much")
            names = {p.filename for p in parts}
            needed = {"[Content_Types].xml", OFFICE_PARTS[media_type]}
            if not needed <= names:
                missing = ", ".join(sorted(needed - names))
                raise NotWhatItClaimsError(f"the document lacks {missing}")
            broken = package.testzip()  # reads every part, checking its CRC
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise NotWhatItClaimsError(f"the document is not intact: {error}") from None
    if broken is not None:
        raise NotWhatItClaimsError(f"the document's part {broken} is damaged")


CHECKS: dict[str, Callable[[bytes, str], None]] = {
    **dict.fromkeys(PILLOW_FORMATS, _image),
    "application/pdf": _pdf,
    **dict.fromkeys(OFFICE_PARTS, _office),
}
