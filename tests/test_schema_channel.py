"""The schema channel: the global team's signed schema reaches every installation, and only theirs.

Each test runs in its own user data folder (TEMPLATE_CHECKER_DATA_DIR): keys, trusted keys,
the channel setting and kept versions never touch the person's own.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import openpyxl
import pytest
from helpers import BUNDLED_SCHEMA as BUNDLED
from helpers import PERIOD, write_book

from desktop_app.cli import main
from desktop_app.core.model.progress import Progress
from desktop_app.core.schema import channel as channel_module
from desktop_app.core.schema import signing
from desktop_app.core.schema.channel import (
    channel_folder,
    preset_channel,
    set_channel_folder,
    update_from_channel,
)
from desktop_app.core.schema.signing import (
    SignatureState,
    SigningProblem,
    generate_key_pair,
    sign_schema_file,
    signature_path,
    signature_state,
    trust_key,
    trusted_keys,
)
from desktop_app.core.schema.store import (
    default_schema,
    import_schema,
    schema_for,
    store_folder,
)
from tests.sample_data import standard_info, valid_rows


def release(version: str, stale_days: int = 60) -> str:
    """The bundled schema as a newer version with one rule changed."""
    text = BUNDLED.replace('version: "2026.2"', f'version: "{version}"', 1)
    text = text.replace("stale_after_days: 90", f"stale_after_days: {stale_days}", 1)
    assert text != BUNDLED
    return text


@pytest.fixture
def team(tmp_path):
    """The global team's key pair, made with `schema keygen`."""
    folder = tmp_path / "team"
    folder.mkdir()
    assert main(["schema", "keygen", "-o", str(folder)]) == 0
    return folder / "schema-signing.key", folder / "schema-signing.pub"


@pytest.fixture
def share(tmp_path):
    folder = tmp_path / "share"
    folder.mkdir()
    return folder


def publish(share: Path, name: str, text: str, key: Path | None) -> Path:
    path = share / name
    path.write_text(text, "utf-8")
    if key is not None:
        assert main(["schema", "sign", str(path), "--key", str(key)]) == 0
    return path


def kept_files(user_data: Path) -> list[str]:
    folder = user_data / "schemas"
    return (
        sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))
        if folder.exists()
        else []
    )


def test_the_whole_flow_keygen_sign_trust_channel_update_then_check(
    user_data, team, share, tmp_path, capsys, schema
):
    key, pub = team
    if os.name == "posix":
        assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert "BEGIN PRIVATE KEY" in key.read_text() and "BEGIN PUBLIC KEY" in pub.read_text()
    publish(share, "global-pipeline-2026.3.yaml", release("2026.3"), key)
    capsys.readouterr()

    assert main(["schema", "trust", str(pub)]) == 0
    assert "Trusted the key" in capsys.readouterr().out
    assert main(["schema", "trust", str(pub)]) == 0
    assert "trusted already" in capsys.readouterr().out
    assert main(["schema", "channel", str(share)]) == 0
    assert main(["schema", "channel"]) == 0
    out = capsys.readouterr().out
    assert f"The schema channel is {share}." in out and "(added)" in out

    assert main(["schema", "update"]) == 0
    out = capsys.readouterr().out
    assert "Took global-pipeline 2026.3 from the channel." in out
    assert "The global team's schema global-pipeline 2026.3 is now in use: 1 change." in out
    assert "Threshold stale_after_days changed from 90 to 60" in out  # the diff's sentence
    assert default_schema().version == "2026.3" and default_schema().signed is True
    assert (store_folder() / "global-pipeline" / "2026.3.yaml.sig").is_file()

    assert main(["schema", "update"]) == 0  # nothing newer: up to date
    assert "Up to date: global-pipeline 2026.3 is in use" in capsys.readouterr().out

    book = write_book(
        tmp_path / "SE01.xlsx",
        schema,
        valid_rows(schema, "SE01", PERIOD, 3, seed=5),
        info=standard_info(schema, "SE01", PERIOD),
    )
    main(["check", str(book), "--format", "json"])
    said = json.loads(capsys.readouterr().out)["schema"]
    assert said == {"id": "global-pipeline", "version": "2026.3", "signed": True}
    blank = tmp_path / "blank.xlsx"  # the blank template is the version in use too
    assert main(["template", "-o", str(blank)]) == 0
    assert openpyxl.load_workbook(blank)["Info"]["B3"].value == "2026.3"


@pytest.mark.parametrize("kind", ["edited after signing", "unsigned", "another key"])
def test_a_version_not_signed_by_the_trusted_key_is_refused_and_changes_nothing(
    kind, user_data, team, share, tmp_path, capsys
):
    key, pub = team
    trust_key(pub)
    set_channel_folder(share)
    if kind == "edited after signing":
        path = publish(share, "gp-2026.3.yaml", release("2026.3"), key)
        path.write_text(release("2026.3", stale_days=365), "utf-8")
    elif kind == "unsigned":
        path = publish(share, "gp-2026.3.yaml", release("2026.3"), None)
    else:
        other = tmp_path / "other"
        other.mkdir()
        other_key, _ = generate_key_pair(other)
        path = publish(share, "gp-2026.3.yaml", release("2026.3"), other_key)
    before = kept_files(user_data)
    capsys.readouterr()

    assert main(["schema", "update"]) == 1
    out, err = capsys.readouterr()
    assert err.count("template-checker: Refused") == 1 and str(path) in err
    assert {"edited after signing": "changed after it was signed",
            "unsigned": "it is not signed",
            "another key": "a key this installation does not trust"}[kind] in err  # fmt: skip
    assert "The version in use: global-pipeline 2026.2." in out
    assert kept_files(user_data) == before
    assert schema_for(None).version == "2026.2"


def test_the_signature_states(user_data, team, share, tmp_path):
    key, pub = team
    path = publish(share, "gp.yaml", release("2026.3"), key)
    assert signature_state(path) is SignatureState.UNTRUSTED  # no key trusted yet
    trust_key(pub)
    assert signature_state(path) is SignatureState.TRUSTED
    assert signature_state(publish(share, "draft.yaml", release("2026.4"), None)) is (
        SignatureState.UNSIGNED
    )
    sig = signature_path(path)
    good = sig.read_text()
    sig.write_text("not a signature at all")
    assert signature_state(path) is SignatureState.TAMPERED
    bare = [line for line in good.splitlines() if line.startswith("signature:")][0]
    sig.write_text(bare.split(":", 1)[1].strip())  # a bare signature, no key line
    assert signature_state(path) is SignatureState.TRUSTED
    path.write_bytes(path.read_bytes() + b"\n")  # one byte more
    assert signature_state(path) is SignatureState.TAMPERED


def test_an_unreadable_or_unset_channel_is_exit_2_in_one_sentence(user_data, tmp_path, capsys):
    assert main(["schema", "update"]) == 2
    assert "No schema channel is set" in capsys.readouterr().err
    missing = tmp_path / "offline-share"
    assert main(["schema", "channel", str(missing)]) == 0
    assert "cannot be reached right now" in capsys.readouterr().out
    assert main(["schema", "update"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(missing) in err and "Traceback" not in err
    update = update_from_channel(Progress())  # the window's call: never raises
    assert update.unreadable is not None and update.taken == [] and update.changes == []
    assert update.in_use.version == update.before.version == "2026.2"


def test_import_requires_a_valid_signature_once_a_key_is_trusted(user_data, team, tmp_path, capsys):
    key, pub = team
    unsigned = tmp_path / "gp-2026.3.yaml"
    unsigned.write_text(release("2026.3"), "utf-8")
    assert main(["schema", "import", str(unsigned)]) == 0  # no key trusted: as before
    assert schema_for(None).version == "2026.3" and schema_for(None).signed is False

    trust_key(pub)
    # kept unsigned before the key was trusted: no longer the version in use
    assert schema_for(None).version == "2026.2"
    newer = tmp_path / "gp-2026.4.yaml"
    newer.write_text(release("2026.4"), "utf-8")
    capsys.readouterr()
    assert main(["schema", "import", str(newer)]) == 2
    assert "it is not signed" in capsys.readouterr().err
    assert not (store_folder() / "global-pipeline" / "2026.4.yaml").exists()

    sign_schema_file(newer, key)
    entry, kept = import_schema(newer)
    assert kept and entry.version == "2026.4" and schema_for(None).signed is True
    assert main(["schema", "list"]) == 0
    listing = capsys.readouterr().out
    assert "2026.3" in listing and "not signed by a trusted key: not used" in listing


def test_a_schema_given_with_schema_is_marked_unsigned(user_data, tmp_path, capsys, schema):
    draft = tmp_path / "draft.yaml"
    draft.write_text(release("2026.9"), "utf-8")
    book = write_book(
        tmp_path / "SE01.xlsx",
        schema,
        valid_rows(schema, "SE01", PERIOD, 3, seed=7),
        info=standard_info(schema, "SE01", PERIOD),
    )
    main(["check", str(book), "--schema", str(draft), "--format", "json"])
    assert json.loads(capsys.readouterr().out)["schema"] == {
        "id": "global-pipeline",
        "version": "2026.9",
        "signed": False,
    }
    main(["check", str(book), "--schema", str(draft)])
    assert "schema global-pipeline 2026.9 (unsigned schema)" in capsys.readouterr().out
    main(["check", str(book)])  # the bundled schema is not called unsigned
    assert "unsigned" not in capsys.readouterr().out

    out = tmp_path / "clean.xlsx"
    assert main(["export", str(book), "--schema", str(draft), "-o", str(out)]) == 0
    assert "2026.9 (unsigned schema)" in capsys.readouterr().out
    sheet = openpyxl.load_workbook(out)["Submission"]
    record = {row[0]: row[1] for row in sheet.iter_rows(values_only=True)}
    assert record["Schema version"] == "2026.9"
    assert record["Schema signature"] == "unsigned schema"

    bundled = tmp_path / "bundled.xlsx"
    assert main(["export", str(book), "-o", str(bundled)]) == 0
    sheet = openpyxl.load_workbook(bundled)["Submission"]
    assert dict(sheet.iter_rows(values_only=True))["Schema signature"] == "bundled with the program"
    assert main(["verify", str(bundled)]) == 0  # the added row does not upset verify


def test_consolidation_says_what_each_file_was_checked_against(
    user_data, team, share, tmp_path, capsys, schema
):
    key, pub = team
    book = write_book(
        tmp_path / "SE01.xlsx",
        schema,
        valid_rows(schema, "SE01", PERIOD, 4, seed=9),
        info=standard_info(schema, "SE01", PERIOD),
    )
    submissions = tmp_path / "in"
    submissions.mkdir()
    assert main(["export", str(book), "-o", str(submissions / "SE01_export.xlsx")]) == 0
    write_book(  # a template file, not exported by the program: no Submission sheet
        submissions / "DE01.xlsx",
        schema,
        valid_rows(schema, "DE01", PERIOD, 3, seed=3),
        info=standard_info(schema, "DE01", PERIOD),
    )
    publish(share, "gp-2026.3.yaml", release("2026.3"), key)
    trust_key(pub)
    set_channel_folder(share)
    assert update_from_channel().in_use.version == "2026.3"
    capsys.readouterr()

    out = tmp_path / "global.xlsx"
    main(["consolidate", str(submissions), "-o", str(out), "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    assert doc["schema"]["version"] == "2026.3" and doc["schema"]["signed"] is True
    files = {f["file"]: f for f in doc["files"]}
    assert files["SE01_export.xlsx"]["checked_against"] == "2026.2"
    assert files["DE01.xlsx"]["checked_against"] is None

    main(["consolidate", str(submissions), "-o", str(out)])
    text = capsys.readouterr().out
    assert "Schema in use: global-pipeline 2026.3" in text
    assert (
        "SE01_export.xlsx: exported after a check against 2026.2, checked again against 2026.3"
        in text
    )
    rows = list(openpyxl.load_workbook(out)["Summary"].iter_rows(values_only=True))
    header = next(r for r in rows if r[0] == "File")
    se01 = next(r for r in rows if r[0] == "SE01_export.xlsx")
    assert se01[header.index("Checked against")] == "2026.2"
    assert se01[header.index("Re-checked against")] == "2026.3"


def test_keys_shipped_in_the_bundle_are_trusted_and_a_channel_can_be_preset(
    user_data, team, share, tmp_path, monkeypatch
):
    key, pub = team
    shipped = tmp_path / "schemas"
    (shipped / "trusted-keys").mkdir(parents=True)
    (shipped / "trusted-keys" / "global-team.pub").write_bytes(pub.read_bytes())
    (shipped / "channel.yaml").write_text(f"folder: {share}\n", "utf-8")
    monkeypatch.setattr(signing, "data_folder", lambda name: shipped)
    monkeypatch.setattr(channel_module, "data_folder", lambda name: shipped)
    assert [k.bundled for k in trusted_keys()] == [True]
    assert channel_folder() == share and preset_channel()
    publish(share, "gp-2026.3.yaml", release("2026.3"), key)
    update = update_from_channel()
    assert [e.version for e in update.taken] == ["2026.3"] and update.refused == []
    assert len(update.changes) == 1
    other = tmp_path / "elsewhere"
    other.mkdir()
    set_channel_folder(other)  # the person's own setting wins over the preset
    assert channel_folder() == other and not preset_channel()


def test_keygen_makes_a_new_folder_but_not_over_a_file(user_data, tmp_path):
    private, public = generate_key_pair(tmp_path / "new" / "keys")
    assert private.exists() and public.exists()
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    with pytest.raises(SigningProblem, match="is a file, not a folder"):
        generate_key_pair(a_file)


def test_keys_are_never_overwritten_and_bad_keys_are_one_sentence(user_data, team, tmp_path):
    key, pub = team
    with pytest.raises(SigningProblem, match="never overwritten"):
        generate_key_pair(key.parent)
    with pytest.raises(SigningProblem, match="not an Ed25519 public key"):
        trust_key(key)  # the private key given by mistake
    schema_file = tmp_path / "gp.yaml"
    schema_file.write_text(release("2026.3"), "utf-8")
    with pytest.raises(SigningProblem, match="not an Ed25519 private key"):
        sign_schema_file(schema_file, pub)
    assert not signature_path(schema_file).exists()


def test_a_signed_file_with_windows_line_ends_is_kept_once(user_data, team, tmp_path):
    key, pub = team
    trust_key(pub)
    path = tmp_path / "gp-2026.3.yaml"
    path.write_bytes(release("2026.3").replace("\n", "\r\n").encode("utf-8"))
    sign_schema_file(path, key)
    assert import_schema(path)[1] is True
    assert import_schema(path)[1] is False  # the same bytes: already kept
    kept = store_folder() / "global-pipeline" / "2026.3.yaml"
    assert kept.read_bytes() == path.read_bytes()  # the exact bytes that were signed
    assert signature_state(kept) is SignatureState.TRUSTED
