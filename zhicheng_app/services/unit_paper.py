"""The unit's paper list (纸质材料报送清单): per notice, the unit's applications that the committee
has accepted online, the paper documents each delivers, the office that receives them and the
deadline.

After 已接收材料 the unit delivers the originals it signed and sealed (000 四（八）; 001 四（四）:
评审表, 公示, 公示结果, 推荐意见 or 推荐报告, 个人承诺书): the list names the documents the
system generates for the application's route (``documents.catalogue``), so that what is printed
and what is listed are the same.
"""

import frappe

from zhicheng_app.i18n import _
from zhicheng_app.rules.model import NoticeConfig
from zhicheng_app.rules.registry import notice_citation
from zhicheng_app.rules.vocabulary import WindowKind, WorkflowState
from zhicheng_app.services import clock
from zhicheng_app.services.documents.contexts import offered_kinds
from zhicheng_app.services.documents.paper_intake import RECEIVING_STATES
from zhicheng_app.services.precheck import notice_config

# listed: still to deliver, and delivered (shown with the receipt)
LISTED_STATES = (*RECEIVING_STATES, WorkflowState.PAPER_RECEIVED)


def paper_office(config: NoticeConfig, route: str, level: str) -> str:
	"""The office of the committee evaluating ``route`` at ``level`` that receives the paper."""
	committee = next(
		(row.committee for row in config.routes if row.route == route and row.level == level), ""
	)
	return next((row.paper_office for row in config.committees if row.committee == committee), "")


def paper_items(doc) -> list[str]:
	"""The documents the application delivers on paper: those the system generates for it, by
	their zh titles."""
	return [row["title"] for row in offered_kinds(doc)]


def paper_lists(names: list[str]) -> list[dict]:
	"""``[{notice, notice_label, deadline, rows: [...]}]`` for the applications ``names`` (already
	within the user's scope) that are accepted online, one list per notice, oldest first."""
	rows = frappe.get_list(
		"Title Application",
		filters={"name": ("in", names or [""]), "workflow_state": ("in", LISTED_STATES)},
		fields=[
			"name",
			"notice",
			"applicant_name",
			"route",
			"target_level",
			"profession",
			"ce_exemption",
			"workflow_state",
			"paper_received_at",
		],
		order_by="notice asc, name asc",
		limit_page_length=0,
	)
	lists: dict[str, dict] = {}
	for row in rows:
		if row.notice not in lists:
			config = notice_config(row.notice)
			window = clock.window(frappe.get_cached_doc("Title Notice", row.notice), WindowKind.PAPER)
			lists[row.notice] = {
				"notice": row.notice,
				"notice_label": notice_citation(config),
				"deadline": clock.fmt(window[1]) if window and window[1] else "",
				"rows": [],
				"config": config,
			}
		group = lists[row.notice]
		group["rows"].append(
			{
				"name": row.name,
				"applicant_name": row.applicant_name,
				"level_label": _(row.target_level) if row.target_level else "",
				"profession": row.profession or "",
				"office": paper_office(group["config"], row.route, row.target_level),
				"deliverables": paper_items(row),
				"received": bool(row.paper_received_at),
				"received_at": clock.fmt(clock.to_shanghai(row.paper_received_at))
				if row.paper_received_at
				else "",
			}
		)
	for group in lists.values():
		del group["config"]
	return list(lists.values())
