"""The unit's HR records an objection to the results publicity (会议公示, 000 四、（九）; 001) on the
unit's portal: through the real REST API of the running bench (scope, the publicity period, the
record the committee office reads and that stands in the way of the certification) and in
Chromium (the card on the unit's page of the application).

The module makes its own units, users, notice and applications (unit_portal_support), puts two of
them into Passed Publicity (one publicity running, one ended), commits them for the web server
and deletes them afterwards.
"""

import datetime
import json

import frappe
import pytest

from tests.integration.browser import ALLOWED_WORDS, SCREENSHOTS, assert_no_english, login
from tests.integration.factories import make_user
from tests.integration.rest import BASE_URL, require_server, session
from tests.integration.unit_portal_support import PASSWORD, create_portal_data, remove_portal_data
from zhicheng_app.rules.vocabulary import ObjectionStage, WorkflowState
from zhicheng_app.services.publicity_objections import has_standing_objection

METHOD = f"{BASE_URL}/api/method/zhicheng_app.api.unit_portal.add_results_objection"
OBJECTION = "Publicity Objection"


@pytest.fixture(scope="module")
def portal(frappe_site):
	require_server()
	data = create_portal_data(submitted=("running", "ended", "browser", "unit"), drafts=())
	today = data["today"]
	periods = {
		"running": (today - datetime.timedelta(days=1), today + datetime.timedelta(days=4)),
		"browser": (today, today + datetime.timedelta(days=5)),
		"ended": (today - datetime.timedelta(days=10), today - datetime.timedelta(days=3)),
	}
	for key, (start, end) in periods.items():
		frappe.db.set_value(
			"Title Application",
			data["names"][key],
			{
				"workflow_state": WorkflowState.PASSED_PUBLICITY,
				"results_publicity_start": start,
				"results_publicity_end": end,
			},
		)
	data["office"] = make_user("Committee Office")
	frappe.db.commit()
	yield data
	frappe.db.delete("Notification Log", {"for_user": data["office"]})
	frappe.db.delete("Notification Sent", {"application": ("in", list(data["names"].values()))})
	frappe.delete_doc("User", data["office"], ignore_permissions=True, force=True)
	remove_portal_data(data)
	frappe.db.commit()


def _post(email: str, **data):
	return session(email, PASSWORD).post(METHOD, data=data, timeout=120)


def _message(response) -> str:
	messages = json.loads(response.json().get("_server_messages") or "[]")
	return " ".join(json.loads(m).get("message", "") for m in messages) or response.text


def _objections(name: str) -> list:
	frappe.db.rollback()  # see what the server committed
	return frappe.get_all(
		OBJECTION,
		filters={"application": name},
		fields=["name", "stage", "status", "content", "raised_by", "contact", "received_on", "owner"],
	)


def test_the_unit_records_an_objection_that_reaches_the_committee_office(portal):
	name = portal["names"]["running"]
	hr = portal["actors"]["hr"]
	response = _post(
		hr,
		application=name,
		received_on=portal["today"].isoformat(),
		content="群众来信反映：申报人业绩材料中的获奖证书与实际不符",
		raised_by="张某",
		contact="0997-1234567",
	)
	assert response.ok, response.text
	(objection,) = _objections(name)
	assert objection.stage == ObjectionStage.RESULTS and objection.status == "Unhandled"
	assert (objection.raised_by, objection.contact, objection.owner) == ("张某", "0997-1234567", hr)
	assert str(objection.received_on) == portal["today"].isoformat()
	# the committee office reads it as a desk objection, and it stands in the way of the certification
	frappe.set_user(portal["office"])
	try:
		listed = frappe.get_list(OBJECTION, filters={"application": name}, pluck="name")
	finally:
		frappe.set_user("Administrator")
	assert listed == [objection.name]
	(told,) = frappe.get_all(
		"Notification Log",
		filters={"for_user": portal["office"], "document_name": name},
		fields=["subject", "email_content"],
	)
	assert told.subject == f"职称申报 {name} 的评审结果公示异议"
	assert "获奖证书与实际不符" in told.email_content and "0997-1234567" in told.email_content
	assert not frappe.db.exists("Notification Log", {"for_user": hr, "document_name": name})
	assert has_standing_objection(name, ObjectionStage.RESULTS)
	assert not has_standing_objection(name)  # not the unit's own publicity before the recommendation


def test_another_units_application_is_refused_in_zh(portal):
	name = portal["names"]["running"]
	before = len(_objections(name))
	response = _post(
		portal["actors"]["foreign_hr"],
		application=name,
		received_on=portal["today"].isoformat(),
		content="外单位伪造的异议",
	)
	assert response.status_code == 403, response.text
	assert _message(response) == f"申报 {name} 不是本单位的申报"
	assert len(_objections(name)) == before
	# a name that does not exist reads the same, telling nothing of what exists
	response = _post(
		portal["actors"]["foreign_hr"], application="ZC-0000-99999", received_on="2024-01-01", content="x"
	)
	assert response.status_code == 403 and _message(response) == "申报 ZC-0000-99999 不是本单位的申报"


@pytest.mark.parametrize("key", ["ended", "unit"])
def test_only_during_the_results_publicity(portal, key):
	"""An ended results publicity, and an application still at the unit's review."""
	name = portal["names"][key]
	response = _post(
		portal["actors"]["hr"],
		application=name,
		received_on=portal["today"].isoformat(),
		content="公示期外的异议",
	)
	assert response.status_code == 403, response.text
	if key == "ended":
		assert "单位仅在评审结果公示期内登记异议" in _message(response)
	else:
		assert _message(response) == "申报处于“用人单位审核公示”状态，评审结果公示已不能变更"
	assert _objections(name) == []


def test_the_unit_records_it_on_the_page_of_the_application(page, portal):
	name = portal["names"]["browser"]
	login(page, portal["actors"]["hr"], PASSWORD)
	page.goto(f"/unit-application?application={name}")
	card = page.locator(".zc-results-objections")
	card.wait_for()
	page.locator(".zc-unit-portal[data-ready='1']").wait_for(state="attached")
	assert "评审结果公示期间的异议" in card.inner_text()
	page.fill("#zc-results-objection-raised-by", "李某")
	page.fill("#zc-results-objection-contact", "13800000000")
	page.fill("#zc-results-objection-content", "反映申报人任现职以来年度考核有一年为基本称职")
	SCREENSHOTS.mkdir(parents=True, exist_ok=True)
	page.screenshot(path=str(SCREENSHOTS / "unit_portal_results_objection_form.png"), full_page=True)
	with page.expect_navigation():
		page.click(".zc-add-results-objection")
	card = page.locator(".zc-results-objections")
	row = card.locator("tbody tr")
	row.first.wait_for()
	assert row.count() == 1
	text = row.inner_text()
	assert "李某" in text and "13800000000" in text and "待处理" in text and "基本称职" in text
	# the summary's results publicity now shows the pending objection
	assert "有未处理的异议" in page.locator(".zc-results-publicity").inner_text()
	assert_no_english(page, ALLOWED_WORDS | {"browser", "running", "ended", "unit"})
	page.screenshot(path=str(SCREENSHOTS / "unit_portal_results_objection.png"), full_page=True)
	(objection,) = _objections(name)
	assert objection.stage == ObjectionStage.RESULTS and objection.contact == "13800000000"
