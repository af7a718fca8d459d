"""Template contexts from the records of an application, its unit and its notice.

The records are the site's documents or any objects with the same fields: scalar fields as
attributes, child tables through ``get(fieldname)``. Dates may be dates or ISO strings. One
application context serves every per-person kind (a template uses what it names); the batch
contexts serve the documents of a unit or of a whole notice.

Values without a field on the records yet are passed as empty strings: the printed form
leaves the gap to be filled by hand.
"""

from __future__ import annotations

import datetime

from zhicheng_app.i18n import _
from zhicheng_app.rules.calendar import working_days_between
from zhicheng_app.rules.certification import addressees
from zhicheng_app.rules.registry import cite

from .batches import publicity_report_context, report_groups, route_label
from .catalogue import APPLICATION, UNIT
from .formatting import as_date, cn_year_month, level_batch_label, level_full_label, mask_id_number, mask_name
from .registry import UNIT_RECOMMENDATION_000

# The unit opinion printed as a hint on the review form, where the notice fixes its wording.
UNIT_OPINION_HINT = {
	"000": "本单位已对提供的申报材料逐一审核，真实准确，同意推荐",
	"001": "本单位已对申报材料逐一审核，申报人所提供材料真实、完整、有效，同意推荐",
}
# The opinion the unit records online when it recommends an application, in the wording each notice
# fixes, with the clause that fixes it. A notice without one (阿地人社传〔2024〕6号 asks for the
# 推荐报告 instead) gets the plain "同意推荐".
RECOMMENDATION_OPINIONS = {
	"000": (UNIT_RECOMMENDATION_000, "四、（一）14"),
	"001": ("本单位已对申报材料逐一审核，申报人所提供材料真实、完整、有效，同意推荐", "四、（四）"),
	"002": ("本单位已对提供的申报材料逐一审核，真实、完整、有效，同意推荐", "四、（二）"),
	"003": ("本单位已对提供的申报材料逐一审核,真实、完整、有效,同意推荐", "附件1 二、"),
}
# Notices whose commitment letter carries the fingerprint box (按手印).
FINGERPRINT_NOTICES = frozenset({"000", "003"})
NO_OBJECTION = "未收到异议和举报"


def recommendation_opinion(notice) -> tuple[str, str]:
	"""(the unit's recommendation opinion, the notice and clause that fix its wording; empty when
	none does) for an application under ``notice`` (a NoticeConfig or a Title Notice)."""
	text, clause = RECOMMENDATION_OPINIONS.get(notice.code, (_("Recommended"), ""))
	return text, cite(notice, clause)


def zh(value) -> str:
	"""The zh label of a stored option value (documents are printed in Chinese)."""
	return _(value, "zh") if value else ""


def strip_suffix(text: str | None, suffix: str) -> str:
	"""``text`` without a trailing ``suffix`` (the templates print 系列 / 专业 themselves)."""
	text = (text or "").strip()
	return text[: -len(suffix)] if suffix and text.endswith(suffix) and len(text) > len(suffix) else text


def year_month(value) -> str:
	"""A date as ``YYYY-MM`` (what the templates' ``cn_year_month`` filter reads)."""
	if not value:
		return ""
	d = as_date(value)
	return f"{d.year:04d}-{d.month:02d}"


def _dotted(value) -> str:
	"""A date as ``2021.02``, the period notation of the notices' forms."""
	if not value:
		return ""
	d = as_date(value)
	return f"{d.year}.{d.month:02d}"


def _period(start, end, still: bool = False) -> str:
	if not end or still:
		return f"{_dotted(start)}至今"
	return f"{_dotted(start)}—{_dotted(end)}"


def _by_date(rows, field: str) -> list:
	"""``rows`` in the order of their date ``field``, undated ones first."""
	return sorted(
		rows, key=lambda row: as_date(getattr(row, field)) if getattr(row, field) else datetime.date.min
	)


def _holidays(notice) -> tuple[list, list]:
	if notice is None:
		return [], []
	return (
		[row.holiday_date for row in notice.get("extra_holidays") or [] if row.holiday_date],
		[row.holiday_date for row in notice.get("extra_workdays") or [] if row.holiday_date],
	)


def committee_name(notice, route: str | None, level: str | None) -> str:
	"""The evaluation committee of ``route`` and ``level`` in the notice, else of the route, else the
	notice's only committee."""
	if notice is None:
		return ""
	for row in notice.get("routes") or []:
		if row.route == route and row.level == level and row.committee:
			return row.committee
	for row in notice.get("routes") or []:
		if row.route == route and row.committee:
			return row.committee
	committees = [row.committee for row in notice.get("committees") or [] if row.committee]
	return committees[0] if len(committees) == 1 else ""


def _graduation_text(row) -> str:
	if row is None:
		return ""
	when = cn_year_month(year_month(row.graduation_date)) if row.graduation_date else ""
	school = row.school or ""
	major = f"{row.major}专业" if row.major else ""
	if not (school or major):
		return ""
	return f"{when}毕业于{school}{major}" if when else f"{school}{major}"


def _work_history_text(app) -> str:
	lines = []
	for row in _by_date(app.get("work_history") or [], "start_date"):
		parts = [_period(row.start_date, row.end_date), row.unit_name or "", row.position or ""]
		lines.append(" ".join(p for p in parts if p))
	return "\n".join(lines)


def _achievements_text(app, since: datetime.date | None = None) -> str:
	"""One line per achievement (of ``since`` or later, when given)."""
	lines = []
	for row in app.get("achievements") or []:
		if since and row.achieved_on and as_date(row.achieved_on) < since:
			continue
		head = f"{cn_year_month(year_month(row.achieved_on))}，" if row.achieved_on else ""
		rank = f"（{row.rank}）" if row.rank else ""
		issuer = f"，{row.issuer}" if row.issuer else ""
		lines.append(f"{head}{zh(row.kind)}：{row.title or ''}{rank}{issuer}")
	return "\n".join(lines)


def _years_before(today: datetime.date, years: int) -> datetime.date:
	return datetime.date(today.year - years, today.month, min(today.day, 28))


def _village_service_text(app) -> str:
	lines = []
	for row in app.get("grassroots_service") or []:
		place = f"在{row.place}" if row.place else ""
		lines.append(
			f"{_period(row.start_date, row.end_date, row.still_serving)}{place}参加{zh(row.service_kind)}"
		)
	return "\n".join(lines)


def _publicity_days(app, notice) -> int | str:
	if app.publicity_start and app.publicity_end:
		holidays, workdays = _holidays(notice)
		return working_days_between(
			as_date(app.publicity_start), as_date(app.publicity_end), holidays, workdays
		)
	return (notice.publicity_min_working_days if notice else None) or ""


def _identity(app) -> dict:
	"""The applicant's identity as the templates print it."""
	return {
		"name": app.applicant_name or "",
		"gender": zh(app.gender),
		"ethnicity": app.ethnicity or "",
		"political_status": zh(app.political_status),
		"id_number": app.id_number or "",
	}


def application_context(app, *, unit, notice, competent_unit, today: datetime.date) -> dict:
	"""Every per-person template variable from a Title Application, its Employer Unit, its Title
	Notice and its competent unit (each may be None).

	The application number is the record's name: it is printed as ``barcode_text`` and drawn as
	Code128. ``today`` dates the "last five years" of the achievements.
	"""
	educations = _by_date(app.get("education") or [], "graduation_date")
	education = educations[-1] if educations else None  # the latest graduation
	assessments = sorted(app.get("assessments") or [], key=lambda row: row.year or 0)
	notice_code = (notice.code if notice else "") or ""
	unit_name = unit.unit_name if unit else ""
	unit_phone = (unit.phone if unit else "") or ""
	return {
		"application_no": app.name,
		"applicant_name": app.applicant_name or "",
		**_identity(app),
		"birth_ym": year_month(app.birth_date),
		"current_title": app.current_title
		or (level_full_label(app.current_level) if app.current_level else ""),
		"current_title_ym": year_month(app.current_title_date),
		"target_title": app.target_title or "",
		"series": strip_suffix(app.series, "系列"),
		"profession": strip_suffix(app.profession, "专业"),
		"level": app.target_level,
		"political_conditions_text": "",
		"achievements_5y_text": _achievements_text(app, since=_years_before(today, 5)),
		"achievements_text": _achievements_text(app),
		"publicity_start": as_date(app.publicity_start) if app.publicity_start else None,
		"publicity_end": as_date(app.publicity_end) if app.publicity_end else None,
		"publicity_days": _publicity_days(app, notice),
		"complaint_office": "",
		"supervision_phone": unit_phone,
		"unit_name": unit_name,
		"current_unit": unit_name,
		"competent_unit_name": competent_unit.unit_name if competent_unit else "",
		"unit_contact_person": (unit.hr_contact if unit else "") or "",
		"unit_contact_phone": unit_phone,
		"education": zh(education.education) if education else "",
		"degree": zh(education.degree) if education and education.degree not in (None, "", "None") else "",
		"graduation_text": _graduation_text(education),
		"graduation_ym": year_month(education.graduation_date) if education else "",
		"work_start": year_month(app.first_work_date),
		"work_history_text": _work_history_text(app),
		"committee_name": committee_name(notice, app.route, app.target_level),
		"unit_opinion_hint": UNIT_OPINION_HINT.get(notice_code, ""),
		"unit_opinion": "",
		"village_service_text": _village_service_text(app),
		"appraisal_text": "，".join(f"{row.year}年{zh(row.result)}" for row in assessments if row.year),
		"years": [
			{"year": f"{row.year}年", "summary": "", "result": zh(row.result)}
			for row in assessments
			if row.year
		],
		"exemption_reason": app.ce_exemption_reason or "",
		"approval_opinion": "",
		"fingerprint": notice_code in FINGERPRINT_NOTICES,
		"watermark_text": _("Generated by the professional title system", "zh"),
		"doc_date": None,  # signed and dated by hand
	}


def _person_row(app, unit_name: str) -> dict:
	"""One applicant in the batch documents of 阿地人社传〔2024〕6号."""
	history = [
		{
			"from_ym": year_month(row.start_date),
			"to_ym": year_month(row.end_date),
			"unit": row.unit_name or "",
		}
		for row in _by_date(app.get("work_history") or [], "start_date")
	]
	current = history.pop() if history and not history[-1]["to_ym"] else {"from_ym": "", "unit": unit_name}
	return {
		**_identity(app),
		"work_start_ym": year_month(app.first_work_date),
		"establishment_unit": unit_name,
		"history": history,
		"current": current,
		"secondments": [],
		"political_performance_text": "",
		"main_field": "",
		"achievements_text": _achievements_text(app),
		"series": strip_suffix(app.series, "系列"),
		"profession": strip_suffix(app.profession, "专业"),
		"unit": unit_name,
		"route": app.route,
		"level": app.target_level,
		"level_label": level_batch_label(app.target_level),
		"title_name": app.target_title or level_full_label(app.target_level),
	}


def _notice_head(notice) -> dict:
	return {
		"notice_title": (notice.title or "").strip() if notice else "",
		"notice_doc_no": (notice.doc_no or "") if notice else "",
	}


def _publicity_span(apps) -> tuple:
	starts = [as_date(a.publicity_start) for a in apps if a.publicity_start]
	ends = [as_date(a.publicity_end) for a in apps if a.publicity_end]
	return (min(starts) if starts else None), (max(ends) if ends else None)


def _objection_text(apps) -> str:
	if not any(a.publicity_objection for a in apps):
		return NO_OBJECTION
	return "；".join(
		a.publicity_notes.strip() for a in apps if a.publicity_objection and (a.publicity_notes or "").strip()
	)


def unit_batch_context(unit, notice, apps: list) -> dict:
	"""The batch documents of one unit (公示, 公示结果, 推荐报告 of 阿地人社传〔2024〕6号).

	``apps`` are the unit's applications of one route label and level (公示) or of the notice.
	"""
	persons = [_person_row(app, unit.unit_name) for app in apps]
	start, end = _publicity_span(apps)
	first = apps[0] if apps else None
	labels = {route_label(a.route) for a in apps}
	levels = {level_batch_label(a.target_level) for a in apps}
	return {
		**_notice_head(notice),
		"unit_name": unit.unit_name,
		"route_label": labels.pop() if len(labels) == 1 else "",
		"level_label": levels.pop() if len(levels) == 1 else "",
		"persons": persons,
		"publicity_start": start,
		"publicity_end": end,
		"complaint_office": "",
		"supervision_phone": unit.phone or "",
		"first_applicant_name": first.applicant_name if first else "",
		"applicant_count": len(apps),
		"total_count": len(apps),
		"objection_text": _objection_text(apps),
		"groups": report_groups(persons),
		"doc_date": None,
	}


def _republicity_span(apps) -> tuple:
	starts = [as_date(a.republicity_start) for a in apps if a.get("republicity_start")]
	ends = [as_date(a.republicity_end) for a in apps if a.get("republicity_end")]
	return (min(starts) if starts else None), (max(ends) if ends else None)


def _republicity_objection_text(apps) -> str:
	if not any(a.get("republicity_objection") for a in apps):
		return NO_OBJECTION
	return "；".join(
		a.republicity_notes.strip()
		for a in apps
		if a.get("republicity_objection") and (a.get("republicity_notes") or "").strip()
	)


def publicity_report_batch_context(
	notice, apps: list, unit_names: dict[str, str], reporter_name: str, recommended_count: int
) -> dict:
	"""The 公示情况报告 of ``reporter_name`` (a unit, or a county bureau for its county) with the
	roster of ``apps``, the applications that passed the review (阿地人社传〔2024〕6号 附件4): 此次推荐
	``recommended_count``, 通过审核 as many as ``apps``, the period of the unit's publicity of the
	passed applicants (四、（二）1) and what it met.

	``unit_names`` maps an application's ``employer_unit`` to the unit's name.
	"""
	persons = [
		{
			"name": a.applicant_name,
			"unit": unit_names.get(a.employer_unit) or a.employer_unit or "",
			"route": a.route,
			"level": a.target_level,
			"id_number": a.id_number,
		}
		for a in apps
	]
	start, end = _republicity_span(apps)
	return {
		**_notice_head(notice),
		"reporter_name": reporter_name,
		"recommended_count": recommended_count,
		"publicity_start": start,
		"publicity_end": end,
		"objection_text": _republicity_objection_text(apps),
		**publicity_report_context(persons),
		"doc_date": None,
	}


def qualification_document_context(
	notice, apps: list, unit_names: dict[str, str], today: datetime.date, doc_no: str = ""
) -> dict:
	"""The 任职资格文件 ``doc_no`` (文号) issued on ``today`` for the certified applications.

	``unit_names`` maps an application's ``employer_unit`` to the unit's name. The issuer is the
	body the notice names as certifying (000 四、（九）: the 地区人社局), else the notice's issuer;
	the addressees (主送) are the notice's, else the units of the persons listed.
	"""
	persons = [
		{
			"name": a.applicant_name,
			"unit": unit_names.get(a.employer_unit) or a.employer_unit or "",
			"series": strip_suffix(a.series, "系列"),
			"profession": strip_suffix(a.profession, "专业"),
			"title_name": a.target_title or level_full_label(a.target_level),
			"certificate_no": a.get("certificate_no") or "",
		}
		for a in apps
	]
	pairs = {(p["series"], p["profession"]) for p in persons}
	if len(pairs) == 1:
		series, profession = pairs.pop()
		summary = f"{series}系列{profession + '专业' if profession else ''}专业技术职务"
	else:
		summary = "专业技术职务"
	committees = {committee_name(notice, a.route, a.target_level) for a in apps} - {""}
	certified = [as_date(a.certified_at) for a in apps if a.certified_at]
	basis = [row.document.strip() for row in notice.get("basis") or [] if (row.document or "").strip()]
	return {
		"issuer_name": (notice.get("certifying_body") or "").strip() or notice.issuer or "",
		"doc_no": doc_no or "",
		"qualification_summary": summary,
		"addressees": (notice.get("qualification_addressees") or "").strip()
		or addressees([p["unit"] for p in persons]),
		"basis_text": "、".join(basis),
		"committee_name": committees.pop() if len(committees) == 1 else "",
		"effective_date": max(certified) if certified else None,
		"doc_date": today,
		"persons": persons,
	}


def verification_fields(kind: str, doctype: str, doc, context: dict) -> tuple[str, str, str]:
	"""(issuing body, masked subject, masked ID number) that the verification page shows for a
	document of ``kind`` generated from ``doc`` (of ``doctype``) with ``context``."""
	if doctype == APPLICATION:
		field = "competent_unit_name" if kind == "recommendation_competent_002" else "unit_name"
		return context.get(field) or "", mask_name(doc.applicant_name), mask_id_number(doc.id_number)
	names = [p.get("name") for p in context.get("persons") or [] if p.get("name")]
	if not names:
		names = [
			name
			for route in context.get("roster") or []
			for group in route["groups"]
			for line in group["units"]
			for name in line["names"]
		]
	subject = ""
	if len(names) > 1:
		subject = _("{0} and others, {1} in total", "zh").format(mask_name(names[0]), len(names))
	elif names:
		subject = mask_name(names[0])
	if doctype == UNIT:
		return doc.unit_name, subject, ""
	issuer = context.get("issuer_name") or context.get("reporter_name") or doc.issuer or ""
	return issuer, subject, ""
