"""What a file really is, from its first bytes, and one sentence when that is not what we read.

Subsidiaries send whatever their tools produced: an old .xls renamed .xlsx, a CRM's web
page saved as .xls, a PDF, a password-protected workbook. Looking at the content before
any reader sees it turns each of these into advice a person can follow, instead of a
reader's error (or crash) on bytes it was never meant to parse.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from desktop_app.core.model.errors import SourceError

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Stream names in a compound file's directory (UTF-16): an encrypted OOXML workbook
# keeps its package in "EncryptedPackage"; an Excel 97-2003 workbook is "Workbook"/"Book".
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_XLS_STREAMS = ("Workbook".encode("utf-16-le"), "Book\0".encode("utf-16-le"))
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"

# suffix -> the kind of file the name promises
SUFFIX_KINDS = {
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xls": "xls",
    ".ods": "ods",
    ".xlsb": "xlsb",
    ".csv": "text",
    ".txt": "text",
}
KIND_NAMES = {
    "xlsx": "an Excel workbook (.xlsx)",
    "xls": "an Excel 97-2003 workbook (.xls)",
    "ods": "an OpenDocument spreadsheet (.ods)",
    "xlsb": "an Excel binary workbook (.xlsb)",
    "text": "a text file (CSV)",
    "pdf": "a PDF document",
    "html": "a web page (HTML), as some CRM exports save under a spreadsheet name",
    "xml": "an XML file (perhaps an Excel 2003 XML spreadsheet)",
    "document": "an Office document that is not a workbook",
    "zip": "a zip archive that is not a workbook",
}
_RENAME_TO = {"xlsx": ".xlsx", "xls": ".xls", "ods": ".ods", "xlsb": ".xlsb", "text": ".csv"}


class FormatProblem(SourceError):
    """The file is not what its name says, is damaged, or is locked with a password."""


def _quoted(path: Path) -> str:
    return f'"{path.name}"'


def password_protected(path: Path) -> FormatProblem:
    return FormatProblem(
        f"{_quoted(path)} is password-protected; open it in Excel, remove the password "
        "(File > Info > Protect Workbook) and save it, then try again."
    )


def damaged(path: Path) -> FormatProblem:
    return FormatProblem(
        f"{_quoted(path)} is damaged or incomplete (perhaps cut off while copying or "
        "downloading); ask the sender for a new copy, or open it in Excel and save it again."
    )


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            lowered = {n.lower() for n in names}
            if "mimetype" in names:
                with zf.open("mimetype") as fh:  # read a few bytes: the part may be a bomb
                    if fh.read(len(_ODS_MIME)) == _ODS_MIME:
                        return "ods"
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError):
        return "damaged"
    except Exception:  # a member that cannot be inflated (damaged deflate data)
        return "damaged"
    if any(n.endswith("workbook.bin") for n in lowered):
        return "xlsb"
    if any(n.endswith("workbook.xml") for n in lowered) or "[content_types].xml" in lowered:
        return "xlsx" if any(n.startswith("xl/") for n in lowered) else "document"
    return "zip"


def _text_kind(head: bytes) -> str:
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype html", b"<html", b"<table", b"<meta")) or (
        stripped.startswith(b"<") and b"<html" in stripped[:2048]
    ):
        return "html"
    if stripped.startswith(b"<?xml"):
        return "xml"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"  # UTF-16 with a byte-order mark
    sample = head[:4096]
    printable = sum(b >= 32 or b in b"\t\r\n" for b in sample)
    return "text" if b"\0" not in sample and printable >= 0.95 * len(sample) else "unknown"


def sniff(path: Path) -> str:
    """The kind of file path really is: xlsx, xls, ods, xlsb, text, pdf, html, xml,
    document, zip, encrypted, empty, damaged or unknown."""
    with path.open("rb") as fh:
        head = fh.read(8192)
    if not head:
        return "empty"
    if head.startswith(OLE_SIGNATURE):
        data = path.read_bytes()
        if _ENCRYPTED in data:
            return "encrypted"
        return "xls" if any(name in data for name in _XLS_STREAMS) else "document"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(path)
    if head.startswith(b"%PDF"):
        return "pdf"
    return _text_kind(head)


def check_format(path: Path) -> str:
    """The kind of reader path needs (xlsx, xls, ods, xlsb or text); a sentence otherwise."""
    promised = SUFFIX_KINDS.get(path.suffix.lower())
    if promised is None:
        raise FormatProblem(
            f"{_quoted(path)} is not a file this program reads; save it from Excel as "
            ".xlsx (or as CSV) and try again."
        )
    actual = sniff(path)
    if actual == "empty":
        raise FormatProblem(f"{_quoted(path)} is empty (0 bytes); choose the filled-in workbook.")
    if actual == "encrypted":
        raise password_protected(path)
    if actual == "damaged":
        raise damaged(path)
    if actual == promised:
        return actual
    if promised == "text" and actual in ("html", "xml"):
        return "text"  # a CSV whose first cell starts with "<" is still a CSV
    what = KIND_NAMES.get(actual, "not a spreadsheet this program reads")
    suffix = path.suffix.lower()
    if actual in _RENAME_TO:
        todo = f"rename it to {_RENAME_TO[actual]}, or open it in Excel and save it as .xlsx"
    elif actual == "pdf":
        todo = "ask the sender for the Excel file itself"
    else:
        todo = "open it in Excel and save it as .xlsx"
    if actual == "unknown":
        raise FormatProblem(
            f"{_quoted(path)} is not a readable {suffix} file (its content is not a "
            f"spreadsheet); {todo}, or ask the sender for a new copy."
        )
    raise FormatProblem(f"{_quoted(path)} is really {what}, not a {suffix} file; {todo}.")
