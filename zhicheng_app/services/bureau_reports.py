"""The bureau's number cards, charts and reports over Title Applications.

Every figure is read through ``frappe.get_list``: the role permissions, the User Permissions and the
app's record scope (``zhicheng_app.permissions``) apply exactly as in the list, so a county officer
counts and lists only the applications of the county, a committee office those of the notices its
committees evaluate. A user without read access to applications (a review expert) gets a
permission error, never a figure.
"""

import frappe
from frappe import _

from zhicheng_app.documents.contexts import committee_name
from zhicheng_app.permissions import with_descendants
from zhicheng_app.rules import reporting
from zhicheng_app.rules.vocabulary import ACCEPTED_STATES
from zhicheng_app.services import clock
from zhicheng_app.services.deadlines import workflow_states

APPLICATION = "Title Application"
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
	notices = current_campaign_notices() or [""]
	states = list(stage.states)
	rows = _scoped(
		[f"count(`tab{APPLICATION}`.name) as total"],
		[[APPLICATION, "notice", "in", notices], [APPLICATION, "workflow_state", "in", states]],
		order_by=None,
	)
	return {
		"value": (rows[0].total if rows else 0) or 0,
		"fieldtype": "Int",
		"route": ["List", APPLICATION, "List"],
		"route_options": {"workflow_state": ["in", states], "notice": ["in", notices]},
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
	"""缴费情况: the fee of every application in scope the committee accepted (or that paid before
	it failed or was closed), grouped by committee, each group followed by its total."""
	rows = _scoped(
		[
			"name",
			"applicant_name",
			"notice",
			"employer_unit",
			"route",
			"target_level",
			"workflow_state",
			"fee_amount",
			"fee_paid_at",
			"fee_recorded_by",
		],
		report_filters(filters),
		# accepted by the committee (whatever came after), or failed or closed after paying
		or_filters=[
			[APPLICATION, "workflow_state", "in", sorted(ACCEPTED_STATES)],
			[APPLICATION, "fee_paid_at", "is", "set"],
		],
		order_by="name asc",
	)
	notices = _notices(r.notice for r in rows)
	by_committee: dict[str, list] = {}
	for row in rows:
		committee = committee_name(notices.get(row.notice), row.route, row.target_level)
		by_committee.setdefault(committee, []).append(row)
	recorders = _user_names({r.fee_recorded_by for r in rows if r.fee_recorded_by})
	out = []
	for committee in sorted(by_committee):
		group = by_committee[committee]
		for row in group:
			out.append(
				{
					"committee": committee,
					"name": row.name,
					"applicant_name": row.applicant_name,
					"notice": row.notice,
					"employer_unit": row.employer_unit,
					"route_label": _label(row.route),
					"level_label": _label(row.target_level),
					"state_label": _label(row.workflow_state),
					"fee_amount": row.fee_amount or 0,
					"paid": 1 if row.fee_paid_at else 0,
					"fee_paid_at": row.fee_paid_at,
					"fee_recorded_by": recorders.get(row.fee_recorded_by, row.fee_recorded_by or ""),
					"paid_amount": (row.fee_amount or 0) if row.fee_paid_at else 0,
					"is_total": 0,
				}
			)
		out.append(committee_total(committee, group))
	return out


def committee_total(committee: str, rows: list) -> dict:
	paid = [r for r in rows if r.fee_paid_at]
	return {
		"committee": _("Total of {0}").format(committee or _("No Committee")),
		"name": "",
		"applicant_name": _("{0} applications, {1} paid").format(len(rows), len(paid)),
		"fee_amount": sum(r.fee_amount or 0 for r in rows),
		"paid_amount": sum(r.fee_amount or 0 for r in paid),
		"paid": len(paid),
		"is_total": 1,
		"total_of": committee,
	}


def _user_names(users: set[str]) -> dict[str, str]:
	"""Who recorded a fee, by full name (read from the user records on the server: the bureau's
	users may not list other accounts)."""
	if not users:
		return {}
	return dict(
		frappe.get_all(
			"User", filters={"name": ("in", sorted(users))}, fields=["name", "full_name"], as_list=True
		)
	)


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
