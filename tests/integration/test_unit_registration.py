"""A unit registers itself and the HR bureau of its region approves it before the unit can act
(单位注册), through the running bench where the web server's rules matter (the guest's checks,
the login, the review's scope)."""

import json
import random

import frappe
import pytest

from tests.integration.factories import credit_code, make_user
from tests.integration.rest import BASE_URL, require_server, session
from tests.integration.unit_portal_support import PASSWORD, zh_unique
from zhicheng_app.services import unit_registration

REGISTER = f"{BASE_URL}/api/method/zhicheng_app.api.unit_registration.register"
REVIEW = f"{BASE_URL}/api/method/zhicheng_app.api.unit_registration."
LICENCE = b"%PDF-1.4 business licence\n%%EOF\n"


def _values(**kw) -> dict:
	return {
		"unit_name": zh_unique("温宿测试注册公司"),
		"credit_code": credit_code(),
		"ownership": "Private Enterprise",
		"location": "County",
		"region": "温宿县",
		"address": "温宿县测试路1号",
		"hr_contact": "测试注册人",
		"phone": "0997-4567890",
		"email": f"unit.registration.{random.randrange(10**8)}@example.com",
		"password": PASSWORD,
		**kw,
	}


def _register_in_process(**kw):
	"""A guest's registration. It runs in the test's process: the web server would apply Frappe's
	sign-up throttle (60 new accounts an hour), which the test suite itself exceeds."""
	values = _values(**kw)
	frappe.set_user("Guest")
	try:
		doc = unit_registration.register(values, "营业执照.pdf", LICENCE)
	finally:
		frappe.set_user("Administrator")
	frappe.db.commit()
	return doc, values


@pytest.fixture(scope="module")
def bureaus(frappe_site):
	require_server()
	frappe.set_user("Administrator")
	made = {
		"prefecture": make_user("Prefecture HRSS Officer", ("Region", "阿克苏地区")),
		"other_county": make_user("County HRSS Officer", ("Region", "沙雅县")),
		"registrations": [],
	}
	frappe.cache.delete_keys("rl:zhicheng_app.api.unit_registration.register")  # the guest's rate limit
	frappe.db.commit()
	yield made
	frappe.set_user("Administrator")
	frappe.db.rollback()
	for name in made["registrations"]:
		doc = frappe.db.get_value("Unit Registration", name, ["user", "employer_unit"], as_dict=True)
		records = [name, *([doc.employer_unit] if doc.employer_unit else [])]
		for file in frappe.get_all("File", filters={"attached_to_name": ("in", records)}, pluck="name"):
			frappe.delete_doc("File", file, ignore_permissions=True, force=True)
		frappe.delete_doc("Unit Registration", name, ignore_permissions=True, force=True)
		if doc.user:
			frappe.db.delete("User Permission", {"user": doc.user})
			frappe.delete_doc("User", doc.user, ignore_permissions=True, force=True)
		if doc.employer_unit:
			frappe.delete_doc("Employer Unit", doc.employer_unit, ignore_permissions=True, force=True)
	for key in ("prefecture", "other_county"):
		frappe.db.delete("User Permission", {"user": made[key]})
		frappe.delete_doc("User", made[key], ignore_permissions=True, force=True)
	frappe.db.commit()


def _message(response) -> str:
	messages = json.loads(response.json().get("_server_messages") or "[]")
	return " ".join(json.loads(m).get("message", "") for m in messages) or response.text


def test_a_guest_registration_is_checked_before_anything_is_stored(bureaus):
	guest = session()
	values = _values(credit_code="91652900MA7XYZ1234")
	response = guest.post(
		REGISTER, data=values, files={"business_licence": ("执照.pdf", LICENCE)}, timeout=60
	)
	assert response.status_code == 417, response.text
	assert "统一社会信用代码" in _message(response)
	values = _values()
	response = guest.post(REGISTER, data=values, timeout=60)  # no licence
	assert response.status_code == 417 and "营业执照" in _message(response)
	frappe.db.rollback()
	assert not frappe.db.exists("Unit Registration", {"unit_name": values["unit_name"]})
	assert not frappe.db.exists("User", values["email"])
	assert session().get(f"{BASE_URL}/unit-register", timeout=60).ok  # the page is open to guests


def test_a_registered_unit_acts_only_once_its_bureau_approves(bureaus):
	doc, values = _register_in_process(credit_code=credit_code().lower())  # stored normalised
	bureaus["registrations"].append(doc.name)
	assert doc.status == "Awaiting Review" and doc.credit_code == values["credit_code"].upper()
	assert doc.business_licence and frappe.db.get_value("User", values["email"], "enabled") == 0
	assert not frappe.db.exists("Employer Unit", values["unit_name"])
	login = session().post(
		f"{BASE_URL}/api/method/login", data={"usr": values["email"], "pwd": PASSWORD}, timeout=30
	)
	assert not login.ok  # the account waits for the review
	# a bureau of another region cannot review it, nor see it
	other = session(bureaus["other_county"], PASSWORD)
	response = other.post(REVIEW + "approve", data={"registration": doc.name}, timeout=60)
	assert response.status_code == 403, response.text
	listed = other.get(
		f"{BASE_URL}/api/resource/Unit Registration", params={"fields": '["name"]'}, timeout=60
	)
	assert doc.name not in {row["name"] for row in listed.json().get("data", [])}
	# the prefecture's bureau approves: the unit exists and its HR may act on it
	response = session(bureaus["prefecture"], PASSWORD).post(
		REVIEW + "approve", data={"registration": doc.name, "note": "营业执照核验无误"}, timeout=60
	)
	assert response.ok, response.text
	frappe.db.rollback()
	unit = frappe.get_doc("Employer Unit", response.json()["message"]["employer_unit"])
	assert unit.unit_name == values["unit_name"] and unit.credit_code == doc.credit_code
	assert unit.region == "温宿县" and unit.business_licence
	assert "Unit HR" in frappe.get_roles(values["email"])
	assert frappe.db.exists(
		"User Permission", {"user": values["email"], "allow": "Employer Unit", "for_value": unit.name}
	)
	hr = session(values["email"], PASSWORD)
	response = hr.get(f"{BASE_URL}/unit-applications", timeout=60)
	assert response.ok and values["unit_name"] in response.text
	assert frappe.db.get_value("Unit Registration", doc.name, "status") == "Registered"
	# decided once
	response = session(bureaus["prefecture"], PASSWORD).post(
		REVIEW + "refuse", data={"registration": doc.name, "note": "重复审核"}, timeout=60
	)
	assert response.status_code == 417, response.text


def test_a_refusal_needs_its_reason_and_frees_the_address(bureaus):
	doc, values = _register_in_process()
	bureaus["registrations"].append(doc.name)
	prefecture = session(bureaus["prefecture"], PASSWORD)
	response = prefecture.post(REVIEW + "refuse", data={"registration": doc.name, "note": " "}, timeout=60)
	assert response.status_code == 417 and "原因" in _message(response)
	response = prefecture.post(
		REVIEW + "refuse", data={"registration": doc.name, "note": "营业执照扫描件不清晰"}, timeout=60
	)
	assert response.ok, response.text
	frappe.db.rollback()
	assert frappe.db.get_value("Unit Registration", doc.name, "status") == "Refused"
	assert not frappe.db.exists("User", values["email"])  # may register again
	assert not frappe.db.exists("Employer Unit", values["unit_name"])
