"""DQ4 Allowed values: listed columns take values from the schema's lists.

An exact synonym or a case/white-space variant is fixed to the canonical value; a
near-miss (a letter or two off a value or synonym) is an error suggesting it.
Work is done once per distinct value, since a column holds few of them.
"""

from __future__ import annotations

import numpy as np

from desktop_app.core.checking.rule import Check, RuleSpec, Scope
from desktop_app.core.model.catalogue import LANGUAGES, InLanguages, render
from desktop_app.core.schema.model import Vocabulary


class VocabularyMatcher:
    """Maps a typed value to (canonical, how): how is ok, fixed or near (canonical None
    when no one value is near)."""

    def __init__(self, schema, vocabulary: str, locale: str) -> None:
        self.values = schema.vocabulary_values(vocabulary)
        self.exact = set(self.values)
        # casefolded -> canonical; country names also in the subsidiary's language
        self.synonyms = schema.vocabulary_synonyms_in(vocabulary, locale)
        self.max_edits = schema.thresholds.near_miss_max_edits

    def match(self, text: str) -> tuple[str | None, str]:
        if text in self.exact:
            return text, "ok"
        key = " ".join(text.split()).casefold()
        if key in self.synonyms:
            return self.synonyms[key], "fixed"
        return self._near_miss(key), "near"

    def _near_miss(self, key: str) -> str | None:
        """The one canonical value within max_edits letters, else None."""
        from rapidfuzz.distance import Levenshtein
        from rapidfuzz.process import extract

        hits = extract(
            key,
            list(self.synonyms),
            scorer=Levenshtein.distance,
            score_cutoff=min(self.max_edits, max(len(key) // 3, 1)),
            limit=None,
        )
        if not hits:
            return None
        best = min(h[1] for h in hits)
        targets = {self.synonyms[h[0]] for h in hits if h[1] == best}
        return targets.pop() if len(targets) == 1 else None


def check(ctx) -> None:
    import pandas as pd  # here, not at the top: the window opens without loading pandas

    schema, frame = ctx.schema, ctx.frame
    for col in schema.columns:
        if not col.vocabulary or not ctx.has(col.name):
            continue
        values = frame[col.name].to_numpy(dtype=object, copy=True)
        codes, uniques = pd.factorize(values)  # None -> -1
        matcher = VocabularyMatcher(schema, col.vocabulary, ctx.locale)
        verdicts = [matcher.match(u) for u in uniques]
        wrong = [i for i, (_, how) in enumerate(verdicts) if how != "ok"]
        if not wrong:
            continue
        unreadable = ctx.unreadable[col.name]
        vocab = schema.model.vocabularies[col.vocabulary]
        for pos in np.flatnonzero(np.isin(codes, wrong)):
            v = values[pos]
            canonical, how = verdicts[codes[pos]]
            row = int(ctx.rows[pos])
            if how == "fixed":
                values[pos] = canonical
            else:
                unreadable[pos] = True
                values[pos] = None
            if canonical is not None:  # fixed, or a near miss: the value it was meant to be
                ctx.add(
                    "DQ4.value_normalised" if how == "fixed" else "DQ4.near_miss",
                    row=row,
                    column=col.name,
                    value=v,
                    suggestion=canonical,
                    label=col.label_text,
                )
            else:
                ctx.add(
                    "DQ4.not_allowed",
                    row=row,
                    column=col.name,
                    value=v,
                    label=col.label_text,
                    allowed=_allowed(matcher.values, vocab),
                )
        ctx.set_column(col.name, values)


def _allowed(values: list[str], vocab: Vocabulary) -> InLanguages:
    """What a not-allowed message lists, by language: the values themselves when they are
    few (canonical in every language), else the list's hint or a pointer to the list."""
    if 0 < len(values) <= 12:
        return InLanguages({"en": ", ".join(values)})
    hint = vocab.hint_text or {}
    return InLanguages(
        {
            lang: hint.get(lang) or render("checking.see_the_list", language=lang)
            for lang in LANGUAGES
        }
    )


SPEC = RuleSpec(
    id="DQ4",
    title="Allowed values",
    checks=(
        Check(check, Scope.ROWS),  # the schema's listed columns
    ),
)
