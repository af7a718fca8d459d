"""Data for the employer unit's portal tests: units, users, notices and applications, committed
for the running web server and removed afterwards."""

import random

import frappe

from tests.integration.factories import make_unit, make_user
from tests.integration.workflow_support import act, chain_notice, make_chain_application
from zhicheng_app.rules.model import seed_notice_dict

PASSWORD = "Integration-Test-2024!"  # the factories' password of test users
SUBMITTED = ("guarded", "returned", "documents", "second")  # 000-like applications at the unit
DRAFTS_004 = ("junior_a", "junior_b")  # 004-like drafts: the publicity comes before the application
ZH_DIGITS = "〇一二三四五六七八九"


def zh_unique(prefix: str) -> str:
	"""``prefix`` and six random Chinese numerals: a unique name a zh page shows as it is."""
	return prefix + "".join(random.choices(ZH_DIGITS, k=6))


def _user(role: str, full_name: str, units: list[str]) -> str:
	email = make_user(role)
	frappe.db.set_value("User", email, {"language": "zh", "first_name": full_name})
	for unit in units:
		frappe.get_doc(
			{"doctype": "User Permission", "user": email, "allow": "Employer Unit", "for_value": unit}
		).insert(ignore_permissions=True)
	return email


def create_portal_data(submitted=SUBMITTED, drafts=DRAFTS_004) -> dict:
	"""Two units of one HR (地直 and 县), another unit with its own HR, an applicant, a 000-like and
	a 004-like notice open around now, and applications: the ``submitted`` ones at the unit's
	review, the ``drafts`` under the 004-like notice, whose publicity comes before the
	application. The caller commits and calls ``remove_portal_data``."""
	frappe.set_user("Administrator")
	frappe.flags.zhicheng_now = None
	units = {
		"prefecture": make_unit(unit_name=zh_unique("阿克苏测试设计院")).name,
		"county": make_unit(unit_name=zh_unique("温宿测试学校"), location="County", region="温宿县").name,
		"foreign": make_unit(unit_name=zh_unique("另一测试单位")).name,
	}
	actors = {
		"units": units,
		"applicant": _user("Title Applicant", "测试申报人", []),
		"hr": _user("Unit HR", "测试单位经办人", [units["prefecture"], units["county"]]),
		"foreign_hr": _user("Unit HR", "外单位经办人", [units["foreign"]]),
	}
	now = frappe.utils.now_datetime()
	# the unit's materials whose template 000 gives (附件1: 推荐单位公示及公示结果), none the applicant uploads
	templates = [row for row in seed_notice_dict("000")["materials"] if row.get("template_annex")]
	notice = chain_notice("000", now=now, materials=templates)
	batch_notice = chain_notice("004", now=now, publicity_before_application=1)
	names = {}
	for key in submitted:
		doc = make_chain_application(
			actors, notice, "prefecture", "Directed Evaluation", "Intermediate", applicant_name=f"公示{key}"
		)
		act(actors["applicant"], doc.name, "Submit")
		names[key] = doc.name
	for key in drafts:
		doc = make_chain_application(
			actors, batch_notice, "county", "Initial Junior", "Assistant", applicant_name=f"初定{key[-1]}"
		)
		names[key] = doc.name
	return {
		"actors": actors,
		"names": names,
		"notices": [notice.name, batch_notice.name],
		"today": now.date(),
	}


def remove_portal_data(data: dict):
	"""Everything ``create_portal_data`` made and what the tests left on it (objections, comments,
	generated documents, files)."""
	frappe.set_user("Administrator")
	frappe.flags.zhicheng_now = None
	actors = data["actors"]
	units = list(actors["units"].values())
	names = frappe.get_all("Title Application", filters={"employer_unit": ("in", units)}, pluck="name")
	records = [*names, *units] or [""]
	frappe.db.delete("Publicity Objection", {"application": ("in", names or [""])})
	for doctype, field in (("Comment", "reference_name"), ("Version", "docname")):
		frappe.db.delete(doctype, {field: ("in", records)})
	generated = frappe.get_all(
		"Generated Document", filters={"reference_name": ("in", records)}, pluck="name"
	)
	for name in frappe.get_all(
		"File", filters={"attached_to_name": ("in", [*records, *generated])}, pluck="name"
	):
		frappe.delete_doc("File", name, ignore_permissions=True, force=True)
	frappe.db.delete("Generated Document", {"name": ("in", generated or [""])})
	for name in names:
		frappe.delete_doc("Title Application", name, ignore_permissions=True, force=True)
	for key in ("applicant", "hr", "foreign_hr"):
		frappe.db.delete("User Permission", {"user": actors[key]})
		frappe.delete_doc("User", actors[key], ignore_permissions=True, force=True)
	for unit in units:
		frappe.delete_doc("Employer Unit", unit, ignore_permissions=True, force=True)
	for notice in data["notices"]:
		frappe.delete_doc("Title Notice", notice, ignore_permissions=True, force=True)
