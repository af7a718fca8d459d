"""Shared pytest set-up for both test levels.

The integration level needs Frappe, which only the bench's Python has. Under any other Python
(e.g. ``python3 -m pytest tests``) its folder is left out of collection instead of failing on
``import frappe``; the header of the run says so. ``scripts/run-tests.sh`` runs each level with
the right Python.
"""

import importlib.util

FRAPPE_AVAILABLE = importlib.util.find_spec("frappe") is not None

collect_ignore = [] if FRAPPE_AVAILABLE else ["integration"]


def pytest_report_header(config):
	if not FRAPPE_AVAILABLE:
		return "tests/integration not collected: Frappe is not importable (run it with the bench's Python)"
	return None
