"""A generated permission matrix, in two parts.

In the test process (Frappe's API as each user): the scoped roles × every DocType that carries an
application's data × every read path × own and other scope, plus a forged write of every
server-owned field of an application.

Through the REST API of the running site, as a user of each of the app's nine roles (the demo
users where their scope fits, users made here otherwise): every DocType of the app, children
included (READ_POLICY, one table) × list, get, count, report, export, search, print and
attachment download × the record of the user's own scope and one of another; and every
server-owned field (a permission level the role does not write, a read-only field the server
computes, the tree and naming fields) forged through PUT /api/resource, frappe.client.set_value
and an insert, on both records.

A cell is a leak when a user reaches a record the policy does not give them (a review expert no
applicant, unit or user data at all), or when a forged value is stored. Each part prints the number
of cells it tried and fails on the list of leaks.
"""

import json
from pathlib import Path

import frappe
import pytest
from frappe.desk.search import search_widget
from frappe.model.workflow import apply_workflow

from tests.integration.factories import make_notice, make_unit, make_user, resident_id
from tests.integration.rest import BASE_URL, require_server, session
from zhicheng_app.overrides.client import get_count
from zhicheng_app.permissions import APPLICATION_CHILD_DOCTYPES, REFERENCING_DOCTYPES

PASSWORD = "Integration-Test-2024!"
APP = "Title Application"
ROLES_IN_SCOPE = ("applicant", "hr", "county")  # roles that see application "a" but never "b"
SCOPED_ROLES = (*ROLES_IN_SCOPE, "expert", "other_hr")


def _application(unit, notice, applicant, name):
	frappe.set_user(applicant)
	doc = frappe.get_doc(
		{
			"doctype": APP,
			"notice": notice.name,
			"route": "Directed Evaluation",
			"series": "工程系列",
			"profession": "建筑",
			"target_level": "Intermediate",
			"applicant_name": name,
			"id_number": resident_id(),
			"employer_unit": unit.name,
			"education": [{"education": "Bachelor", "school": "新疆大学", "graduation_date": "2010-07-01"}],
			"work_history": [{"unit_name": unit.unit_name, "start_date": "2010-08-01"}],
			"assessments": [{"year": 2023, "result": "Competent"}],
			"continuing_education": [{"year": 2023, "professional_hours": 60, "public_hours": 30}],
			"grassroots_service": [
				{"service_kind": "Fanghuiju Village Residency", "start_date": "2021-01-01"}
			],
			"achievements": [{"kind": "Achievement", "title": "某项目技术负责"}],
			"attachments": [{"material_code": "id_card", "file": "/private/files/id_card.jpg"}],
		}
	).insert()
	doc.add_comment("Comment", f"{name}的备注")
	frappe.set_user("Administrator")
	frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{name}.txt",
			"content": b"evidence",
			"is_private": 1,
			"attached_to_doctype": APP,
			"attached_to_name": doc.name,
		}
	).insert(ignore_permissions=True)
	doc.db_set("workflow_state", "Draft")
	doc.append(
		"returns",
		{"returned_at": "2024-08-01 10:00:00", "reasons": "补充材料", "returned_by": "Administrator"},
	)
	doc.flags.ignore_permissions = True
	doc.save()  # an Application Return row
	frappe.get_doc(
		{
			"doctype": "Version",
			"ref_doctype": APP,
			"docname": doc.name,
			"data": frappe.as_json({"changed": [["applicant_name", "", name]]}),
		}
	).insert(ignore_permissions=True)
	frappe.get_doc(
		{
			"doctype": "Generated Document",
			"kind": "commitment",
			"title": f"{name}承诺书",
			"reference_doctype": APP,
			"reference_name": doc.name,
			"subject": name,
			"version": 1,
		}
	).insert(ignore_permissions=True)
	return doc


@pytest.fixture(scope="module")
def world(frappe_site):
	frappe.set_user("Administrator")
	notice, other_notice = make_notice(), make_notice()
	# a's unit: in 温宿县 (阿克苏地区), supervised; b's: in another prefecture (巴音郭楞蒙古自治州)
	supervisor = make_unit(ownership="Government Agency")
	unit_a = make_unit(location="County", region="温宿县", supervising_unit=supervisor.name)
	unit_b = make_unit(location="County", region="若羌县")
	users = {
		"applicant": make_user("Title Applicant", password=PASSWORD),
		"other_applicant": make_user("Title Applicant", password=PASSWORD),
		"hr": make_user("Unit HR", ("Employer Unit", unit_a.name), PASSWORD),
		"other_hr": make_user("Unit HR", ("Employer Unit", make_unit().name), PASSWORD),
		"county": make_user("County HRSS Officer", ("Region", "温宿县"), PASSWORD),
		"expert": make_user("Review Expert", password=PASSWORD),
	}
	a = _application(unit_a, notice, users["applicant"], "甲申报人")
	b = _application(unit_b, other_notice, users["other_applicant"], "乙申报人")
	frappe.get_doc(
		{
			"doctype": "Title Sanction",
			"id_number": b.id_number,
			"person_name": "乙申报人",
			"reason": "弄虚作假",
			"decided_on": "2023-05-01",
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	yield {
		"users": users,
		"a": a,
		"b": b,
		"notice": notice,
		"units": (unit_a, unit_b),
		"supervisor": supervisor,
	}
	frappe.set_user("Administrator")
	frappe.db.rollback()
	for doc in (a, b):
		for dt in ("Generated Document", "Comment", "File", "Version"):
			col = {"File": "attached_to_name", "Version": "docname"}.get(dt, "reference_name")
			frappe.db.delete(dt, {col: doc.name})
		frappe.delete_doc(APP, doc.name, ignore_permissions=True, force=True)
	frappe.db.delete("Title Sanction", {"person_name": "乙申报人"})
	for email in users.values():
		frappe.db.delete("User Permission", {"user": email})
		frappe.delete_doc("User", email, ignore_permissions=True, force=True)
	frappe.db.commit()


def _records(world) -> dict[str, dict[str, str | None]]:
	"""doctype -> {"a": a record about application a, "b": one about b}."""
	out = {APP: {"a": world["a"].name, "b": world["b"].name}}
	for dt in APPLICATION_CHILD_DOCTYPES:
		out[dt] = {
			key: frappe.db.get_value(dt, {"parent": world[key].name, "parenttype": APP}, "name")
			for key in ("a", "b")
		}
	columns = {"File": "attached_to_name", "Version": "docname"}
	for dt in (*REFERENCING_DOCTYPES, "Generated Document"):
		out[dt] = {
			key: frappe.db.get_value(dt, {columns.get(dt, "reference_name"): world[key].name}, "name")
			for key in ("a", "b")
		}
	out["Title Sanction"] = {
		"a": None,
		"b": frappe.db.get_value("Title Sanction", {"person_name": "乙申报人"}),
	}
	return out


def _lists(dt: str, name: str) -> bool:
	kw = {"parent_doctype": APP} if dt in APPLICATION_CHILD_DOCTYPES else {}
	try:
		return bool(frappe.get_list(dt, filters={"name": name}, pluck="name", **kw))
	except frappe.PermissionError:
		return False


def _counts(dt: str, name: str) -> bool:
	try:
		return get_count(dt, {"name": name}) > 0
	except frappe.PermissionError:
		return False


def _reads(dt: str, name: str, ptype: str) -> bool:
	doc = frappe.get_doc(dt, name)
	return bool(frappe.has_permission(dt, ptype, doc=doc))


def _searches(dt: str, name: str) -> bool:
	if dt != APP:
		return False
	try:
		return any(row[0] == name for row in search_widget(dt, name, as_dict=False, page_length=50))
	except frappe.PermissionError:
		return False


READ_PATHS = {
	"list": _lists,
	"count": _counts,
	"get": lambda dt, name: _reads(dt, name, "read"),
	"print": lambda dt, name: _reads(dt, name, "print"),
	"search": _searches,
}


def test_no_read_path_leaks(world):
	records = _records(world)
	assert all(records[dt]["b"] for dt in records), {dt: r for dt, r in records.items() if not r["b"]}
	cells, leaks, own_seen = 0, [], set()
	for role in SCOPED_ROLES:
		frappe.set_user(world["users"][role])
		for dt, pair in records.items():
			for path, reaches in READ_PATHS.items():
				for target in ("a", "b"):
					name = pair[target]
					if not name:
						continue
					cells += 1
					reached = reaches(dt, name)
					in_scope = target == "a" and role in ROLES_IN_SCOPE
					if reached and not in_scope:
						leaks.append(f"{role} {path} {dt} {target}")
					if reached and in_scope:
						own_seen.add((role, dt, path))
		frappe.set_user("Administrator")
	print(f"\npermission matrix: {cells} read cells tried, {len(leaks)} leaks")
	print("\n".join(leaks))
	assert leaks == []
	# the scope is not simply closed: each scoped role still reads its own application and its rows
	for role in ROLES_IN_SCOPE:
		assert (role, APP, "list") in own_seen and (role, APP, "get") in own_seen
		assert (role, "Application Return", "list") in own_seen


# server-owned fields (permission level 3) and the administrator's (4), with a forged value each
FORGED = {
	"submission_count": -5,
	"return_count": 0,
	"resubmit_deadline": "2099-01-01 00:00:00",
	"last_submitted_at": "2024-01-01 00:00:00",
	"fee_amount": 1,
	"fee_paid_at": "2024-09-01 10:00:00",
	"paper_received_at": "2024-09-01 10:00:00",
	"defense_result": "Passed",
	"evaluation_result": "Passed",
	"certificate_no": "FORGED-1",
	"certified_at": "2024-12-01 10:00:00",
	"closed_reason": "forged",
	"region": "沙雅县",
	"supervising_unit": None,
	"unit_location": "Township",
	"via_employment_service": 1,
	"summary_chars": 99999,
	"applicant_user": "Administrator",
	# the defense, the certificate and a revocation: recorded by their services only
	"defense_score": 99.5,
	"defense_exempt": 1,
	"qualification_document_no": "FORGED-2",
	"results_publicity_start": "2024-10-01",
	"revoked_at": "2024-12-02 10:00:00",
	"confirmed_at": "2024-09-20 10:00:00",
}


def _forge(user: str, name: str, values: dict) -> dict:
	frappe.set_user(user)
	try:
		doc = frappe.get_doc(APP, name)
		doc.update(values)
		doc.set("returns", [])
		doc.save()
	except (frappe.PermissionError, frappe.ValidationError):
		pass
	finally:
		frappe.set_user("Administrator")
	return frappe.db.get_value(APP, name, ["*"], as_dict=True)


def test_no_forged_write_of_a_server_owned_field_is_stored(world):
	a = world["a"]
	before = frappe.db.get_value(APP, a.name, ["*"], as_dict=True)
	returns_before = frappe.db.count("Application Return", {"parent": a.name})
	cells, leaks = 0, []
	for role in ("applicant", "hr"):
		for field, value in FORGED.items():
			cells += 1
			after = _forge(world["users"][role], a.name, {field: value})
			if str(after[field] or "") != str(before[field] or ""):
				leaks.append(f"{role} wrote {field}")
			frappe.db.rollback()
		cells += 1
		if frappe.db.count("Application Return", {"parent": a.name}) != returns_before:
			leaks.append(f"{role} emptied the returns")
	print(f"\nforged writes: {cells} cells tried, {len(leaks)} leaks")
	assert leaks == []


def test_applicant_content_cannot_change_after_submission(world):
	a = frappe.get_doc(APP, world["a"].name)
	frappe.db.set_value(APP, a.name, "workflow_state", "Returned")
	frappe.set_user(world["users"]["applicant"])
	doc = frappe.get_doc(APP, a.name)
	doc.employer_unit = world["units"][1].name
	with pytest.raises(frappe.PermissionError):
		doc.save()
	frappe.set_user("Administrator")
	frappe.db.set_value(APP, a.name, "workflow_state", "Committee Review")
	frappe.set_user(world["users"]["applicant"])
	doc = frappe.get_doc(APP, a.name)
	doc.applicant_name = "改名"
	with pytest.raises(frappe.PermissionError):
		doc.save()
	frappe.set_user("Administrator")
	frappe.db.rollback()


def test_an_applicant_cannot_attach_to_another_application_or_one_under_review(world):
	def attach(user, name):
		frappe.set_user(user)
		try:
			frappe.get_doc(
				{
					"doctype": "File",
					"file_name": "x.pdf",
					"content": b"%PDF-1.4 evidence",
					"is_private": 1,
					"attached_to_doctype": APP,
					"attached_to_name": name,
				}
			).insert()
		finally:
			frappe.set_user("Administrator")

	with pytest.raises(frappe.PermissionError):
		attach(world["users"]["applicant"], world["b"].name)
	frappe.db.set_value(APP, world["a"].name, "workflow_state", "Committee Review")
	with pytest.raises(frappe.PermissionError):
		attach(world["users"]["applicant"], world["a"].name)
	frappe.db.set_value(APP, world["a"].name, "workflow_state", "Draft")
	attach(world["users"]["applicant"], world["a"].name)  # own draft: allowed
	frappe.db.rollback()


def test_count_through_rest_applies_the_scope(world):
	require_server()
	expert = session(world["users"]["expert"], PASSWORD)
	url = f"{BASE_URL}/api/method/frappe.client.get_count"
	probe = {
		"doctype": APP,
		"filters": frappe.as_json(
			[["name", "=", world["b"].name], ["id_number", "like", world["b"].id_number[:4] + "%"]]
		),
	}
	response = expert.get(url, params=probe, timeout=30)
	assert response.status_code == 403 or response.json().get("message") == 0, response.text
	hr = session(world["users"]["hr"], PASSWORD)
	assert hr.get(url, params=probe, timeout=30).json().get("message") in (0, None)
	own = {"doctype": APP, "filters": frappe.as_json([["name", "=", world["a"].name]])}
	assert hr.get(url, params=own, timeout=30).json().get("message") == 1
	child = expert.get(
		f"{BASE_URL}/api/resource/Application Return",
		params={"parent": APP, "fields": '["name","reasons","parent"]', "limit_page_length": 500},
		timeout=30,
	)
	assert child.status_code == 403 or not child.json().get("data"), child.text


def test_submission_still_works_with_field_ownership(world):
	"""The server writes the fields it owns during the applicant's own save (counters, facts)."""
	frappe.set_user(world["users"]["applicant"])
	doc = frappe.get_doc(APP, world["a"].name)
	assert doc.region == "温宿县" and doc.unit_location == "County"
	assert doc.applicant_user == world["users"]["applicant"]
	frappe.set_user("Administrator")
	with pytest.raises(frappe.ValidationError):  # the precheck still refuses an incomplete file
		frappe.set_user(world["users"]["applicant"])
		try:
			apply_workflow(doc, "Submit")
		finally:
			frappe.set_user("Administrator")
	frappe.db.rollback()


def test_a_review_expert_reads_no_user_of_the_campaign(world):
	frappe.set_user(world["users"]["expert"])
	try:
		others = [u for u in world["users"].values() if u != world["users"]["expert"]]
		try:
			seen = frappe.get_list("User", filters={"name": ("in", others)}, fields=["name", "full_name"])
		except frappe.PermissionError:
			seen = []
		assert seen == []
		assert not any(frappe.has_permission("User", "read", doc=u) for u in others)
	finally:
		frappe.set_user("Administrator")


def test_a_notices_batch_documents_are_read_by_the_bureaus_only(world):
	"""The 任职资格文件 and the 公示情况报告 carry every name of a notice: attached to their
	Generated Document, read by the bureaus and committee offices, not by applicants, units or experts."""
	generated = frappe.get_doc(
		{
			"doctype": "Generated Document",
			"kind": "qualification_document",
			"title": "任职资格文件",
			"reference_doctype": "Title Notice",
			"reference_name": world["notice"].name,
			"version": 1,
		}
	).insert(ignore_permissions=True)
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": "任职资格文件.docx",
			"content": b"names",
			"is_private": 1,
			"attached_to_doctype": "Generated Document",
			"attached_to_name": generated.name,
		}
	).insert(ignore_permissions=True)
	for role, expected in (("applicant", False), ("hr", False), ("expert", False), ("county", True)):
		frappe.set_user(world["users"][role])
		try:
			assert bool(frappe.has_permission("File", "read", doc=file)) is expected, role
			assert bool(frappe.get_list("File", filters={"name": file.name}, pluck="name")) is expected, role
		finally:
			frappe.set_user("Administrator")
	frappe.db.rollback()


def test_the_precheck_reveals_nothing_of_another_persons_id_number(world):
	from zhicheng_app.api.precheck import precheck

	b = world["b"]
	form = {
		"notice": b.notice,
		"route": b.route,
		"series": b.series,
		"profession": b.profession,
		"target_level": b.target_level,
		"applicant_name": "冒用者",
		"id_number": b.id_number,
		"employer_unit": world["units"][0].name,
	}
	banned = {f["rule_id"] for f in precheck(b.name)["findings"]}
	assert "BAN-FRAUD" in banned  # the sanction is on b's number and the administrator sees it
	frappe.set_user(world["users"]["applicant"])
	try:
		findings = {f["rule_id"] for f in precheck(frappe.as_json(form))["findings"]}
		assert "BAN-FRAUD" not in findings and "ONE-ROUTE" not in findings
		with pytest.raises(frappe.ValidationError, match="其他账号"):
			frappe.get_doc({"doctype": APP, **form}).insert()
	finally:
		frappe.set_user("Administrator")
	frappe.db.rollback()


def test_a_committee_office_with_committees_acts_on_their_notices_only(world):
	from tests.integration.factories import unique

	committee = frappe.get_doc(
		{"doctype": "Evaluation Committee", "committee_name": unique("测试评审委员会")}
	).insert(ignore_permissions=True)
	ours = make_notice(committees=[{"committee": committee.name}])
	app = _application(world["units"][0], ours, world["users"]["applicant"], "丙申报人")
	office = make_user("Committee Office", ("Evaluation Committee", committee.name), PASSWORD)
	unrestricted = make_user("Committee Office", password=PASSWORD)
	frappe.set_user(office)
	try:
		assert frappe.get_list(APP, filters={"name": ("in", [app.name, world["b"].name])}, pluck="name") == [
			app.name
		]
		assert frappe.has_permission(APP, "write", doc=frappe.get_doc(APP, app.name))
		assert not frappe.has_permission(APP, "read", doc=frappe.get_doc(APP, world["b"].name))
		assert get_count(APP, {"name": world["b"].name}) == 0
	finally:
		frappe.set_user("Administrator")
	frappe.set_user(unrestricted)  # no committee in its User Permissions: every notice
	try:
		assert frappe.has_permission(APP, "read", doc=frappe.get_doc(APP, world["b"].name))
	finally:
		frappe.set_user("Administrator")
	frappe.db.rollback()


def test_the_list_condition_and_the_document_check_agree(world):
	"""permissions.Scope writes each rule twice, as SQL for lists and in Python for documents:
	for every scoped role, the two select the same applications among all on the site."""
	from zhicheng_app.permissions import APPLICATION_FIELDS, get_scope

	rows = frappe.get_all(APP, fields=["name", *APPLICATION_FIELDS])
	assert len(rows) >= 2
	for role in (*SCOPED_ROLES, "other_applicant"):
		user = world["users"][role]
		scope = get_scope(user)
		condition = scope.condition() or "1=1"
		by_sql = {r[0] for r in frappe.db.sql(f"select name from `tabTitle Application` where {condition}")}
		by_python = {r.name for r in rows if scope.allows(r)}
		assert by_sql == by_python, role


# ================================================================ through the REST API, every role × every DocType
# Who reads what, as data. Every role of the app (roles.py) by its key, every DocType of the app
# (children included). ALL: both records; OWN: the record of the user's own scope ("a": their
# application, unit, region, committee) and not the other ("b"); NONE: neither. A child table
# has its own entry (most read as their parent); a record's attachments read as the record.
ROLE_KEYS = {
	"admin": "Title Administrator",
	"applicant": "Title Applicant",
	"hr": "Unit HR",
	"supervisor": "Supervising Unit Officer",
	"county": "County HRSS Officer",
	"prefecture": "Prefecture HRSS Officer",
	"pes": "Employment Service Officer",
	"committee": "Committee Office",
	"expert": "Review Expert",
}
ALL, OWN, NONE = "all", "own", "none"


def _policy(default: str, **roles: str) -> dict[str, str]:
	return {key: roles.get(key, default) for key in ROLE_KEYS}


# an application and everything made from it: its own people, never the review expert
APPLICATION_DATA = _policy(OWN, admin=ALL, expert=NONE)
# reference data: every logged-in role reads it (a bureau the regions of its User Permissions, as
# Frappe's User Permissions go), administrators write it
REFERENCE = _policy(ALL)
# a committee office its notices' defense sessions (their panels and schedules); a review expert
# only the sessions of their own panel (none here), never the rows (the applications scheduled)
DEFENSE = _policy(NONE, admin=ALL, committee=OWN)
# blind review: a committee office its notices' packets; a review expert only the packets of the
# meetings they sit on (none here), and never an application, unit or user
PACKET = _policy(NONE, admin=ALL, committee=OWN)
# a committee office its committees' meetings; a review expert only the meetings they sit on
MEETING = _policy(NONE, admin=ALL, committee=OWN)
# the administrators' (a setting, what the app told whom, the vote audit)
ADMINISTRATORS = _policy(NONE, admin=ALL)
READ_POLICY = {
	APP: APPLICATION_DATA,
	**{
		dt: APPLICATION_DATA
		for dt in (
			"Application Achievement",
			"Application Assessment",
			"Application Attachment",
			"Application Continuing Education",
			"Application Education",
			"Application Grassroots Service",
			"Application Return",
			"Application Work History",
		)
	},
	"Generated Document": _policy(NONE, admin=ALL, county=OWN, prefecture=OWN, committee=OWN),
	# the objections of the applications in scope (unit and results publicity)
	"Publicity Objection": _policy(OWN, admin=ALL, applicant=NONE, expert=NONE),
	# the masking of an application's image reads as the application
	"Material Redaction": APPLICATION_DATA,
	"Unit Registration": _policy(NONE, admin=ALL, county=OWN, prefecture=OWN),
	# a fee payment reads as its application
	"Fee Payment": APPLICATION_DATA,
	# what the app told whom: administrators only (no role reads it on the desk, the recipient
	# reads the e-mail or the system notification itself)
	"Notification Sent": ADMINISTRATORS,
	# a setting (a Single DocType: one record, the same for "a" and "b")
	"Deadline Reminder Settings": ADMINISTRATORS,
	"Title Sanction": _policy(NONE, admin=ALL, committee=ALL),
	# the unit of the user's User Permission (a supervising unit officer's is the supervising
	# unit itself, neither a's nor b's), those of a bureau's regions; applicants choose theirs
	# among all; a committee office reads every unit
	"Employer Unit": _policy(OWN, admin=ALL, applicant=ALL, supervisor=NONE, committee=ALL, expert=NONE),
	# a bureau reads the regions of its User Permissions and below; the review expert has no
	# use for regions (nor units, committees) and no permission on them
	"Region": _policy(ALL, county=OWN, prefecture=OWN, pes=OWN, expert=NONE),
	"Title Series": REFERENCE,
	"Title Profession": REFERENCE,
	"Title Name": REFERENCE,
	"Evaluation Committee": _policy(ALL, committee=OWN, expert=NONE),
	"Committee Scope": _policy(ALL, committee=OWN, expert=NONE),
	# the notices and their tables: every role (the portal's applicants and units, the experts' criteria)
	"Title Notice": REFERENCE,
	**{
		dt: REFERENCE
		for dt in (
			"Notice Basis",
			"Notice CE Policy",
			"Notice Committee",
			"Notice Contact",
			"Notice County",
			"Notice Defense",
			"Notice Degree Grant",
			"Notice Exam Replaced Profession",
			"Notice Exam Requirement",
			"Notice Fee",
			"Notice Holiday",
			"Notice Initial Junior Rule",
			"Notice Keyword",
			"Notice Material",
			"Notice Remark",
			"Notice Resubmission",
			"Notice Route",
			"Notice Rule Clause",
			"Notice Scope",
			"Notice Skill Integration",
			"Notice Window",
		)
	},
	"Document Template": ADMINISTRATORS,
	"Defense Session": DEFENSE,
	"Defense Panel Member": DEFENSE,
	"Defense Session Application": DEFENSE,
	"Review Packet": PACKET,
	"Review Packet Achievement": PACKET,
	"Review Packet Material": PACKET,
	# which application a packet is: the committee office of the application's notice, never an expert
	"Review Packet Source": PACKET,
	"Review Meeting": MEETING,
	"Review Meeting Expert": MEETING,
	"Review Meeting Packet": MEETING,
	"Review Meeting Recusal": MEETING,
	# a vote: its expert (the matrix's expert cast none) and the administrators' audit
	"Review Vote": ADMINISTRATORS,
}
# every DocType of the app by its JSON file: each must have its entry above
DOCTYPE_DIR = Path(__file__).resolve().parents[2] / "zhicheng_app" / "zhicheng" / "doctype"


def doctypes_on_disk() -> dict[str, dict]:
	"""name -> the DocType's JSON, for every DocType folder of the app."""
	out = {}
	for folder in sorted(p for p in DOCTYPE_DIR.iterdir() if p.is_dir()):
		path = folder / f"{folder.name}.json"
		if path.exists():
			meta = json.loads(path.read_text())
			if meta.get("doctype") == "DocType":
				out[meta["name"]] = meta
	return out


def test_every_doctype_of_the_app_has_a_read_policy():
	on_disk = doctypes_on_disk()
	assert len(on_disk) > 40
	assert set(on_disk) - set(READ_POLICY) == set(), "DocTypes without a read policy"
	assert set(READ_POLICY) - set(on_disk) == set(), "read policies of no DocType"
	# a Single DocType has one record: a policy of "own scope" means nothing for it
	singles = [dt for dt, meta in on_disk.items() if meta.get("issingle")]
	assert all(OWN not in READ_POLICY[dt].values() for dt in singles), singles


# server-owned fields with a forged value (or one for record a and one for b). A field is the
# role's own only when it is not read-only, not a tree or naming field, and the role writes its
# permission level; every other role's forged write must not be stored.
TREE_AND_NAMING = {
	"Region": {"lft", "rgt", "old_parent", "region_name"},
	"Employer Unit": {"unit_name"},
	"Evaluation Committee": {"committee_name"},
	"Title Series": {"series_name"},
	"Title Profession": {"profession_name"},
	"Title Name": {"title_name", "series"},
	"Title Notice": {"code"},
	"Document Template": {"kind"},
}


def _server_owned(world, records) -> dict[str, dict]:
	a, b = world["a"], world["b"]
	return {
		# values that differ from both records' (a has a return row, a supervising unit; b neither)
		# and fit their fields, so that the request guard lets one request carry them all
		APP: {
			**FORGED,
			"submission_count": 7,
			"return_count": 77,
			"supervising_unit": (b.employer_unit, world["supervisor"].name),
		},
		"Region": {"lft": 9001, "rgt": 9002, "old_parent": "乌鲁木齐市", "region_name": "矩阵伪造"},
		"Employer Unit": {
			"unit_name": "矩阵伪造单位",
			"ownership": "Private Enterprise",
			"location": "Township",
			"region": "乌鲁木齐市",
			"supervising_unit": world["supervisor"].name + "x",
			"out_of_xinjiang": 1,
			"disabled": 1,
		},
		"Title Notice": {"code": "矩阵伪造", "copy_review": "伪造", "copied_from": (b.notice, a.notice)},
		"Generated Document": {
			"kind": "forged",
			"title": "伪造",
			"reference_name": (b.name, a.name),
			"version": 99,
			"superseded": 1,
			"file": "/private/files/forged.docx",
			"content_hash": "0" * 64,
			"token": "forged",
			"subject": "伪造",
		},
		"Document Template": {
			"kind": "appraisal_form",
			"validated_at": "2020-01-01 00:00:00",
			"variables": "伪造",
			"warnings": "伪造",
			"sample_file": "/private/files/forged.docx",
		},
		"Publicity Objection": {
			"application": (b.name, a.name),
			"applicant_name": "伪造",
			"employer_unit": world["supervisor"].name,
			"resolved_on": "2020-01-01",
			"resolved_by": "Administrator",
		},
		"Unit Registration": {
			"status": "Registered",
			"user": "Administrator",
			"employer_unit": world["supervisor"].name,
			"reviewed_by": "Administrator",
			"reviewed_at": "2020-01-01 00:00:00",
			"business_licence": "/private/files/forged.pdf",
		},
		"Evaluation Committee": {"committee_name": "矩阵伪造"},
		"Title Series": {"series_name": "矩阵伪造"},
		"Title Profession": {"profession_name": "矩阵伪造"},
		"Title Name": {
			"title_name": "矩阵伪造",
			"series": (records["Title Series"]["b"], records["Title Series"]["a"]),
		},
		"Title Sanction": {"id_number": resident_id(), "person_name": "伪造"},
		"Application Return": {"reasons": "伪造"},
		"Defense Session": {"status": "Results Recorded", "results_recorded_at": "2020-01-01 00:00:00"},
		"Review Packet": {"route": "Grant by Degree", "personal_summary": "伪造", "years_of_work": 99},
		"Review Packet Source": {"application": (b.name, a.name)},
		"Review Meeting": {
			"status": "Closed",
			"closed_by": "Administrator",
			"closed_at": "2020-01-01 00:00:00",
		},
		"Review Vote": {"vote": "Disagree", "expert": "Guest"},
		"Fee Payment": {
			"status": "Refunded",
			"paid_at": "2020-01-01 00:00:00",
			"recorded_by": "Guest",  # the matrix's payments are recorded by Administrator
			"refunded_by": "Administrator",
			"refund_reason": "伪造",
			"committee": "伪造",
			"applicant_name": "伪造",
		},
		"Notification Sent": {"kind": "Deadline Reminder", "subject": "伪造", "recipient": "Administrator"},
		"Deadline Reminder Settings": {"reminder_hours": 999},
		"Material Redaction": {
			"status": "Confirmed",
			"confirmed_by": "Administrator",
			"confirmed_at": "2020-01-01 00:00:00",
			"redacted_file": "/private/files/forged.jpg",
			"error": "伪造",
		},
		"Defense Session Application": {"result": "Passed", "outcome": "伪造", "scheduled": 1},
		"Review Packet Achievement": {"title": "伪造"},
		"Review Packet Material": {"file": "/private/files/forged.pdf"},
		"Review Meeting Expert": {"expert_name": "伪造"},
		"Review Meeting Packet": {"voters": 99, "agree": 99, "result": "Passed"},
		"Review Meeting Recusal": {"note": "伪造"},
	}


def _owner_roles(dt: str, field: str) -> set[str]:
	"""Role keys that own ``field`` of ``dt`` (write it through the form)."""
	meta = frappe.get_meta(dt)
	df = meta.get_field(field)
	if meta.istable or df is None or df.read_only or field in TREE_AND_NAMING.get(dt, ()):
		return set()
	writers = {p.role for p in meta.permissions if p.write and (p.permlevel or 0) == (df.permlevel or 0)}
	return {key for key, role in ROLE_KEYS.items() if role in writers}


def _same(stored, forged) -> bool:
	if forged is None:
		return stored in (None, "")
	try:
		return float(stored) == float(forged)
	except (TypeError, ValueError):
		return str(stored or "")[: len(str(forged))] == str(forged) and bool(str(stored or ""))


@pytest.fixture(scope="module")
def rest_world(world):
	require_server()
	from tests.integration import matrix_support as ms

	frappe.set_user("Administrator")
	built = ms.build(world)
	accounts = ms.users(world, built["committees"]["a"], world["supervisor"].name)
	frappe.db.commit()
	clients = {key: ms.Client(*account) for key, account in accounts.items()}
	yield {**built, "clients": clients, "accounts": accounts}
	frappe.set_user("Administrator")
	frappe.db.rollback()
	ms.remove(built)
	for key in ("supervisor", "pes", "committee"):
		email = accounts[key][0]
		frappe.db.delete("User Permission", {"user": email})
		frappe.delete_doc("User", email, ignore_permissions=True, force=True)
	frappe.db.commit()


@pytest.fixture
def a_on_the_private_route(world):
	"""The employment service reviews the private-enterprise route only: a is on it while the
	read matrix runs, so that every scoped role has a in its scope."""
	route = frappe.db.get_value(APP, world["a"].name, "route")
	frappe.db.set_value(APP, world["a"].name, "route", "Private Enterprise Special", update_modified=False)
	frappe.db.commit()
	yield
	frappe.db.set_value(APP, world["a"].name, "route", route, update_modified=False)
	frappe.db.commit()


def test_rest_read_matrix_every_role_every_doctype(world, rest_world, a_on_the_private_route):
	from tests.integration import matrix_support as ms

	doctypes = ms.app_doctypes()
	# the site's DocTypes of the app are those of the app's files, and the matrix has records of each
	assert set(doctypes) == set(doctypes_on_disk()), set(doctypes) ^ set(doctypes_on_disk())
	records = rest_world["records"]
	assert set(records) == set(doctypes), set(doctypes) ^ set(records)
	assert set(rest_world["clients"]) == set(ROLE_KEYS)
	tasks = {}
	for key, client in rest_world["clients"].items():
		tasks[client] = []
		for dt in doctypes:
			meta = frappe.get_meta(dt)
			if meta.issingle:  # its one record: get and print
				tasks[client] += [(key, dt, "get", "a", None), (key, dt, "print", "a", None)]
				continue
			parent = ms.parent_of(dt)[0] if meta.istable else None
			tasks[client].append((key, dt, "filtered", None, parent))
			for target in ("a", "b"):
				tasks[client] += [(key, dt, "get", target, None), (key, dt, "print", target, None)]
				if not meta.istable:
					tasks[client].append((key, dt, "attachment", target, None))

	def work(client, task) -> list[tuple[str, str, str, str, bool]]:
		"""(role, doctype, path, target, reached) of each cell the task answers."""
		key, dt, path, target, parent = task
		pair = records[dt]
		if path == "filtered":
			names = [pair["a"], pair["b"]]
			out = []
			for name, probe in ms.FILTERED_PROBES.items():
				reached = probe(client, dt, names, parent)
				out += [(key, dt, name, t, pair[t] in reached) for t in ("a", "b")]
			return out
		if path == "attachment":
			return [(key, dt, path, target, ms.probe_attachment(client, *rest_world["files"][(dt, target)]))]
		probe = ms.probe_get if path == "get" else ms.probe_print
		return [(key, dt, path, target, probe(client, dt, pair[target]))]

	sent = sum(c.sent for c in rest_world["clients"].values())
	cells = [cell for cells in ms.run_parallel(tasks, work) for cell in cells]
	sent = sum(c.sent for c in rest_world["clients"].values()) - sent
	leaks, closed = [], []
	for key, dt, path, target, reached in cells:
		level = READ_POLICY[dt][key]
		allowed = level == ALL or (level == OWN and target == "a")
		if reached and not allowed:
			leaks.append(f"{key} {path} {dt} {target}")
		if allowed and not reached and path in ("get", "attachment"):
			closed.append(f"{key} {path} {dt} {target}")
	print(
		f"\nREST read matrix: {len(cells)} cells tried ({len(ROLE_KEYS)} roles × {len(doctypes)} DocTypes"
		f" × {len(ms.READ_PATHS)} paths (no attachments on child rows, get and print of a setting)"
		f" × 2 scopes) in {sent} requests,"
		f" {len(leaks)} leaks"
	)
	print("\n".join(leaks))
	assert leaks == []
	# the policy is not simply closed: every record it opens is read, with its attachment
	assert closed == [], closed


def _insert_base(world, records, dt: str) -> dict | None:
	"""The values of a new record of ``dt`` that its creators could send (server-owned fields
	are added forged); None where a new record has no server-owned field but its name."""
	from tests.integration.factories import credit_code, unique

	a = world["a"]
	return {
		APP: {
			"notice": a.notice,
			"route": a.route,
			"series": a.series,
			"profession": a.profession,
			"target_level": a.target_level,
			"applicant_name": "矩阵新申报人",
			"id_number": resident_id(),
			"employer_unit": a.employer_unit,
		},
		"Region": {"region_name": unique("矩阵镇"), "region_level": "Township", "parent_region": "温宿县"},
		"Employer Unit": {
			"unit_name": unique("矩阵新单位"),
			"credit_code": credit_code(),
			"ownership": "Public Institution",
			"location": "County",
			"region": "温宿县",
		},
		"Title Notice": {"code": unique("矩阵"), "title": "矩阵通知"},
		"Generated Document": {"kind": "commitment", "reference_doctype": APP, "reference_name": a.name},
		"Publicity Objection": {
			"application": a.name,
			"received_on": "2024-09-01",
			"content": "矩阵异议",
			"status": "Unhandled",
		},
		"Unit Registration": {
			"unit_name": unique("矩阵注册"),
			"credit_code": credit_code(),
			"ownership": "Private Enterprise",
			"location": "County",
			"region": "温宿县",
			"hr_contact": "矩阵",
			"phone": "13800000000",
		},
		"Title Sanction": {"reason": "矩阵", "decided_on": "2023-05-01"},
		"Defense Session": {
			"session_title": "矩阵答辩",
			"notice": a.notice,
			"starts_at": "2024-08-05 09:00:00",
			"mode": "On-site",
			"venue": "矩阵答辩室",
		},
		"Fee Payment": {
			"application": a.name,
			"amount": 400,
			"payer_kind": "Applicant",
			"method": "QR Payment",
			"receipt_number": unique("矩阵票据"),
		},
		"Review Meeting": {
			"meeting_title": "矩阵评审会",
			"committee": records["Evaluation Committee"]["a"],
			"notice": a.notice,
		},
		"Material Redaction": {"application": a.name},
		"Review Packet": {"packet_code": unique("P-矩阵")},
		"Review Packet Source": {"packet": records["Review Packet"]["a"], "application": a.name},
		"Review Vote": {
			"meeting": records["Review Meeting"]["a"],
			"packet": records["Review Packet"]["a"],
			"expert": "Administrator",
			"vote": "Agree",
		},
		"Notification Sent": {"application": a.name, "key": unique("矩阵通知")},
	}.get(dt)


def _stored(dt: str, name: str, fields: list[str]):
	"""The stored values of ``fields`` (a setting's too, whether or not it was ever saved)."""
	if frappe.get_meta(dt).issingle:
		return frappe._dict({f: frappe.db.get_single_value(dt, f) for f in fields})
	return frappe.db.get_value(dt, name, fields, as_dict=True)


@pytest.fixture
def write_targets(world, rest_world):
	"""Records the forged writes aim at: the read matrix's, but two leaf regions of the test's own
	instead of real ones; their server-owned fields are put back afterwards, whatever happened."""
	from tests.integration.factories import unique

	frappe.set_user("Administrator")
	regions = {
		key: frappe.get_doc(
			{
				"doctype": "Region",
				"region_name": unique("矩阵镇"),
				"region_level": "Township",
				"parent_region": p,
			}
		)
		.insert(ignore_permissions=True)
		.name
		for key, p in (("a", "温宿县"), ("b", "若羌县"))
	}
	frappe.db.commit()
	targets = {**rest_world["records"], "Region": regions}
	owned = _server_owned(world, targets)
	snapshot = {
		(dt, key): _stored(dt, targets[dt][key], list(fields))
		for dt, fields in owned.items()
		for key in ("a", "b")
	}
	created: list[tuple[str, str]] = []
	yield {"targets": targets, "owned": owned, "snapshot": snapshot, "created": created}
	frappe.db.rollback()
	for (dt, key), values in snapshot.items():
		if values is not None:
			frappe.db.set_value(dt, targets[dt][key], values, update_modified=False)
	for dt, name in reversed(created):
		frappe.delete_doc(dt, name, ignore_permissions=True, force=True)
	for name in regions.values():
		frappe.delete_doc("Region", name, ignore_permissions=True, force=True)
	frappe.db.commit()


def _forged(value, target: str):
	return value[0 if target == "a" else 1] if isinstance(value, tuple) else value


def test_rest_forged_writes_of_server_owned_fields(world, rest_world, write_targets):
	"""Every role × every DocType with server-owned fields × each field it does not own × own and
	other record × PUT /api/resource and frappe.client.set_value, and an insert carrying them all:
	no forged value is stored."""
	from tests.integration import matrix_support as ms

	targets, owned = write_targets["targets"], write_targets["owned"]
	missing = [
		f"{dt} {key} {targets[dt][key]}" for (dt, key), v in write_targets["snapshot"].items() if v is None
	]
	assert missing == [], f"records the forged writes aim at are gone: {missing}"
	tasks = {}
	for key, client in rest_world["clients"].items():
		tasks[client] = []
		for dt, fields in owned.items():
			theirs = {f: v for f, v in fields.items() if key not in _owner_roles(dt, f)}
			if not theirs:
				continue
			for target in ("a", "b"):
				for method in ("put", "set_value"):
					tasks[client].append((key, dt, method, target, theirs))
			if _insert_base(world, targets, dt) is not None:
				tasks[client].append((key, dt, "insert", None, theirs))

	def stored(response, method) -> dict:
		body = response.json() if response.ok else {}
		return (body.get("data") if method in ("put", "insert") else body.get("message")) or {}

	def send(client, dt, method, name, values):
		if method == "put":
			return ms.put(client, dt, name, values)
		if method == "set_value":
			return ms.set_value(client, dt, name, values)
		return ms.insert(client, dt, values)

	def work(client, task):
		key, dt, method, target, fields = task
		if method == "insert":
			values = {**_insert_base(world, targets, dt)}
			values.update(
				{f: _forged(v, "a") for f, v in fields.items() if f not in TREE_AND_NAMING.get(dt, ())}
			)
			r = send(client, dt, "insert", None, values)
			doc = stored(r, "insert")
			if doc.get("name"):
				write_targets["created"].append((dt, doc["name"]))
			forged = {f: v for f, v in values.items() if f in fields and f not in TREE_AND_NAMING.get(dt, ())}
			return [(key, dt, method, "new", f, r.ok and _same(doc.get(f), v)) for f, v in forged.items()]
		name = targets[dt][target]
		values = {f: _forged(v, target) for f, v in fields.items()}
		r = send(client, dt, method, name, values)
		if r.status_code in (200, 403):  # judged at once: refused, or saved with what it stored
			doc = stored(r, method)
			return [(key, dt, method, target, f, r.ok and _same(doc.get(f), v)) for f, v in values.items()]
		fallbacks.append(f"{key} {method} {dt} {target}: {r.status_code}")
		out = []  # refused for one of them: each field on its own
		for f, v in values.items():
			one = send(client, dt, method, name, {f: v})
			out.append((key, dt, method, target, f, one.ok and _same(stored(one, method).get(f), v)))
		return out

	fallbacks: list[str] = []
	sent = sum(c.sent for c in rest_world["clients"].values())
	cells = [cell for cells in ms.run_parallel(tasks, work) for cell in cells]
	sent = sum(c.sent for c in rest_world["clients"].values()) - sent
	print(f"\nforged writes sent one field at a time after a refusal: {fallbacks}")
	leaks = [f"{k} {m} {dt} {t} {f}" for k, dt, m, t, f, leaked in cells if leaked]
	# and in the database: nothing forged stayed on a record
	frappe.db.rollback()
	for (dt, key), before in write_targets["snapshot"].items():
		now = _stored(dt, targets[dt][key], list(before))
		leaks += [f"stored {dt} {key} {f}" for f in before if str(now[f] or "") != str(before[f] or "")]
	roles = {c[0] for c in cells}
	print(
		f"\nREST forged writes: {len(cells)} cells tried ({len(roles)} roles × {len(owned)} DocTypes,"
		f" PUT, set_value and insert × own and other record) in {sent} requests, {len(leaks)} leaks"
	)
	print("\n".join(leaks))
	assert leaks == []
