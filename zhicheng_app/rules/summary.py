"""Rule family: the personal work summary.

How 字 are counted is the notice setting ``summary_count_mode`` (the notices do not say):

* ``Non-whitespace`` (default): every character except whitespace counts as one 字 — Chinese
  characters, Chinese and Western punctuation, digits and each Latin letter.
* ``Han only``: only CJK ideographs count.
"""

from __future__ import annotations

import re

from zhicheng_app.i18n import _
from zhicheng_app.rules.context import PrecheckContext

HAN_ONLY = "Han only"
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")


def without_whitespace(text: str) -> str:
	"""``text`` without any Unicode whitespace (spaces, line breaks, tabs, full-width spaces)."""
	return "".join(text.split())


def count_chars(text: str, mode: str = "Non-whitespace") -> int:
	"""Number of 字 in ``text`` under the notice's counting mode."""
	if not text:
		return 0
	if mode == HAN_ONLY:
		return len(_HAN.findall(text))
	return len(without_whitespace(text))


def _mode_text(mode: str) -> str:
	if mode == HAN_ONLY:
		return _("counting Chinese characters only")
	return _("counting every character except spaces and line breaks")


def check_summary(ctx: PrecheckContext) -> None:
	notice, profile = ctx.notice, ctx.profile
	if not notice.summary_required:
		return
	text = profile.summary or ""
	if not text.strip():
		ctx.add("SUM-REQUIRED", field="summary")
		return
	mode = notice.summary_count_mode
	count = count_chars(text, mode)
	if notice.summary_min_chars and count < notice.summary_min_chars:
		ctx.add("SUM-MIN", (count, notice.summary_min_chars, _mode_text(mode)), "summary")
	if notice.summary_max_chars and count > notice.summary_max_chars:
		ctx.add("SUM-MAX", (count, notice.summary_max_chars, _mode_text(mode)), "summary")
	if notice.summary_forbid_name_unit:
		_check_name_and_unit(ctx, without_whitespace(text))
	if notice.summary_topics:
		keywords = [row.keyword for row in notice.summary_topics]
		if not any(keyword and keyword in text for keyword in keywords):
			ctx.add("SUM-TOPICS", ("、".join(keywords),), "summary")


def _check_name_and_unit(ctx: PrecheckContext, compact_text: str) -> None:
	"""Blind review: neither the applicant's name nor the unit's name or an alias may appear, also
	when spaces or line breaks were put between their characters."""
	profile = ctx.profile
	name = without_whitespace(profile.applicant_name)
	if len(name) >= 2 and name in compact_text:
		ctx.add("SUM-NAME", field="summary")
	for unit_name in (profile.unit.unit_name, *profile.unit.aliases):
		compact_name = without_whitespace(unit_name or "")
		if len(compact_name) >= 2 and compact_name in compact_text:
			ctx.add("SUM-UNIT", (unit_name.strip(),), "summary")
			break
