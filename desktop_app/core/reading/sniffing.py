"""What a file really is, from its first bytes, and one sentence when that is not what we read.

Subsidiaries send whatever their tools produced: an old .xls renamed .xlsx, a CRM's web
page saved as .xls, a PDF, a password-protected workbook. Looking at the content before
any reader sees it turns each of these into advice a person can follow, instead of a
reader's error (or crash) on bytes it was never meant to parse.

An .xlsx is a zip: the zip opened here to tell what it is travels on (FileFormat.package)
to the package, the scan and the table, so the file is opened once.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
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


class FormatProblem(SourceError):
    """The file is not what its name says, is damaged, or is locked with a password."""


@dataclass
class FileFormat:
    """What check_format found: the reader a file needs, and an xlsx's zip, still open."""

    kind: str  # xlsx, xls, ods, xlsb or text
    package: zipfile.ZipFile | None = None  # the caller closes it (reading.package takes it on)


def password_protected(path: Path) -> FormatProblem:
    return FormatProblem("reading.password_protected", file=path.name)


def damaged(path: Path) -> FormatProblem:
    return FormatProblem("reading.damaged", file=path.name)


def cannot_open(path: Path, exc: OSError) -> SourceError:
    """The sentence for a file the system would not let us read."""
    if isinstance(exc, FileNotFoundError):
        return SourceError("reading.could_not_find", file=path.name)
    return SourceError("reading.could_not_open", file=path.name, reason=exc.strerror or str(exc))


def _zip_kind(path: Path) -> tuple[str, zipfile.ZipFile | None]:
    """The kind of a zip file, and the zip itself, open, when it is a workbook we read."""
    try:
        zf = zipfile.ZipFile(path)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,  # a damaged entry claims a zip version Python cannot read
        EOFError,
        ValueError,
        OSError,
    ):
        return "damaged", None
    try:
        names = zf.namelist()
        if "mimetype" in names:
            with zf.open("mimetype") as fh:  # read a few bytes: the part may be a bomb
                if fh.read(len(_ODS_MIME)) == _ODS_MIME:
                    zf.close()
                    return "ods", None
    except Exception:  # a member that cannot be inflated (damaged deflate data)
        zf.close()
        return "damaged", None
    lowered = {n.lower() for n in names}
    kind = "zip"
    if any(n.endswith("workbook.bin") for n in lowered):
        kind = "xlsb"
    elif any(n.endswith("workbook.xml") for n in lowered) or "[content_types].xml" in lowered:
        kind = "xlsx" if any(n.startswith("xl/") for n in lowered) else "document"
    if kind != "xlsx":
        zf.close()
        return kind, None
    return kind, zf


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


def _sniff(path: Path) -> tuple[str, zipfile.ZipFile | None]:
    with path.open("rb") as fh:
        head = fh.read(8192)
    if not head:
        return "empty", None
    if head.startswith(OLE_SIGNATURE):
        data = path.read_bytes()
        if _ENCRYPTED in data:
            return "encrypted", None
        return ("xls" if any(name in data for name in _XLS_STREAMS) else "document"), None
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(path)
    if head.startswith(b"%PDF"):
        return "pdf", None
    return _text_kind(head), None


def sniff(path: Path) -> str:
    """The kind of file path really is: xlsx, xls, ods, xlsb, text, pdf, html, xml,
    document, zip, encrypted, empty, damaged or unknown."""
    kind, package = _sniff(path)
    if package is not None:
        package.close()
    return kind


# The kinds a file may really be but its name does not say: what to do about each is
# part of the sentence (rename it, save it again, ask for the Excel file itself).
_REALLY = {
    "xlsx": "reading.really_xlsx",
    "xls": "reading.really_xls",
    "ods": "reading.really_ods",
    "xlsb": "reading.really_xlsb",
    "text": "reading.really_text",
    "pdf": "reading.really_pdf",
    "html": "reading.really_html",
    "xml": "reading.really_xml",
    "document": "reading.really_document",
    "zip": "reading.really_zip",
}


def check_format(path: Path) -> FileFormat:
    """The kind of reader path needs (xlsx, xls, ods, xlsb or text), with an xlsx's zip
    open; a sentence otherwise."""
    promised = SUFFIX_KINDS.get(path.suffix.lower())
    if promised is None:
        raise FormatProblem("reading.not_a_file_we_read", file=path.name)
    actual, package = _sniff(path)
    if actual == promised:
        return FileFormat(actual, package)
    if package is not None:
        package.close()
    if actual == "empty":
        raise FormatProblem("reading.empty_file", file=path.name)
    if actual == "encrypted":
        raise password_protected(path)
    if actual == "damaged":
        raise damaged(path)
    if promised == "text" and actual in ("html", "xml"):
        return FileFormat("text")  # a CSV whose first cell starts with "<" is still a CSV
    suffix = path.suffix.lower()
    if actual in _REALLY:
        raise FormatProblem(_REALLY[actual], file=path.name, suffix=suffix)
    raise FormatProblem("reading.not_a_readable_file", file=path.name, suffix=suffix)
