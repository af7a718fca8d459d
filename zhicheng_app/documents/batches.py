"""Context builders for the 004 batch documents (推荐报告, 公示情况报告 and its roster).

Input persons are plain dicts with at least ``name``, ``unit``, ``route`` (a
:class:`Route` of the 004 notice or its zh label) and ``level`` (a
:class:`Level` or its zh label); ``series`` and ``profession`` are used by the
推荐报告 (阿地人社传〔2024〕6号 附件3 and 附件4).
"""

from __future__ import annotations

from zhicheng_app.i18n import _
from zhicheng_app.rules.vocabulary import Level, Route

from .formatting import as_level, level_batch_label, level_full_label, vocabulary_member

ZH_ORDINALS = "一二三四五六七八九十"

# The label printed after "申报" for each route of 阿地人社传〔2024〕6号 (its 附件1–3).
ROUTE_LABEL = {
	Route.GRANT: "授予",
	Route.INITIAL_JUNIOR: "初定",
	Route.TOWNSHIP_INTERMEDIATE: "初定",
	Route.FANGHUIJU: "“访惠聚”三年高定",
}
_ZH_ROUTES = {
	"授予": Route.GRANT,
	"初定初级": Route.INITIAL_JUNIOR,
	"乡（镇）初定中级": Route.TOWNSHIP_INTERMEDIATE,
	"“访惠聚”三年高定": Route.FANGHUIJU,
}

# 推荐报告 clause order: 初定 → 授予 → "访惠聚"三年高定.
REPORT_LABEL_ORDER = ("初定", "授予", "“访惠聚”三年高定")


class BatchError(ValueError):
	"""A batch that cannot be printed as the 004 templates require (message in zh)."""


def as_route(route: Route | str) -> Route:
	try:
		return vocabulary_member(route, Route, _ZH_ROUTES)
	except ValueError:
		raise BatchError(_("Unknown evaluation route: {0}").format(str(route).strip())) from None


def route_label(route: Route | str) -> str:
	r = as_route(route)
	if r not in ROUTE_LABEL:
		raise BatchError(_("The route {0} is not handled by the batch documents").format(_(r.value)))
	return ROUTE_LABEL[r]


def report_groups(persons: list[dict]) -> list[dict]:
	"""The clauses of "综上，本单位同意推荐…": one per (route, series, profession, level).

	Each group is ``{"route_label", "series", "profession", "level_label", "names"}``,
	in the fixed route order, names in input order; routes without applicants are left out.
	"""
	labelled = [(route_label(p["route"]), p) for p in persons]
	labelled.sort(key=lambda item: REPORT_LABEL_ORDER.index(item[0]))  # stable: names keep their order
	buckets: dict[tuple, list[str]] = {}
	for label, p in labelled:
		key = (label, p.get("series", ""), p.get("profession", ""), level_batch_label(p["level"]))
		buckets.setdefault(key, []).append(p["name"])
	return [
		{"route_label": k[0], "series": k[1], "profession": k[2], "level_label": k[3], "names": names}
		for k, names in buckets.items()
	]


# The roster of the 公示情况报告: route headings, each with its sub-groups.
_GRANT_LEVELS = (Level.FULL_SENIOR, Level.DEPUTY_SENIOR, Level.INTERMEDIATE)


def _roster_key(route: Route, level: Level) -> tuple[int, int]:
	"""(route heading, sub-group) of the roster where an applicant of ``route`` and ``level`` is listed."""
	if route == Route.INITIAL_JUNIOR:
		return 1, 0
	if route == Route.TOWNSHIP_INTERMEDIATE:
		return 1, 1
	if route not in (Route.GRANT, Route.FANGHUIJU):
		raise BatchError(_("The route {0} is not handled by the batch documents").format(_(route.value)))
	if level not in _GRANT_LEVELS:
		if route == Route.GRANT:
			message = _("A grant can only be of a full senior, deputy senior or intermediate title, not {0}")
		else:
			message = _(
				"A three-year promotion can only be to a full senior, deputy senior or intermediate title, not {0}"
			)
		raise BatchError(message.format(level_full_label(level)))
	return (0 if route == Route.GRANT else 2), _GRANT_LEVELS.index(level)


_ROUTE_HEADINGS = ("授予", "初定", "“访惠聚”三年高定")
_GROUP_LABELS = (
	("正高级", "副高级", "中级"),
	("初定初级", "乡（镇）初定中级"),
	("正高级", "副高级", "中级"),
)


def roster_group(route: Route | str, level: Level | str) -> tuple[tuple[int, int], str, str]:
	"""Where the roster of the 公示情况报告 lists an applicant of ``route`` and ``level``: (its order,
	the route heading, the sub-group), e.g. ``((0, 1), "授予", "副高级")``. Raises :class:`BatchError`
	as the roster does."""
	key = _roster_key(as_route(route), as_level(level))
	return key, _ROUTE_HEADINGS[key[0]], _GROUP_LABELS[key[0]][key[1]]


def publicity_report_context(persons: list[dict], *, include_empty: bool = False) -> dict:
	"""Counts (``c``) and grouped ``roster`` for the 公示情况报告.

	Roster: route (一、二、三) -> sub-group ((一)(二)(三)) -> unit lines; a unit line is
	numbered "1." only when its sub-group has more than one unit. Empty groups are left
	out and the ordinals renumbered unless ``include_empty``. Raises
	:class:`BatchError` for a name listed twice or a level that the skeleton lacks.
	"""
	seen: set[tuple[str, str]] = set()
	cells: dict[tuple[int, int], dict[str, list[str]]] = {}  # (route, group) -> unit -> names
	for p in persons:
		route, level = as_route(p["route"]), as_level(p["level"])
		ident = (p.get("id_number") or p["name"], p["unit"])
		if ident in seen:
			raise BatchError(_("{0} is listed twice in the roster").format(p["name"]))
		seen.add(ident)
		cells.setdefault(_roster_key(route, level), {}).setdefault(p["unit"], []).append(p["name"])

	def count(route_index: int, group_index: int) -> int:
		return sum(len(n) for n in cells.get((route_index, group_index), {}).values())

	c = {
		"grant_zg": count(0, 0),
		"grant_fg": count(0, 1),
		"grant_zj": count(0, 2),
		"init_junior": count(1, 0),
		"township_mid": count(1, 1),
		"fhj_zg": count(2, 0),
		"fhj_fg": count(2, 1),
		"fhj_zj": count(2, 2),
	}
	c["grant_total"] = c["grant_zg"] + c["grant_fg"] + c["grant_zj"]
	c["fhj_total"] = c["fhj_zg"] + c["fhj_fg"] + c["fhj_zj"]
	c["init_total"] = c["init_junior"] + c["township_mid"]
	c["passed"] = c["grant_total"] + c["init_total"] + c["fhj_total"]

	roster = []
	for ri, heading in enumerate(_ROUTE_HEADINGS):
		groups = []
		for gi, label in enumerate(_GROUP_LABELS[ri]):
			units = cells.get((ri, gi), {})
			if not units and not include_empty:
				continue
			numbered = len(units) > 1
			groups.append(
				{
					"ordinal": ZH_ORDINALS[len(groups)],
					"label": label,
					"count": sum(len(n) for n in units.values()),
					"units": [
						{"prefix": f"{i}." if numbered else "", "unit": unit, "names": names}
						for i, (unit, names) in enumerate(units.items(), start=1)
					],
				}
			)
		total = sum(g["count"] for g in groups)
		if not groups and not include_empty:
			continue
		roster.append(
			{"ordinal": ZH_ORDINALS[len(roster)], "label": heading, "count": total, "groups": groups}
		)
	return {"c": c, "roster": roster}
