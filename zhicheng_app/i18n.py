"""Translation for the layers that run without Frappe (rules/, documents/).

Source strings are English. The Chinese text lives in ``translations/zh.csv``,
the same file Frappe reads, so one catalogue serves both worlds. Inside a
Frappe request (``frappe.local.lang`` is set) Frappe's own ``_`` is used so the
user's language and any translations edited in the desk apply.
"""

import csv
import functools
import os
import sys

TRANSLATIONS_DIR = os.path.join(os.path.dirname(__file__), "translations")
DEFAULT_LANG = "zh"


@functools.cache
def catalog(lang: str = DEFAULT_LANG) -> dict[str, str]:
	"""Source string -> translation, read once from ``translations/<lang>.csv``."""
	path = os.path.join(TRANSLATIONS_DIR, f"{lang}.csv")
	if not os.path.exists(path):
		return {}
	with open(path, encoding="utf-8", newline="") as f:
		return {row[0]: row[1] for row in csv.reader(f) if len(row) >= 2 and row[0] and row[1]}


def _frappe_translate():
	frappe = sys.modules.get("frappe")
	if frappe is None:
		return None
	local = getattr(frappe, "local", None)
	try:
		if local is None or not getattr(local, "lang", None):
			return None
	except RuntimeError:
		return None
	return frappe._


def _(msg: str, lang: str | None = None) -> str:
	"""Translate ``msg``; falls back to the source string when no translation exists."""
	if lang is None:
		translate = _frappe_translate()
		if translate is not None:
			return translate(msg)
	return catalog(lang or DEFAULT_LANG).get(msg, msg)
