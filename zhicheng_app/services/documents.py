"""Documents on the site: records to template contexts, generation, verification, paper intake.

The renderer (``zhicheng_app.documents``) knows nothing of Frappe. This module reads the Title
Application, Employer Unit and Title Notice records, maps them to each kind's registry variables
[spec §9], renders in the renderer's sandboxed, autoescaping environment (an administrator's
Document Template when one is enabled), signs a verification token with the site's secret,
stores the file as a private File attached to the source record and records the generation as a
Generated Document. A new generation of the same (kind, source, batch key) supersedes the older
ones; the public ``/verify`` page says so.

Values without a field on the records yet are passed as empty strings: the printed form leaves
the gap to be filled by hand.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import io
import zipfile
from dataclasses import dataclass

import frappe
from frappe.utils import get_url, getdate, now_datetime

from zhicheng_app.documents import registry, tokens
from zhicheng_app.documents.batches import BatchError, publicity_report_context, report_groups, route_label
from zhicheng_app.documents.formatting import (
	cn_year_month,
	level_batch_label,
	level_full_label,
	mask_id_number,
	mask_name,
)
from zhicheng_app.documents.pdf import PdfUnavailable, docx_to_pdf
from zhicheng_app.documents.render import DocumentError, render_docx, validate_template
from zhicheng_app.i18n import _
from zhicheng_app.rules.calendar import now_shanghai, to_shanghai, working_days_between
from zhicheng_app.rules.vocabulary import Route, WindowKind

APPLICATION = "Title Application"
UNIT = "Employer Unit"
NOTICE = "Title Notice"
GENERATED = "Generated Document"
TEMPLATE = "Document Template"

DOCX = "docx"
PDF = "pdf"
FORMATS = (DOCX, PDF)
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# The source record each kind is generated from.
UNIT_BATCH_KINDS = ("publicity_batch_004", "publicity_result_batch_004", "recommendation_report_004")
NOTICE_KINDS = ("publicity_report_004", "qualification_document")
KIND_SOURCE = {
	kind: (UNIT if kind in UNIT_BATCH_KINDS else NOTICE if kind in NOTICE_KINDS else APPLICATION)
	for kind in registry.REGISTRY
}

# The 004 routes are printed in batches per unit [spec §9.5–9.8]; the others per person.
BATCH_ROUTES = frozenset({Route.GRANT, Route.INITIAL_JUNIOR, Route.TOWNSHIP_INTERMEDIATE, Route.FANGHUIJU})

# Per-person documents offered on an application, by route [spec §9.0].
ROUTE_KINDS = {
	Route.DIRECTED: (
		"unit_publicity_001",
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
# The publicity notice of each per-person route (T-000-1 has no content: as T-001-1) [spec §9.0].
PUBLICITY_KIND = {
	Route.DIRECTED: "unit_publicity_001",
	Route.PRIVATE: "publicity_003",
	Route.REGION: "publicity_002",
}
# Kinds offered only when the application asks for them.
CONDITIONAL_KINDS = {"exemption_form": "ce_exemption"}

# The unit opinion printed as a hint on the review form, where the notice fixes it [spec §9.12].
UNIT_OPINION_HINT = {
	"000": "本单位已对提供的申报材料逐一审核，真实准确，同意推荐",
	"001": "本单位已对申报材料逐一审核，申报人所提供材料真实、完整、有效，同意推荐",
}
# Notices whose commitment letter carries the fingerprint box [spec §7.11, §9.9].
FINGERPRINT_NOTICES = frozenset({"000", "003"})

# Applications that no longer take part: left out of the batch documents.
CLOSED_STATES = frozenset({"Abandoned", "Not Accepted", "Failed"})
# Applications not yet through the unit's review: left out of the 公示情况报告 roster.
UNREVIEWED_STATES = frozenset({"Draft", "Unit Review", "Returned"})

NO_OBJECTION = "未收到异议和举报"

# Batch jobs run in the background: job -> source DocType.
BATCH_JOBS = {
	"unit_publicity": UNIT,
	"publicity_report": NOTICE,
	"qualification_document": NOTICE,
}


def zh(value) -> str:
	"""The zh label of a stored option value (documents are printed in Chinese)."""
	return _(value, "zh") if value else ""


def _strip_suffix(text: str | None, suffix: str) -> str:
	text = (text or "").strip()
	return text[: -len(suffix)] if suffix and text.endswith(suffix) and len(text) > len(suffix) else text


def _ym(value) -> str:
	"""A date as ``YYYY-MM`` (what the templates' ``cn_year_month`` filter reads)."""
	if not value:
		return ""
	d = getdate(value)
	return f"{d.year:04d}-{d.month:02d}"


def _dotted(value) -> str:
	"""A date as ``2021.02`` (the period notation of the seed forms [000 L71])."""
	if not value:
		return ""
	d = getdate(value)
	return f"{d.year}.{d.month:02d}"


def _period(start, end, still: bool = False) -> str:
	if not end or still:
		return f"{_dotted(start)}至今"
	return f"{_dotted(start)}—{_dotted(end)}"


def _route(value) -> Route | None:
	try:
		return Route(value)
	except ValueError:
		return None


# --------------------------------------------------------------------- contexts


def _unit(name: str | None):
	if not name or not frappe.db.exists(UNIT, name):
		return None
	return frappe.get_cached_doc(UNIT, name)


def _notice(name: str | None):
	if not name or not frappe.db.exists(NOTICE, name):
		return None
	return frappe.get_cached_doc(NOTICE, name)


def _holidays(notice) -> tuple[list, list]:
	if notice is None:
		return [], []
	return (
		[row.holiday_date for row in notice.get("extra_holidays") or [] if row.holiday_date],
		[row.holiday_date for row in notice.get("extra_workdays") or [] if row.holiday_date],
	)


def _committee(notice, route: str | None, level: str | None) -> str:
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


def _highest_education(doc):
	rows = [row for row in doc.get("education") or []]
	if not rows:
		return None
	return sorted(rows, key=lambda r: getdate(r.graduation_date) if r.graduation_date else datetime.date.min)[
		-1
	]


def _graduation_text(row) -> str:
	if row is None:
		return ""
	when = cn_year_month(_ym(row.graduation_date)) if row.graduation_date else ""
	school = row.school or ""
	major = f"{row.major}专业" if row.major else ""
	if not (school or major):
		return ""
	return f"{when}毕业于{school}{major}" if when else f"{school}{major}"


def _work_history_text(doc) -> str:
	lines = []
	for row in sorted(
		doc.get("work_history") or [],
		key=lambda r: getdate(r.start_date) if r.start_date else datetime.date.min,
	):
		parts = [_period(row.start_date, row.end_date), row.unit_name or "", row.position or ""]
		lines.append(" ".join(p for p in parts if p))
	return "\n".join(lines)


def _achievements_text(doc, years: int | None = None) -> str:
	cutoff = None
	if years:
		today = getdate()
		cutoff = datetime.date(today.year - years, today.month, min(today.day, 28))
	lines = []
	for row in doc.get("achievements") or []:
		if cutoff and row.achieved_on and getdate(row.achieved_on) < cutoff:
			continue
		head = f"{cn_year_month(_ym(row.achieved_on))}，" if row.achieved_on else ""
		rank = f"（{row.rank}）" if row.rank else ""
		issuer = f"，{row.issuer}" if row.issuer else ""
		lines.append(f"{head}{zh(row.kind)}：{row.title or ''}{rank}{issuer}")
	return "\n".join(lines)


def _village_service_text(doc) -> str:
	lines = []
	for row in doc.get("grassroots_service") or []:
		place = f"在{row.place}" if row.place else ""
		lines.append(
			f"{_period(row.start_date, row.end_date, row.still_serving)}{place}参加{zh(row.service_kind)}"
		)
	return "\n".join(lines)


def _assessment_rows(doc) -> list:
	return sorted(doc.get("assessments") or [], key=lambda r: r.year or 0)


def _publicity_days(doc, notice) -> int | str:
	if doc.publicity_start and doc.publicity_end:
		holidays, workdays = _holidays(notice)
		return working_days_between(
			getdate(doc.publicity_start), getdate(doc.publicity_end), holidays, workdays
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


def application_context(doc) -> dict:
	"""Every per-person template variable [registry] from a Title Application.

	One dict serves all per-person kinds (a template uses what it names). The application
	number is the record's name: it is printed as ``barcode_text`` and drawn as Code128.
	"""
	unit = _unit(doc.employer_unit)
	notice = _notice(doc.notice)
	competent = _unit(doc.supervising_unit or (unit.supervising_unit if unit else None))
	education = _highest_education(doc)
	assessments = _assessment_rows(doc)
	achievements = _achievements_text(doc)
	notice_code = (notice.code if notice else "") or ""
	unit_name = unit.unit_name if unit else ""
	return {
		"application_no": doc.name,
		"applicant_name": doc.applicant_name or "",
		**_identity(doc),
		"birth_ym": _ym(doc.birth_date),
		"current_title": doc.current_title
		or (level_full_label(doc.current_level) if doc.current_level else ""),
		"current_title_ym": _ym(doc.current_title_date),
		"target_title": doc.target_title or "",
		"series": _strip_suffix(doc.series, "系列"),
		"profession": _strip_suffix(doc.profession, "专业"),
		"level": doc.target_level,
		"political_conditions_text": "",
		"achievements_5y_text": _achievements_text(doc, years=5),
		"achievements_text": achievements,
		"publicity_start": getdate(doc.publicity_start) if doc.publicity_start else None,
		"publicity_end": getdate(doc.publicity_end) if doc.publicity_end else None,
		"publicity_days": _publicity_days(doc, notice),
		"complaint_office": "",
		"supervision_phone": (unit.phone if unit else "") or "",
		"unit_name": unit_name,
		"current_unit": unit_name,
		"competent_unit_name": competent.unit_name if competent else "",
		"unit_contact_person": (unit.hr_contact if unit else "") or "",
		"unit_contact_phone": (unit.phone if unit else "") or "",
		"education": zh(education.education) if education else "",
		"degree": zh(education.degree) if education and education.degree not in (None, "", "None") else "",
		"graduation_text": _graduation_text(education),
		"graduation_ym": _ym(education.graduation_date) if education else "",
		"work_start": _ym(doc.first_work_date),
		"work_history_text": _work_history_text(doc),
		"committee_name": _committee(notice, doc.route, doc.target_level),
		"unit_opinion_hint": UNIT_OPINION_HINT.get(notice_code, ""),
		"unit_opinion": "",
		"village_service_text": _village_service_text(doc),
		"appraisal_text": "，".join(f"{row.year}年{zh(row.result)}" for row in assessments if row.year),
		"years": [
			{"year": f"{row.year}年", "summary": "", "result": zh(row.result)}
			for row in assessments
			if row.year
		],
		"exemption_reason": doc.ce_exemption_reason or "",
		"approval_opinion": "",
		"fingerprint": notice_code in FINGERPRINT_NOTICES,
		"watermark_text": _("Generated by the professional title system", "zh"),
		"doc_date": None,  # signed and dated by hand
	}


def _person_row(app, unit_name: str) -> dict:
	"""One applicant in the 004 batch documents."""
	history = [
		{"from_ym": _ym(r.start_date), "to_ym": _ym(r.end_date), "unit": r.unit_name or ""}
		for r in sorted(
			app.get("work_history") or [],
			key=lambda r: getdate(r.start_date) if r.start_date else datetime.date.min,
		)
	]
	current = history.pop() if history and not history[-1]["to_ym"] else {"from_ym": "", "unit": unit_name}
	return {
		**_identity(app),
		"work_start_ym": _ym(app.first_work_date),
		"establishment_unit": unit_name,
		"history": history,
		"current": current,
		"secondments": [],
		"political_performance_text": "",
		"main_field": "",
		"achievements_text": _achievements_text(app),
		"series": _strip_suffix(app.series, "系列"),
		"profession": _strip_suffix(app.profession, "专业"),
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
	starts = [getdate(a.publicity_start) for a in apps if a.publicity_start]
	ends = [getdate(a.publicity_end) for a in apps if a.publicity_end]
	return (min(starts) if starts else None), (max(ends) if ends else None)


def _objection_text(apps) -> str:
	notes = [
		a.publicity_notes.strip() for a in apps if a.publicity_objection and (a.publicity_notes or "").strip()
	]
	if any(a.publicity_objection for a in apps):
		return "；".join(notes)
	return NO_OBJECTION


def unit_batch_context(unit, notice, apps: list) -> dict:
	"""Context of the 004 batch documents of one unit (公示, 公示结果, 推荐报告) [spec §9.5–9.7].

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


def notice_applications(notice_name: str, *, unit: str | None = None, **filters) -> list:
	names = frappe.get_all(
		APPLICATION,
		filters={"notice": notice_name, **({"employer_unit": unit} if unit else {}), **filters},
		pluck="name",
		order_by="creation asc",
	)
	return [frappe.get_doc(APPLICATION, n) for n in names]


def publicity_report_batch_context(notice, apps: list, reporter_name: str = "") -> dict:
	"""The 公示情况报告 with its roster for the applications through review [spec §9.8]."""
	persons = [
		{
			"name": a.applicant_name,
			"unit": frappe.db.get_value(UNIT, a.employer_unit, "unit_name") or a.employer_unit or "",
			"route": a.route,
			"level": a.target_level,
			"id_number": a.id_number,
		}
		for a in apps
	]
	start, end = _publicity_span(apps)
	return {
		**_notice_head(notice),
		"reporter_name": reporter_name,
		"recommended_count": len(apps),
		"publicity_start": start,
		"publicity_end": end,
		"objection_text": _objection_text(apps),
		**publicity_report_context(persons),
		"doc_date": None,
	}


def qualification_document_context(notice, apps: list) -> dict:
	"""The 任职资格文件 issued for the applications that passed [spec §9.11]."""
	persons = []
	for a in apps:
		unit = frappe.db.get_value(UNIT, a.employer_unit, "unit_name") or a.employer_unit or ""
		persons.append(
			{
				"name": a.applicant_name,
				"unit": unit,
				"series": _strip_suffix(a.series, "系列"),
				"profession": _strip_suffix(a.profession, "专业"),
				"title_name": a.target_title or level_full_label(a.target_level),
			}
		)
	pairs = {(p["series"], p["profession"]) for p in persons}
	if len(pairs) == 1:
		series, profession = pairs.pop()
		summary = f"{series}系列{profession + '专业' if profession else ''}专业技术职务"
	else:
		summary = "专业技术职务"
	committees = {_committee(notice, a.route, a.target_level) for a in apps} - {""}
	certified = [getdate(a.certified_at) for a in apps if a.certified_at]
	basis = [row.document.strip() for row in notice.get("basis") or [] if (row.document or "").strip()]
	return {
		"issuer_name": notice.issuer or "",
		"doc_no": "",
		"qualification_summary": summary,
		"addressees": "",
		"basis_text": "、".join(basis),
		"committee_name": committees.pop() if len(committees) == 1 else "",
		"effective_date": max(certified) if certified else None,
		"doc_date": getdate(),
		"persons": persons,
	}


# ----------------------------------------------------------------- permissions


def check_print_permission(doctype: str, doc) -> None:
	"""A download needs print permission on the source record [issue 5]."""
	if not frappe.has_permission(doctype, "print", doc):
		frappe.throw(
			_("You are not allowed to print {0} {1}").format(_(doctype), doc.name),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)


def _spec(kind: str):
	try:
		return registry.get_spec(kind)
	except registry.UnknownKind:
		frappe.throw(_("Unknown document template: {0}").format(kind), title=_("Unknown Document"))


def available_kinds(doctype: str, doc) -> list[dict]:
	"""The documents offered on a record's form: ``[{"kind", "title"}]``."""
	if doctype == APPLICATION:
		route = _route(doc.route)
		kinds = [
			k
			for k in ROUTE_KINDS.get(route, ())
			if not CONDITIONAL_KINDS.get(k) or doc.get(CONDITIONAL_KINDS[k])
		]
	else:
		kinds = [k for k, source in KIND_SOURCE.items() if source == doctype]
	return [{"kind": k, "title": _(registry.get_spec(k).title)} for k in kinds]


# ----------------------------------------------------------------- templates


def enabled_template_bytes(kind: str) -> bytes | None:
	"""The administrator's replacement template of ``kind``, if one is enabled."""
	row = frappe.db.get_value(TEMPLATE, {"kind": kind, "enabled": 1}, ["template_file"], as_dict=True)
	if not row or not row.template_file:
		return None
	return file_content(row.template_file)


def file_content(file_url: str) -> bytes:
	name = frappe.db.get_value("File", {"file_url": file_url}, "name")
	if not name:
		frappe.throw(_("The file {0} was not found").format(file_url), title=_("Missing File"))
	content = frappe.get_doc("File", name).get_content()
	return content.encode("utf-8") if isinstance(content, str) else content


def check_template(kind: str, file_url: str):
	"""Validate an uploaded template; raise with every problem listed, else return the report."""
	_spec(kind)
	if not (file_url or "").lower().endswith(".docx"):
		frappe.throw(_("The template must be a .docx file"), title=_("Invalid Template"))
	report = validate_template(file_content(file_url), kind)
	if not report.ok:
		frappe.throw(
			"<br>".join(frappe.utils.escape_html(e) for e in report.errors), title=_("Invalid Template")
		)
	return report


# ----------------------------------------------------------------- generation


@dataclass
class Generated:
	name: str
	kind: str
	version: int
	file_url: str
	file_name: str
	file_format: str
	token: str
	verify_url: str
	content: bytes

	def to_dict(self) -> dict:
		return {
			"generated_document": self.name,
			"kind": self.kind,
			"version": self.version,
			"file_url": self.file_url,
			"file_name": self.file_name,
			"file_format": self.file_format,
			"verify_url": self.verify_url,
		}


def _secret() -> str:
	from frappe.utils.password import get_encryption_key

	return get_encryption_key()


def site_url() -> str:
	return get_url()


def save_private_file(content: bytes, file_name: str, doctype: str, name: str, field: str | None = None):
	"""A private File attached to the record (only users who may read the record can open it)."""
	return frappe.get_doc(
		{
			"doctype": "File",
			"file_name": file_name,
			"attached_to_doctype": doctype,
			"attached_to_name": name,
			"attached_to_field": field,
			"is_private": 1,
			"content": content,
		}
	).insert(ignore_permissions=True)


def _subject(kind: str, doctype: str, doc, context: dict) -> tuple[str, str, str]:
	"""(issuing body, masked subject, masked ID) shown on the verification page."""
	if doctype == APPLICATION:
		if kind == "recommendation_competent_002":
			issuer = context.get("competent_unit_name") or ""
		else:
			issuer = context.get("unit_name") or ""
		return issuer, mask_name(doc.applicant_name), mask_id_number(doc.id_number)
	names = [p.get("name") for p in context.get("persons") or [] if p.get("name")]
	if not names:
		names = [
			n
			for route in context.get("roster") or []
			for group in route["groups"]
			for line in group["units"]
			for n in line["names"]
		]
	subject = ""
	if names:
		subject = (
			_("{0} and others, {1} in total", "zh").format(mask_name(names[0]), len(names))
			if len(names) > 1
			else mask_name(names[0])
		)
	if doctype == UNIT:
		return doc.unit_name, subject, ""
	issuer = context.get("issuer_name") or context.get("reporter_name") or doc.issuer or ""
	return issuer, subject, ""


def _slug(text: str) -> str:
	return "".join(ch for ch in (text or "") if ch not in '\\/:*?"<>|\n\r\t').strip() or "document"


def generate(
	kind: str,
	doctype: str,
	name: str,
	file_format: str = DOCX,
	*,
	context: dict | None = None,
	batch_key: str = "",
	check_permission: bool = True,
) -> Generated:
	"""Render ``kind`` for a record, store it privately and record the generation.

	``context`` overrides the mapping of the record (batch jobs pass their grouped context);
	``batch_key`` separates documents of one record that belong to different groups. Raises
	(zh) without print permission, for an unknown kind or when PDF conversion is unavailable;
	nothing is stored then.
	"""
	spec = _spec(kind)
	if file_format not in FORMATS:
		frappe.throw(_("Unknown file format: {0}").format(file_format), title=_("Unknown Format"))
	if KIND_SOURCE[kind] != doctype:
		frappe.throw(
			_("{0} is not generated from {1}").format(_(spec.title), _(doctype)), title=_("Unknown Document")
		)
	doc = frappe.get_doc(doctype, name)
	if check_permission:
		check_print_permission(doctype, doc)
	if context is None:
		if doctype != APPLICATION:
			frappe.throw(
				_("{0} is generated by a batch job from the form").format(_(spec.title)),
				title=_("Batch Document"),
			)
		context = application_context(doc)

	key = {"kind": kind, "reference_doctype": doctype, "reference_name": name, "batch_key": batch_key or ""}
	version = frappe.db.count(GENERATED, key) + 1
	record_name = frappe.generate_hash(length=12)
	token = tokens.sign_token(_secret(), record_name, kind, version)
	url = tokens.verify_url(site_url(), token)
	barcode = context.get("application_no") if spec.barcode else None
	try:
		content = render_docx(
			kind, context, verify_url=url, barcode=barcode, template_bytes=enabled_template_bytes(kind)
		)
		if file_format == PDF:
			content = docx_to_pdf(content)
	except PdfUnavailable as exc:
		frappe.throw(str(exc), title=_("PDF Unavailable"))
	except (DocumentError, BatchError) as exc:
		frappe.throw(str(exc), title=_("The document could not be generated"))

	title = _(spec.title, "zh")
	group = f"-{_slug(batch_key.replace('|', '-'))}" if batch_key else ""
	file_name = f"{_slug(title)}-{_slug(name)}{group}-v{version}.{file_format}"
	file_doc = save_private_file(content, file_name, doctype, name)
	issuer, subject, subject_id = _subject(kind, doctype, doc, context)
	doc_date = context.get("doc_date")
	frappe.get_doc(
		{
			"doctype": GENERATED,
			"kind": kind,
			"title": title,
			"reference_doctype": doctype,
			"reference_name": name,
			"batch_key": batch_key or "",
			"version": version,
			"issuer": issuer,
			"doc_date": doc_date or getdate(),
			"subject": subject,
			"subject_id": subject_id,
			"file": file_doc.file_url,
			"file_format": file_format,
			"content_hash": hashlib.sha256(content).hexdigest(),
			"generated_by": frappe.session.user,
			"generated_at": now_datetime(),
			"token": token,
		}
	).insert(ignore_permissions=True, set_name=record_name)
	older = frappe.get_all(
		GENERATED, filters={**key, "name": ("!=", record_name), "superseded": 0}, pluck="name"
	)
	for old in older:
		frappe.db.set_value(GENERATED, old, {"superseded": 1, "superseded_by": record_name})
	return Generated(
		record_name, kind, version, file_doc.file_url, file_doc.file_name, file_format, token, url, content
	)


# ----------------------------------------------------------------- verification


@dataclass
class Verification:
	"""What the public page may show: nothing but these fields."""

	status: str  # valid | superseded | invalid
	kind_title: str = ""
	issuer: str = ""
	doc_date: datetime.date | None = None
	subject: str = ""
	subject_id: str = ""
	version: int = 0
	latest_version: int = 0

	@property
	def valid(self) -> bool:
		return self.status != "invalid"


INVALID = Verification("invalid")


def verify(token: str | None) -> Verification:
	"""Check a token from a QR code; an altered or forged one yields ``INVALID`` and nothing else."""
	if not token or not isinstance(token, str):
		return INVALID
	payload = tokens.verify_token(_secret(), token)
	if payload is None:
		return INVALID
	row = frappe.db.get_value(
		GENERATED,
		payload.doc_id,
		[
			"kind",
			"version",
			"token",
			"superseded",
			"issuer",
			"doc_date",
			"subject",
			"subject_id",
			"reference_doctype",
			"reference_name",
			"batch_key",
		],
		as_dict=True,
	)
	if (
		not row
		or row.kind != payload.kind
		or int(row.version or 0) != payload.version
		or not hmac.compare_digest((row.token or "").encode(), token.encode())
		or payload.kind not in registry.REGISTRY
	):
		return INVALID
	latest = frappe.db.count(
		GENERATED,
		{
			"kind": row.kind,
			"reference_doctype": row.reference_doctype,
			"reference_name": row.reference_name,
			"batch_key": row.batch_key or "",
		},
	)
	return Verification(
		"superseded" if row.superseded else "valid",
		_(registry.get_spec(row.kind).title),
		row.issuer or "",
		getdate(row.doc_date) if row.doc_date else None,
		row.subject or "",
		row.subject_id or "",
		int(row.version),
		int(latest),
	)


# ----------------------------------------------------------------- paper intake

INTAKE_ROLES = frozenset(
	{
		"Committee Office",
		"Prefecture HRSS Officer",
		"County HRSS Officer",
		"Title Administrator",
		"System Manager",
	}
)
RECEIVE_ACTION = "Receive Paper Materials"


def _paper_window(notice_name: str | None):
	notice = _notice(notice_name)
	if notice is None:
		return None
	for row in notice.get("windows") or []:
		if row.kind == WindowKind.PAPER and (row.start or row.end):
			return row
	return None


def _fmt(moment) -> str:
	return frappe.utils.format_datetime(moment, "yyyy-MM-dd HH:mm") if moment else ""


INTAKE_STATUS_LABELS = {
	"received": "Received",
	"already_received": "Already Received",
	"unknown": "Unknown Application",
	"outside_window": "Outside the Paper Window",
}


def receive_paper(code: str, *, now: datetime.datetime | None = None) -> dict:
	"""Mark the paper materials of the application whose barcode was scanned as received.

	Returns ``{"status", "message", "application", "applicant", "received_at", "received_by"}``
	with status ``received``, ``already_received``, ``unknown`` or ``outside_window``. The paper
	window is the notice's "Paper Submission" window (naive times are Asia/Shanghai); a notice
	without one sets no limit. An application the user may not see is reported as unknown.
	"""
	result = _receive_paper(code, now)
	result["status_label"] = _(INTAKE_STATUS_LABELS[result["status"]])
	return result


def _receive_paper(code: str, now: datetime.datetime | None) -> dict:
	if not INTAKE_ROLES & set(frappe.get_roles()):
		frappe.throw(
			_("Only the paper intake desk may mark paper materials received"), frappe.PermissionError
		)
	code = (code or "").strip().upper()
	result = {"status": "unknown", "application": code, "applicant": "", "received_at": "", "received_by": ""}
	name = frappe.db.get_value(APPLICATION, {"name": code}, "name", for_update=True) if code else None
	if not name or not frappe.has_permission(APPLICATION, "read", name):
		result["message"] = _("Unknown application number: {0}").format(code or "—")
		return result
	row = frappe.db.get_value(
		APPLICATION,
		name,
		["applicant_name", "notice", "workflow_state", "paper_received_at", "paper_received_by"],
		as_dict=True,
	)
	result["applicant"] = mask_name(row.applicant_name)
	if row.paper_received_at:
		by = frappe.utils.get_fullname(row.paper_received_by) if row.paper_received_by else ""
		result.update(
			status="already_received",
			received_at=_fmt(row.paper_received_at),
			received_by=by,
			message=_("The paper materials of {0} were already received on {1} by {2}").format(
				name, _fmt(row.paper_received_at), by
			),
		)
		return result
	window = _paper_window(row.notice)
	if now is None and frappe.flags.zhicheng_now:  # the campaign clock frozen for tests and replays
		now = frappe.utils.get_datetime(frappe.flags.zhicheng_now)
	moment = to_shanghai(now) if now else now_shanghai()
	if window is not None:
		start = to_shanghai(frappe.utils.get_datetime(window.start)) if window.start else None
		end = to_shanghai(frappe.utils.get_datetime(window.end)) if window.end else None
		if (start and moment < start) or (end and moment > end):
			result.update(
				status="outside_window",
				message=_("{0} is outside the paper submission window ({1} to {2})").format(
					name, _fmt(window.start), _fmt(window.end)
				),
			)
			return result
	if not frappe.has_permission(APPLICATION, "write", name):
		result["message"] = _("Unknown application number: {0}").format(name)
		return result

	received_at = moment.replace(tzinfo=None)  # stored as Shanghai wall time, like the windows
	user = frappe.session.user
	frappe.db.set_value(
		APPLICATION, name, {"paper_received_at": received_at, "paper_received_by": user}, update_modified=True
	)
	workflow_note = ""
	if row.workflow_state == "Accepted":
		from frappe.model.workflow import apply_workflow, get_transitions

		doc = frappe.get_doc(APPLICATION, name)
		if any(t.action == RECEIVE_ACTION for t in get_transitions(doc)):
			apply_workflow(doc, RECEIVE_ACTION)
			workflow_note = _("; the application moved to Paper Received")
	result.update(
		status="received",
		received_at=_fmt(received_at),
		received_by=frappe.utils.get_fullname(user),
		message=_("Paper materials of {0} ({1}) received").format(name, result["applicant"]) + workflow_note,
	)
	return result


# ----------------------------------------------------------------- batch jobs


def enqueue_batch(job: str, name: str, notice: str | None = None) -> dict:
	"""Start a batch job in the background (queue "long"); checks print permission first."""
	doctype = BATCH_JOBS.get(job)
	if doctype is None:
		frappe.throw(_("Unknown batch job: {0}").format(job), title=_("Unknown Document"))
	check_print_permission(doctype, frappe.get_doc(doctype, name))
	if notice:
		_notice_or_throw(notice)
	queued = frappe.enqueue(
		"zhicheng_app.services.documents.run_batch",
		queue="long",
		timeout=3600,
		job=job,
		name=name,
		notice=notice,
		enqueue_after_commit=True,
	)
	return {"job": job, "doctype": doctype, "name": name, "job_id": getattr(queued, "id", None)}


def _notice_or_throw(name: str):
	notice = _notice(name)
	if notice is None:
		frappe.throw(_("Unknown notice: {0}").format(name), title=_("Unknown Document"))
	return notice


class _Progress:
	def __init__(self, doctype: str, name: str, title: str, total: int):
		self.doctype, self.name, self.title, self.total, self.done = doctype, name, title, max(total, 1), 0

	def step(self, description: str = "") -> None:
		self.done += 1
		frappe.publish_progress(
			min(100, round(self.done * 100 / self.total)),
			title=self.title,
			doctype=self.doctype,
			docname=self.name,
			description=description,
		)


def run_batch(job: str, name: str, notice: str | None = None) -> dict:
	"""The background job: render, attach privately to the source record, report progress.

	Returns ``{"job", "doctype", "name", "file_url", "documents": [generated names]}``.
	"""
	doctype = BATCH_JOBS.get(job)
	if doctype is None:
		frappe.throw(_("Unknown batch job: {0}").format(job), title=_("Unknown Document"))
	source = frappe.get_doc(doctype, name)
	check_print_permission(doctype, source)
	if job == "unit_publicity":
		result = _unit_publicity(source, notice)
	elif job == "publicity_report":
		result = _notice_document(source, "publicity_report_004")
	else:
		result = _notice_document(source, "qualification_document")
	result.update(job=job, doctype=doctype, name=name)
	frappe.publish_realtime("zhicheng_batch_done", result, user=frappe.session.user, after_commit=True)
	return result


def _unit_publicity(unit, notice_name: str | None) -> dict:
	filters = {"employer_unit": unit.name, "workflow_state": ("not in", sorted(CLOSED_STATES))}
	if notice_name:
		filters["notice"] = _notice_or_throw(notice_name).name
	names = frappe.get_all(APPLICATION, filters=filters, pluck="name", order_by="creation asc")
	apps = [frappe.get_doc(APPLICATION, n) for n in names]
	apps = [a for a in apps if frappe.has_permission(APPLICATION, "print", a)]
	per_person = [a for a in apps if _route(a.route) in PUBLICITY_KIND]
	groups: dict[tuple, list] = {}
	for a in apps:
		if _route(a.route) in BATCH_ROUTES:
			groups.setdefault((a.notice, route_label(a.route), level_batch_label(a.target_level)), []).append(
				a
			)
	if not per_person and not groups:
		frappe.throw(
			_("{0} has no applications to publicise").format(unit.unit_name), title=_("Nothing to Do")
		)
	progress = _Progress(
		UNIT, unit.name, _("Generating the publicity notices"), len(per_person) + len(groups) + 1
	)
	made: list[Generated] = []
	for a in per_person:
		made.append(generate(PUBLICITY_KIND[_route(a.route)], APPLICATION, a.name))
		progress.step(a.applicant_name)
	for (notice_key, label, level), members in groups.items():
		context = unit_batch_context(unit, _notice(notice_key), members)
		made.append(
			generate(
				"publicity_batch_004",
				UNIT,
				unit.name,
				context=context,
				batch_key=f"{notice_key}|{label}|{level}",
			)
		)
		progress.step(f"{label} {level}")
	buffer = io.BytesIO()
	with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
		for g in made:
			zf.writestr(g.file_name, g.content)
	stamp = now_shanghai().strftime("%Y%m%d%H%M%S")
	archive = save_private_file(
		buffer.getvalue(), f"{_slug(unit.unit_name)}-公示-{stamp}.zip", UNIT, unit.name
	)
	progress.step(archive.file_name)
	return {"file_url": archive.file_url, "file_name": archive.file_name, "documents": [g.name for g in made]}


def _notice_document(notice, kind: str) -> dict:
	progress = _Progress(NOTICE, notice.name, _(registry.get_spec(kind).title), 3)
	if kind == "qualification_document":
		apps = notice_applications(notice.name, evaluation_result="Passed")
	else:
		apps = [
			a
			for a in notice_applications(notice.name)
			if a.workflow_state not in UNREVIEWED_STATES | CLOSED_STATES and _route(a.route) in BATCH_ROUTES
		]
	if not apps:
		frappe.throw(
			_("No applications of this notice belong in {0}").format(_(registry.get_spec(kind).title)),
			title=_("Nothing to Do"),
		)
	progress.step(_("Collected {0} applications").format(len(apps)))
	try:
		if kind == "qualification_document":
			context = qualification_document_context(notice, apps)
		else:
			context = publicity_report_batch_context(notice, apps)
	except BatchError as exc:
		frappe.throw(str(exc), title=_("The document could not be generated"))
	progress.step(_("Rendering"))
	made = generate(kind, NOTICE, notice.name, context=context)
	progress.step(made.file_name)
	return {"file_url": made.file_url, "file_name": made.file_name, "documents": [made.name]}
