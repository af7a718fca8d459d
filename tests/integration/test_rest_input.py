"""Bad input through the real REST API of the running bench, as users without System Manager:
every answer is 2xx or 4xx, a refusal says why in Chinese, no answer carries a traceback, a
refused write changes nothing and an invalid value is never stored."""

import json
import re
import time

import frappe
import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.integration.factories import make_unit, make_user, resident_id, unique
from tests.integration.rest import BASE_URL, require_server, session
from tests.integration.workflow_support import PROFESSION, chain_notice
from zhicheng_app.services.input_checks import LAYOUT_TYPES, TABLE_TYPES, value_problem
from zhicheng_app.services.request_guard import MAX_REQUEST_BYTES

PASSWORD = "Integration-Test-2024!"
CJK = re.compile(r"[\u4e00-\u9fff]")
JSON = {"Content-Type": "application/json"}  # sent with json.dumps, which writes NaN and Infinity
TRACEBACK_MARKERS = ("Traceback (most recent call last)", "__debugger__", "Werkzeug Debugger")
# Region's tree columns are kept by Frappe's nested set; random values there would reorder the
# site's real regions
NOT_WRITTEN = {"Region": {"lft", "rgt", "old_parent", "parent_region", "is_group"}}
FAST = settings(
	max_examples=25,
	deadline=None,
	database=None,
	suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def world(frappe_site):
	require_server()
	frappe.set_user("Administrator")
	frappe.flags.zhicheng_now = None
	users = {
		"applicant": make_user("Title Applicant", password=PASSWORD),
		"admin": make_user("Title Administrator", password=PASSWORD),
		"system_manager": make_user("System Manager", password=PASSWORD),
	}
	notice = chain_notice("000", now=frappe.utils.now_datetime())
	unit = make_unit()
	users["hr"] = make_user("Unit HR", ("Employer Unit", unit.name), PASSWORD)
	series = frappe.get_doc({"doctype": "Title Series", "series_name": unique("测试系列")}).insert()
	records = [
		notice,
		unit,
		series,
		frappe.get_doc(
			{"doctype": "Title Profession", "profession_name": unique("测试专业"), "series": series.name}
		).insert(),
		frappe.get_doc(
			{
				"doctype": "Title Name",
				"title_name": unique("测试职称"),
				"series": series.name,
				"level": "Intermediate",
			}
		).insert(),
		frappe.get_doc(
			{"doctype": "Evaluation Committee", "committee_name": unique("测试评审委员会")}
		).insert(),
		frappe.get_doc(
			{
				"doctype": "Title Sanction",
				"id_number": resident_id(),
				"reason": "测试",
				"decided_on": "2024-01-01",
			}
		).insert(),
		frappe.get_doc(
			{
				"doctype": "Region",
				"region_name": unique("测试村"),
				"region_level": "Township",
				"parent_region": "若羌镇",  # a leaf no other test counts the children of
			}
		).insert(),
	]
	frappe.set_user(users["applicant"])
	application = frappe.get_doc(
		{
			"doctype": "Title Application",
			"notice": notice.name,
			"route": "Directed Evaluation",
			"series": "工程系列",
			"profession": PROFESSION["000"],
			"target_level": "Intermediate",
			"applicant_name": "输入测试",
			"id_number": resident_id(),
			"employer_unit": unit.name,
		}
	).insert()
	frappe.set_user("Administrator")
	frappe.db.commit()
	writer = {"Title Application": "applicant", "Employer Unit": "hr"}
	targets = {doc.doctype: (writer.get(doc.doctype, "admin"), doc.name) for doc in [application, *records]}
	sessions = {key: session(email, PASSWORD) for key, email in users.items()}
	yield {"targets": targets, "sessions": sessions, "users": users}
	for attempt in range(3):  # other tests may hold locks on the same tables: try again
		try:
			_remove(application, records, users)
			break
		except frappe.QueryDeadlockError:
			frappe.db.rollback()
			if attempt == 2:
				raise
			time.sleep(2)


def _remove(application, records: list, users: dict):
	frappe.db.rollback()
	frappe.set_user("Administrator")
	frappe.delete_doc("Title Application", application.name, ignore_permissions=True, force=True)
	for doc in reversed(records):
		frappe.delete_doc(doc.doctype, doc.name, ignore_permissions=True, force=True)
	for email in users.values():
		frappe.db.delete("User Permission", {"user": email})
		frappe.delete_doc("User", email, ignore_permissions=True, force=True)
	frappe.db.commit()


# ---------------------------------------------------------------------------- the values

texts = st.text(max_size=30)
numbers = st.one_of(
	st.integers(min_value=-(10**20), max_value=10**20),
	st.floats(),  # NaN and infinities included: Python's JSON sends them
	st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
)
dates = st.one_of(
	st.sampled_from(
		[
			"0000-00-00",
			"2024-13-45",
			"2023-02-29",
			"31-12-2024",
			"2024/08/01",
			"9999-12-31",
			"2024-08-01T10:00:00",
			"2024-08-01 25:61:00",
		]
	),
	st.dates().map(str),
	st.text(alphabet="0123456789-: T", max_size=20),
)
odd = st.sampled_from(["abc", "", " ", "null", "true", "-1", "1e309", "９", "a\x00b", "\ud800", "<b>x</b>"])
long_texts = st.sampled_from([141, 5_001, 10_001]).map(lambda n: "字" * n)
shapes = st.one_of(
	st.none(),
	st.booleans(),
	st.lists(st.integers(), max_size=2),
	st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
	st.lists(st.dictionaries(st.sampled_from(["idx", "start_date", "year"]), texts, max_size=2), max_size=2),
)
values = st.one_of(texts, numbers, dates, odd, long_texts, shapes)


def writable_fields(doctype: str) -> list:
	skip = NOT_WRITTEN.get(doctype, set())
	return [
		df
		for df in frappe.get_meta(doctype).fields
		if df.fieldtype not in LAYOUT_TYPES and df.fieldname not in skip
	]


def field_values(doctype: str):
	names = [df.fieldname for df in writable_fields(doctype)]
	return st.dictionaries(st.sampled_from(names), values, min_size=1, max_size=3)


# --------------------------------------------------------------------------- the answers


def messages(body: dict) -> list[str]:
	found = []
	for raw in json.loads(body.get("_server_messages") or "[]"):
		message = json.loads(raw)
		found.append(message.get("message", "") if isinstance(message, dict) else str(message))
	found += [body[key] for key in ("_error_message", "message") if isinstance(body.get(key), str)]
	found += [e.get("message", "") for e in body.get("errors") or [] if isinstance(e, dict)]
	return found


def clean_answer(response) -> dict:
	"""The answer's body after the checks every answer to a non-System-Manager must pass."""
	assert response.status_code < 500, (response.status_code, response.text[:2000])
	for marker in TRACEBACK_MARKERS:
		assert marker not in response.text, response.text[:2000]
	body = response.json()
	assert not {"exc", "exception", "_exc_source"} & set(body), body
	if response.status_code >= 400:
		assert any(CJK.search(m) for m in messages(body)), (response.status_code, body)
	return body


def stored(doctype: str, name: str, fields: list) -> dict:
	"""What the database holds now (the server's commits are seen after a rollback)."""
	frappe.db.rollback()
	meta = frappe.get_meta(doctype)
	scalars = [df.fieldname for df in fields if df.fieldtype not in TABLE_TYPES]
	row = frappe.db.get_value(doctype, name, ["modified", *scalars], as_dict=True)
	for df in fields:
		if df.fieldtype in TABLE_TYPES:
			row[df.fieldname] = frappe.db.count(
				meta.get_field(df.fieldname).options, {"parent": name, "parentfield": df.fieldname}
			)
	return row


def send(http, method: str, url: str, **kw):
	"""One request; sent again when the development server was restarting (it reloads whenever a
	source file changes) and dropped the connection."""
	for attempt in range(5):
		try:
			return http.request(method, url, timeout=60, **kw)
		except requests.ConnectionError:
			if attempt == 4:
				raise
			time.sleep(2)


def _url(doctype: str, name: str = "") -> str:
	return f"{BASE_URL}/api/resource/{doctype}" + (f"/{name}" if name else "")


# ----------------------------------------------------------------------------- the tests

WRITABLE = [
	"Title Application",
	"Employer Unit",
	"Title Notice",
	"Title Sanction",
	"Evaluation Committee",
	"Title Series",
	"Title Profession",
	"Title Name",
	"Region",
]


@pytest.mark.parametrize("doctype", WRITABLE)
def test_random_updates_are_answered_cleanly_and_refusals_change_nothing(world, doctype):
	key, name = world["targets"][doctype]
	http = world["sessions"][key]
	meta_fields = {df.fieldname: df for df in writable_fields(doctype)}

	@FAST
	@given(field_values(doctype))
	def update(data):
		fields = [meta_fields[f] for f in data]
		before = stored(doctype, name, fields)
		response = send(http, "PUT", _url(doctype, name), data=json.dumps(data), headers=JSON)
		clean_answer(response)
		after = stored(doctype, name, fields)
		if response.status_code >= 400:
			assert after == before, (data, response.text[:500])
			return
		for df in fields:  # accepted: a value that does not fit its field was dropped, not stored
			if df.fieldtype not in TABLE_TYPES and value_problem(df, data[df.fieldname]):
				assert after[df.fieldname] == before[df.fieldname], (df.fieldname, data, after)

	update()


@pytest.mark.parametrize("doctype", [*WRITABLE, "Document Template", "Generated Document"])
def test_random_creations_are_answered_cleanly(world, doctype):
	key, _name = world["targets"].get(doctype, ("admin", None))
	http = world["sessions"][key]
	owner = world["users"][key]

	@settings(FAST, max_examples=10)
	@given(field_values(doctype))
	def create(data):
		frappe.db.rollback()
		count = frappe.db.count(doctype, {"owner": owner})
		response = send(http, "POST", _url(doctype), data=json.dumps(data), headers=JSON)
		body = clean_answer(response)
		frappe.db.rollback()
		if response.status_code >= 400:
			assert frappe.db.count(doctype, {"owner": owner}) == count
		else:  # a random record that passed every check: remove it
			frappe.delete_doc(doctype, body["data"]["name"], ignore_permissions=True, force=True)
			frappe.db.commit()

	create()


@pytest.mark.parametrize(
	"value, field",
	[
		("abc", "考试年度"),
		("0000-00-00", "参加工作时间"),
		("2024-13-45", "参加工作时间"),
		("abc", "考试成绩"),
	],
)
def test_garbage_in_typed_fields_is_refused_naming_the_field(world, value, field):
	_key, name = world["targets"]["Title Application"]
	fieldname = {"考试年度": "exam_year", "参加工作时间": "first_work_date", "考试成绩": "exam_score"}[field]
	before = stored("Title Application", name, [frappe.get_meta("Title Application").get_field(fieldname)])
	response = send(
		world["sessions"]["applicant"], "PUT", _url("Title Application", name), json={fieldname: value}
	)
	assert response.status_code == 417
	assert any(field in m for m in messages(clean_answer(response)))
	assert (
		stored("Title Application", name, [frappe.get_meta("Title Application").get_field(fieldname)])
		== before
	)


def test_a_summary_over_the_limit_is_refused(world):
	_key, name = world["targets"]["Title Application"]
	response = send(
		world["sessions"]["applicant"],
		"PUT",
		_url("Title Application", name),
		json={"personal_summary": "字" * 10_001},
	)
	assert response.status_code == 417
	assert any("个人总结" in m and "10000" in m for m in messages(clean_answer(response)))


def test_a_3_mb_body_gets_a_clean_413(world):
	_key, name = world["targets"]["Title Application"]
	body = {"personal_summary": "x" * (3 * 2**20)}
	assert len(json.dumps(body)) > MAX_REQUEST_BYTES
	response = send(world["sessions"]["applicant"], "PUT", _url("Title Application", name), json=body)
	assert response.status_code == 413
	clean_answer(response)


@pytest.mark.parametrize(
	"data, content_type, status",
	[
		("{not json", "application/json", 400),
		("[1, 2]", "application/json", 417),
		('{"education": "abc"}', "application/json", 417),
		('{"education": [1]}', "application/json", 417),
	],
)
def test_malformed_bodies_get_4xx(world, data, content_type, status):
	_key, name = world["targets"]["Title Application"]
	response = send(
		world["sessions"]["applicant"],
		"PUT",
		_url("Title Application", name),
		data=data,
		headers={"Content-Type": content_type},
	)
	assert response.status_code == status, response.text[:500]
	clean_answer(response)


def test_desk_and_portal_write_paths_are_checked_too(world):
	_key, name = world["targets"]["Title Application"]
	http = world["sessions"]["applicant"]
	calls = [
		(
			"frappe.client.set_value",
			{"doctype": "Title Application", "name": name, "fieldname": "exam_year", "value": "abc"},
		),
		(
			"frappe.client.save",
			{"doc": json.dumps({"doctype": "Title Application", "name": name, "education": "abc"})},
		),
		(
			"frappe.website.doctype.web_form.web_form.accept",
			{"web_form": "title-application", "data": json.dumps({"name": name, "education": "abc"})},
		),
		("frappe.client.save", {"doc": "{not json"}),
	]
	for method, data in calls:
		response = send(http, "POST", f"{BASE_URL}/api/method/{method}", data=data)
		assert 400 <= response.status_code < 500, (method, response.status_code, response.text[:500])
		clean_answer(response)


def test_a_system_manager_still_sees_the_traceback(world):
	"""Only the others have it removed (where System Settings show tracebacks at all)."""
	if not frappe.get_system_settings("allow_error_traceback"):
		pytest.skip("System Settings hide tracebacks from everyone")
	_key, name = world["targets"]["Title Application"]
	response = send(
		world["sessions"]["system_manager"],
		"PUT",
		_url("Title Application", name),
		data="[1, 2]",
		headers=JSON,
	)
	assert response.status_code == 417
	assert "Traceback (most recent call last)" in response.json()["exc"]
