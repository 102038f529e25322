"""What changed between two versions of a schema, in plain words.

The global team reads this before distributing a new version, and DQ1 quotes it
when a file was made from an older template. Changes come most important first:
columns, the sales process, lists, rates, subsidiaries, limits, severities, then
local variants and layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop_app.core.schema.definition import TemplateSchema
from desktop_app.core.schema.model import Column, SchemaModel

# Column attributes that change what a file must hold, then those that only change
# how the blank template looks.
_COLUMN_RULES = ("type", "pattern", "vocabulary", "required_when")
_COLUMN_LAYOUT = ("pattern_hint", "description", "format", "width")


@dataclass(frozen=True)
class SchemaChange:
    area: str  # columns, process, vocabularies, rates, subsidiaries, thresholds, ...
    text: str


def diff_schemas(old: TemplateSchema, new: TemplateSchema) -> list[SchemaChange]:
    """Every difference between old and new, most important first."""
    a, b = old.model, new.model
    changes: list[SchemaChange] = []
    for area, texts in (
        ("columns", _columns(a, b)),
        ("process", _process(a, b)),
        ("vocabularies", _vocabularies(a, b)),
        ("rates", _rates(a, b)),
        ("subsidiaries", _subsidiaries(a, b)),
        ("global accounts", _global_accounts(a, b)),
        ("thresholds", _mapping("Threshold", _plain(a.thresholds), _plain(b.thresholds))),
        ("severities", _mapping("Severity of", a.severities, b.severities)),
        ("local variants", _local_variants(a, b)),
        ("layout", _layout(a, b)),
    ):
        changes.extend(SchemaChange(area, t) for t in texts)
    return changes


def summarise_changes(changes: list[SchemaChange], limit: int = 5) -> str:
    """The first few changes in one line, for a finding's message."""
    texts = [c.text for c in changes[:limit]]
    more = len(changes) - len(texts)
    return "; ".join(texts) + (f"; and {more} more" if more > 0 else "")


# ---------------------------------------------------------------- words


def _q(text: Any) -> str:
    return f"'{text}'"


def _number(x: Any) -> str:
    """Rates as people write them: 11.50, 0.85, 1.0834."""
    if isinstance(x, float | int) and not isinstance(x, bool):
        return f"{x:.2f}" if round(x, 2) == x else f"{x:g}"
    return str(x)


def _listing(values: Any) -> str:
    if isinstance(values, list | tuple):
        return ", ".join(str(v) for v in values) or "(none)"
    if values is None or values == "":
        return "(none)"
    return str(values)


def _words(name: str) -> str:
    return name.replace("_", " ")


def _plain(model) -> dict[str, Any]:
    return model.model_dump() if model is not None else {}


def _mapping(what: str, old: dict, new: dict, show=_listing) -> list[str]:
    """Added, removed and changed keys of a flat mapping."""
    out = []
    for key in [k for k in new if k not in old]:
        out.append(f"{what} {key} added ({show(new[key])})")
    for key in [k for k in old if k not in new]:
        out.append(f"{what} {key} removed (was {show(old[key])})")
    for key in [k for k in old if k in new and old[k] != new[k]]:
        out.append(f"{what} {key} changed from {show(old[key])} to {show(new[key])}")
    return out


def _set_change(what: str, noun: str, old, new) -> list[str]:
    """Values added to and removed from a list, in the list's order."""
    added = [v for v in new if v not in old]
    removed = [v for v in old if v not in new]
    return [f"{what}: {noun} {_q(v)} added" for v in added] + [
        f"{what}: {noun} {_q(v)} removed" for v in removed
    ]


# ---------------------------------------------------------------- columns


def _aliases(columns: list[Column]) -> dict[str, tuple[str, str]]:
    """Header alias -> (column name, language)."""
    out = {}
    for col in columns:
        for lang in col.aliases:
            for text in col.alias_list(lang):
                out[text] = (col.name, lang)
    return out


def _columns(a: SchemaModel, b: SchemaModel) -> list[str]:
    old = {c.name: c for c in a.columns}
    new = {c.name: c for c in b.columns}
    label = {**{n: c.label for n, c in old.items()}, **{n: c.label for n, c in new.items()}}
    out = []
    for name, col in new.items():
        if name not in old:
            out.append(f"Column {_q(col.label)} added" + (" (required)" if col.required else ""))
    for name, col in old.items():
        if name not in new:
            out.append(f"Column {_q(col.label)} removed")
    for name in [n for n in old if n in new]:
        before, after = old[name], new[name]
        if before.label != after.label:
            out.append(f"Column {_q(before.label)} renamed to {_q(after.label)}")
        if before.required != after.required:
            now = "now required" if after.required else "no longer required"
            out.append(f"Column {_q(after.label)} is {now}")
        for attr in _COLUMN_RULES:
            x, y = getattr(before, attr), getattr(after, attr)
            if x != y:
                x, y = (_plain(x), _plain(y)) if attr == "required_when" else (x, y)
                out.append(
                    f"Column {_q(after.label)}: {_words(attr)} changed from {_listing(x)} to {_listing(y)}"
                )
    shared = [n for n in old if n in new]
    if shared != [n for n in new if n in old]:
        out.append("Column order changed")
    # Headers of a column added or removed as a whole go with it, unnamed.
    was = {t: v for t, v in _aliases(a.columns).items() if v[0] in new}
    now = {t: v for t, v in _aliases(b.columns).items() if v[0] in old}
    for text, (name, lang) in now.items():
        if text not in was:
            out.append(f"Column {_q(label[name])}: header {_q(text)} ({lang}) added")
        elif was[text][0] != name:
            out.append(
                f"Header {_q(text)} moved from column {_q(label[was[text][0]])} to {_q(label[name])}"
            )
    for text, (name, lang) in was.items():
        if text not in now:
            out.append(f"Column {_q(label[name])}: header {_q(text)} ({lang}) removed")
    return out


# ---------------------------------------------------------------- process and lists


def _band(stage) -> str:
    low, high = stage.probability
    return f"{low}-{high} %" if low != high else f"{low} %"


def _process(a: SchemaModel, b: SchemaModel) -> list[str]:
    out = []
    for name, stage in b.process.items():
        if name not in a.process:
            out.append(f"Stage {_q(name)} added ({_band(stage)})")
    for name in a.process:
        if name not in b.process:
            out.append(f"Stage {_q(name)} removed")
    for name in [n for n in a.process if n in b.process]:
        x, y = a.process[name], b.process[name]
        if x.probability != y.probability:
            out.append(f"Stage {_q(name)} band changed from {_band(x)} to {_band(y)}")
        if x.forecast != y.forecast:
            out.append(
                f"Stage {_q(name)} forecast categories changed from "
                f"{_listing(x.forecast)} to {_listing(y.forecast)}"
            )
        if x.closed != y.closed:
            out.append(f"Stage {_q(name)} is now {'closed' if y.closed else 'open'}")
        if x.needs_loss_reason != y.needs_loss_reason:
            now = "needs" if y.needs_loss_reason else "no longer needs"
            out.append(f"Stage {_q(name)} {now} a loss reason")
    return out


def _vocabulary_label(model: SchemaModel, name: str) -> str:
    """A list named as people know it: by the column that uses it."""
    labels = [c.label for c in model.columns if c.vocabulary == name]
    return " / ".join(labels) if labels else f"List {name}"


def _synonyms(what: str, old: dict[str, str], new: dict[str, str]) -> list[str]:
    out = [f"{what}: synonym {_q(w)} (-> {v}) added" for w, v in new.items() if w not in old]
    out += [f"{what}: synonym {_q(w)} removed" for w in old if w not in new]
    out += [
        f"{what}: synonym {_q(w)} now means {new[w]} instead of {old[w]}"
        for w in old
        if w in new and old[w] != new[w]
    ]
    return out


def _vocabularies(a: SchemaModel, b: SchemaModel) -> list[str]:
    out = []
    for name in b.vocabularies:
        if name not in a.vocabularies:
            out.append(f"{_vocabulary_label(b, name)}: list {_q(name)} added")
    for name in a.vocabularies:
        if name not in b.vocabularies:
            out.append(f"{_vocabulary_label(a, name)}: list {_q(name)} removed")
    for name in [n for n in a.vocabularies if n in b.vocabularies]:
        x, y = a.vocabularies[name], b.vocabularies[name]
        what = _vocabulary_label(b, name)
        out += _set_change(what, "value", x.values, y.values)
        out += _synonyms(what, x.synonyms, y.synonyms)
        for attr in ("source", "names_as_synonyms", "hint"):
            if getattr(x, attr) != getattr(y, attr):
                out.append(
                    f"{what}: {_words(attr)} changed from {_listing(getattr(x, attr))} "
                    f"to {_listing(getattr(y, attr))}"
                )
    return out


# ---------------------------------------------------------------- money and organisation


def _rates(a: SchemaModel, b: SchemaModel) -> list[str]:
    out = [f"Rate {c} added ({_number(r)})" for c, r in b.rates.items() if c not in a.rates]
    out += [f"Rate {c} removed" for c in a.rates if c not in b.rates]
    out += [
        f"Rate {c} changed {_number(a.rates[c])} -> {_number(b.rates[c])}"
        for c in a.rates
        if c in b.rates and a.rates[c] != b.rates[c]
    ]
    return out


def _subsidiaries(a: SchemaModel, b: SchemaModel) -> list[str]:
    out = []
    for code, sub in b.subsidiaries.items():
        if code not in a.subsidiaries:
            out.append(f"Subsidiary {code} added ({sub.country}, {_listing(sub.currencies)})")
    out += [f"Subsidiary {code} removed" for code in a.subsidiaries if code not in b.subsidiaries]
    for code in [c for c in a.subsidiaries if c in b.subsidiaries]:
        x, y = _plain(a.subsidiaries[code]), _plain(b.subsidiaries[code])
        for field, before in x.items():
            if before != y[field]:
                out.append(
                    f"Subsidiary {code}: {field} changed from {_listing(before)} to {_listing(y[field])}"
                )
    return out


def _global_accounts(a: SchemaModel, b: SchemaModel) -> list[str]:
    out = []
    for cid, acc in b.global_accounts.items():
        if cid not in a.global_accounts:
            out.append(f"Global account {cid} {acc.name} added (owner {acc.owner})")
    out += [
        f"Global account {cid} {acc.name} removed"
        for cid, acc in a.global_accounts.items()
        if cid not in b.global_accounts
    ]
    for cid in [c for c in a.global_accounts if c in b.global_accounts]:
        x, y = a.global_accounts[cid], b.global_accounts[cid]
        if x.owner != y.owner:
            out.append(f"Global account {cid} {y.name}: owner changed from {x.owner} to {y.owner}")
        if x.name != y.name:
            out.append(f"Global account {cid} renamed from {_q(x.name)} to {_q(y.name)}")
    return out


# ---------------------------------------------------------------- local variants


def _local_variants(a: SchemaModel, b: SchemaModel) -> list[str]:
    out = []
    for code in b.local_variants:
        if code not in a.local_variants:
            out.append(f"Local variant for {code} added")
    out += [f"Local variant for {c} removed" for c in a.local_variants if c not in b.local_variants]
    for code in [c for c in a.local_variants if c in b.local_variants]:
        x, y = a.local_variants[code], b.local_variants[code]
        what = f"{code} local"
        old_cols = {c.name: c for c in x.columns}
        new_cols = {c.name: c for c in y.columns}
        out += [
            f"{what} column {_q(c.label)} added" for n, c in new_cols.items() if n not in old_cols
        ]
        out += [
            f"{what} column {_q(c.label)} removed" for n, c in old_cols.items() if n not in new_cols
        ]
        for name in [n for n in old_cols if n in new_cols]:
            before, after = _plain(old_cols[name]), _plain(new_cols[name])
            for field in [f for f in before if before[f] != after[f]]:
                out.append(
                    f"{what} column {_q(after['label'])}: {_words(field)} changed from "
                    f"{_listing(before[field])} to {_listing(after[field])}"
                )
        for name in sorted(set(x.aliases) | set(y.aliases)):
            out += _set_change(
                f"{code} column {name}",
                "local header",
                x.aliases.get(name, []),
                y.aliases.get(name, []),
            )
        for vocab in sorted(set(x.synonyms) | set(y.synonyms)):
            out += _synonyms(
                f"{code} {_vocabulary_label(b, vocab)}",
                x.synonyms.get(vocab, {}),
                y.synonyms.get(vocab, {}),
            )
    return out


# ---------------------------------------------------------------- everything else


_HANDLED = {
    "id",
    "version",
    "columns",
    "process",
    "vocabularies",
    "rates",
    "subsidiaries",
    "global_accounts",
    "thresholds",
    "severities",
    "local_variants",
}


def _layout(a: SchemaModel, b: SchemaModel) -> list[str]:
    """Sheet names, placeholders, labels and column presentation: any other field."""
    out = []
    old = {c.name: c for c in a.columns}
    for col in b.columns:
        if col.name in old:
            for attr in _COLUMN_LAYOUT:
                x, y = getattr(old[col.name], attr), getattr(col, attr)
                if x != y:
                    out.append(
                        f"Column {_q(col.label)}: {_words(attr)} changed from {_listing(x)} to {_listing(y)}"
                    )
    for field in SchemaModel.model_fields:
        if field in _HANDLED:
            continue
        x, y = getattr(a, field), getattr(b, field)
        if x == y:
            continue
        if isinstance(x, list):
            out += _set_change(_words(field).capitalize(), "entry", x, y)
        elif hasattr(x, "model_dump"):
            for key, before in _plain(x).items():
                after = _plain(y)[key]
                if before != after:
                    out += _set_change(f"{_words(field).capitalize()} {key}", "name", before, after)
        else:
            out.append(f"{_words(field).capitalize()} changed from {_q(x)} to {_q(y)}")
    return out
