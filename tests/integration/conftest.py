"""Integration level: tests that need a real Frappe site on a bench.

Run through ``scripts/run-tests.sh`` (or ``$BENCH_DIR/env/bin/python -m pytest tests/integration``
from the repository). Frappe is initialised once per session from ``$BENCH_DIR/sites`` for the
site ``$SITE``; every test runs as Administrator with language ``zh``, and its database changes
are rolled back afterwards.

Environment: ``BENCH_DIR`` (default ``~/zhicheng-bench``), ``SITE`` (default
``zhicheng.localhost``), ``DB_ROOT_PASSWORD`` (default ``zhicheng-root``, used by the lifecycle
test), ``ZHICHENG_LIFECYCLE=0`` to leave the slow lifecycle test out.
"""

import os
import shutil
from pathlib import Path

import pytest

BENCH_DIR = Path(os.environ.get("BENCH_DIR") or Path.home() / "zhicheng-bench").expanduser()
SITES_PATH = BENCH_DIR / "sites"
SITE = os.environ.get("SITE") or "zhicheng.localhost"
DB_ROOT_PASSWORD = os.environ.get("DB_ROOT_PASSWORD") or "zhicheng-root"
BENCH_CLI_VENV = Path(
	os.environ.get("BENCH_CLI_VENV") or Path.home() / ".local/share/zhicheng-bench-cli"
).expanduser()
REPO_DIR = Path(__file__).resolve().parents[2]

try:
	import frappe
except ImportError:  # pragma: no cover - depends on the interpreter
	frappe = None


def pytest_configure(config):
	# the browser fixtures (Playwright for Python, Chromium headless) for every test of this folder
	config.pluginmanager.import_plugin("tests.integration.browser")
	# the approval chains' actors and the frozen campaign clock (workflow_support.py)
	config.pluginmanager.import_plugin("tests.integration.workflow_support")
	config.addinivalue_line("markers", "integration: needs a Frappe site on a bench")
	config.addinivalue_line(
		"markers",
		"lifecycle: creates, migrates and drops a throwaway site (slow; ZHICHENG_LIFECYCLE=0 skips)",
	)


def pytest_collection_modifyitems(config, items):
	# Collection hooks of a conftest see every collected item: touch only this folder's.
	here = Path(__file__).resolve().parent
	ours = [item for item in items if here in Path(str(item.fspath)).resolve().parents]
	for item in ours:
		item.add_marker(pytest.mark.integration)
	missing = None
	if frappe is None:
		missing = "Frappe is not importable: run with the bench's Python ($BENCH_DIR/env/bin/python)"
	elif not (SITES_PATH / SITE / "site_config.json").is_file():
		missing = f"no site {SITE} in {SITES_PATH} (make one with scripts/bench-setup.sh)"
	if missing:
		if os.environ.get("ZHICHENG_INTEGRATION") == "1":
			raise pytest.UsageError(f"{missing} (ZHICHENG_INTEGRATION=1)")
		for item in ours:
			item.add_marker(pytest.mark.skip(reason=missing))
		return
	if os.environ.get("ZHICHENG_LIFECYCLE") == "0":
		for item in ours:
			if item.get_closest_marker("lifecycle"):
				item.add_marker(pytest.mark.skip(reason="ZHICHENG_LIFECYCLE=0"))


@pytest.fixture(scope="session")
def bench_dir() -> Path:
	return BENCH_DIR


@pytest.fixture(scope="session")
def bench_cli() -> str:
	"""Path of the bench CLI that scripts/bench-setup.sh installed (or the one on PATH)."""
	candidate = BENCH_CLI_VENV / "bin" / "bench"
	if candidate.is_file():
		return str(candidate)
	found = shutil.which("bench")
	if not found:
		pytest.fail("the bench CLI is neither in $BENCH_CLI_VENV/bin nor on PATH")
	return found


@pytest.fixture(scope="session")
def db_root_password() -> str:
	return DB_ROOT_PASSWORD


@pytest.fixture(scope="session")
def frappe_site():
	"""Frappe connected to $SITE for the whole session (cwd is the sites folder, as under bench)."""
	previous_cwd = os.getcwd()
	os.chdir(SITES_PATH)
	frappe.init(site=SITE, sites_path=str(SITES_PATH))
	frappe.connect()
	frappe.flags.in_test = True
	# the suite creates more test users in an hour than Frappe's sign-up throttle allows (60)
	frappe.local.conf.throttle_user_limit = 100_000
	frappe.set_user("Administrator")
	frappe.local.lang = "zh"
	try:
		yield frappe.local.site
	finally:
		frappe.db.rollback()
		frappe.destroy()
		os.chdir(previous_cwd)


@pytest.fixture(autouse=True)
def frappe_test_context(request):
	"""Each Frappe test starts as Administrator in zh and has its changes rolled back.

	The lifecycle test drives the bench CLI in subprocesses and does not need a connection.
	"""
	if request.node.get_closest_marker("lifecycle"):
		yield None
		return
	request.getfixturevalue("frappe_site")
	frappe.flags.in_test = True
	frappe.set_user("Administrator")
	frappe.local.lang = "zh"
	try:
		yield frappe
	finally:
		frappe.db.rollback()
		frappe.set_user("Administrator")
