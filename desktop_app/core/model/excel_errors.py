"""Cell values that are no data: what a reader found where Excel shows an error.

The reader puts them into the table; the rules report them (DQ3) and the crash journal
keeps them, so they belong to the shared vocabulary rather than to either.
"""

from __future__ import annotations


class ErrorValue(str):
    """An Excel error value (#N/A, #REF!) or a formula without a stored result."""

    __slots__ = ()


FORMULA_WITHOUT_RESULT = ErrorValue("(formula without a result)")
