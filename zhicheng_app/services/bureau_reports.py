"""The bureau's number cards, charts and reports over Title Applications.

Every figure is read through ``frappe.get_list``: the role permissions, the User Permissions and the
app's record scope (``zhicheng_app.permissions``) apply exactly as in the list, so a county officer
counts and lists only the applications of the county, a committee office those of the notices its
committees evaluate. A user without read access to applications (a review expert) gets a
permission error, never a figure.
"""

import datetime

import frappe
from frappe import _

from zhicheng_app.documents.batches import BatchError, roster_group
from zhicheng_app.documents.catalogue import BATCH_ROUTES, publicity_report_counts, route_of
from zhicheng_app.documents.contexts import committee_name
from zhicheng_app.permissions import with_descendants
from zhicheng_app.rules import reporting
from zhicheng_app.rules.vocabulary import LEVEL_RANK, LEVEL_TIER, Location, WorkflowState
from zhicheng_app.services import clock
from zhicheng_app.services.deadlines import upcoming, workflow_states
from zhicheng_app.services.documents.paper_stage import county_of, county_reporter
from zhicheng_app.services.fees import AWAITING_FEE

APPLICATION = "Title Application"
FEE_PAYMENT = "Fee Payment"
# the filters every report offers, each a field of Title Application
FILTER_FIELDS = ("notice", "workflow_state", "employer_unit", "route", "target_level")


# ---------------------------------------------------------------- the campaign and the scope
def current_campaign_year() -> int:
	"""The campaign of this year (campaign clock), else the latest one that has notices."""
	year = clock.now().year
	if frappe.db.exists("Title Notice", {"campaign_year": year}):
		return year
	latest = frappe.get_all(
		"Title Notice",
		filters={"campaign_year": ("<=", year)},
		fields=["max(campaign_year) as year"],
	)
	return (latest[0].year if latest else None) or year


def current_campaign_notices() -> list[str]:
	"""The notices of the current campaign (configuration, not applicants' data)."""
	return frappe.get_all(
		"Title Notice", filters={"campaign_year": current_campaign_year()}, pluck="name", order_by="name"
	)


def check_access():
	"""Only users who may read applications read their figures (not a review expert)."""
	if not frappe.has_permission(APPLICATION, "read"):
		frappe.throw(_("Not permitted"), frappe.PermissionError)


def _scoped(fields: list[str], filters, **kw) -> list:
	check_access()
	return frappe.get_list(APPLICATION, fields=fields, filters=filters, limit_page_length=0, **kw)


def report_filters(filters: dict | None) -> list:
	"""The report's filters as list filters of Title Application. Without a notice, the current
	campaign's notices."""
	filters = frappe._dict(filters or {})
	out = []
	for field in FILTER_FIELDS:
		if filters.get(field):
			out.append([APPLICATION, field, "=", filters[field]])
	if not filters.get("notice"):
		out.append([APPLICATION, "notice", "in", current_campaign_notices() or [""]])
	if filters.get("region"):
		out.append([APPLICATION, "region", "in", sorted(with_descendants([filters.region]))])
	return out


# ---------------------------------------------------------------- number cards
def stage_count(stage_key: str) -> dict:
	"""The applications of the current campaign in ``stage_key`` that the user may read, and the
	list they open."""
	stage = reporting.STAGE_BY_KEY.get(stage_key)
	if stage is None:
		frappe.throw(_("Unknown stage {0}").format(stage_key))
	states = list(stage.states)
	return _campaign_card(states, ["in", states])


def _campaign_card(states: list[str], state_option) -> dict:
	"""A number card: the current campaign's applications in ``states`` that the user may read,
	opening their list filtered by ``state_option``."""
	notices = current_campaign_notices() or [""]
	rows = _scoped(
		[f"count(`tab{APPLICATION}`.name) as total"],
		[[APPLICATION, "notice", "in", notices], [APPLICATION, "workflow_state", "in", states]],
		order_by=None,
	)
	return {
		"value": (rows[0].total if rows else 0) or 0,
		"fieldtype": "Int",
		"route": ["List", APPLICATION, "List"],
		"route_options": {"workflow_state": state_option, "notice": ["in", notices]},
	}


def abandoned_count() -> dict:
	"""The applications of the current campaign that a deadline closed as 视为放弃 (each notice's
	wording of it on the application), in the user's scope, and the list they open."""
	return _campaign_card([WorkflowState.ABANDONED], WorkflowState.ABANDONED)


def due_today_count() -> dict:
	"""The applications in the user's scope whose state a deadline closes before today ends (Beijing
	time), a returned application's own resubmission deadline included; the card opens 截止风险."""
	now = clock.now()
	end_of_today = now.replace(hour=0, minute=0, second=0, microsecond=0) + datetime.timedelta(days=1)
	return {
		"value": len(deadline_rows(report_filters({}), now, end_of_today)),
		"fieldtype": "Int",
		"route": ["query-report", "Deadline Risk"],
		"route_options": {"within_days": 1},
	}


# ---------------------------------------------------------------- charts
def _chart_notices(notice: str | None) -> list[str]:
	"""The chart's notices: the one chosen in its filter, else the current campaign's."""
	return [notice] if notice else current_campaign_notices()


def chart_by_state(notice: str | None = None) -> dict:
	"""The current campaign's (or ``notice``'s) applications per workflow state (in the
	workflow's order)."""
	rows = _scoped(
		["workflow_state", f"count(`tab{APPLICATION}`.name) as total"],
		[[APPLICATION, "notice", "in", _chart_notices(notice) or [""]]],
		group_by="workflow_state",
		order_by=None,
	)
	counts = {row.workflow_state or "": row.total for row in rows}
	states = workflow_states()
	order = [s for s in states if s in counts] + sorted(set(counts) - set(states))
	return {
		"labels": [_(state) if state else _("Not Set") for state in order],
		"datasets": [{"name": _("Applications"), "values": [counts[state] for state in order]}],
	}


def chart_by_notice_and_route(notice: str | None = None) -> dict:
	"""The current campaign's (or ``notice``'s) applications per notice (by its code), one stack
	per route."""
	notices = _chart_notices(notice)
	rows = _scoped(
		["notice", "route", f"count(`tab{APPLICATION}`.name) as total"],
		[[APPLICATION, "notice", "in", notices or [""]]],
		group_by="notice, route",
		order_by=None,
	)
	codes = dict(
		frappe.get_all(
			"Title Notice", filters={"name": ("in", notices or [""])}, fields=["name", "code"], as_list=True
		)
	)
	shown = [n for n in notices if any(r.notice == n for r in rows)]
	routes = sorted({r.route or "" for r in rows})
	counts = {(r.notice, r.route or ""): r.total for r in rows}
	return {
		"labels": [codes.get(n) or n for n in shown],
		"datasets": [
			{
				"name": _(route) if route else _("Not Set"),
				"values": [counts.get((n, route), 0) for n in shown],
			}
			for route in routes
		],
	}


def _chart_rows(notice: str | None, fields: list[str]) -> list:
	return _scoped(fields, [[APPLICATION, "notice", "in", _chart_notices(notice) or [""]]], order_by=None)


def _one_series(counts: dict[str, int], order: list[str]) -> dict:
	return {
		"labels": order,
		"datasets": [{"name": _("Applications"), "values": [counts[label] for label in order]}],
	}


def chart_by_committee(notice: str | None = None) -> dict:
	"""The current campaign's (or ``notice``'s) applications per evaluation committee: the one the
	notice names for the application's route and level."""
	counts: dict[str, int] = {}
	notices: dict[str, object] = {}
	for row in _chart_rows(notice, ["notice", "route", "target_level"]):
		if row.notice not in notices:
			notices[row.notice] = frappe.get_cached_doc("Title Notice", row.notice)
		label = committee_name(notices[row.notice], row.route, row.target_level) or _("No Committee")
		counts[label] = counts.get(label, 0) + 1
	return _one_series(counts, sorted(counts))


def chart_by_level(notice: str | None = None) -> dict:
	"""The current campaign's (or ``notice``'s) applications per level applied for, highest first."""
	counts: dict[str, int] = {}
	for row in _chart_rows(notice, ["target_level"]):
		counts[row.target_level or ""] = counts.get(row.target_level or "", 0) + 1
	order = sorted(counts, key=lambda level: -LEVEL_RANK.get(level, -1))
	chart = _one_series(counts, order)
	chart["labels"] = [_(level) if level else _("Not Set") for level in order]
	return chart


def chart_by_county(notice: str | None = None) -> dict:
	"""The current campaign's (or ``notice``'s) applications per county (市) of the unit's region;
	the units directly under the prefecture (地直) as one bar."""
	counts: dict[str, int] = {}
	counties: dict[str, str | None] = {}
	for row in _chart_rows(notice, ["region", "unit_location"]):
		if row.region not in counties:
			counties[row.region] = county_of(row.region)
		county = counties[row.region]
		if county:  # a Region is named by its name
			label = county
		elif row.unit_location == Location.PREFECTURE_DIRECT:
			label = _(Location.PREFECTURE_DIRECT)
		else:
			label = _("Not Set")
		counts[label] = counts.get(label, 0) + 1
	return _one_series(counts, sorted(counts))


# ---------------------------------------------------------------- reports
def _label(value: str | None) -> str:
	return _(value) if value else ""


def summary_rows(filters: dict | None) -> list[dict]:
	"""申报情况汇总: counts per notice × route × level of the applications in scope."""
	rows = _scoped(
		["notice", "route", "target_level", "workflow_state", "submission_count"],
		report_filters(filters),
	)
	groups = reporting.summarize(rows)
	for group in groups:
		group["route_label"] = _label(group["route"])
		group["level_label"] = _label(group["target_level"])
	return groups


def _notices(names) -> dict:
	return {name: frappe.get_cached_doc("Title Notice", name) for name in set(names) if name}


def fee_rows(filters: dict | None) -> list[dict]:
	"""缴费情况: the fee desk's payments (Fee Payment) of the applications in scope and the fees still
	outstanding of those accepted, per committee × level tier × method (count × amount, paid,
	refunded, outstanding), each committee closed by its total. Payments and applications are both
	read through the user's scope."""
	applications = _scoped(
		["name", "notice", "route", "target_level", "workflow_state", "fee_amount"],
		report_filters(filters),
		order_by="name asc",
	)
	by_name = {row.name: row for row in applications}
	payments = (
		frappe.get_list(
			FEE_PAYMENT,
			filters={"application": ("in", sorted(by_name))},
			fields=["application", "committee", "level_tier", "method", "amount", "status"],
			limit_page_length=0,
			order_by="name asc",
		)
		if by_name
		else []
	)
	paid = {p.application for p in payments if p.status == "Paid"}
	notices = _notices(r.notice for r in applications)
	outstanding = [
		{
			"committee": committee_name(notices.get(r.notice), r.route, r.target_level),
			"level_tier": str(LEVEL_TIER.get(r.target_level, "")),
			"amount": r.fee_amount or 0,
		}
		for r in applications
		if r.workflow_state in AWAITING_FEE and r.name not in paid
	]
	groups = reporting.fee_summary(payments, outstanding)
	out = []
	for committee in sorted({g["committee"] for g in groups}):
		mine = [g for g in groups if g["committee"] == committee]
		for g in mine:
			out.append(
				{
					**g,
					"committee_label": committee or _("No Committee"),
					"level_tier_label": _label(g["level_tier"]),
					"method_label": _(g["method"]) if g["method"] else _("Not Paid"),
					"is_total": 0,
				}
			)
		out.append(
			{
				**reporting.fee_totals(mine),
				"amount": None,
				"committee_label": _("Total of {0}").format(committee or _("No Committee")),
				"committee": committee,
				"is_total": 1,
				"total_of": committee,
			}
		)
	return out


def roster_rows(filters: dict | None) -> list[dict]:
	"""申报人名册: every application in scope with its applicant, unit, region, route, level, state."""
	rows = _scoped(
		[
			"name",
			"applicant_name",
			"notice",
			"employer_unit",
			"region",
			"route",
			"target_level",
			"target_title",
			"workflow_state",
		],
		report_filters(filters),
		order_by="notice asc, employer_unit asc, name asc",
	)
	for row in rows:
		row["route_label"] = _label(row.route)
		row["level_label"] = _label(row.target_level)
		row["state_label"] = _label(row.workflow_state)
	return rows


# ---------------------------------------------------------------- the roster as the 公示情况报告
# the counts of each row, as the 公示情况报告 prints them (catalogue.publicity_report_counts)
COUNT_FIELDS = ("applied", "recommended", "passed")


def _reporters(rows) -> dict[str, tuple[int, str]]:
	"""Who reports each application in the 公示情况报告 (阿地人社传〔2024〕6号 四、（二）): a 地直 unit its
	own, a county's units their county bureau (``paper_stage.county_of``), a unit outside any county
	its own; ``{application: (0 unit, 1 county; name)}``."""
	unit_names, counties, out = {}, {}, {}
	for row in rows:
		county = None
		if row.unit_location != Location.PREFECTURE_DIRECT:
			if row.region not in counties:
				counties[row.region] = county_of(row.region)
			county = counties[row.region]
		if county:
			out[row.name] = (1, county_reporter(frappe.get_cached_doc("Region", county)))
			continue
		if row.employer_unit not in unit_names:
			unit_names[row.employer_unit] = (
				frappe.db.get_value("Employer Unit", row.employer_unit, "unit_name")
				or row.employer_unit
				or ""
			)
		out[row.name] = (0, unit_names[row.employer_unit])
	return out


def _roster_place(row) -> tuple[tuple[int, int], str, str]:
	"""(order, route heading, sub-group) of the 公示情况报告's roster; a level its roster has no place for
	(a grant at the junior level) after the others, under the route and the level."""
	try:
		return roster_group(row.route, row.target_level)
	except BatchError:
		return (9, 9), _label(row.route), _label(row.target_level)


def _total(label: str, indent: int, members: list, **extra) -> dict:
	return {"label": label, "indent": indent, **extra, **publicity_report_counts(members)}


def publicity_report_rows(filters: dict | None) -> list[dict]:
	"""申报人名册 grouped as the 公示情况报告 (阿地人社传〔2024〕6号 附件4): per notice and reporter (a 地直
	unit, or a county bureau for its county's units), its route headings (授予, 初定, “访惠聚”三年高定),
	their levels and the applicants, each row with the counts of 申报, 此次推荐 and 通过审核 that the
	report prints. Only the applications the user may read (as ``roster_rows``), of the routes the
	report covers."""
	rows = [
		row
		for row in _scoped(
			[
				"name",
				"applicant_name",
				"notice",
				"employer_unit",
				"region",
				"unit_location",
				"route",
				"target_level",
				"workflow_state",
			],
			report_filters(filters),
			order_by="notice asc, employer_unit asc, name asc",
		)
		if route_of(row.route) in BATCH_ROUTES
	]
	reporters = _reporters(rows)
	tree: dict[tuple, dict[tuple, list]] = {}
	for row in rows:
		tree.setdefault((row.notice, *reporters[row.name]), {}).setdefault(_roster_place(row), []).append(row)
	out = []
	for (notice, _kind, reporter), places in sorted(tree.items(), key=lambda item: item[0]):
		members = [row for group in places.values() for row in group]
		out.append(_total(reporter, 0, members, notice=notice))
		headings: dict[tuple, list] = {}
		for place in sorted(places):
			headings.setdefault((place[0][0], place[1]), []).append(place)
		for (_order, heading), group_places in headings.items():
			out.append(_total(heading, 1, [row for place in group_places for row in places[place]]))
			for place in group_places:
				out.append(_total(place[2], 2, places[place]))
				out.extend(
					_total(
						row.applicant_name or row.name,
						3,
						[row],
						name=row.name,
						employer_unit=row.employer_unit,
						state_label=_label(row.workflow_state),
					)
					for row in places[place]
				)
	return out


# ---------------------------------------------------------------- deadline risk
# how far ahead the 截止风险 report looks when its filter is empty
RISK_DAYS = 7


def deadline_risk_rows(filters: dict | None) -> list[dict]:
	"""截止风险: the applications in scope whose state a deadline closes within the coming days (the
	notice's deadlines by state, a returned application's own resubmission deadline), soonest first,
	with what happens when it passes."""
	filters = frappe._dict(filters or {})
	now = clock.now()
	until = now + datetime.timedelta(days=frappe.utils.cint(filters.get("within_days")) or RISK_DAYS)
	rows = [
		_risk_row(row, deadline, now) for row, deadline in deadline_rows(report_filters(filters), now, until)
	]
	return sorted(rows, key=lambda r: (r["deadline"], r["name"]))


def deadline_rows(scope: list, now: datetime.datetime, until: datetime.datetime) -> list:
	"""``[(application row, Deadline)]``: the applications in the user's scope (and ``scope``'s
	filters) whose state a deadline of their notice closes after ``now`` and by ``until``."""

	def read(doctype, **kw):
		return frappe.get_list(doctype, limit_page_length=0, **kw)

	notices = sorted({r.notice for r in _scoped(["notice"], scope, distinct=True)})
	return [pair for notice in notices for pair in upcoming(notice, now, until, read=read, filters=scope)]


def _risk_row(row, deadline, now) -> dict:
	return {
		**row,
		"state_label": _label(row.workflow_state),
		"deadline_label": _(deadline.kind),
		"deadline": clock.wall(deadline.at),
		"hours_left": round((deadline.at - now).total_seconds() / 3600, 1),
		"consequence": deadline.reason(),
	}
