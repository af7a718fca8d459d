"""Rule family: the personal work summary [spec §7.5].

How 字 are counted (spec Q-45) is the notice setting ``summary_count_mode``:

* ``Non-whitespace`` (default): every character except whitespace counts as one 字 — Chinese
  characters, Chinese and Western punctuation, digits and each Latin letter.
* ``Han only``: only CJK ideographs count.
"""

from __future__ import annotations

import re

from zhicheng_app.i18n import _
from zhicheng_app.rules.context import Ctx

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")

HAN_ONLY = "Han only"


def count_chars(text: str, mode: str = "Non-whitespace") -> int:
	"""Number of 字 in ``text`` under the notice's counting mode."""
	if not text:
		return 0
	if mode == HAN_ONLY:
		return len(_HAN.findall(text))
	return len("".join(text.split()))  # str.split() drops every Unicode whitespace character


def _mode_label(mode: str) -> str:
	if mode == HAN_ONLY:
		return _("counting Chinese characters only")
	return _("counting every character except spaces and line breaks")


def _compact(s: str) -> str:
	return "".join(s.split())


def _contains(text: str, word: str) -> bool:
	"""``word`` occurs in ``text``, also when spaces or line breaks were put between its characters."""
	if word in text:
		return True
	if not all(c in text for c in word):  # cheap filter before normalising the whole text
		return False
	return word in _compact(text)


def check_summary(ctx: Ctx) -> None:
	n, p = ctx.n, ctx.p
	if not n.summary_required:
		return
	text = p.summary or ""
	if not text.strip():
		ctx.add("SUM-REQUIRED", field="summary")
		return
	count = count_chars(text, n.summary_count_mode)
	if n.summary_min_chars and count < n.summary_min_chars:
		ctx.add("SUM-MIN", (count, n.summary_min_chars, _mode_label(n.summary_count_mode)), "summary")
	if n.summary_max_chars and count > n.summary_max_chars:
		ctx.add("SUM-MAX", (count, n.summary_max_chars, _mode_label(n.summary_count_mode)), "summary")
	if n.summary_forbid_name_unit:
		name = _compact(p.applicant_name)
		if len(name) >= 2 and _contains(text, name):
			ctx.add("SUM-NAME", field="summary")
		for unit_name in (p.unit.unit_name, *p.unit.aliases):
			u = _compact(unit_name or "")
			if len(u) >= 2 and _contains(text, u):
				ctx.add("SUM-UNIT", (unit_name.strip(),), "summary")
				break
	if n.summary_topics:
		if not any(k.keyword and k.keyword in text for k in n.summary_topics):
			ctx.add("SUM-TOPICS", ("、".join(k.keyword for k in n.summary_topics),), "summary")
