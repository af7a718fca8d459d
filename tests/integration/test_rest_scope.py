"""Record-level scope through the real REST API of the running bench."""

import frappe
import pytest

from tests.integration.factories import make_application, make_notice, make_unit, make_user
from tests.integration.rest import BASE_URL, require_server, session

PASSWORD = "Integration-Test-2024!"


@pytest.fixture(scope="module")
def two_units(frappe_site):
	require_server()
	frappe.set_user("Administrator")
	notice = make_notice()
	unit_a, unit_b = make_unit(), make_unit(location="County", region="温宿县")
	own = [make_application(unit_a, notice) for _ in range(2)]
	other = make_application(unit_b, notice)
	hr_email = make_user("Unit HR", ("Employer Unit", unit_a.name), PASSWORD)
	county_email = make_user("County HRSS Officer", ("Region", "温宿县"), PASSWORD)
	frappe.db.commit()
	yield {
		"hr": hr_email,
		"county": county_email,
		"own": own,
		"other": other,
		"unit_a": unit_a.name,
		"unit_b": unit_b.name,
	}
	frappe.set_user("Administrator")
	for email in (hr_email, county_email):
		frappe.db.delete("User Permission", {"user": email})
		frappe.delete_doc("User", email, ignore_permissions=True, force=True)
	for doc in [*own, other]:
		frappe.delete_doc("Title Application", doc.name, ignore_permissions=True, force=True)
	for doc in (unit_a, unit_b, notice):
		frappe.delete_doc(doc.doctype, doc.name, ignore_permissions=True, force=True)
	frappe.db.commit()


def _session(email):
	return session(email, PASSWORD)


def _list(http):
	response = http.get(
		f"{BASE_URL}/api/resource/Title Application",
		params={"fields": '["name","employer_unit"]', "limit_page_length": 0},
		timeout=30,
	)
	assert response.ok, response.text
	return response.json()["data"]


def test_unit_hr_lists_only_its_own_units_applications(two_units):
	rows = _list(_session(two_units["hr"]))
	names = {row["name"] for row in rows}
	assert {doc.name for doc in two_units["own"]} <= names
	assert two_units["other"].name not in names
	assert {row["employer_unit"] for row in rows} == {two_units["unit_a"]}


def test_unit_hr_reads_its_own_but_not_another_units_application(two_units):
	http = _session(two_units["hr"])
	own = http.get(f"{BASE_URL}/api/resource/Title Application/{two_units['own'][0].name}", timeout=30)
	assert own.ok and own.json()["data"]["employer_unit"] == two_units["unit_a"]
	other = http.get(f"{BASE_URL}/api/resource/Title Application/{two_units['other'].name}", timeout=30)
	assert other.status_code == 403


def test_county_bureau_sees_only_its_county(two_units):
	rows = _list(_session(two_units["county"]))
	names = {row["name"] for row in rows}
	assert two_units["other"].name in names
	assert not names & {doc.name for doc in two_units["own"]}
