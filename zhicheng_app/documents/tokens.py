"""Signed verification tokens for the public ``/verify`` page.

A token names a generated document, its template kind and its version, and is
signed with HMAC-SHA256 under the site's secret::

    <base64url(doc_id \\x1f kind \\x1f version)>.<base64url(hmac)>

Both parts use unpadded base64url, so the token fits in a URL and a QR code.
Verification is constant-time and strict: anything altered, truncated, padded,
re-encoded or signed under another secret yields ``None`` and never raises.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

_DOMAIN = b"zhicheng-verify-v1\x00"  # separates these MACs from any other use of the secret
_SEP = "\x1f"
_B64URL = re.compile(r"^[A-Za-z0-9_-]+$")
MAX_TOKEN_LENGTH = 1024
VERIFY_PATH = "/verify"
VERIFY_PARAM = "t"


@dataclass(frozen=True, slots=True)
class TokenPayload:
	doc_id: str
	kind: str
	version: int


def _key(secret: str | bytes) -> bytes:
	key = secret.encode("utf-8") if isinstance(secret, str) else bytes(secret)
	if not key:
		raise ValueError("the signing secret is empty")
	return key


def _b64encode(data: bytes) -> str:
	return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode_canonical(text: str) -> bytes | None:
	"""Decode unpadded base64url; None unless ``text`` is the canonical encoding."""
	if not text or not _B64URL.match(text) or len(text) % 4 == 1:
		return None
	try:
		data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
	except (binascii.Error, ValueError):
		return None
	# Unused low bits in the last character make several spellings decode alike.
	if _b64encode(data) != text:
		return None
	return data


def _mac(key: bytes, payload: bytes) -> bytes:
	return hmac.new(key, _DOMAIN + payload, hashlib.sha256).digest()


def sign_token(secret: str | bytes, doc_id: str, kind: str, version: int) -> str:
	"""A compact URL-safe token naming ``doc_id`` (of template ``kind``) at ``version``."""
	key = _key(secret)
	if not doc_id or not kind:
		raise ValueError("doc_id and kind are required")
	if _SEP in doc_id or _SEP in kind:
		raise ValueError("doc_id and kind must not contain the separator character")
	if isinstance(version, bool) or not isinstance(version, int) or version < 0:
		raise ValueError("version must be a non-negative integer")
	payload = _SEP.join((doc_id, kind, str(version))).encode("utf-8")
	return f"{_b64encode(payload)}.{_b64encode(_mac(key, payload))}"


def verify_token(secret: str | bytes, token: str) -> TokenPayload | None:
	"""The payload of a genuine token, or None for anything altered or forged."""
	try:
		key = _key(secret)
		if not isinstance(token, str) or len(token) > MAX_TOKEN_LENGTH or token.count(".") != 1:
			return None
		payload_text, mac_text = token.split(".")
		payload = _b64decode_canonical(payload_text)
		if payload is None or _b64decode_canonical(mac_text) is None:
			return None
		expected = _b64encode(_mac(key, payload))
		if not hmac.compare_digest(expected.encode("ascii"), mac_text.encode("ascii")):
			return None
		doc_id, kind, version_text = payload.decode("utf-8").split(_SEP)
		if not doc_id or not kind or not version_text.isdigit() or not version_text.isascii():
			return None
		return TokenPayload(doc_id, kind, int(version_text))
	except Exception:
		return None


def verify_url(site_url: str, token: str, path: str = VERIFY_PATH) -> str:
	"""The public verification address for ``token`` on ``site_url``."""
	return f"{site_url.rstrip('/')}{path}?{VERIFY_PARAM}={token}"


def token_from_url(url: str) -> str | None:
	"""The token carried by a verification address (e.g. one decoded from a QR code)."""
	try:
		values = parse_qs(urlsplit(url).query).get(VERIFY_PARAM)
	except Exception:
		return None
	return values[0] if values else None
