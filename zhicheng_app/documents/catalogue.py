"""Which documents are generated from which record, and which applications a batch lists.

A per-person document is generated from a Title Application, the batch documents of a unit
from its Employer Unit, those of a whole notice from the Title Notice. The records are the
site's documents or any objects with the same fields.
"""

from __future__ import annotations

from zhicheng_app.i18n import _
from zhicheng_app.rules.vocabulary import ACCEPTED_STATES, PASSED_REVIEW_STATES, Route

from .batches import route_label
from .formatting import level_batch_label
from .registry import REGISTRY

APPLICATION = "Title Application"
UNIT = "Employer Unit"
NOTICE = "Title Notice"
REGION = "Region"
SOURCE_DOCTYPES = (APPLICATION, UNIT, NOTICE, REGION)

# The source record each kind is generated from. The 公示情况报告 (阿地人社传〔2024〕6号 附件4) is made
# by each unit for its 本级人社部门 and by each county bureau for the 地区人社局 (四、（二）): from the
# Employer Unit, or from the county's Region (``OTHER_SOURCES``).
UNIT_BATCH_KINDS = (
	"publicity_batch_004",
	"publicity_result_batch_004",
	"recommendation_report_004",
	"publicity_report_004",
)
NOTICE_KINDS = ("qualification_document",)
# a committee meeting's 评审表决结果, made when the committee office closes the meeting
MEETING = "Review Meeting"
MEETING_KINDS = ("review_vote_result",)
KIND_SOURCE = {
	kind: (
		UNIT
		if kind in UNIT_BATCH_KINDS
		else NOTICE
		if kind in NOTICE_KINDS
		else MEETING
		if kind in MEETING_KINDS
		else APPLICATION
	)
	for kind in REGISTRY
}
OTHER_SOURCES = {"publicity_report_004": (REGION,)}


def generated_from(kind: str, doctype: str) -> bool:
	"""Whether ``kind`` is generated from a record of ``doctype``."""
	return KIND_SOURCE.get(kind) == doctype or doctype in OTHER_SOURCES.get(kind, ())


# The routes of 阿地人社传〔2024〕6号 are printed in batches per unit; the others per person.
BATCH_ROUTES = frozenset({Route.GRANT, Route.INITIAL_JUNIOR, Route.TOWNSHIP_INTERMEDIATE, Route.FANGHUIJU})

# Per-person documents offered on an application, by route.
ROUTE_KINDS = {
	Route.DIRECTED: (
		"unit_publicity_001",
		"publicity_result_000",
		"recommendation_unit_000",
		"commitment",
		"exemption_form",
		"appraisal_form",
		"qualification_review_form",
	),
	Route.PRIVATE: (
		"publicity_003",
		"publicity_result_003",
		"recommendation_unit_003",
		"commitment",
		"exemption_form",
		"appraisal_form",
		"qualification_review_form",
	),
	Route.REGION: (
		"publicity_002",
		"publicity_result_002",
		"recommendation_competent_002",
		"commitment",
		"exemption_form",
		"qualification_review_form",
	),
	Route.GRANT: ("grant_report_form",),
	Route.INITIAL_JUNIOR: ("initial_report_form",),
	Route.TOWNSHIP_INTERMEDIATE: ("initial_report_form",),
	Route.FANGHUIJU: ("fanghuiju_report_form",),
}
# The publicity notice of each per-person route.
PUBLICITY_KIND = {
	Route.DIRECTED: "unit_publicity_001",
	Route.PRIVATE: "publicity_003",
	Route.REGION: "publicity_002",
}
# The documents the employer unit signs and seals (公示, 公示结果, 推荐意见 or 推荐报告): the kind of
# each for an application of a route. The routes of 阿地人社传〔2024〕6号 have the unit's batch
# documents (附件1–3); 000 and 001 reproduce only the 公示 (001 附件1), their 推荐意见 (附件2) takes the
# wording 000 四、（一）14 fixes. 000 also lists a 公示结果 template (附件1 推荐单位公示及公示结果), 001 none:
# the Directed 公示结果 is offered where the notice gives its template (``NOTICE_TEMPLATE_KINDS``).
PUBLICITY = "publicity"
PUBLICITY_RESULT = "publicity_result"
RECOMMENDATION = "recommendation"
UNIT_DOCUMENTS = {
	PUBLICITY: {**PUBLICITY_KIND, **{route: "publicity_batch_004" for route in BATCH_ROUTES}},
	PUBLICITY_RESULT: {
		Route.DIRECTED: "publicity_result_000",
		Route.REGION: "publicity_result_002",
		Route.PRIVATE: "publicity_result_003",
		**{route: "publicity_result_batch_004" for route in BATCH_ROUTES},
	},
	RECOMMENDATION: {
		Route.DIRECTED: "recommendation_unit_000",
		Route.REGION: "recommendation_competent_002",
		Route.PRIVATE: "recommendation_unit_003",
		**{route: "recommendation_report_004" for route in BATCH_ROUTES},
	},
}
# What each of them is called on the unit's pages (English source; zh in translations/zh.csv)
UNIT_DOCUMENT_TITLES = {
	PUBLICITY: "Publicity Notice",
	PUBLICITY_RESULT: "Publicity Result",
	RECOMMENDATION: "Recommendation Opinion or Report",
}
# Kinds offered only when the application asks for them: kind -> the application's check field.
CONDITIONAL_KINDS = {"exemption_form": "ce_exemption"}
# Kinds offered only when the application's notice gives the unit's template for a material of its
# checklist: kind -> the material's code (the Notice Material row names the annex, ``template_annex``).
NOTICE_TEMPLATE_KINDS = {"publicity_result_000": "publicity_result"}


def notice_templates(notice) -> frozenset[str]:
	"""The codes of the materials whose template ``notice`` (a Title Notice, a NoticeConfig or None)
	gives in an annex."""
	return frozenset(
		row.code
		for row in (getattr(notice, "materials", None) or [])
		if row.code and getattr(row, "template_annex", None)
	)


def offered_by_notice(kind: str, templates: frozenset[str]) -> bool:
	"""Whether the notice whose templated materials are ``templates`` offers ``kind``."""
	return kind not in NOTICE_TEMPLATE_KINDS or NOTICE_TEMPLATE_KINDS[kind] in templates


# Applications that no longer take part: left out of the batch documents.
CLOSED_STATES = frozenset({"Abandoned", "Not Accepted", "Failed", "Not Confirmed"})
# Applications not yet through the unit's review: not recommended (推荐) by it.
UNREVIEWED_STATES = frozenset({"Draft", "Unit Review", "Returned"})


def route_of(value) -> Route | None:
	"""The route stored on a record, None when it is empty or unknown."""
	try:
		return Route(value)
	except ValueError:
		return None


# documents an application's state opens: the watermarked 评审表 once the committee has
# accepted the application online
STATE_GATED_KINDS = {"qualification_review_form": ACCEPTED_STATES}


def open_in_state(kind: str, workflow_state: str | None) -> bool:
	"""Whether an application in ``workflow_state`` may have ``kind`` generated."""
	return kind not in STATE_GATED_KINDS or workflow_state in STATE_GATED_KINDS[kind]


def available_kinds(doctype: str, doc, templates: frozenset[str] = frozenset()) -> list[dict]:
	"""The documents offered on a record's form: ``[{"kind", "title"}]``; ``templates``: those of
	the application's notice (``notice_templates``)."""
	if doctype == APPLICATION:
		kinds = [
			kind
			for kind in ROUTE_KINDS.get(route_of(doc.route), ())
			if (kind not in CONDITIONAL_KINDS or doc.get(CONDITIONAL_KINDS[kind]))
			and offered_by_notice(kind, templates)
			and open_in_state(kind, doc.get("workflow_state"))
		]
	else:
		kinds = [kind for kind in KIND_SOURCE if generated_from(kind, doctype)]
	return [{"kind": kind, "title": _(REGISTRY[kind].title)} for kind in kinds]


def in_publicity_report(workflow_state: str | None, route) -> bool:
	"""Whether an application is listed in the 公示情况报告 (通过审核人员, 阿地人社传〔2024〕6号 附件4):
	of a batch route and through the HR bureau's review (an application still under review, or
	refused, is not)."""
	return workflow_state in PASSED_REVIEW_STATES and route_of(route) in BATCH_ROUTES


def recommended_in_report(workflow_state: str | None, route) -> bool:
	"""Whether an application counts as recommended (此次推荐) in the 公示情况报告: of a batch route and
	sent on by its unit, whatever the bureaus decided since (a deadline closes only what the unit
	had not sent on, 004 一、)."""
	return (
		workflow_state not in UNREVIEWED_STATES | {"Abandoned", "Not Accepted"}
		and route_of(route) in BATCH_ROUTES
	)


def publicity_report_counts(apps) -> dict[str, int]:
	"""What the 公示情况报告 (阿地人社传〔2024〕6号 附件4) counts of ``apps`` (records with ``route`` and
	``workflow_state``): ``applied`` (申报, every one of a batch route), ``recommended`` (此次推荐,
	``recommended_in_report``) and ``passed`` (通过审核, ``in_publicity_report``)."""
	batch = [a for a in apps if route_of(a.route) in BATCH_ROUTES]
	return {
		"applied": len(batch),
		"recommended": sum(1 for a in batch if recommended_in_report(a.workflow_state, a.route)),
		"passed": sum(1 for a in batch if in_publicity_report(a.workflow_state, a.route)),
	}


def slug(text: str | None) -> str:
	"""``text`` without the characters a file name cannot hold."""
	return "".join(ch for ch in (text or "") if ch not in '\\/:*?"<>|\n\r\t').strip() or "document"


def file_name(title: str, record_name: str, batch_key: str, version: int, file_format: str) -> str:
	"""The name of a generated file: title, record, group (if any) and version."""
	group = f"-{slug(batch_key.replace('|', '-'))}" if batch_key else ""
	return f"{slug(title)}-{slug(record_name)}{group}-v{version}.{file_format}"


def unit_document_kind(document: str, route, templates: frozenset[str] = frozenset()) -> str | None:
	"""The kind of the unit's ``document`` (``PUBLICITY``…) for an application of ``route`` under a
	notice whose templated materials are ``templates``; None when the notice prints no such
	document for the route."""
	kind = UNIT_DOCUMENTS.get(document, {}).get(route_of(route))
	return kind if kind and offered_by_notice(kind, templates) else None


def unit_documents(route, templates: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
	"""``[(document, kind)]``: the unit's documents for an application of ``route`` (under a notice
	whose templated materials are ``templates``), in the order the unit makes them."""
	return [
		(document, kind)
		for document in UNIT_DOCUMENTS
		if (kind := unit_document_kind(document, route, templates))
	]


def batch_group(kind: str, notice: str, route, level) -> tuple[str, str, str]:
	"""The group an application of ``route`` and ``level`` under ``notice`` is printed in by a unit's
	batch document of ``kind``: one 推荐报告 per notice (its clauses group the persons), one 公示 and
	one 公示结果 per notice, route label and level (阿地人社传〔2024〕6号 附件1–3)."""
	if kind == "recommendation_report_004":
		return notice, "", ""
	return notice, route_label(route), level_batch_label(level)


def batch_key(group: tuple[str, ...]) -> str:
	"""The ``batch_key`` a generated batch document of ``group`` is recorded under."""
	return "|".join(part for part in group if part)
