"""HTTP access to the running bench for the REST tests."""

import os

import pytest
import requests

from tests.integration.conftest import SITE

BASE_URL = os.environ.get("ZHICHENG_URL", "http://127.0.0.1:8000")


def require_server():
	"""Skip the calling test or fixture when the bench's web server is not up (fail it when the
	integration level is mandatory, ZHICHENG_INTEGRATION=1)."""
	try:
		requests.get(f"{BASE_URL}/api/method/ping", headers={"Host": SITE}, timeout=5).raise_for_status()
	except requests.RequestException:
		message = f"the bench web server does not answer at {BASE_URL}"
		if os.environ.get("ZHICHENG_INTEGRATION") == "1":
			pytest.fail(message + " (ZHICHENG_INTEGRATION=1)")
		pytest.skip(message)


def session(email: str | None = None, password: str | None = None) -> requests.Session:
	"""A session on the site, logged in as ``email`` (a guest session without one)."""
	s = requests.Session()
	s.headers.update({"Host": SITE, "Accept-Language": "zh"})
	if email:
		response = s.post(f"{BASE_URL}/api/method/login", data={"usr": email, "pwd": password}, timeout=30)
		assert response.ok, response.text
	return s
