"""The message catalogues: every sentence a person reads, in English, Swedish and German.

`resources/messages/<language>/*.yaml` map a stable code (`DQ2.required_empty`,
`reading.password_protected`) to a sentence with `{named}` blanks; each file holds one
area's sentences (findings, reading, schema, ...). Findings and refusals are rendered here,
so the wording lives in one place and a Swedish window shows Swedish refusals too.

The language in use is process-wide: the window sets the person's language at start, the
command line keeps English unless told otherwise.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml

from desktop_app.bundled import data_folder

LANGUAGES = ("en", "sv", "de")
_in_use = {"language": "en"}


def set_language(language: str) -> None:
    """The language sentences are rendered in from now on (one we have none for: English)."""
    _in_use["language"] = language if language in LANGUAGES else "en"


def language_in_use() -> str:
    return _in_use["language"]


class InLanguages(dict):
    """One text in each language, by language code (a column's label or hint).

    Findings carry it as a blank, so that the sentence shows the text of the language
    it is rendered in, not the one in use when the file was checked.
    """

    def in_language(self, language: str) -> str:
        return self.get(language) or self.get("en") or ""


@cache
def catalogue(language: str) -> dict[str, str]:
    """All sentences of one language, by code; a language we have none for is empty."""
    if language not in LANGUAGES:
        return {}
    folder = data_folder("resources").joinpath("messages").joinpath(language)
    merged: dict[str, str] = {}
    for part in sorted(folder.iterdir(), key=lambda p: p.name):
        if part.name.endswith(".yaml"):
            merged.update(yaml.safe_load(part.read_text("utf-8")) or {})
    return merged


def render(code: str, params: dict[str, Any] | None = None, language: str | None = None) -> str:
    """The sentence for code in language (default: the one in use), blanks filled in.

    A code missing from that language falls back to English; a text that is no code at all
    is shown as it is (a sentence made elsewhere, such as a reader's own words).
    """
    language = language or language_in_use()
    template = catalogue(language).get(code) or catalogue("en").get(code) or code
    shown = {k: _shown(v, language) for k, v in (params or {}).items()}
    try:
        return template.format(**shown)
    except (KeyError, IndexError, ValueError):
        return template


def _shown(value: Any, language: str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, InLanguages):
        return value.in_language(language)
    from desktop_app.core.model.findings import display_value

    return display_value(value)


def codes(language: str = "en") -> set[str]:
    return set(catalogue(language))
