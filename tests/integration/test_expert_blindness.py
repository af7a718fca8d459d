"""Blind review: nothing a review expert can fetch names an applicant, their ID number or their unit.

Logged in as the demo review expert, the test calls every read path of the REST API on every
DocType that carries application data (lists, single records, counts, reports, link search, the
desk's boot page) and scans each response body for the demo applicants' names, ID numbers and
unit names.
"""

import itertools
import json

import frappe
import pytest

from tests.integration.rest import BASE_URL, require_server, session
from zhicheng_app import demo_campaign
from zhicheng_app.demo import APPLICATIONS, DEMO_PASSWORD
from zhicheng_app.permissions import APPLICATION_CHILD_DOCTYPES, REFERENCING_DOCTYPES
from zhicheng_app.services import review_packets
from zhicheng_app.services.review_packets import PACKET_STATES

EXPERT = "zc.expert@example.com"
APP = "Title Application"
DOCTYPES = (
	APP,
	*APPLICATION_CHILD_DOCTYPES,
	*REFERENCING_DOCTYPES,
	"Generated Document",
	"Title Sanction",
	"Employer Unit",
	"User",
	"Contact",
	"Communication",
	"Activity Log",
	"Access Log",
	"Error Log",
	"Notification Log",
	"ToDo",
	# blind review: the packets, their source, the meetings and the votes
	"Review Packet",
	"Review Packet Source",
	"Review Meeting",
	"Review Vote",
)


@pytest.fixture(scope="module")
def expert(frappe_site):
	require_server()
	return session(EXPERT, DEMO_PASSWORD)


@pytest.fixture(scope="module")
def secrets(frappe_site) -> list[str]:
	values = set()
	for row in APPLICATIONS:  # the 2024 history
		values.update({row["applicant_name"], row["id_number"], row["employer_unit"]})
	for spec in demo_campaign.APPLICATIONS:  # the current campaign
		values.update(
			{
				spec.applicant_name,
				demo_campaign.id_number(spec.applicant_name, spec.birth, spec.seed),
				spec.unit,
			}
		)
	id_numbers = [v for v in values if v[:6].isdigit() and len(v) == 18]
	names = frappe.get_all(APP, filters={"id_number": ("in", id_numbers)}, pluck="name")
	values.update(names)  # the application numbers lead to everything else
	# the original files (the packets carry redacted copies under their own names only)
	values.update(
		frappe.get_all(
			"Application Attachment", filters={"parenttype": APP, "parent": ("in", names)}, pluck="file"
		)
	)
	return sorted(v for v in values if v)


@pytest.fixture(scope="module")
def demo_meeting(frappe_site, secrets) -> list[str]:
	"""The demo expert sits on a meeting with the packets of the demo's applications before the
	committee's experts (committed for the module, removed after it)."""
	frappe.set_user("Administrator")
	apps = frappe.get_all(
		APP,
		filters={
			"name": ("in", [s for s in secrets if s.startswith("ZC-")]),
			"workflow_state": ("in", PACKET_STATES),
		},
		fields=["name", "notice"],
	)
	notice = apps[0].notice if apps else None
	existing = set(frappe.get_all("Review Packet Source", pluck="packet"))
	packets = [p for a in apps if a.notice == notice and (p := review_packets.build_packet(a.name))]
	committee = frappe.get_all("Evaluation Committee", pluck="name", limit=1)
	meeting = None
	if packets and committee:
		meeting = frappe.get_doc(
			{
				"doctype": "Review Meeting",
				"meeting_title": "盲评扫描会议",
				"committee": committee[0],
				"notice": notice,
				"experts": [{"expert": EXPERT}],
				"agenda": [{"packet": p} for p in packets],
			}
		).insert(ignore_permissions=True)
	frappe.db.commit()
	yield packets
	frappe.set_user("Administrator")
	if meeting:
		frappe.delete_doc("Review Meeting", meeting.name, force=True, ignore_permissions=True)
	for packet in set(packets) - existing:
		frappe.delete_doc("Review Packet Source", packet, force=True, ignore_permissions=True)
		frappe.delete_doc("Review Packet", packet, force=True, ignore_permissions=True)
	frappe.db.commit()


def _packet_requests(expert_session, packets: list[str]):
	"""Each packet the expert reads: the record, the form's load, its files."""
	for name in packets:
		yield (
			f"packet {name}",
			expert_session.get(f"{BASE_URL}/api/resource/Review Packet/{name}", timeout=30),
		)
		yield (
			f"packet getdoc {name}",
			expert_session.get(
				f"{BASE_URL}/api/method/frappe.desk.form.load.getdoc",
				params={"doctype": "Review Packet", "name": name},
				timeout=30,
			),
		)
		for url in frappe.get_all(
			"File",
			filters={"attached_to_doctype": "Review Packet", "attached_to_name": name},
			pluck="file_url",
		):
			yield f"packet file {url}", expert_session.get(f"{BASE_URL}{url}", timeout=30)
	yield (
		"ballots",
		expert_session.get(
			f"{BASE_URL}/api/method/zhicheng_app.services.review_meeting.my_ballots", timeout=30
		),
	)


def _requests(expert_session, app_names: list[str]):
	for doctype in DOCTYPES:
		url = f"{BASE_URL}/api/resource/{doctype}"
		params = {"fields": '["*"]', "limit_page_length": 500}
		if doctype in APPLICATION_CHILD_DOCTYPES:
			params["parent"] = APP
		yield f"list {doctype}", expert_session.get(url, params=params, timeout=30)
		yield (
			f"count {doctype}",
			expert_session.get(
				f"{BASE_URL}/api/method/frappe.client.get_count", params={"doctype": doctype}, timeout=30
			),
		)
		yield (
			f"report {doctype}",
			expert_session.post(
				f"{BASE_URL}/api/method/frappe.desk.reportview.get",
				data={"doctype": doctype, "fields": json.dumps([f"`tab{doctype}`.`name`"])},
				timeout=30,
			),
		)
		yield (
			f"search {doctype}",
			expert_session.get(
				f"{BASE_URL}/api/method/frappe.desk.search.search_link",
				params={"doctype": doctype, "txt": ""},
				timeout=30,
			),
		)
	for name in app_names:
		# these name the application they ask for: the name itself may come back in the refusal
		yield f"get {name}", expert_session.get(f"{BASE_URL}/api/resource/{APP}/{name}", timeout=30)
		yield (
			f"getdoc {name}",
			expert_session.get(
				f"{BASE_URL}/api/method/frappe.desk.form.load.getdoc",
				params={"doctype": APP, "name": name},
				timeout=30,
			),
		)
		yield (
			f"precheck {name}",
			expert_session.post(
				f"{BASE_URL}/api/method/zhicheng_app.api.precheck.precheck",
				data={"application": name},
				timeout=60,
			),
		)
	yield "desk boot", expert_session.get(f"{BASE_URL}/app", timeout=60)


def test_no_response_to_a_review_expert_names_an_applicant(expert, secrets, demo_meeting):
	app_names = [s for s in secrets if s.startswith("ZC-")]
	assert app_names, "the demo applications are on the site"
	assert demo_meeting, "the demo has applications before the committee's experts"
	packet_list = expert.get(
		f"{BASE_URL}/api/resource/Review Packet", params={"limit_page_length": 500}, timeout=30
	)
	assert {r["name"] for r in packet_list.json()["data"]} == set(demo_meeting)  # the expert reads them
	hits, checked = [], 0
	for what, response in itertools.chain(
		_requests(expert, app_names), _packet_requests(expert, demo_meeting)
	):
		checked += 1
		assert response.status_code < 500, f"{what}: {response.status_code}"
		body = response.text
		asked = what.split(" ", 1)[1] if what.split(" ", 1)[0] in ("get", "getdoc", "precheck") else None
		hits.extend(f"{what}: {value}" for value in secrets if value in body and value != asked)
	print(f"\nreview expert: {checked} responses scanned for {len(secrets)} values, {len(hits)} hits")
	assert hits == []


def test_the_scan_finds_the_values_where_they_may_be_read(frappe_site, secrets):
	"""The control: the committee office, which reads every application, gets the same values."""
	require_server()
	office = session("zc.committee@example.com", DEMO_PASSWORD)
	body = office.get(
		f"{BASE_URL}/api/resource/{APP}", params={"fields": '["*"]', "limit_page_length": 500}, timeout=30
	).text
	assert [value for value in secrets if value in body]
