"""The schema channel: the folder the global team publishes its signed schema versions to.

A network share or a synced cloud folder holding `*.yaml` schema files, each with its
`*.yaml.sig` beside it. The installation knows the folder from the person's setting
(`<data dir>/channel.yaml`, written by `schema channel DIR`) or, failing that, from a
preset shipped in the bundle (`schemas/channel.yaml`), both as `folder: PATH` (`~` and
environment variables such as %USERPROFILE% are expanded).

`update_from_channel` keeps every version in the channel newer than the version in use
whose signature holds under a trusted key, and refuses the others with one sentence
each; a refused file changes nothing. It never raises for a channel that is missing,
unreadable or slow (it says so in `unreadable`), so the window can call it in the
background.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from packaging.version import InvalidVersion, Version

from desktop_app.bundled import data_folder
from desktop_app.core.model.atomic import atomic_path
from desktop_app.core.model.catalogue import render
from desktop_app.core.model.errors import ProblemForUser
from desktop_app.core.model.progress import Progress
from desktop_app.core.schema.definition import TemplateSchema
from desktop_app.core.schema.diff import SchemaChange, diff_schemas
from desktop_app.core.schema.loading import SchemaError, load_schema
from desktop_app.core.schema.signing import SignatureState, refusal, signature_state
from desktop_app.core.schema.store import SchemaEntry, import_schema, schema_for
from desktop_app.core.schema.userdata import data_dir

CHANNEL_FILE = "channel.yaml"  # in the data dir (the person's) and in schemas/ (a preset)
SCHEMA_SUFFIXES = (".yaml", ".yml")


class ChannelProblem(ProblemForUser):
    """The channel cannot be read or set; one sentence naming the folder."""


@dataclass
class ChannelUpdate:
    folder: Path | None  # None: no channel set
    unreadable: ProblemForUser | None  # the channel could not be read (CLI exit 2)
    taken: list[SchemaEntry]  # versions kept now, oldest first
    refused: list[ProblemForUser]  # one sentence per refused file (CLI exit 1)
    before: TemplateSchema  # the version in use before
    in_use: TemplateSchema  # the version in use now (with kept versions)
    changes: list[SchemaChange] = field(default_factory=list)  # [] when nothing new

    @property
    def updated(self) -> bool:
        """Whether a newer version was taken (the version in use may have changed)."""
        return bool(self.taken)


# ---------------------------------------------------------------- where the channel is


def _setting_file() -> Path:
    return data_dir() / CHANNEL_FILE


def _folder_in(text: str) -> Path | None:
    """The `folder:` of a channel file's text; None when it names none."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return None
    folder = data.get("folder") if isinstance(data, dict) else None
    if not isinstance(folder, str) or not folder.strip():
        return None
    return Path(os.path.expandvars(os.path.expanduser(folder.strip())))


def _folder_of(file) -> Path | None:
    """The `folder:` of a channel file (a Path or the bundle's Traversable); None when the
    file is missing, unreadable or names none."""
    try:
        return _folder_in(file.read_text("utf-8")) if file.is_file() else None
    except (OSError, UnicodeDecodeError):
        return None


def _preset_folder() -> Path | None:
    return _folder_of(data_folder("schemas").joinpath(CHANNEL_FILE))


def channel_folder() -> Path | None:
    """The person's channel, else the one preset in the bundle, else None."""
    return _folder_of(_setting_file()) or _preset_folder()


def preset_channel() -> bool:
    """Whether the channel in use is the bundle's preset (the person set none)."""
    return _folder_of(_setting_file()) is None and _preset_folder() is not None


def set_channel_folder(path: Path) -> Path:
    """Record path as the person's channel (an absolute path; it need not be reachable
    now: a share may be offline). Returns the folder recorded."""
    folder = Path(os.path.abspath(os.path.expandvars(os.path.expanduser(str(path)))))
    if folder.exists() and not folder.is_dir():
        raise ChannelProblem("channel.set.a_file", folder=str(folder))
    target = _setting_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump({"folder": str(folder)}, allow_unicode=True)
    with atomic_path(target) as tmp:
        tmp.write_text(text, "utf-8")
    return folder


# ---------------------------------------------------------------- taking new versions


def _version(text: str) -> Version | None:
    try:
        return Version(text)
    except InvalidVersion:
        return None


def _listing(folder: Path) -> list[Path]:
    """The schema files in the channel, by name; OSError when it cannot be read."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix.lower() in SCHEMA_SUFFIXES and not p.name.startswith((".", "~$"))
    )


def update_from_channel(progress: Progress | None = None) -> ChannelUpdate:
    """Keep every version in the channel newer than the one in use whose signature holds
    under a trusted key; refuse the others (one sentence each). Never raises for the
    channel itself; Cancelled when progress is cancelled."""
    progress = progress or Progress()
    before = schema_for(None)
    folder = channel_folder()
    update = ChannelUpdate(folder, None, [], [], before, before)
    if folder is None:
        return update
    progress.step(render("channel.progress.looking", {"folder": str(folder)}), 0.0)
    try:
        if not folder.is_dir():
            update.unreadable = ChannelProblem("channel.unreadable.missing", folder=str(folder))
            return update
        files = _listing(folder)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        update.unreadable = ChannelProblem(
            "channel.unreadable.error", folder=str(folder), reason=reason
        )
        return update
    newest = _version(before.version)
    candidates: list[tuple[Version, Path]] = []
    for i, path in enumerate(files):
        progress.step(render("channel.progress.reading", {"file": path.name}), i / len(files) / 2)
        try:
            schema = load_schema(path)
        except SchemaError as exc:
            update.refused.append(ChannelProblem("channel.refused.invalid", problem=str(exc)))
            continue
        version = _version(schema.version)
        if schema.id != before.id or version is None:
            continue  # another schema's file, or one by hand: not a release of this one
        if newest is None or version > newest:
            candidates.append((version, path))
    for i, (_, path) in enumerate(sorted(candidates)):
        fraction = 0.5 + 0.5 * i / len(candidates)
        progress.step(render("channel.progress.taking", {"file": path.name}), fraction)
        _take(path, update)
    if update.taken:
        update.in_use = schema_for(None)
        if update.in_use.sha256 != before.sha256:
            update.changes = diff_schemas(before, update.in_use)
    progress.step(render("channel.progress.done"), 1.0)
    return update


def _take(path: Path, update: ChannelUpdate) -> None:
    """Keep one newer version, or add the sentence that refuses it."""
    try:
        state = signature_state(path)
        if state is not SignatureState.TRUSTED:
            update.refused.append(refusal(path, state))
            return
        entry, _ = import_schema(path)  # verifies the bytes it keeps once more
    except ProblemForUser as exc:
        update.refused.append(exc)
        return
    except OSError as exc:
        update.refused.append(
            ChannelProblem(
                "channel.refused.unreadable", file=str(path), reason=exc.strerror or str(exc)
            )
        )
        return
    update.taken.append(entry)
