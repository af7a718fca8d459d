import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhicheng_app.documents.tokens import TokenPayload, sign_token, token_from_url, verify_token, verify_url

SECRET = "site-secret-for-tests"
ALPHABET = string.ascii_letters + string.digits + "-_."


def test_round_trip():
	token = sign_token(SECRET, "ZC-APP-2024-00001", "unit_publicity_001", 3)
	assert verify_token(SECRET, token) == TokenPayload("ZC-APP-2024-00001", "unit_publicity_001", 3)
	assert verify_token(SECRET.encode(), token) == TokenPayload("ZC-APP-2024-00001", "unit_publicity_001", 3)


def test_every_one_character_change_fails():
	token = sign_token(SECRET, "申报-甲-0001", "exemption_form", 12)
	for i, ch in enumerate(token):
		for other in ("A", "z", "0", "_", "-"):
			if other == ch:
				continue
			altered = token[:i] + other + token[i + 1 :]
			assert verify_token(SECRET, altered) is None, (i, other)


def test_truncation_extension_and_other_secret_fail():
	token = sign_token(SECRET, "D1", "commitment", 1)
	assert verify_token("another-secret", token) is None
	assert verify_token(SECRET, token[:-1]) is None
	assert verify_token(SECRET, token + "A") is None
	assert verify_token(SECRET, token + "=") is None
	_payload, mac = token.split(".")
	forged = sign_token("another-secret", "D1", "commitment", 2).split(".")
	assert verify_token(SECRET, f"{forged[0]}.{mac}") is None


@pytest.mark.parametrize("bad", [None, "", ".", "a.b", "a.b.c", "x" * 5000, "中文.中文", 42, b"ab.cd"])
def test_garbage_returns_none(bad):
	assert verify_token(SECRET, bad) is None


@given(st.text(alphabet=ALPHABET, max_size=200))
def test_random_strings_never_verify_or_raise(text):
	assert verify_token(SECRET, text) is None


@given(
	st.text(min_size=1, max_size=40).filter(lambda s: "\x1f" not in s),
	st.sampled_from(["publicity_002", "exemption_form"]),
	st.integers(0, 10**6),
)
def test_round_trip_property(doc_id, kind, version):
	assert verify_token(SECRET, sign_token(SECRET, doc_id, kind, version)) == TokenPayload(
		doc_id, kind, version
	)


def test_sign_rejects_bad_input():
	with pytest.raises(ValueError):
		sign_token("", "D1", "k", 1)
	with pytest.raises(ValueError):
		sign_token(SECRET, "", "k", 1)
	with pytest.raises(ValueError):
		sign_token(SECRET, "D1", "k", -1)
	with pytest.raises(ValueError):
		sign_token(SECRET, "D\x1f1", "k", 1)


def test_url_round_trip():
	token = sign_token(SECRET, "D1", "commitment", 1)
	url = verify_url("https://zc.example.gov.cn/", token)
	assert url == f"https://zc.example.gov.cn/verify?t={token}"
	assert token_from_url(url) == token
	assert token_from_url("https://zc.example.gov.cn/verify") is None
