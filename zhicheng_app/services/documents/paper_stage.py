"""The paper a unit and a county bureau send in the paper stage of 阿地人社传〔2024〕6号 四、（二）.

A unit (its HR, on the unit's portal) makes, for the applications of a notice that passed the HR
bureau's review: the 公示情况报告 with its roster (附件4), the 公示结果 (附件2, one per route label and
level) and the 推荐报告 (附件3) of the passed applicants, and their 呈报表 (one per person). A county
bureau (in the desk) makes the 公示情况报告 of its county — every unit of the county and below, the
地直 units aside — and the county's 呈报表, which it sends to the 地区人社局 (四、（二）2).

Only what passed the review is listed (``catalogue.in_publicity_report``); 此次推荐 counts what the
units sent on (``catalogue.recommended_in_report``). A unit reaches only its own units (the Employer
Units of its User Permissions), a county bureau only the counties of its User Permissions.
"""

import frappe

from zhicheng_app.documents.catalogue import (
	APPLICATION,
	BATCH_ROUTES,
	REGION,
	ROUTE_KINDS,
	UNIT,
	batch_group,
	batch_key,
	in_publicity_report,
	publicity_report_counts,
	route_of,
)
from zhicheng_app.documents.contexts import publicity_report_batch_context, unit_batch_context
from zhicheng_app.i18n import _
from zhicheng_app.permissions import get_scope
from zhicheng_app.roles import COUNTY_HRSS
from zhicheng_app.rules.vocabulary import Location

from .contexts import notice_or_throw
from .generation import DOCX, Generated, generate
from .unit_documents import archive_name, zip_archive

PUBLICITY_REPORT = "publicity_report"
PUBLICITY_RESULT = "publicity_result"
RECOMMENDATION = "recommendation"
REPORT_FORMS = "report_forms"
# what each document is called on the pages (English source; zh in zh.csv), in the order they are sent
TITLES = {
	PUBLICITY_REPORT: "Publicity Situation Report with Roster",
	PUBLICITY_RESULT: "Publicity Result",
	RECOMMENDATION: "Recommendation Report",
	REPORT_FORMS: "Submission Forms",
}
UNIT_DOCUMENTS = (PUBLICITY_REPORT, PUBLICITY_RESULT, RECOMMENDATION, REPORT_FORMS)
COUNTY_DOCUMENTS = (PUBLICITY_REPORT, REPORT_FORMS)
# the group the paper stage's documents are recorded under, apart from the unit's earlier ones (it
# is part of the file's name)
PAPER = "纸质材料"


def document_titles(documents=UNIT_DOCUMENTS) -> list[dict]:
	return [{"document": d, "title": _(TITLES[d])} for d in documents]


# ---------------------------------------------------------------- who
def check_unit(unit: str):
	"""The Employer Unit ``unit`` when it is one of the user's own units; raises (zh) otherwise."""
	scope = get_scope()
	if not frappe.db.exists(UNIT, unit) or not (scope.unscoped or unit in scope.units):
		frappe.throw(
			_("Only the unit's own HR may make its paper materials"),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)
	return frappe.get_doc(UNIT, unit)


def counties_of_user() -> list[dict]:
	"""The counties the user's bureau answers for: ``[{"name", "region_name"}]``."""
	scope = get_scope()
	if not scope.unscoped and COUNTY_HRSS not in frappe.get_roles():
		return []
	filters = {"region_level": "County"}
	if not scope.unscoped:
		filters["name"] = ("in", sorted(scope.regions) or [""])
	return frappe.get_all(REGION, filters=filters, fields=["name", "region_name"], order_by="lft asc")


def check_county(region: str):
	"""The county Region ``region`` when the user's bureau answers for it; raises (zh) otherwise."""
	if region not in {row.name for row in counties_of_user()}:
		frappe.throw(
			_("Only the county's own HR bureau may make its paper materials"),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)
	return frappe.get_doc(REGION, region)


def county_reporter(region) -> str:
	"""The county bureau's name as it signs its report."""
	return _("{0} Human Resources and Social Security Bureau", "zh").format(region.region_name)


# ---------------------------------------------------------------- what
def _applications(notice: str, filters: dict) -> list:
	names = frappe.get_all(
		APPLICATION, filters={"notice": notice, **filters}, pluck="name", order_by="creation asc"
	)
	apps = [frappe.get_doc(APPLICATION, n) for n in names]
	return [a for a in apps if route_of(a.route) in BATCH_ROUTES]


def unit_applications(unit: str, notice: str) -> list:
	"""The unit's applications of the notice on its routes (授予, 初定, 高定), oldest first."""
	return _applications(notice, {"employer_unit": unit})


def county_applications(region, notice: str) -> list:
	"""The applications of the county's units (the county and below, the 地直 units aside)."""
	regions = frappe.get_all(
		REGION, filters={"lft": (">=", region.lft), "rgt": ("<=", region.rgt)}, pluck="name"
	)
	return _applications(
		notice, {"region": ("in", regions), "unit_location": ("!=", Location.PREFECTURE_DIRECT)}
	)


def passed(apps: list) -> list:
	return [a for a in apps if in_publicity_report(a.workflow_state, a.route)]


def _unit_names(apps: list) -> dict[str, str]:
	units = {a.employer_unit for a in apps if a.employer_unit}
	return {name: frappe.db.get_value(UNIT, name, "unit_name") or "" for name in units}


def report_context(notice, apps: list, reporter_name: str) -> dict:
	"""The 公示情况报告 of ``reporter_name`` for ``apps`` (all of theirs of the notice)."""
	through = passed(apps)
	recommended = publicity_report_counts(apps)["recommended"]
	return publicity_report_batch_context(notice, through, _unit_names(through), reporter_name, recommended)


def _nothing_passed(owner: str):
	frappe.throw(
		_("No application of {0} has passed the review under this notice yet").format(owner),
		title=_("Nothing to Do"),
	)


def _report_forms(apps: list, file_format: str) -> list[Generated]:
	return [
		generate(kind, APPLICATION, a.name, file_format)
		for a in apps
		for kind in ROUTE_KINDS.get(route_of(a.route), ())
	]


def unit_report(unit_doc, notice_doc, apps: list, file_format: str = DOCX) -> Generated:
	"""The unit's 公示情况报告 of ``apps`` (its applications of the notice)."""
	context = report_context(notice_doc, apps, unit_doc.unit_name)
	key = batch_key((PAPER, notice_doc.name))
	return generate("publicity_report_004", UNIT, unit_doc.name, file_format, context=context, batch_key=key)


def county_report(county, notice_doc, apps: list, file_format: str = DOCX) -> Generated:
	"""The county bureau's 公示情况报告 of ``apps`` (its county's applications of the notice). The
	caller has checked who asks: a Region's print permission is the administrators'."""
	return generate(
		"publicity_report_004",
		REGION,
		county.name,
		file_format,
		context=report_context(notice_doc, apps, county_reporter(county)),
		batch_key=batch_key((PAPER, notice_doc.name)),
		check_permission=False,
	)


def county_of(region: str | None) -> str | None:
	"""The county Region that ``region`` lies in (or is)."""
	bounds = frappe.db.get_value(REGION, region, ["lft", "rgt"], as_dict=True) if region else None
	if not bounds:
		return None
	return frappe.db.get_value(
		REGION, {"region_level": "County", "lft": ("<=", bounds.lft), "rgt": (">=", bounds.rgt)}
	)


def notice_reports(notice_doc, progress=None) -> dict:
	"""Every 公示情况报告 of the notice (the bureaus' batch job): one per 地直 unit and one per county
	with applications that passed. Each is stored with its Generated Document, read in its scope.
	``progress(total)`` returns the job's step function (called with a description per report)."""
	apps = _applications(notice_doc.name, {})
	if not passed(apps):
		frappe.throw(_("No application of this notice has passed the review yet"), title=_("Nothing to Do"))
	units: dict[str, list] = {}
	counties: dict[str, list] = {}
	for a in apps:
		if a.unit_location == Location.PREFECTURE_DIRECT:
			units.setdefault(a.employer_unit, []).append(a)
		elif county := county_of(a.region):
			counties.setdefault(county, []).append(a)
	tasks = [(unit_report, frappe.get_doc(UNIT, u), m) for u, m in units.items() if passed(m)]
	tasks += [(county_report, frappe.get_doc(REGION, c), m) for c, m in counties.items() if passed(m)]
	step = progress(2 * len(tasks) + 1) if progress else (lambda _description: None)
	step(_("Collected {0} applications").format(len(passed(apps))))
	made = []
	for report, owner, members in tasks:
		step(_("Rendering"))
		made.append(report(owner, notice_doc, members))
		step(made[-1].file_name)
	return {
		"file_url": made[0].file_url,
		"file_name": made[0].file_name,
		"documents": [g.name for g in made],
		"files": [{"file_url": g.file_url, "file_name": g.file_name} for g in made],
	}


def generate_unit_paper(unit: str, notice: str, document: str, file_format: str = DOCX) -> list[Generated]:
	"""The unit's ``document`` (one of ``UNIT_DOCUMENTS``) of the paper stage of ``notice``."""
	unit_doc = check_unit(unit)
	notice_doc = notice_or_throw(notice)
	if document not in UNIT_DOCUMENTS:
		frappe.throw(_("Unknown document template: {0}").format(document), title=_("Unknown Document"))
	apps = unit_applications(unit_doc.name, notice_doc.name)
	through = passed(apps)
	if not through:
		_nothing_passed(unit_doc.unit_name)
	if document == REPORT_FORMS:
		return _report_forms(through, file_format)
	if document == PUBLICITY_REPORT:
		return [unit_report(unit_doc, notice_doc, apps, file_format)]
	kind = "publicity_result_batch_004" if document == PUBLICITY_RESULT else "recommendation_report_004"
	groups: dict[tuple, list] = {}
	for a in through:
		groups.setdefault(batch_group(kind, a.notice, a.route, a.target_level), []).append(a)
	return [
		generate(
			kind,
			UNIT,
			unit_doc.name,
			file_format,
			context=unit_batch_context(unit_doc, notice_doc, members),
			batch_key=batch_key((PAPER, *group)),
		)
		for group, members in groups.items()
	]


def generate_county_paper(
	region: str, notice: str, document: str, file_format: str = DOCX
) -> list[Generated]:
	"""The county bureau's ``document`` (one of ``COUNTY_DOCUMENTS``) of the paper stage of ``notice``."""
	county = check_county(region)
	notice_doc = notice_or_throw(notice)
	if document not in COUNTY_DOCUMENTS:
		frappe.throw(_("Unknown document template: {0}").format(document), title=_("Unknown Document"))
	apps = county_applications(county, notice_doc.name)
	through = passed(apps)
	reporter = county_reporter(county)
	if not through:
		_nothing_passed(reporter)
	if document == REPORT_FORMS:
		return _report_forms(through, file_format)
	return [county_report(county, notice_doc, apps, file_format)]


def bundle(made: list[Generated], owner: str, document: str) -> tuple[str, bytes]:
	"""(file name, content): the file itself, or a zip of several."""
	if len(made) == 1:
		return made[0].file_name, made[0].content
	return archive_name(owner, _(TITLES[document], "zh")), zip_archive(made)


def download_unit_paper(unit: str, notice: str, document: str, file_format: str = DOCX):
	made = generate_unit_paper(unit, notice, document, file_format)
	return bundle(made, frappe.db.get_value(UNIT, unit, "unit_name") or unit, document)


def download_county_paper(region: str, notice: str, document: str, file_format: str = DOCX):
	made = generate_county_paper(region, notice, document, file_format)
	return bundle(made, county_reporter(frappe.get_doc(REGION, region)), document)
