"""Every finding's message exists in English, Swedish and German, with the same blanks."""

from __future__ import annotations

from string import Formatter

import pytest

from desktop_app.core.model.catalogue import catalogue as _catalogue
from desktop_app.core.model.findings import render_message

LANGUAGES = ("en", "sv", "de")


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}


@pytest.mark.parametrize("language", LANGUAGES[1:])
def test_every_message_is_translated_with_the_same_blanks(language):
    english, other = _catalogue("en"), _catalogue(language)
    assert set(other) == set(english), set(english) ^ set(other)
    for code, text in english.items():
        assert fields(other[code]) == fields(text), code
        assert other[code] != text, code


def test_every_severity_code_has_a_message(schema):
    assert set(schema.model.severities) <= set(_catalogue("en"))


def test_rendering_in_a_language():
    params = {"label": "Owner", "value": None, "suggestion": None}
    assert render_message("DQ2.required_empty", params, "sv") == '"Owner" måste fyllas i.'
    assert render_message("DQ2.required_empty", params, "de") == '"Owner" muss ausgefüllt werden.'
    assert render_message("DQ2.required_empty", params, "fr") == '"Owner" must be filled in.'


def test_every_rule_title_is_in_the_catalogue():
    from desktop_app.core.checking.rules import RULES

    english = _catalogue("en")
    assert all(english[f"checking.title.{rule.id}"] == rule.title for rule in RULES)
