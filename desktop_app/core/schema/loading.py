"""Loading a schema: YAML text to a validated TemplateSchema, or one sentence saying
which file, which line and key, and what is wrong (in the language in use)."""

from __future__ import annotations

import hashlib
import io
from dataclasses import replace
from pathlib import Path

import yaml
from pydantic import ValidationError

from desktop_app.bundled import data_folder
from desktop_app.core.model.catalogue import codes, render
from desktop_app.core.model.errors import ProblemForUser
from desktop_app.core.schema.definition import TemplateSchema
from desktop_app.core.schema.model import SchemaModel

BUNDLED_SCHEMA = "global-pipeline.yaml"


class SchemaError(ProblemForUser):
    """A schema file that cannot be used; str() is one sentence naming file and place."""


def _line_map(text: str) -> dict[tuple, int]:
    """Key path -> 1-based line, so a validation error can point into the file."""
    lines: dict[tuple, int] = {}

    def walk(node: yaml.Node, path: tuple) -> None:
        lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(value, (*path, key.value))
                lines[(*path, key.value)] = key.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, (*path, i))

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return lines
    if root is not None:
        walk(root, ())
    return lines


def _describe_path(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or render("schema.top_level")


def _problem_text(err: dict) -> str:
    """Pydantic's error in the language in use: our own problems are catalogue codes; of
    pydantic's own, the common ones are in the catalogue too, the rest in its words."""
    code = err["type"] if err["type"].startswith("schema.") else f"schema.pydantic.{err['type']}"
    if code not in codes():
        return err["msg"]
    return render(code, {k: str(v) for k, v in (err.get("ctx") or {}).items()})


def parse_schema(text: str, source: str) -> TemplateSchema:
    """Validate schema text; raises SchemaError with file, place and problem."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or render("schema.not_yaml")
        if mark is None:
            raise SchemaError("schema.yaml_error", file=source, problem=problem) from None
        raise SchemaError(
            "schema.yaml_error_at_line", file=source, line=str(mark.line + 1), problem=problem
        ) from None
    if not isinstance(data, dict):
        raise SchemaError("schema.not_a_schema", file=source)
    try:
        model = SchemaModel.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        path = tuple(
            p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-"))
        )
        at = (err.get("ctx") or {}).get("at")  # a problem found across parts names its key
        if at and not path:
            path = tuple(at.split("."))
        lines = _line_map(text)
        probe = path
        while probe and probe not in lines:
            probe = probe[:-1]
        where = {"file": source, "place": _describe_path(path), "problem": _problem_text(err)}
        if probe in lines:
            raise SchemaError("schema.invalid_at_line", line=str(lines[probe]), **where) from None
        raise SchemaError("schema.invalid", **where) from None
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return TemplateSchema(model=model, source=source, sha256=digest)


def load_schema(path: str | Path | None = None) -> TemplateSchema:
    """Load a schema file, or the bundled global template when path is None. A file
    counts as unsigned (signed=False) until schema.store finds its signature trusted."""
    if path is None:
        text = data_folder("schemas").joinpath(BUNDLED_SCHEMA).read_text("utf-8")
        return parse_schema(text, f"bundled {BUNDLED_SCHEMA}")
    p = Path(path)
    try:
        text = p.read_text("utf-8")
    except FileNotFoundError:
        raise SchemaError("schema.file_not_found", file=str(p)) from None
    except OSError as exc:
        raise SchemaError("schema.file_unreadable", file=str(p), reason=str(exc.strerror)) from None
    except UnicodeDecodeError:
        raise SchemaError("schema.file_not_utf8", file=str(p)) from None
    return replace(parse_schema(text, str(p)), signed=False)


def parse_schema_bytes(data: bytes, source: str) -> TemplateSchema:
    """A schema file's exact bytes, read as load_schema reads the file (UTF-8, universal
    newlines), so the SHA-256 is the same: what is verified and kept is what is parsed."""
    try:
        text = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8").read()
    except UnicodeDecodeError:
        raise SchemaError("schema.file_not_utf8", file=source) from None
    return replace(parse_schema(text, source), signed=False)
