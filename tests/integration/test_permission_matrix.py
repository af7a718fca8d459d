"""A generated permission matrix: every role × every DocType that carries an application's data ×
every read path × own and other scope, plus a forged write of every server-owned field.

A cell is a leak when a user reaches a record outside their scope (or a review expert reaches any
application data at all), or when a forged write of a field the user does not own is stored.
The test prints the number of cells tried and fails on the first list of leaks.
"""

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
	notice = make_notice()
	unit_a = make_unit(location="County", region="温宿县")
	unit_b = make_unit(location="County", region="沙雅县")
	users = {
		"applicant": make_user("Title Applicant", password=PASSWORD),
		"other_applicant": make_user("Title Applicant", password=PASSWORD),
		"hr": make_user("Unit HR", ("Employer Unit", unit_a.name), PASSWORD),
		"other_hr": make_user("Unit HR", ("Employer Unit", make_unit().name), PASSWORD),
		"county": make_user("County HRSS Officer", ("Region", "温宿县"), PASSWORD),
		"expert": make_user("Review Expert", password=PASSWORD),
	}
	a = _application(unit_a, notice, users["applicant"], "甲申报人")
	b = _application(unit_b, notice, users["other_applicant"], "乙申报人")
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
	yield {"users": users, "a": a, "b": b, "notice": notice, "units": (unit_a, unit_b)}
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
