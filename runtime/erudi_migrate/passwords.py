"""The admin password as CubicWeb stores it: a salted hash in passlib's `pbkdf2_sha512` format (one of the
schemes CubicWeb's password context verifies), never the password itself."""
from __future__ import annotations

import base64
import hashlib
import os
import secrets

ROUNDS = 25000


def _ab64(data: bytes) -> str:
    """passlib's adapted base64: '.' instead of '+', no padding."""
    return base64.b64encode(data).decode("ascii").replace("+", ".").rstrip("=")


def crypt_password(password: str) -> bytes:
    salt = os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha512", password.encode("utf-8"), salt, ROUNDS)
    return f"$pbkdf2-sha512${ROUNDS}${_ab64(salt)}${_ab64(digest)}".encode("ascii")


def unusable_password() -> bytes:
    """A hash of a random password nobody is told: the account exists but cannot log in until it is reset."""
    return crypt_password(secrets.token_urlsafe(32))
