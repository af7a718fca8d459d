"""Value formatting for Chinese official documents.

Dates are written the Chinese way (2024年8月1日), names and ID numbers can be
masked for public notices, and title levels are printed with the labels the
notices' templates use.
"""

from __future__ import annotations

import datetime as _dt
import enum
from typing import TypeVar

from zhicheng_app.rules.vocabulary import Level

DateLike = _dt.date | _dt.datetime | str
E = TypeVar("E", bound=enum.Enum)


def as_date(value: DateLike) -> _dt.date:
	if isinstance(value, _dt.datetime):
		return value.date()
	if isinstance(value, _dt.date):
		return value
	if isinstance(value, str):
		return _dt.date.fromisoformat(value.strip()[:10])
	raise TypeError(f"not a date: {value!r}")


def cn_date(value: DateLike | None) -> str:
	"""``2024-08-01`` -> ``2024年8月1日``; empty for None/''."""
	if value in (None, ""):
		return ""
	d = as_date(value)
	return f"{d.year}年{d.month}月{d.day}日"


def cn_month_day(value: DateLike | None) -> str:
	"""``2024-08-01`` -> ``8月1日`` (a second date in the same year, as in 阿地人社传〔2024〕6号 附件4)."""
	if value in (None, ""):
		return ""
	d = as_date(value)
	return f"{d.month}月{d.day}日"


def cn_year_month(value: DateLike | None) -> str:
	"""``2018-07`` or a date -> ``2018年7月``."""
	if value in (None, ""):
		return ""
	if isinstance(value, str) and len(value.strip()) == 7:
		year, month = value.strip().split("-")
		return f"{int(year)}年{int(month)}月"
	d = as_date(value)
	return f"{d.year}年{d.month}月"


# Two-character surnames that must stay whole when a name is masked.
COMPOUND_SURNAMES = frozenset(
	"欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 钟离 端木 独孤 南宫 西门 "
	"百里 呼延 澹台 公冶 太史 申屠 闻人 万俟 赫连 濮阳 单于 司空 第五 拓跋".split()
)
NAME_DOTS = "·•．.・"


def mask_name(name: str | None) -> str:
	"""Keep the surname, mask the rest: 张三 -> 张*, 欧阳修文 -> 欧阳**.

	Names written with a middle dot (e.g. Uyghur names) keep their first
	character and the dots: 买买提·艾力 -> 买**·**.
	"""
	name = (name or "").strip()
	if len(name) <= 1:
		return name
	if any(dot in name for dot in NAME_DOTS):
		return name[0] + "".join(ch if ch in NAME_DOTS else "*" for ch in name[1:])
	keep = 2 if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else 1
	return name[:keep] + "*" * (len(name) - keep)


def mask_id_number(id_number: str | None) -> str:
	"""First 6 + asterisks + last 4: ``650102199001011234`` -> ``650102********1234``."""
	value = (id_number or "").strip()
	if len(value) <= 10:
		return "*" * len(value)
	return value[:6] + "*" * (len(value) - 10) + value[-4:]


_ZH_LEVELS = {
	"正高级": Level.FULL_SENIOR,
	"副高级": Level.DEPUTY_SENIOR,
	"高级": Level.DEPUTY_SENIOR,
	"中级": Level.INTERMEDIATE,
	"助理级": Level.ASSISTANT,
	"员级": Level.ENTRY,
	"初级": Level.ASSISTANT,
}


def vocabulary_member(value: E | str, vocabulary: type[E], zh_labels: dict[str, E]) -> E:
	"""The member of ``vocabulary`` that ``value`` is, names by its zh label or has as its value.

	Raises ValueError for anything else.
	"""
	if isinstance(value, vocabulary):
		return value
	text = str(value).strip()
	return zh_labels[text] if text in zh_labels else vocabulary(text)


def as_level(level: Level | str) -> Level:
	return vocabulary_member(level, Level, _ZH_LEVELS)


# "×（高、中、初）级" in the per-person templates; 正高 fits none of them, so "正高".
_TIER_LABEL = {
	Level.FULL_SENIOR: "正高",
	Level.DEPUTY_SENIOR: "高",
	Level.INTERMEDIATE: "中",
	Level.ASSISTANT: "初",
	Level.ENTRY: "初",
}

# "xx 级" in the batch templates of 阿地人社传〔2024〕6号: 初 / 中 / 副高 / 正高.
_BATCH_LABEL = {
	Level.FULL_SENIOR: "正高",
	Level.DEPUTY_SENIOR: "副高",
	Level.INTERMEDIATE: "中",
	Level.ASSISTANT: "初",
	Level.ENTRY: "初",
}

_FULL_LABEL = {
	Level.FULL_SENIOR: "正高级",
	Level.DEPUTY_SENIOR: "副高级",
	Level.INTERMEDIATE: "中级",
	Level.ASSISTANT: "助理级",
	Level.ENTRY: "员级",
}


def level_tier_label(level: Level | str) -> str:
	"""高 / 中 / 初 (正高 for Full Senior), as printed before "级职称"."""
	return _TIER_LABEL[as_level(level)]


def level_batch_label(level: Level | str) -> str:
	"""正高 / 副高 / 中 / 初, as printed in the 004 batch templates."""
	return _BATCH_LABEL[as_level(level)]


def level_full_label(level: Level | str) -> str:
	"""正高级 / 副高级 / 中级 / 助理级 / 员级."""
	return _FULL_LABEL[as_level(level)]


def date_line(value: DateLike | None) -> str:
	"""The date under a signature: ``2024年8月1日``, or a blank ``年 月 日`` to fill by hand."""
	return cn_date(value) if value not in (None, "") else "　　　　年　　月　　日"


def join_names(names) -> str:
	"""Names joined by the enumeration comma: 张三、李四."""
	return "、".join(n for n in names if n)


JINJA_FILTERS = {
	"cn_date": cn_date,
	"cn_month_day": cn_month_day,
	"cn_year_month": cn_year_month,
	"mask_name": mask_name,
	"mask_id": mask_id_number,
	"level_tier": level_tier_label,
	"level_batch": level_batch_label,
	"level_full": level_full_label,
	"join_names": join_names,
	"date_line": date_line,
}
