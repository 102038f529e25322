"""Cell values that are no data: what a reader found where Excel shows an error.

The reader puts them into the table; the rules report them (DQ3) and the crash journal
keeps them, so they belong to the shared vocabulary rather than to either.
"""

from __future__ import annotations


class ErrorValue(str):
    """An Excel error value (#N/A, #REF!) or a formula without a stored result."""

    __slots__ = ()


FORMULA_WITHOUT_RESULT = ErrorValue("(formula without a result)")

# What Excel shows for an error; a CSV export or a CRM writes the same words as text.
EXCEL_ERROR_TEXTS = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}
    | {"#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"}
)
