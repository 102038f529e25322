"""Excel's A1 cell references and column letters, for readers and writers alike."""

from __future__ import annotations

import re

_A1_RE = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]+)")


def parse_a1(ref: str) -> tuple[int, int]:
    """``"AB12"`` -> ``(12, 27)``: 1-based row (as Excel shows it), 0-based column (as lists index)."""
    m = _A1_RE.fullmatch(ref.strip())
    if not m or int(m.group(2)) < 1:
        raise ValueError(f"not a cell reference: {ref!r}")
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + (ord(ch) - 64)
    return int(m.group(2)), col - 1


def col_letter(col: int) -> str:
    """0-based column index -> Excel letters (0 -> "A", 27 -> "AB")."""
    if col < 0:
        raise ValueError(f"column index must be >= 0, got {col}")
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
