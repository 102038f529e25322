"""Problems for a person: one sentence saying which file, what is wrong, what to do.

A problem carries a catalogue code and its blanks, not a sentence: it is rendered in the
language in use when it is shown (str(), or sentence(language)), like a finding.
"""

from __future__ import annotations

from typing import Any

from desktop_app.core.model.catalogue import render


class ProblemForUser(Exception):
    """Base of every error that is shown to a person as one sentence from the catalogue."""

    def __init__(self, code: str, /, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def sentence(self, language: str | None = None) -> str:
        return render(self.code, self.params, language)

    def __str__(self) -> str:
        return self.sentence()


class SourceError(ProblemForUser):
    """A file we cannot read: which file, what is wrong, what to do."""


def describe_error(exc: BaseException, language: str | None = None) -> tuple[str, int]:
    """(sentence, exit code) for any exception that reaches the user."""
    if isinstance(exc, ProblemForUser):
        return exc.sentence(language), 2
    if isinstance(exc, OSError):
        name = exc.filename or render("problem.the_file", language=language)
        reason = exc.strerror or str(exc)
        return render("problem.os_error", {"file": name, "reason": reason}, language), 2
    if isinstance(exc, MemoryError):
        return render("problem.out_of_memory", language=language), 2
    kind = f"{type(exc).__name__}: {exc}"
    return render("problem.unexpected", {"kind": kind}, language), 2
