"""What an error response may show, checked in-process on the after_request hook: a user without
System Manager gets no traceback, and a server error still says something in Chinese."""

import json

import frappe
import pytest
from werkzeug.wrappers import Response

from tests.integration.factories import make_user
from zhicheng_app.services.request_guard import after_request

FRAPPE_ERROR = {
	"exc_type": "TypeError",
	"exception": "TypeError: unsupported operand",
	"exc": json.dumps(["Traceback (most recent call last):\n  File ..."]),
	"_exc_source": "zhicheng_app (app)",
}


def _answer(body: dict, status: int, user: str) -> tuple[int, dict]:
	response = Response(json.dumps(body), status=status, mimetype="application/json")
	frappe.set_user(user)
	try:
		after_request(response=response)
	finally:
		frappe.set_user("Administrator")
	return response.status_code, json.loads(response.get_data())


@pytest.fixture
def applicant():
	return make_user("Title Applicant")  # rolled back with the test


def test_a_server_error_reaches_an_applicant_without_its_traceback(applicant):
	status, body = _answer(FRAPPE_ERROR, 500, applicant)
	assert status == 500 and body["exc_type"] == "TypeError"
	assert not {"exc", "exception", "_exc_source"} & set(body)
	messages = [json.loads(m)["message"] for m in json.loads(body["_server_messages"])]
	assert messages and "请" in messages[0]


def test_a_refusal_keeps_its_message_and_loses_the_traceback(applicant):
	refusal = {**FRAPPE_ERROR, "exc_type": "ValidationError", "_server_messages": json.dumps(["{}"])}
	status, body = _answer(refusal, 417, applicant)
	assert status == 417 and body["_server_messages"] == refusal["_server_messages"]
	assert "exc" not in body and "exception" not in body


def test_api_v2_errors_lose_their_traceback(applicant):
	v2 = {"errors": [{"type": "ValidationError", "exception": "Traceback ...", "message": "字段有误"}]}
	_status, body = _answer(v2, 417, applicant)
	assert body["errors"] == [{"type": "ValidationError", "message": "字段有误"}]


def test_a_system_manager_keeps_the_traceback():
	status, body = _answer(FRAPPE_ERROR, 500, "Administrator")
	assert status == 500 and body["exc"] == FRAPPE_ERROR["exc"]


def test_an_html_error_page_with_a_traceback_is_replaced(applicant):
	page = Response(
		"<pre>Traceback (most recent call last):\n  File ...</pre>", status=500, mimetype="text/html"
	)
	frappe.set_user(applicant)
	try:
		after_request(response=page)
	finally:
		frappe.set_user("Administrator")
	text = page.get_data(as_text=True)
	assert "Traceback" not in text and "服务器错误" in text
