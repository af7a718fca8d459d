"""Rule family: the personal work summary [spec §7.5].

How 字 are counted (spec Q-45) is the notice setting ``summary_count_mode``:

* ``Non-whitespace`` (default): every character except whitespace counts as one 字 — Chinese
  characters, Chinese and Western punctuation, digits and each Latin letter.
* ``Han only``: only CJK ideographs count.
"""

from __future__ import annotations

import re
from typing import Final

from zhicheng_app.rules.context import Ctx, notice_table
from zhicheng_app.rules.registry import Tr, tr

_HAN: Final = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")

HAN_ONLY: Final = "Han only"


def count_chars(text: str, mode: str = "Non-whitespace") -> int:
	"""Number of 字 in ``text`` under the notice's counting mode."""
	if not text:
		return 0
	if mode == HAN_ONLY:
		return len(_HAN.findall(text))
	return len("".join(text.split()))  # str.split() drops every Unicode whitespace character


def _compact(s: str) -> str:
	return "".join(s.split())


@notice_table("summary_topics")
def _topics(n) -> tuple:
	"""(keywords, the keywords joined for the message) of the notice."""
	return tuple(k.keyword for k in n.summary_topics), "、".join(k.keyword for k in n.summary_topics)


def check_summary(ctx: Ctx) -> None:
	n, p = ctx.n, ctx.p
	if not n.summary_required:
		return
	text = p.summary or ""
	if not text.strip():
		ctx.add("SUM-REQUIRED", field="summary")
		return
	mode = n.summary_count_mode
	compact = None  # the text without whitespace, built once
	if mode == HAN_ONLY:
		count = count_chars(text, mode)
	else:
		pieces = text.split()  # count_chars(text): every character but whitespace
		if len(pieces) == 1:
			compact = pieces[0]
			count = len(compact)
		else:
			count = sum(map(len, pieces))
			if n.summary_forbid_name_unit:
				compact = "".join(pieces)
	if n.summary_min_chars and count < n.summary_min_chars:
		ctx.add("SUM-MIN", (count, n.summary_min_chars, _mode_tr(mode)), "summary")
	if n.summary_max_chars and count > n.summary_max_chars:
		ctx.add("SUM-MAX", (count, n.summary_max_chars, _mode_tr(mode)), "summary")
	if n.summary_forbid_name_unit:
		# the name or unit also counts when spaces or line breaks were put between its characters
		name = _compact(p.applicant_name)
		if len(name) >= 2:
			if compact is None:
				compact = "".join(text.split())
			if name in compact:
				ctx.add("SUM-NAME", field="summary")
		unit = p.unit
		names = []
		for unit_name in (unit.unit_name, *unit.aliases):
			u = _compact(unit_name or "")
			if len(u) >= 2:
				names.append((unit_name, u))
		if names:
			if compact is None:
				compact = "".join(text.split())
			absent = set()
			if len(names) > 1:
				# an alias inside the unit name (天山建筑设计 in 阿克苏天山建筑设计有限公司) is looked for
				# first: when it is absent, so is the unit name, and the long text is scanned once
				first = names[0][1]
				for _name, a in names[1:]:
					if a != first and a in first and a not in compact:
						absent.add(a)
						absent.add(first)
						break
			for unit_name, u in names:
				if u not in absent and u in compact:
					ctx.add("SUM-UNIT", (unit_name.strip(),), "summary")
					break
	if n.summary_topics:
		keywords, joined = ctx.facts.table("summary_topics")
		for k in keywords:
			if k and k in text:
				break
		else:
			ctx.add("SUM-TOPICS", (joined,), "summary")


def _mode_tr(mode: str) -> Tr:
	if mode == HAN_ONLY:
		return tr("counting Chinese characters only")
	return tr("counting every character except spaces and line breaks")
