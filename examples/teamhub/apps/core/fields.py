"""
Model fields shared across apps.

EncryptedTextField is DEMO-ONLY: it uses a toy reversible cipher (a SHA-256 keystream derived from
SECRET_KEY, XORed with the text). It keeps secrets out of casual `SELECT *` output in the example
project and nothing more. A real deployment would use a vetted library (e.g. Fernet from `cryptography`)
with key rotation; teamhub's example environment deliberately has no such dependency.
"""

import base64
import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

PREFIX = "enc1$"


def _keystream(key: bytes, nonce: bytes, length: int) -> bytes:
    blocks = []
    counter = 0
    while sum(len(b) for b in blocks) < length:
        blocks.append(hashlib.sha256(key + nonce + counter.to_bytes(8, "big")).digest())
        counter += 1
    return b"".join(blocks)[:length]


def _derive_key() -> bytes:
    if not settings.SECRET_KEY:
        raise ImproperlyConfigured("EncryptedTextField needs SECRET_KEY")
    return hashlib.sha256(("teamhub.fields:" + settings.SECRET_KEY).encode()).digest()


def encrypt_text(plaintext: str) -> str:
    data = plaintext.encode("utf-8")
    key = _derive_key()
    # Deterministic nonce: equal plaintexts give equal ciphertexts, which is acceptable for a demo only.
    nonce = hmac.new(key, data, hashlib.sha256).digest()[:12]
    cipher = bytes(a ^ b for a, b in zip(data, _keystream(key, nonce, len(data)), strict=True))
    return PREFIX + base64.urlsafe_b64encode(nonce + cipher).decode("ascii")


def decrypt_text(token: str) -> str:
    if not token.startswith(PREFIX):
        # Rows written before the field was introduced hold plain text.
        return token
    raw = base64.urlsafe_b64decode(token[len(PREFIX) :].encode("ascii"))
    nonce, cipher = raw[:12], raw[12:]
    key = _derive_key()
    data = bytes(a ^ b for a, b in zip(cipher, _keystream(key, nonce, len(cipher)), strict=True))
    # The nonce is a MAC of the plaintext, so it doubles as an integrity check (wrong key, corrupted row).
    if not hmac.compare_digest(nonce, hmac.new(key, data, hashlib.sha256).digest()[:12]):
        raise ValueError("cannot decrypt value: SECRET_KEY changed or the data is corrupted")
    return data.decode("utf-8")


class EncryptedTextField(models.TextField):
    """A TextField stored encrypted at rest (toy cipher, see the module docstring)."""

    description = "Text encrypted with a key derived from SECRET_KEY (demo cipher)"

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt_text(value)

    def to_python(self, value):
        if isinstance(value, str) and value.startswith(PREFIX):
            return decrypt_text(value)
        return value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt_text(value)
