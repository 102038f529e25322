"""The schemas the program has been given, kept in the user's data folder.

The global team distributes a new schema file; `template-checker schema import FILE`
(or `schema update`, from the channel) keeps a copy under `schemas/{id}/{version}.yaml`,
with its signature beside it (`{version}.yaml.sig`), and from then on the newest
trusted version is "the version in use": the one the window, check, export, template,
map and consolidate use unless --schema names another. Trusted: the bundled schema,
and a kept version signed by a trusted key (schema.signing); while no key is trusted,
every kept version counts. Older versions stay, so a file made from an old template can
be told what changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from packaging.version import InvalidVersion, Version

from desktop_app.core.model.atomic import atomic_path
from desktop_app.core.schema.definition import TemplateSchema
from desktop_app.core.schema.loading import SchemaError, load_schema, parse_schema_bytes
from desktop_app.core.schema.signing import (
    any_key_trusted,
    read_signed,
    require_trusted,
    signature_path,
    signed_by_trusted_key,
)
from desktop_app.core.schema.userdata import APP_NAME as APP_NAME  # where it was
from desktop_app.core.schema.userdata import DATA_DIR_VARIABLE as DATA_DIR_VARIABLE
from desktop_app.core.schema.userdata import data_dir

_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def store_folder() -> Path:
    """Where kept schemas live: TEMPLATE_CHECKER_DATA_DIR, else the user data folder."""
    return data_dir() / "schemas"


@dataclass(frozen=True)
class SchemaEntry:
    id: str
    version: str
    path: Path | None  # None: the schema bundled with the program

    @property
    def label(self) -> str:
        return f"{self.id} {self.version} ({'bundled' if self.path is None else self.path})"

    def load(self) -> TemplateSchema:
        return _bundled() if self.path is None else load_signed(self.path)

    @property
    def trusted(self) -> bool:
        """Bundled, or signed by a trusted key (every kept version while none is trusted)."""
        return self.path is None or not any_key_trusted() or signed_by_trusted_key(self.path)


def load_signed(path: str | Path) -> TemplateSchema:
    """A schema file, marked signed when its .sig holds under a trusted key."""
    schema = load_schema(path)
    return replace(schema, signed=signed_by_trusted_key(Path(path)))


@cache
def _bundled() -> TemplateSchema:
    return load_schema()


def schema_entries(schema_id: str | None = None) -> list[SchemaEntry]:
    """Stored schemas and the bundled one (of schema_id, or all), oldest first."""
    bundled = _bundled()
    entries = [SchemaEntry(bundled.id, bundled.version, None)]
    folder = store_folder()
    if folder.is_dir():
        for path in sorted(folder.glob("*/*.yaml")):
            entry = SchemaEntry(path.parent.name, path.stem, path)
            if (entry.id, entry.version) != (bundled.id, bundled.version):
                entries.append(entry)
    entries = [e for e in entries if schema_id is None or e.id == schema_id]
    return sorted(entries, key=lambda e: (e.id, _sort_key(e.version)))


def _sort_key(text: str) -> tuple:
    try:
        return (1, Version(text))
    except InvalidVersion:  # a file put there by hand: ordered before any real version
        return (0, text)


def trusted_entries(schema_id: str | None = None) -> list[SchemaEntry]:
    """schema_entries that may be used without being named: the bundled one and those
    signed by a trusted key (all of them while no key is trusted), oldest first."""
    entries = schema_entries(schema_id)
    if not any_key_trusted():
        return entries
    return [e for e in entries if e.path is None or signed_by_trusted_key(e.path)]


def default_entry() -> SchemaEntry:
    """The version in use: the newest trusted version of the bundled schema's id."""
    return trusted_entries(_bundled().id)[-1]


def default_schema() -> TemplateSchema:
    """The version in use: the newest trusted kept version that still loads. A version
    kept by an older program may fail today's validation (labels in every language
    became required): then the one before it is used rather than stopping every check;
    `schema validate` names the problem. The bundled schema always loads."""
    for entry in reversed(trusted_entries(_bundled().id)):
        try:
            return entry.load()
        except SchemaError:
            continue
    return _bundled()


def find_entry(schema_id: str, version: str) -> SchemaEntry | None:
    for entry in schema_entries(schema_id):
        if entry.version == version:
            return entry
    return None


def schema_for(reference: str | None) -> TemplateSchema:
    """The schema --schema names (a file, a kept version such as 2026.1, or the default),
    knowing the versions kept beside it."""
    return with_kept_versions(_named_schema(reference))


def _named_schema(reference: str | None) -> TemplateSchema:
    if not reference:
        return default_schema()
    path = Path(reference)
    if not path.exists():
        entry = find_entry(_bundled().id, reference)
        if entry is not None:
            return entry.load()
    return load_signed(path)


class KeptVersions(Mapping[str, TemplateSchema]):
    """The versions of one schema that the program keeps (stored or bundled), by version,
    read from the data folder only when asked for; a damaged kept copy counts as none."""

    def __init__(self, schema_id: str) -> None:
        self.schema_id = schema_id

    def __getitem__(self, version: str) -> TemplateSchema:
        entry = find_entry(self.schema_id, version)
        if entry is None:
            raise KeyError(version)
        try:
            return entry.load()
        except SchemaError:
            raise KeyError(version) from None

    def __iter__(self) -> Iterator[str]:
        return (entry.version for entry in schema_entries(self.schema_id))

    def __len__(self) -> int:
        return len(schema_entries(self.schema_id))


def with_kept_versions(schema: TemplateSchema) -> TemplateSchema:
    """schema, with the versions kept beside it passed along for the checks (DQ1 names
    what changed since a file's older template). Checks read no data folder themselves."""
    return replace(schema, kept_versions=KeptVersions(schema.id))


def import_schema(path: str | Path) -> tuple[SchemaEntry, bool]:
    """Keep a copy of a validated schema file, and its signature (FILE.sig) when it has
    one; (entry, False) when it was already kept. Once a key is trusted, only a file
    signed by a trusted key is kept (SigningProblem, one sentence, otherwise)."""
    path = Path(path)
    load_schema(path)  # refuses a missing, unreadable or invalid file with a sentence
    data, signature = read_signed(path)  # what is verified is what is kept
    if any_key_trusted():
        require_trusted(path, data, signature)
    schema = parse_schema_bytes(data, str(path))
    if not _SAFE_ID.match(schema.id):
        raise SchemaError("schema.id_not_a_folder_name", file=str(path), id=repr(schema.id))
    try:
        Version(schema.version)
    except InvalidVersion:
        raise SchemaError(
            "schema.version_unordered", file=str(path), version=repr(schema.version)
        ) from None
    same = find_entry(schema.id, schema.version)
    if same is not None:
        if same.load().sha256 != schema.sha256:
            raise SchemaError(
                "schema.version_kept_differently",
                file=str(path),
                version=schema.version,
                id=schema.id,
            )
        if same.path is None or signature is None or _kept_signature(same.path) == signature:
            return same, False
        _keep_signature(same.path, signature)  # kept unsigned before: now it is signed
        return same, True
    target = store_folder() / schema.id / f"{schema.version}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    if signature is not None:
        _keep_signature(target, signature)
    with atomic_path(target, protect=(path,)) as tmp:
        tmp.write_bytes(data)
    return SchemaEntry(schema.id, schema.version, target), True


def _kept_signature(kept: Path) -> str | None:
    return read_signed(kept)[1]


def _keep_signature(kept: Path, signature: str) -> None:
    with atomic_path(signature_path(kept)) as tmp:
        tmp.write_text(signature, "ascii")
