"""The employer unit's portal methods (zhicheng_app.api.unit_portal) through the real REST API of
the running bench: scope, field ownership, the publicity guard, objections, the unit's decisions,
documents and signed scans."""

import datetime
import io
import json
import re
import time
import zipfile

import frappe
import pytest

from tests.integration.rest import BASE_URL, require_server, session
from tests.integration.unit_portal_support import PASSWORD, create_portal_data, remove_portal_data

METHOD = f"{BASE_URL}/api/method/zhicheng_app.api.unit_portal."
DOCUMENTS = f"{BASE_URL}/api/method/zhicheng_app.api.documents."


@pytest.fixture(scope="module")
def portal(frappe_site):
	require_server()
	data = create_portal_data()
	frappe.db.commit()
	yield data
	remove_portal_data(data)
	frappe.db.commit()


def _session(email):
	return session(email, PASSWORD)


def _post(http, method: str, **data):
	return http.post(METHOD + method, data=data, timeout=120)


def _get(http, method: str, **params):
	return http.get(METHOD + method, params=params, timeout=60)


def _message(response) -> str:
	messages = json.loads(response.json().get("_server_messages") or "[]")
	return " ".join(json.loads(m).get("message", "") for m in messages) or response.text


def _fresh(name: str, field: str):
	frappe.db.rollback()  # see what the server committed
	return frappe.db.get_value("Title Application", name, field)


def _days_ago(portal, days: int) -> str:
	return (portal["today"] - datetime.timedelta(days=days)).isoformat()


def _publicise(http, name: str, portal, start_days_ago: int = 30, end_days_ago: int = 15):
	"""A publicity that ended well before today and lasted long enough in any month."""
	response = _post(
		http,
		"save_publicity",
		application=name,
		publicity_start=_days_ago(portal, start_days_ago),
		publicity_end=_days_ago(portal, end_days_ago),
	)
	assert response.ok, response.text
	return response.json()["message"]


# ----------------------------------------------------------------- scope


def test_the_unit_lists_its_applications_with_zh_labels_and_another_unit_none(portal):
	names = portal["names"]
	rows = _get(_session(portal["actors"]["hr"]), "applications").json()["message"]
	by_name = {row["name"]: row for row in rows}
	assert set(names.values()) <= set(by_name)
	row = by_name[names["guarded"]]
	assert row["state_label"] == "用人单位审核公示"
	assert row["route_label"] == "定向评价" and row["level_label"] == "中级"
	assert row["applicant_name"] == "公示guarded" and row["notice_label"]
	assert by_name[names["junior_a"]]["state_label"] == "填报中"
	foreign = _get(_session(portal["actors"]["foreign_hr"]), "applications").json()["message"]
	assert not set(names.values()) & {row["name"] for row in foreign}


@pytest.mark.parametrize(
	"method, data",
	[
		("application", {}),
		("save_publicity", {"publicity_start": "2024-07-15", "publicity_end": "2024-07-19"}),
		("add_objection", {"received_on": "2024-07-16", "content": "外单位登记的异议"}),
		("recommend", {}),
		("return_to_applicant", {"reason": "外单位退回"}),
		("download_documents", {"document": "publicity", "applications": "[]"}),
	],
)
def test_another_units_hr_is_refused(portal, method, data):
	name = portal["names"]["guarded"]
	http = _session(portal["actors"]["foreign_hr"])
	if method == "download_documents":
		data = {**data, "applications": json.dumps([name])}
		response = _post(http, method, **data)
	elif method == "application":
		response = _get(http, method, name=name)
	else:
		response = _post(http, method, application=name, **data)
	assert response.status_code == 403, response.text
	assert _fresh(name, "workflow_state") == "Unit Review"
	assert _fresh(name, "publicity_start") is None
	assert not frappe.db.exists("Publicity Objection", {"application": name})


def test_the_applicant_cannot_enter_the_units_publicity(portal):
	name = portal["names"]["guarded"]
	response = _post(
		_session(portal["actors"]["applicant"]),
		"save_publicity",
		application=name,
		publicity_start="2024-07-15",
		publicity_end="2024-07-19",
	)
	assert response.status_code == 403, response.text
	assert "用人单位" in _message(response)
	assert _fresh(name, "publicity_start") is None


# ----------------------------------------------------------------- field ownership


def test_unit_hr_cannot_write_server_owned_or_applicant_fields(portal):
	name = portal["names"]["second"]
	http = _session(portal["actors"]["hr"])
	before = frappe.db.get_value(
		"Title Application", name, ["submission_count", "fee_amount", "personal_summary"], as_dict=True
	)
	# server-owned fields (permission level 3) sent with the unit's own are put back by Frappe
	response = http.put(
		f"{BASE_URL}/api/resource/Title Application/{name}",
		data={"data": json.dumps({"submission_count": 7, "fee_amount": 1, "publicity_notes": "单位说明"})},
		timeout=60,
	)
	assert response.ok, response.text
	assert _fresh(name, "submission_count") == before.submission_count
	assert float(_fresh(name, "fee_amount") or 0) == float(before.fee_amount or 0)
	assert _fresh(name, "publicity_notes") == "单位说明"
	# the applicant's content is not the unit's to change while it reviews
	response = http.put(
		f"{BASE_URL}/api/resource/Title Application/{name}",
		data={"data": json.dumps({"personal_summary": "单位改写的总结"})},
		timeout=60,
	)
	assert response.status_code == 403, response.text
	assert _fresh(name, "personal_summary") == before.personal_summary
	# the portal method writes only the publicity, whatever else is sent
	response = _post(
		http,
		"save_publicity",
		application=name,
		publicity_start="2024-07-15",
		publicity_end="2024-07-19",
		submission_count=9,
		workflow_state="Committee Review",
	)
	assert response.ok, response.text
	assert _fresh(name, "workflow_state") == "Unit Review"
	assert _fresh(name, "submission_count") == before.submission_count


def test_the_proposed_end_counts_working_days_on_the_official_calendar(portal):
	response = _get(
		_session(portal["actors"]["hr"]),
		"propose_publicity_end",
		application=portal["names"]["guarded"],
		start="2024-04-29",
	)
	proposal = response.json()["message"]
	assert proposal["earliest_end"] == "2024-05-08"  # Labour Day 05-01…05-05 does not count
	assert proposal["message"] == "最早可于2024年5月8日结束（5个工作日）"


# ----------------------------------------------------------------- the guard and objections


def test_the_publicity_guard_and_objections_decide_the_recommendation(portal):
	name = portal["names"]["guarded"]
	http = _session(portal["actors"]["hr"])
	# too short: three working days
	view = _publicise(http, name, portal, start_days_ago=60, end_days_ago=60)
	assert any("5" in f["message"] for f in view["findings"])
	response = _post(http, "recommend", application=name)
	assert response.status_code == 417, response.text
	assert "工作日" in _message(response)
	assert _fresh(name, "workflow_state") == "Unit Review"
	# long enough but an objection stands
	view = _publicise(http, name, portal)
	assert view["findings"] == []
	response = _post(
		http, "add_objection", application=name, received_on=_days_ago(portal, 20), content="反映论文存疑"
	)
	assert response.ok, response.text
	objection = response.json()["message"]["name"]
	assert _fresh(name, "publicity_objection") == 1
	response = _post(http, "recommend", application=name)
	assert response.status_code == 417 and "异议" in _message(response)
	# the unit cannot clear the flag itself while the objection stands
	http.put(
		f"{BASE_URL}/api/resource/Title Application/{name}",
		data={"data": json.dumps({"publicity_objection": 0})},
		timeout=60,
	)
	assert _fresh(name, "publicity_objection") == 1
	# a handling needs its result; dismissed after checking, the flag clears
	response = _post(http, "handle_objection", objection=objection, status="Dismissed", handling="")
	assert response.status_code == 417
	response = _post(
		http, "handle_objection", objection=objection, status="Dismissed", handling="经核实，论文真实"
	)
	assert response.ok, response.text
	assert _fresh(name, "publicity_objection") == 0
	frappe.db.rollback()
	record = frappe.get_doc("Publicity Objection", objection)
	assert record.resolved_by == portal["actors"]["hr"] and record.resolved_on
	view = _get(http, "application", name=name).json()["message"]
	assert view["actions"]["Recommend"] == "评审委员会审核"
	response = _post(http, "recommend", application=name)
	assert response.ok, response.text
	assert response.json()["message"]["workflow_state"] == "Committee Review"
	frappe.db.rollback()
	comments = frappe.get_all(
		"Comment",
		filters={"reference_name": name, "comment_type": "Comment"},
		pluck="content",
	)
	assert f"用人单位推荐意见：{view['opinion']}" in comments
	# the publicity is closed once the unit has forwarded the application
	response = _post(
		http, "add_objection", application=name, received_on=_days_ago(portal, 1), content="推荐后的异议"
	)
	assert response.status_code == 403, response.text


def test_objections_are_not_the_applicants_to_read(portal):
	response = _session(portal["actors"]["applicant"]).get(
		f"{BASE_URL}/api/resource/Publicity Objection", params={"fields": '["name"]'}, timeout=60
	)
	assert response.status_code == 403 or response.json()["data"] == []
	response = _session(portal["actors"]["foreign_hr"]).get(
		f"{BASE_URL}/api/resource/Publicity Objection",
		params={"fields": '["name","application"]', "limit_page_length": 0},
		timeout=60,
	)
	assert response.ok, response.text
	assert not {row["application"] for row in response.json()["data"]} & set(portal["names"].values())


def test_a_return_needs_its_reason_and_goes_back_to_the_applicant(portal):
	name = portal["names"]["returned"]
	http = _session(portal["actors"]["hr"])
	response = _post(http, "return_to_applicant", application=name, reason="  ")
	assert response.status_code == 417 and "原因" in _message(response)
	assert _fresh(name, "workflow_state") == "Unit Review"
	response = _post(http, "return_to_applicant", application=name, reason="请补充2023年度考核表")
	assert response.ok, response.text
	assert _fresh(name, "workflow_state") == "Draft"
	response = _get(_session(portal["actors"]["applicant"]), "application", name=name)
	assert response.ok, response.text
	decisions = response.json()["message"]["decisions"]
	assert decisions[0]["content"] == "用人单位退回申报人，原因：请补充2023年度考核表"


# ----------------------------------------------------------------- 004: publicity before the application


def test_a_004_publicity_is_entered_while_the_application_is_a_draft(portal):
	names = portal["names"]
	http = _session(portal["actors"]["hr"])
	view = _get(http, "application", name=names["junior_a"]).json()["message"]
	assert view["workflow_state"] == "Draft" and view["publicity"]["before_application"]
	assert view["publicity"]["editable"]
	assert [d["kind"] for d in view["documents"]] == [
		"publicity_batch_004",
		"publicity_result_batch_004",
		"recommendation_report_004",
	]
	for key in ("junior_a", "junior_b"):
		_publicise(http, names[key], portal)
	response = _post(
		http,
		"download_documents",
		document="publicity",
		applications=json.dumps([names["junior_a"], names["junior_b"]]),
	)
	assert response.ok, response.text
	assert response.headers["Content-Type"].startswith(
		"application/vnd.openxmlformats-officedocument.wordprocessingml"
	)  # one group, so one document for both
	with zipfile.ZipFile(io.BytesIO(response.content)) as docx:
		body = docx.read("word/document.xml").decode("utf-8")
	assert "初定a" in body and "初定b" in body
	# the unit's scans belong to the step where the unit edits: not to the applicant's draft
	response = _upload(http, names["junior_a"], "publicity")
	assert response.status_code == 403, response.text


# ----------------------------------------------------------------- documents and scans


def _text(xml: str) -> str:
	"""The text of a document's XML, its runs joined."""
	return re.sub(r"<[^>]+>", "", xml)


def _upload(http, name: str, document: str, content: bytes = b"%PDF-1.4 signed scan\n%%EOF\n"):
	return http.post(
		f"{BASE_URL}/api/method/upload_file",
		data={
			"doctype": "Title Application",
			"docname": name,
			"is_private": 1,
			"method": "zhicheng_app.api.unit_portal.upload_signed_scan",
			"application": name,
			"document": document,
		},
		files={"file": ("scan.pdf", content, "application/pdf")},
		timeout=60,
	)


def test_the_unit_downloads_its_documents_and_attaches_the_signed_scans(portal):
	names = portal["names"]
	http = _session(portal["actors"]["hr"])
	_publicise(http, names["documents"], portal)
	# one applicant: the file itself, through the existing endpoint and the portal's
	response = http.post(
		DOCUMENTS + "download",
		data={"kind": "unit_publicity_001", "doctype": "Title Application", "name": names["documents"]},
		timeout=120,
	)
	assert response.ok and response.content[:2] == b"PK", response.text[:300]
	# several applicants: one zip with a document each
	response = _post(
		http,
		"download_documents",
		document="publicity",
		applications=json.dumps([names["documents"], names["second"]]),
	)
	assert response.ok, response.text
	with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
		assert len(archive.namelist()) == 2
		assert all(n.startswith("推荐单位公示") and n.endswith(".docx") for n in archive.namelist())
	applicant, unit = (
		_fresh(names["documents"], "applicant_name"),
		_fresh(names["documents"], "employer_unit"),
	)
	unit_name = frappe.db.get_value("Employer Unit", unit, "unit_name")
	# 000 gives its 公示结果 with the 公示 (附件1): the applicant, the unit and the title printed
	response = _post(
		http, "download_documents", document="publicity_result", applications=json.dumps([names["documents"]])
	)
	assert response.ok, response.text
	with zipfile.ZipFile(io.BytesIO(response.content)) as docx:
		body = _text(docx.read("word/document.xml").decode("utf-8"))
	assert "推荐单位公示结果" in body and f"{unit_name}（公章）" in body
	assert f"同意推荐{applicant}同志申报工程系列建筑专业中级专业技术任职资格" in body
	# its 推荐意见 (附件2) in the wording 000 四、（一）14 fixes, naming neither applicant nor unit
	view = _get(http, "application", name=names["documents"]).json()["message"]
	assert [d["kind"] for d in view["documents"]] == [
		"unit_publicity_001",
		"publicity_result_000",
		"recommendation_unit_000",
	]
	response = _post(
		http, "download_documents", document="recommendation", applications=json.dumps([names["documents"]])
	)
	assert response.ok, response.text
	with zipfile.ZipFile(io.BytesIO(response.content)) as docx:
		body = docx.read("word/document.xml").decode("utf-8")
	assert "本单位已对该同志提供的申报材料逐一审核，材料真实、完整、有效，同意推荐。" in body
	assert applicant and unit_name and applicant not in body and unit_name not in body
	# the signed scan
	response = _upload(http, names["documents"], "publicity")
	assert response.ok, response.text
	file_name = response.json()["message"]["file_name"]
	assert file_name == f"公示（签字盖章扫描件）-{names['documents']}.pdf"
	scans = _get(http, "signed_scans", application=names["documents"]).json()["message"]
	assert [s["file_name"] for s in scans] == [file_name]
	assert (
		_upload(_session(portal["actors"]["foreign_hr"]), names["documents"], "publicity").status_code == 403
	)


def test_the_unit_runs_the_batch_of_all_its_publicity_notices(portal):
	unit = portal["actors"]["units"]["prefecture"]
	foreign = _session(portal["actors"]["foreign_hr"])
	response = foreign.post(
		DOCUMENTS + "start_batch", data={"job": "unit_publicity", "name": unit}, timeout=60
	)
	assert response.status_code == 403, response.text
	assert _get(foreign, "unit_files", unit=unit).status_code == 403
	http = _session(portal["actors"]["hr"])
	response = http.post(DOCUMENTS + "start_batch", data={"job": "unit_publicity", "name": unit}, timeout=60)
	assert response.ok, response.text
	deadline = time.monotonic() + 180  # the background worker runs the job
	files = []
	while not files and time.monotonic() < deadline:
		time.sleep(3)
		files = _get(http, "unit_files", unit=unit).json()["message"]
	assert files and files[0]["file_name"].endswith(".zip"), "the batch job attached no zip to the unit"
	content = http.get(BASE_URL + files[0]["file_url"], timeout=60).content
	with zipfile.ZipFile(io.BytesIO(content)) as archive:
		assert len(archive.namelist()) >= 3  # a 公示 for each application the unit has not closed
