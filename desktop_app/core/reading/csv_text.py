"""CSV files: decoding whatever encoding Excel or a CRM wrote, detecting the delimiter,
and the rows as written (every value a str, nothing stripped or converted)."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

from charset_normalizer import from_bytes

from desktop_app.core.model.errors import SourceError
from desktop_app.core.reading.header import no_header
from desktop_app.core.reading.sniffing import cannot_open
from desktop_app.core.reading.table import SourceTable, build_table
from desktop_app.core.schema.definition import TemplateSchema

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DELIMITERS = ",;\t|"


def _detect_encoding(data: bytes, path: Path) -> str:
    """BOM first, then strict UTF-8, then charset_normalizer.

    charset_normalizer often ranks cp1250 or even cp1006 first for short Western text
    ("Malmö;Straße"), so cp1252 wins whenever it decodes the bytes equally well.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise SourceError("reading.csv_no_encoding", file=path.name)
    for match in matches:
        if match.chaos <= best.chaos + 0.01 and "cp1252" in match.could_be_from_charset:
            return "cp1252"
    return best.encoding


def _count_delimiter(sample: str) -> str:
    """Fallback: the candidate present on most lines with a consistent count."""
    lines = [line for line in sample.splitlines()[:50] if line]
    best, best_score = ",", (0, 0)
    for delim in _DELIMITERS:
        counts = [line.count(delim) for line in lines]
        if not any(counts):
            continue
        mode = max(set(counts), key=counts.count)
        score = (sum(1 for c in counts if c == mode and c > 0), sum(counts))
        if score > best_score:
            best, best_score = delim, score
    return best


def _detect_delimiter(text: str) -> str:
    sample = text[: 32 * 1024]
    if len(text) > len(sample) and "\n" in sample:
        sample = sample[: sample.rfind("\n") + 1]
    try:
        delim = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        delim = ""
    return delim if delim and delim in _DELIMITERS else _count_delimiter(sample)


def read_csv_rows(path) -> tuple[list[list[str]], str, str]:
    """Rows of a CSV file as written (every value a str, nothing stripped or converted),
    plus the detected encoding and delimiter. Blank lines come back as empty rows so
    row numbers match the file.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise cannot_open(path, exc) from exc
    if not data:
        raise SourceError("reading.empty_csv", file=path.name)
    encoding = _detect_encoding(data, path)
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise SourceError("reading.csv_not_decoded", file=path.name, encoding=encoding) from exc
    if not text.strip():
        raise SourceError("reading.empty_csv", file=path.name)
    delimiter = _detect_delimiter(text)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise SourceError("reading.csv_malformed", file=path.name, reason=str(exc)) from exc
    return rows, encoding, delimiter


def read_csv(path: Path, schema: TemplateSchema) -> SourceTable:
    rows, _encoding, _delimiter = read_csv_rows(path)
    table = build_table(path, "csv", path.stem, [path.stem], rows, schema)
    if table.header_row is None:
        raise no_header(path, [], schema)
    return table
