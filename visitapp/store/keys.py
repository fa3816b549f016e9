"""The key hierarchy: a random 256-bit database key, wrapped by a key derived from the worker's passphrase.

The wrapped key and the KDF parameters live in ``key.json`` beside the database. Changing the passphrase
re-wraps the same database key; the database itself is never re-encrypted. The database key is handed to
SQLCipher raw, so SQLCipher's own KDF is skipped and unlock costs one scrypt run.

`cryptography` is imported by the two functions that wrap and unwrap: the first window's modules use
``KdfParams`` from here, and loading cryptography before that window shows would slow every start.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path

from visitapp.store.files import write_atomically

KEY_FILE_FORMAT = 1
DATABASE_KEY_BYTES = 32


class WrongPassphrase(Exception):
    """The passphrase did not unwrap the key. Deliberately says nothing more."""


class KeyFileDamaged(Exception):
    """key.json is missing, unreadable or not ours: nothing can be unlocked until it is restored."""


@dataclass(frozen=True)
class KdfParams:
    """scrypt parameters, stored with the wrapped key so they can be raised later without breaking vaults.

    n=2**17, r=8 needs 128 MiB and about half a second on a 2020s laptop: memory-hard enough to slow a
    stolen-laptop guessing attack, quick enough for a worker unlocking on a doorstep.
    """

    n: int = 2**17
    r: int = 8
    p: int = 1

    def derive(self, passphrase: str, salt: bytes) -> bytes:
        memory = 128 * self.r * self.n * self.p
        return hashlib.scrypt(
            passphrase.encode("utf-8"),
            salt=salt,
            n=self.n,
            r=self.r,
            p=self.p,
            maxmem=memory + 32 * 1024 * 1024,
            dklen=32,
        )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def new_database_key() -> bytearray:
    return bytearray(secrets.token_bytes(DATABASE_KEY_BYTES))


def wrap_key(database_key: bytes | bytearray, passphrase: str, params: KdfParams, vault_id: str) -> dict:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # here, not at the top: see the docstring

    salt = secrets.token_bytes(16)
    nonce = secrets.token_bytes(12)
    kek = params.derive(passphrase, salt)
    aad = f"visitapp-key:{KEY_FILE_FORMAT}:{vault_id}".encode()
    ciphertext = AESGCM(kek).encrypt(nonce, bytes(database_key), aad)
    return {
        "format": KEY_FILE_FORMAT,
        "vault_id": vault_id,
        "kdf": {"name": "scrypt", "salt": _b64(salt), **asdict(params)},
        "wrap": {"alg": "AES-256-GCM", "nonce": _b64(nonce), "ciphertext": _b64(ciphertext)},
    }


def unwrap_key(record: dict, passphrase: str) -> bytearray:
    try:
        kdf = record["kdf"]
        wrap = record["wrap"]
        if record["format"] != KEY_FILE_FORMAT or kdf["name"] != "scrypt" or wrap["alg"] != "AES-256-GCM":
            raise KeyFileDamaged("The key file is of a kind this version of VisitApp does not know.")
        params = KdfParams(n=int(kdf["n"]), r=int(kdf["r"]), p=int(kdf["p"]))
        salt, nonce, ciphertext = _unb64(kdf["salt"]), _unb64(wrap["nonce"]), _unb64(wrap["ciphertext"])
        aad = f"visitapp-key:{KEY_FILE_FORMAT}:{record['vault_id']}".encode()
    except (KeyError, TypeError, ValueError) as exc:
        raise KeyFileDamaged("The key file is damaged.") from exc
    from cryptography.exceptions import InvalidTag  # here, not at the top: see the docstring
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    kek = params.derive(passphrase, salt)
    try:
        return bytearray(AESGCM(kek).decrypt(nonce, ciphertext, aad))
    except InvalidTag:
        raise WrongPassphrase() from None


def read_key_file(path: Path) -> dict:
    try:
        record = json.loads(path.read_text("utf-8"))
    except FileNotFoundError as exc:
        raise KeyFileDamaged("The key file is missing.") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise KeyFileDamaged("The key file cannot be read.") from exc
    if not isinstance(record, dict):
        raise KeyFileDamaged("The key file is damaged.")
    return record


def write_key_file(path: Path, record: dict) -> None:
    write_atomically(path, json.dumps(record, indent=2).encode("utf-8"))


def wipe(buffer: bytearray) -> None:
    """Overwrite a key held in a bytearray. Python may still hold copies (the hex string SQLCipher needed);
    this shortens how long the key sits in memory, it cannot promise none is left."""
    for i in range(len(buffer)):
        buffer[i] = 0
    del buffer[:]


def sqlcipher_key_literal(database_key: bytes | bytearray) -> str:
    return "x'" + bytes(database_key).hex() + "'"


def fresh_vault_id() -> str:
    return os.urandom(16).hex()
