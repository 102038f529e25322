"""What changed between two versions of a schema, in plain words.

The global team reads this before distributing a new version, and DQ1 quotes it
when a file was made from an older template. Changes come most important first:
columns, the sales process, lists, rates, subsidiaries, limits, severities, then
local variants and layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop_app.core.model.catalogue import render
from desktop_app.core.schema.definition import TemplateSchema
from desktop_app.core.schema.model import Column, SchemaModel

# Column attributes that change what a file must hold, then those that only change
# how the blank template looks.
_COLUMN_RULES = ("type", "pattern", "vocabulary", "required_when")
_COLUMN_LAYOUT = ("pattern_hint", "description", "format", "width")


@dataclass(frozen=True)
class SchemaChange:
    area: str  # columns, process, vocabularies, rates, subsidiaries, thresholds, ...
    code: str  # the catalogue's sentence for it (schema.diff.*)
    params: dict[str, str]

    @property
    def text(self) -> str:
        """The change in plain words, in the language in use."""
        return render(self.code, self.params)


Said = tuple[str, dict[str, str]]  # a catalogue code and its blanks


def _said(code: str, /, **params: Any) -> Said:
    return f"schema.diff.{code}", {k: str(v) for k, v in params.items()}


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
        ("thresholds", _mapping("threshold", _plain(a.thresholds), _plain(b.thresholds))),
        ("severities", _mapping("severity", a.severities, b.severities)),
        ("local variants", _local_variants(a, b)),
        ("layout", _layout(a, b)),
    ):
        changes.extend(SchemaChange(area, code, params) for code, params in texts)
    return changes


def summarise_changes(changes: list[SchemaChange], limit: int = 5) -> str:
    """The first few changes in one line, for a finding's message."""
    texts = [c.text for c in changes[:limit]]
    more = len(changes) - len(texts)
    if more > 0:
        texts.append(render("schema.diff.more", {"n": str(more)}))
    return "; ".join(texts)


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
        return ", ".join(str(v) for v in values) or render("schema.diff.none")
    if values is None or values == "":
        return render("schema.diff.none")
    return str(values)


def _words(name: str) -> str:
    return name.replace("_", " ")


def _plain(model) -> dict[str, Any]:
    return model.model_dump() if model is not None else {}


def _mapping(kind: str, old: dict, new: dict, show=_listing) -> list[Said]:
    """Added, removed and changed keys of a flat mapping (kind: threshold, severity)."""
    out = []
    for key in [k for k in new if k not in old]:
        out.append(_said(f"{kind}_added", key=key, value=show(new[key])))
    for key in [k for k in old if k not in new]:
        out.append(_said(f"{kind}_removed", key=key, value=show(old[key])))
    for key in [k for k in old if k in new and old[k] != new[k]]:
        out.append(_said(f"{kind}_changed", key=key, old=show(old[key]), new=show(new[key])))
    return out


def _set_change(what: str, kind: str, old, new) -> list[Said]:
    """Values added to and removed from a list, in the list's order (kind: value,
    local_header, entry, name)."""
    added = [v for v in new if v not in old]
    removed = [v for v in old if v not in new]
    return [_said(f"{kind}_added", what=what, item=_q(v)) for v in added] + [
        _said(f"{kind}_removed", what=what, item=_q(v)) for v in removed
    ]


# ---------------------------------------------------------------- columns


def _column_attribute(col: Column, attr: str, old: Any, new: Any) -> Said:
    return _said(
        "column_attribute",
        label=_q(col.label),
        attribute=_words(attr),
        old=_listing(old),
        new=_listing(new),
    )


def _aliases(columns: list[Column]) -> dict[str, tuple[str, str]]:
    """Header alias -> (column name, language)."""
    out = {}
    for col in columns:
        for lang in col.aliases:
            for text in col.alias_list(lang):
                out[text] = (col.name, lang)
    return out


def _columns(a: SchemaModel, b: SchemaModel) -> list[Said]:
    old = {c.name: c for c in a.columns}
    new = {c.name: c for c in b.columns}
    label = {**{n: c.label for n, c in old.items()}, **{n: c.label for n, c in new.items()}}
    out = []
    for name, col in new.items():
        if name not in old:
            out.append(
                _said(
                    "column_added_required" if col.required else "column_added", label=_q(col.label)
                )
            )
    for name, col in old.items():
        if name not in new:
            out.append(_said("column_removed", label=_q(col.label)))
    for name in [n for n in old if n in new]:
        before, after = old[name], new[name]
        if before.label != after.label:
            out.append(_said("column_renamed", old=_q(before.label), new=_q(after.label)))
        if before.required != after.required:
            now = "column_now_required" if after.required else "column_no_longer_required"
            out.append(_said(now, label=_q(after.label)))
        for attr in _COLUMN_RULES:
            x, y = getattr(before, attr), getattr(after, attr)
            if x != y:
                x, y = (_plain(x), _plain(y)) if attr == "required_when" else (x, y)
                out.append(_column_attribute(after, attr, x, y))
    shared = [n for n in old if n in new]
    if shared != [n for n in new if n in old]:
        out.append(_said("column_order"))
    # Headers of a column added or removed as a whole go with it, unnamed.
    was = {t: v for t, v in _aliases(a.columns).items() if v[0] in new}
    now = {t: v for t, v in _aliases(b.columns).items() if v[0] in old}
    for text, (name, lang) in now.items():
        if text not in was:
            out.append(_said("header_added", label=_q(label[name]), header=_q(text), language=lang))
        elif was[text][0] != name:
            old = _q(label[was[text][0]])
            out.append(_said("header_moved", header=_q(text), old=old, new=_q(label[name])))
    for text, (name, lang) in was.items():
        if text not in now:
            out.append(
                _said("header_removed", label=_q(label[name]), header=_q(text), language=lang)
            )
    return out


# ---------------------------------------------------------------- process and lists


def _band(stage) -> str:
    low, high = stage.probability
    return f"{low}-{high} %" if low != high else f"{low} %"


def _process(a: SchemaModel, b: SchemaModel) -> list[Said]:
    out = []
    for name, stage in b.process.items():
        if name not in a.process:
            out.append(_said("stage_added", stage=_q(name), band=_band(stage)))
    for name in a.process:
        if name not in b.process:
            out.append(_said("stage_removed", stage=_q(name)))
    for name in [n for n in a.process if n in b.process]:
        x, y = a.process[name], b.process[name]
        if x.probability != y.probability:
            out.append(_said("stage_band", stage=_q(name), old=_band(x), new=_band(y)))
        if x.forecast != y.forecast:
            old, new = _listing(x.forecast), _listing(y.forecast)
            out.append(_said("stage_forecast", stage=_q(name), old=old, new=new))
        if x.closed != y.closed:
            out.append(_said("stage_closed" if y.closed else "stage_open", stage=_q(name)))
        if x.needs_loss_reason != y.needs_loss_reason:
            now = "stage_needs_loss_reason" if y.needs_loss_reason else "stage_no_loss_reason"
            out.append(_said(now, stage=_q(name)))
    return out


def _vocabulary_label(model: SchemaModel, name: str) -> str:
    """A list named as people know it: by the column that uses it."""
    labels = [c.label for c in model.columns if c.vocabulary == name]
    return " / ".join(labels) if labels else render("schema.diff.list", {"name": name})


def _synonyms(what: str, old: dict[str, str], new: dict[str, str]) -> list[Said]:
    out = [
        _said("synonym_added", what=what, word=_q(w), value=v)
        for w, v in new.items()
        if w not in old
    ]
    out += [_said("synonym_removed", what=what, word=_q(w)) for w in old if w not in new]
    out += [
        _said("synonym_changed", what=what, word=_q(w), new=new[w], old=old[w])
        for w in old
        if w in new and old[w] != new[w]
    ]
    return out


def _vocabularies(a: SchemaModel, b: SchemaModel) -> list[Said]:
    out = []
    for name in b.vocabularies:
        if name not in a.vocabularies:
            out.append(_said("list_added", what=_vocabulary_label(b, name), name=_q(name)))
    for name in a.vocabularies:
        if name not in b.vocabularies:
            out.append(_said("list_removed", what=_vocabulary_label(a, name), name=_q(name)))
    for name in [n for n in a.vocabularies if n in b.vocabularies]:
        x, y = a.vocabularies[name], b.vocabularies[name]
        what = _vocabulary_label(b, name)
        out += _set_change(what, "value", x.values, y.values)
        out += _synonyms(what, x.synonyms, y.synonyms)
        for attr in ("source", "names_as_synonyms", "hint"):
            if getattr(x, attr) != getattr(y, attr):
                old, new = _listing(getattr(x, attr)), _listing(getattr(y, attr))
                out.append(
                    _said("list_attribute", what=what, attribute=_words(attr), old=old, new=new)
                )
    return out


# ---------------------------------------------------------------- money and organisation


def _rates(a: SchemaModel, b: SchemaModel) -> list[Said]:
    out = [
        _said("rate_added", currency=c, rate=_number(r))
        for c, r in b.rates.items()
        if c not in a.rates
    ]
    out += [_said("rate_removed", currency=c) for c in a.rates if c not in b.rates]
    out += [
        _said("rate_changed", currency=c, old=_number(a.rates[c]), new=_number(b.rates[c]))
        for c in a.rates
        if c in b.rates and a.rates[c] != b.rates[c]
    ]
    return out


def _subsidiaries(a: SchemaModel, b: SchemaModel) -> list[Said]:
    out = []
    for code, sub in b.subsidiaries.items():
        if code not in a.subsidiaries:
            currencies = _listing(sub.currencies)
            out.append(
                _said("subsidiary_added", code=code, country=sub.country, currencies=currencies)
            )
    out += [_said("subsidiary_removed", code=c) for c in a.subsidiaries if c not in b.subsidiaries]
    for code in [c for c in a.subsidiaries if c in b.subsidiaries]:
        x, y = _plain(a.subsidiaries[code]), _plain(b.subsidiaries[code])
        for field, before in x.items():
            if before != y[field]:
                old, new = _listing(before), _listing(y[field])
                out.append(_said("subsidiary_changed", code=code, field=field, old=old, new=new))
    return out


def _global_accounts(a: SchemaModel, b: SchemaModel) -> list[Said]:
    out = []
    for cid, acc in b.global_accounts.items():
        if cid not in a.global_accounts:
            out.append(_said("account_added", customer_id=cid, name=acc.name, owner=acc.owner))
    out += [
        _said("account_removed", customer_id=cid, name=acc.name)
        for cid, acc in a.global_accounts.items()
        if cid not in b.global_accounts
    ]
    for cid in [c for c in a.global_accounts if c in b.global_accounts]:
        x, y = a.global_accounts[cid], b.global_accounts[cid]
        if x.owner != y.owner:
            owners = {"old": x.owner, "new": y.owner}
            out.append(_said("account_owner", customer_id=cid, name=y.name, **owners))
        if x.name != y.name:
            out.append(_said("account_renamed", customer_id=cid, old=_q(x.name), new=_q(y.name)))
    return out


# ---------------------------------------------------------------- local variants


def _local_variants(a: SchemaModel, b: SchemaModel) -> list[Said]:
    out = []
    for code in b.local_variants:
        if code not in a.local_variants:
            out.append(_said("variant_added", code=code))
    out += [_said("variant_removed", code=c) for c in a.local_variants if c not in b.local_variants]
    for code in [c for c in a.local_variants if c in b.local_variants]:
        x, y = a.local_variants[code], b.local_variants[code]
        old_cols = {c.name: c for c in x.columns}
        new_cols = {c.name: c for c in y.columns}
        out += [
            _said("local_column_added", code=code, label=_q(c.label))
            for n, c in new_cols.items()
            if n not in old_cols
        ]
        out += [
            _said("local_column_removed", code=code, label=_q(c.label))
            for n, c in old_cols.items()
            if n not in new_cols
        ]
        for name in [n for n in old_cols if n in new_cols]:
            before, after = _plain(old_cols[name]), _plain(new_cols[name])
            for field in [f for f in before if before[f] != after[f]]:
                out.append(
                    _said(
                        "local_column_attribute",
                        code=code,
                        label=_q(after["label"]),
                        attribute=_words(field),
                        old=_listing(before[field]),
                        new=_listing(after[field]),
                    )
                )
        for name in sorted(set(x.aliases) | set(y.aliases)):
            out += _set_change(
                render("schema.diff.variant_column", {"code": code, "column": name}),
                "local_header",
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


def _layout(a: SchemaModel, b: SchemaModel) -> list[Said]:
    """Sheet names, placeholders, labels and column presentation: any other field."""
    out = []
    old = {c.name: c for c in a.columns}
    for col in b.columns:
        if col.name in old:
            for attr in _COLUMN_LAYOUT:
                x, y = getattr(old[col.name], attr), getattr(col, attr)
                if x != y:
                    out.append(_column_attribute(col, attr, x, y))
    for field in SchemaModel.model_fields:
        if field in _HANDLED:
            continue
        x, y = getattr(a, field), getattr(b, field)
        if x == y:
            continue
        if isinstance(x, list):
            out += _set_change(_words(field).capitalize(), "entry", x, y)
        elif hasattr(x, "model_dump") or hasattr(y, "model_dump"):  # None: not in the file
            was, now = _plain(x), _plain(y)
            for key in was | now:
                before, after = was.get(key), now.get(key)
                what = f"{_words(field).capitalize()} {_words(key)}"
                if before == after:
                    continue
                if isinstance(before or after, list):
                    before, after = before or [], after or []
                    out += _set_change(what, "name", before, after)
                else:
                    out.append(_said("field_changed", field=what, old=_q(before), new=_q(after)))
        else:
            out.append(
                _said("field_changed", field=_words(field).capitalize(), old=_q(x), new=_q(y))
            )
    return out
