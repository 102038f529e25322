"""Problems for a person: one sentence saying which file, what is wrong, what to do."""

from __future__ import annotations


class ProblemForUser(Exception):
    """Base of every error whose str() is already the sentence to show."""


class SourceError(ProblemForUser):
    """A file we cannot read, with one sentence for a person (str(exc)) saying which file,
    what is wrong, what to do."""


def describe_error(exc: BaseException) -> tuple[str, int]:
    """(sentence, exit code) for any exception that reaches the user."""
    if isinstance(exc, ProblemForUser):
        return str(exc), 2
    if isinstance(exc, OSError):
        name = exc.filename or "the file"
        return f"{name} cannot be used: {exc.strerror or exc}.", 2
    if isinstance(exc, MemoryError):
        return "The file is too large to check on this computer.", 2
    return (
        f"Something unexpected went wrong ({type(exc).__name__}: {exc}). "
        "Please send the file to the global sales team so we can look at it.",
        2,
    )
