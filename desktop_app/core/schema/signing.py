"""Signed schema versions: only the global team's schema is taken and used.

The global team makes a key pair once (`generate_key_pair`), signs each schema file it
releases (`sign_schema_file`: an Ed25519 signature over the file's exact bytes, in
`FILE.sig` beside it) and every installation trusts its public key: the keys shipped
in the bundle (`schemas/trusted-keys/*.pub`) and those the person added (`trust_key`,
kept in `<data dir>/trusted-keys/`).

The signature file is text: the public key that made the signature and the signature,
both base64, so a file can be told apart as edited after signing (the signature does
not hold under its own key) or as signed by a key this installation does not trust.

`cryptography` is imported only when a key or signature is actually read, so the
program starts without it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.bundled import data_folder
from desktop_app.core.model.atomic import atomic_path
from desktop_app.core.model.errors import ProblemForUser
from desktop_app.core.schema.loading import load_schema
from desktop_app.core.schema.userdata import data_dir

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

PRIVATE_KEY_NAME = "schema-signing.key"
PUBLIC_KEY_NAME = "schema-signing.pub"
SIGNATURE_SUFFIX = ".sig"
TRUSTED_KEYS = "trusted-keys"  # the folder, in the data dir and in the bundle's schemas/
_SIGNATURE_HEADER = "# Template Checker schema signature (Ed25519 over the file's exact bytes)"


class SigningProblem(ProblemForUser):
    """A key or signature that cannot be made or used; one sentence naming the file."""


class SignatureState(StrEnum):
    TRUSTED = "trusted"  # signed by a trusted key, unchanged since
    UNSIGNED = "unsigned"  # no FILE.sig beside it
    TAMPERED = "tampered"  # the signature does not hold: changed after signing (or garbled)
    UNTRUSTED = "untrusted"  # a valid signature by a key this installation does not trust


@dataclass(frozen=True)
class TrustedKey:
    fingerprint: str  # the first 16 hex digits of the SHA-256 of the raw public key
    path: Path | None  # the file it was read from (None: none)
    bundled: bool  # shipped with the program (else added with `schema trust`)
    raw: bytes  # the 32 bytes of the Ed25519 public key


def signature_path(path: Path) -> Path:
    return Path(path).with_name(Path(path).name + SIGNATURE_SUFFIX)


def fingerprint(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()[:16]


# ---------------------------------------------------------------- keys


def generate_key_pair(folder: Path) -> tuple[Path, Path]:
    """Write folder/schema-signing.key (private, PKCS8 PEM, owner-only) and
    folder/schema-signing.pub (PEM); an existing key is never overwritten."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    folder = Path(folder)
    if not folder.is_dir():
        raise SigningProblem("channel.keygen.no_folder", folder=str(folder))
    private_path, public_path = folder / PRIVATE_KEY_NAME, folder / PUBLIC_KEY_NAME
    for path in (private_path, public_path):
        if path.exists():
            raise SigningProblem("channel.keygen.exists", file=str(path))
    key = Ed25519PrivateKey.generate()
    private_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    with atomic_path(private_path, mode=0o600) as tmp:
        tmp.write_bytes(private_pem)
    with atomic_path(public_path) as tmp:
        tmp.write_bytes(public_pem)
    return private_path, public_path


_NOT_FOUND = {"key": "channel.key.not_found", "schema": "channel.schema.not_found"}
_UNREADABLE = {"key": "channel.key.unreadable", "schema": "channel.schema.unreadable"}
_REFUSED = {
    "unsigned": "channel.refused.unsigned",
    "tampered": "channel.refused.tampered",
    "untrusted": "channel.refused.untrusted",
}


def _read_bytes(path: Path, what: str) -> bytes:
    """A key's or schema's bytes (what: "key" or "schema"), or a sentence naming it."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise SigningProblem(_NOT_FOUND[what], file=str(path)) from None
    except OSError as exc:
        raise SigningProblem(_UNREADABLE[what], file=str(path), reason=str(exc.strerror)) from None


def _public_raw(pem: bytes) -> bytes | None:
    """The raw 32 bytes of an Ed25519 public key in PEM; None for anything else."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = serialization.load_pem_public_key(pem)
    except (ValueError, TypeError):
        return None
    if not isinstance(key, Ed25519PublicKey):
        return None
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def read_public_key(path: Path) -> bytes:
    """The raw Ed25519 public key in a .pub file, or a sentence naming the file."""
    raw = _public_raw(_read_bytes(path, "key"))
    if raw is None:
        raise SigningProblem("channel.key.not_a_public_key", file=str(path))
    return raw


def user_keys_folder() -> Path:
    """Where `schema trust` keeps the public keys the person added."""
    return data_dir() / TRUSTED_KEYS


def _key_files() -> list[tuple[Path, bool]]:
    """(path, bundled) of every .pub file in the bundle's and the user's key folders."""
    found: list[tuple[Path, bool]] = []
    shipped = data_folder("schemas").joinpath(TRUSTED_KEYS)
    if shipped.is_dir():
        found += [
            (Path(str(p)), True) for p in shipped.iterdir() if p.name.endswith(".pub")
        ]  # a Traversable of a real folder: the bundle and an install unpack to files
    user = user_keys_folder()
    if user.is_dir():
        found += [(p, False) for p in user.glob("*.pub")]
    return sorted(found, key=lambda f: (not f[1], f[0].name))


def trusted_keys() -> list[TrustedKey]:
    """The keys shipped with the program, then those the person trusts; a file that is
    not an Ed25519 public key is passed over (`schema trust` refuses to add one)."""
    keys: dict[str, TrustedKey] = {}
    for path, bundled in _key_files():
        try:
            raw = _public_raw(path.read_bytes())
        except OSError:
            continue
        if raw is not None and fingerprint(raw) not in keys:
            keys[fingerprint(raw)] = TrustedKey(fingerprint(raw), path, bundled, raw)
    return list(keys.values())


def any_key_trusted() -> bool:
    """Whether any key is trusted (read without decoding keys, so start-up stays quick)."""
    return bool(_key_files()) and bool(trusted_keys())


def trust_key(pub_path: Path) -> bool:
    """Add a public key to the user's trusted keys; False when it is trusted already."""
    raw = read_public_key(pub_path)
    print_ = fingerprint(raw)
    if any(k.fingerprint == print_ for k in trusted_keys()):
        return False
    folder = user_keys_folder()
    folder.mkdir(parents=True, exist_ok=True)
    with atomic_path(folder / f"{print_}.pub", protect=(pub_path,)) as tmp:
        tmp.write_bytes(Path(pub_path).read_bytes())
    return True


# ---------------------------------------------------------------- signatures


def sign_schema_file(path: Path, key_path: Path) -> Path:
    """Write path.sig: the Ed25519 signature of the file's exact bytes and the public key
    that checks it. The file must be a valid schema (it is refused with its sentence)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    path = Path(path)
    pem = _read_bytes(key_path, "key")
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError):
        key = None
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningProblem("channel.key.not_a_private_key", file=str(key_path))
    data = _read_bytes(path, "schema")
    load_schema(path)  # an invalid schema is refused before it is signed
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    text = (
        f"{_SIGNATURE_HEADER}\n"
        f"key: {base64.b64encode(raw).decode()}\n"
        f"signature: {base64.b64encode(key.sign(data)).decode()}\n"
    )
    target = signature_path(path)
    with atomic_path(target, protect=(path, key_path)) as tmp:
        tmp.write_text(text, "ascii")
    return target


def _parse_signature(text: str) -> tuple[bytes | None, bytes] | None:
    """(public key or None, signature) from a .sig file's text; None when garbled. A
    bare base64 signature (no key line) is accepted too."""
    fields: dict[str, str] = {}
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    for line in lines:
        name, colon, value = line.partition(":")
        if colon:
            fields[name.strip().lower()] = value.strip()
    if not fields and len(lines) == 1:
        fields["signature"] = lines[0]
    try:
        signature = base64.b64decode(fields["signature"], validate=True)
        key = base64.b64decode(fields["key"], validate=True) if "key" in fields else None
    except (KeyError, binascii.Error, ValueError):
        return None
    if len(signature) != 64 or (key is not None and len(key) != 32):
        return None
    return key, signature


def _holds(raw_key: bytes, signature: bytes, data: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    key: Ed25519PublicKey = Ed25519PublicKey.from_public_bytes(raw_key)
    try:
        key.verify(signature, data)
    except InvalidSignature:
        return False
    return True


def state_of(data: bytes, signature_text: str | None) -> SignatureState:
    """Whether data, with the text of its .sig file (None: there is none), comes signed
    by a trusted key."""
    if signature_text is None:
        return SignatureState.UNSIGNED
    parsed = _parse_signature(signature_text)
    if parsed is None:
        return SignatureState.TAMPERED
    key, signature = parsed
    trusted = {k.raw for k in trusted_keys()}
    if key is None:  # a bare signature: only a trusted key can vouch for it
        holds = any(_holds(k, signature, data) for k in trusted)
        return SignatureState.TRUSTED if holds else SignatureState.TAMPERED
    if not _holds(key, signature, data):
        return SignatureState.TAMPERED
    return SignatureState.TRUSTED if key in trusted else SignatureState.UNTRUSTED


def read_signed(path: Path) -> tuple[bytes, str | None]:
    """A file's exact bytes and the text of its .sig (None when there is none)."""
    data = Path(path).read_bytes()
    try:
        sig = signature_path(path).read_text("ascii")
    except FileNotFoundError:
        sig = None
    except (OSError, UnicodeDecodeError):
        sig = ""  # a signature that cannot be read does not vouch for the file
    return data, sig


def signature_state(path: Path) -> SignatureState:
    """The state of path's signature (path.sig) under the keys trusted now."""
    data, sig = read_signed(path)
    return state_of(data, sig)


def signed_by_trusted_key(path: Path) -> bool:
    """Whether path is signed by a trusted key; quick when nothing is signed or trusted."""
    if not signature_path(path).exists() or not _key_files():
        return False
    try:
        return signature_state(path) is SignatureState.TRUSTED
    except OSError:
        return False


def refusal(path: Path, state: SignatureState) -> SigningProblem:
    """The sentence that refuses path for its signature's state (not TRUSTED)."""
    if state is SignatureState.UNTRUSTED and not trusted_keys():
        return SigningProblem("channel.refused.no_key_trusted", file=str(path))
    return SigningProblem(_REFUSED[state.value], file=str(path))


def require_trusted(path: Path, data: bytes, signature_text: str | None) -> None:
    """Raise the sentence refusing path unless data is signed by a trusted key."""
    state = state_of(data, signature_text)
    if state is not SignatureState.TRUSTED:
        raise refusal(path, state)
