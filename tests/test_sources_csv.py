"""Tests for CSV decoding (desktop_app.core.reading.csv_text): encodings (UTF-8 with and
without a BOM, UTF-16, cp1252), the delimiter sniffed, values kept verbatim, and refusing
empty or undecodable files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop_app.core.model.errors import SourceError
from desktop_app.core.reading.csv_text import read_csv_rows


def _csv(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "data.csv"
    path.write_bytes(data)
    return path


def test_csv_utf8_sig(tmp_path):
    rows, enc, delim = read_csv_rows(_csv(tmp_path, "Name,City\nÅsa,Malmö\n".encode("utf-8-sig")))
    assert rows == [["Name", "City"], ["Åsa", "Malmö"]]
    assert (enc, delim) == ("utf-8-sig", ",")


def test_csv_plain_utf8(tmp_path):
    rows, enc, _ = read_csv_rows(_csv(tmp_path, "Name;City\nÅsa;Malmö\n".encode()))
    assert rows[1] == ["Åsa", "Malmö"]
    assert enc == "utf-8"


def test_csv_utf16_bom_tab(tmp_path):
    rows, enc, delim = read_csv_rows(
        _csv(tmp_path, "Name\tCity\r\nÅsa\tStraße\r\n".encode("utf-16"))
    )
    assert rows == [["Name", "City"], ["Åsa", "Straße"]]
    assert (enc, delim) == ("utf-16", "\t")


@pytest.mark.parametrize(
    "text",
    [
        "Malmö;Straße\n",
        "Kund;Ort\nÅke;Göteborg\nÄrlig;Straße\n",
        "Name;Stadt;Betrag\nÅsa Öberg;Malmö;1,50 €\nÄrlig;Straße;2\n",
    ],
)
def test_csv_cp1252(tmp_path, text):
    rows, enc, delim = read_csv_rows(_csv(tmp_path, text.encode("cp1252")))
    assert enc == "cp1252"
    assert delim == ";"
    assert rows == [line.split(";") for line in text.splitlines()]


def test_csv_values_kept_verbatim(tmp_path):
    data = 'id;flag;note;amount\n00123;TRUE;NA; 1.50 \n"007";false;"a;b";"say ""hi"""\n'
    rows, _, delim = read_csv_rows(_csv(tmp_path, data.encode()))
    assert delim == ";"
    assert rows == [
        ["id", "flag", "note", "amount"],
        ["00123", "TRUE", "NA", " 1.50 "],
        ["007", "false", "a;b", 'say "hi"'],
    ]


def test_csv_quoted_commas_and_newlines(tmp_path):
    data = 'name,comment,value\n"Smith, John","line1\nline2",10\nDoe,"x, y, z",20\n'
    rows, _, delim = read_csv_rows(_csv(tmp_path, data.encode()))
    assert delim == ","
    assert rows[1] == ["Smith, John", "line1\nline2", "10"]
    assert rows[2] == ["Doe", "x, y, z", "20"]


def test_csv_pipe_and_single_column(tmp_path):
    rows, _, delim = read_csv_rows(_csv(tmp_path, b"a|b|c\n1|2|3\n"))
    assert delim == "|"
    assert rows == [["a", "b", "c"], ["1", "2", "3"]]
    rows, _, _ = read_csv_rows(_csv(tmp_path, b"only\nvalues\n"))
    assert rows == [["only"], ["values"]]


def test_csv_empty_and_undecodable(tmp_path):
    with pytest.raises(SourceError, match="data.csv.*is empty"):
        read_csv_rows(_csv(tmp_path, b""))
    with pytest.raises(SourceError, match="not readable text"):
        read_csv_rows(_csv(tmp_path, os.urandom(4000) + b"\x00\x81\x8d\x8f\x90\x9d" * 200))
