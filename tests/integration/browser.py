"""Browser fixtures for the integration level: Playwright for Python driving Chromium headless.

The browser is the system's Chromium (``/usr/bin/chromium`` on Debian, ``ZHICHENG_CHROMIUM`` to
point elsewhere); Playwright's own browser downloads are never used. A test that fails keeps a
screenshot of its page under ``tests/integration/screenshots/`` (git-ignored) and prints its path.
Without Playwright or Chromium the browser tests are skipped (an error when
``ZHICHENG_INTEGRATION=1``).

The fixtures ``chromium`` and ``page`` are registered for the whole folder by its conftest (a plugin).
"""

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.integration.rest import BASE_URL, require_server

CHROMIUM = os.environ.get("ZHICHENG_CHROMIUM") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
	"--headless",
	"--no-sandbox",
	"--disable-gpu",
	"--disable-quic",
	"--no-first-run",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
TIMEOUT_MS = 20_000


def _unavailable(message: str):
	if os.environ.get("ZHICHENG_INTEGRATION") == "1":
		pytest.fail(message + " (ZHICHENG_INTEGRATION=1)")
	pytest.skip(message)


@pytest.fixture(scope="session")
def chromium():
	"""One headless Chromium for the session."""
	try:
		from playwright.sync_api import sync_playwright
	except ImportError:
		_unavailable("Playwright for Python is not installed in this environment (pip install playwright)")
	if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
		_unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
	require_server()
	with sync_playwright() as playwright:
		browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
		try:
			yield browser
		finally:
			browser.close()


def _screenshot_name(nodeid: str) -> str:
	return re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid).strip("_")[-150:] + ".png"


@pytest.fixture
def page(chromium, request):
	"""A fresh page (own cookies) in zh-CN and Beijing time; screenshot of it when the test fails."""
	context = chromium.new_context(
		base_url=BASE_URL,
		locale="zh-CN",
		timezone_id="Asia/Shanghai",
		viewport={"width": 1280, "height": 900},
		accept_downloads=True,
	)
	context.set_default_timeout(TIMEOUT_MS)
	page = context.new_page()
	failed_before = request.session.testsfailed
	try:
		yield page
	finally:
		# the call's report is logged before fixtures are torn down: a failure has been counted
		if request.session.testsfailed > failed_before:
			SCREENSHOTS.mkdir(parents=True, exist_ok=True)
			path = SCREENSHOTS / _screenshot_name(request.node.nodeid)
			try:
				page.screenshot(path=str(path), full_page=True)
				print(f"\nscreenshot of the failing page: {path}")
			except Exception as exc:  # a crashed page cannot be photographed; say so
				print(f"\nno screenshot of the failing page: {exc}")
		context.close()


def login(page, email: str, password: str):
	"""Log in through the login page; the page is wherever the site sends the user afterwards."""
	page.goto("/login")
	page.fill("#login_email", email)
	page.fill("#login_password", password)
	page.click(".btn-login")
	page.wait_for_url(lambda url: "/login" not in url)
	page.wait_for_load_state("networkidle")


# ----------------------------------------------------------------- the visible text
VISIBLE_TEXT_JS = """
() => {
	const shown = (el) => {
		if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
		const box = el.getBoundingClientRect();
		// parked off-screen (Frappe's inactive date pickers sit at left: -100000px) or clipped
		// away for screen readers only (the autocomplete's status line)
		if (box.width <= 1 || box.height <= 1 || box.right <= 0 || box.bottom <= -window.scrollY) return false;
		const style = getComputedStyle(el);
		return !(style.clip === "rect(0px, 0px, 0px, 0px)" || style.clipPath === "inset(50%)");
	};
	const texts = [];
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	while (walker.nextNode()) {
		const node = walker.currentNode;
		const el = node.parentElement;
		const text = node.textContent.trim();
		if (!text || !el || ["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "OPTION"].includes(el.tagName)) continue;
		if (shown(el)) texts.push(text);
	}
	for (const el of document.querySelectorAll("input[placeholder], textarea[placeholder]")) {
		if (shown(el) && !el.value) texts.push(el.placeholder);
	}
	// a rich-text editor's placeholder (the desk's comment box) is drawn from an attribute
	for (const el of document.querySelectorAll(".ql-editor.ql-blank[data-placeholder]")) {
		if (shown(el)) texts.push(el.dataset.placeholder);
	}
	for (const select of document.querySelectorAll("select")) {
		if (shown(select)) for (const option of select.options) texts.push(option.text);
	}
	for (const el of document.querySelectorAll("input[type=button], input[type=submit]")) {
		if (shown(el)) texts.push(el.value);
	}
	return texts;
}
"""
# Latin words a zh page may show: proper names, file formats and the keys printed on a keyboard
ALLOWED_WORDS = frozenset({"Frappe", "Word", "PDF", "Ctrl"})
# codes: application numbers (ZC-2024-00001), unified social credit codes, the random names Frappe
# gives records named by hash (a unit's registration), the random suffixes of test data's names, file
# names (with their path on the site) and e-mail addresses
# e-mail addresses first: the other patterns would cut them apart
CODE_PATTERNS = (
	re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"),
	re.compile(r"\b(ZC|DW)-\d{4}-\d{5}\b"),  # applications, unit registrations
	re.compile(r"\b[0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10}\b"),
	re.compile(r"\b(?=[a-z]*\d)[a-z0-9]{10}\b"),
	re.compile(r"-[0-9a-f]{8}\b"),  # the random suffix of the factories' unique names
	re.compile(r"(/private)?(/files/)?[\w\u4e00-\u9fff-]+\.(docx|pdf|jpg|jpeg|png)\b", re.IGNORECASE),
)
WORD = re.compile(r"[A-Za-z]{2,}")


def english_words(texts: list[str], allowed: set[str] | frozenset[str] = ALLOWED_WORDS) -> list[str]:
	"""The Latin words of ``texts`` outside the allow-list and the codes, each with its text."""
	found = []
	for text in texts:
		stripped = text
		for pattern in CODE_PATTERNS:
			stripped = pattern.sub(" ", stripped)
		words = [w for w in WORD.findall(stripped) if w not in allowed]
		if words:
			found.append(f"{', '.join(words)} in {text[:120]!r}")
	return found


def assert_no_english(page, allowed: set[str] | frozenset[str] = ALLOWED_WORDS):
	"""Fail when the page shows an English word outside the allow-list."""
	words = english_words(page.evaluate(VISIBLE_TEXT_JS), allowed)
	assert not words, f"English on {page.url}:\n" + "\n".join(words)
