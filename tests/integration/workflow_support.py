"""Actors, notices and applications for walking the approval chains on a real site."""

import datetime

import frappe
import pytest
from frappe.model.workflow import apply_workflow

from tests.integration.factories import make_notice, make_unit, make_user, resident_id
from zhicheng_app.demo import CHAIN_SETTINGS
from zhicheng_app.rules.model import seed_notice_dict

NOW = datetime.datetime(2024, 8, 1, 10, 0)  # Asia/Shanghai wall time
# What decides the chain, the submission rules and route eligibility is copied from the seed
COPIED = (
	"routes", "scope", "fees", "defense_rules", "max_submissions", "submissions_count_initial",
	"resubmission_hours", "resubmission_within_application_window", "degree_grants", "initial_junior_rules",
	"party_school_equivalence", "township_min_years", "township_education", "fanghuiju_years",
	"confirmation_requires_competent", "kind", "late_resubmission_outcome", "late_resubmission_consequence",
)  # fmt: skip


def make_actors() -> dict:
	"""Units at every location and one scoped user per role (the caller commits and cleans up)."""
	supervising = make_unit(ownership="Government Agency")
	units = {
		"prefecture": make_unit(supervising_unit=supervising.name),
		"county": make_unit(location="County", region="温宿县"),
		"township": make_unit(location="Township", region="佳木镇"),
		"private": make_unit(ownership="Private Enterprise", location="County", region="库车市"),
		"other_county": make_unit(location="County", region="沙雅县"),
	}
	units["supervising"] = supervising
	actors = {"units": {k: u.name for k, u in units.items()}}
	actors["applicant"] = make_user("Title Applicant")
	actors["hr"] = make_user("Unit HR")
	for key in ("prefecture", "county", "township", "private", "other_county"):
		frappe.get_doc(
			{
				"doctype": "User Permission",
				"user": actors["hr"],
				"allow": "Employer Unit",
				"for_value": units[key].name,
			}
		).insert(ignore_permissions=True)
	actors["supervisor"] = make_user("Supervising Unit Officer", ("Employer Unit", supervising.name))
	actors["county"] = make_user("County HRSS Officer", ("Region", "温宿县"))
	actors["other_county_officer"] = make_user("County HRSS Officer", ("Region", "沙雅县"))
	actors["prefecture"] = make_user("Prefecture HRSS Officer", ("Region", "阿克苏地区"))
	actors["pes"] = make_user("Employment Service Officer", ("Region", "库车市"))
	actors["committee"] = make_user("Committee Office")
	actors["committee2"] = make_user("Committee Office")
	actors["admin"] = make_user("Title Administrator")
	return actors


def remove_actors(actors: dict):
	frappe.set_user("Administrator")
	users = [v for k, v in actors.items() if k != "units"]
	for name in frappe.get_all(
		"Title Application", filters={"employer_unit": ("in", list(actors["units"].values()))}, pluck="name"
	):
		frappe.delete_doc("Title Application", name, ignore_permissions=True, force=True)
	for email in users:
		frappe.db.delete("User Permission", {"user": email})
		frappe.delete_doc("User", email, ignore_permissions=True, force=True)
	for unit in ("prefecture", "county", "township", "private", "other_county", "supervising"):
		frappe.delete_doc("Employer Unit", actors["units"][unit], ignore_permissions=True, force=True)


def chain_notice(code: str, now: datetime.datetime = NOW, **overrides):
	"""A notice with the seed's routes, submission rules, windows' deadlines (the states each closes,
	how, the clause) and approval chain,
	every window open around ``now``, and none of the seed's materials (the precheck is tested
	elsewhere; here it must let a plain application through)."""
	seed = seed_notice_dict(code)
	windows = [
		{
			"kind": w["kind"],
			"start": now - datetime.timedelta(days=10),
			"end": now + datetime.timedelta(days=10),
			**{key: w[key] for key in ("consequence", "closes_states", "closes_as", "clause")},
		}
		for w in seed["windows"]
	]
	values = {key: seed[key] for key in COPIED}
	notice = make_notice(
		windows=windows,
		publicity_min_working_days=5,
		**values,
		**CHAIN_SETTINGS.get(code, {}),
		**overrides,
	)
	notice.flags.seed_code = code
	return notice


# A profession inside each seed notice's scope [spec §3.2]
PROFESSION = {"000": "建筑", "001": "公路", "002": "建筑", "003": "质量技术监督", "004": "建筑"}


ROUTE_FACTS = {
	"Grant by Degree": {
		"education": [
			{
				"education": "Master",
				"degree": "Master Degree",
				"school": "新疆大学",
				"graduation_date": "2020-07-01",
			}
		],
		"assessments": [{"year": 2023, "result": "Competent"}],
	},
	"Initial Junior": {
		"education": [
			{
				"education": "Bachelor",
				"school": "塔里木大学",
				"graduation_date": "2020-07-01",
				"full_time": 1,
			}
		],
		"assessments": [{"year": 2023, "result": "Competent"}],
		"professional_start_date": "2020-08-01",
		"first_work_date": "2020-08-01",
	},
}


def make_chain_application(actors: dict, notice, unit: str, route: str, level: str, **kw):
	frappe.set_user(actors["applicant"])
	doc = frappe.get_doc(
		{
			"doctype": "Title Application",
			"notice": notice.name,
			"route": route,
			"series": "工程系列",
			"target_level": level,
			"profession": PROFESSION.get(notice.flags.seed_code),
			"applicant_name": "流程测试",
			"id_number": resident_id(),
			"employer_unit": actors["units"][unit],
			"political_status": "Masses",
			"ethnicity": "汉族",
			**ROUTE_FACTS.get(route, {}),
			**kw,
		}
	).insert()
	frappe.set_user("Administrator")
	return doc


def act(user: str, name: str, action: str):
	frappe.set_user(user)
	try:
		doc = apply_workflow(frappe.get_doc("Title Application", name), action)
	finally:
		frappe.set_user("Administrator")
	return doc


def pay_fee(user: str, name: str):
	"""The fee desk records the application's fee (a Fee Payment, which takes the workflow's
	"Record Fee" step), by the first method its notice takes."""
	from zhicheng_app.rules.fees import allowed_methods
	from zhicheng_app.services import fees
	from zhicheng_app.services.precheck import notice_config

	notice = frappe.db.get_value("Title Application", name, "notice")
	method = allowed_methods(notice_config(notice).fee_payment_methods)[0]
	frappe.set_user(user)
	try:
		# the amount the notice's fee table states; a test notice without one takes the desk's entry
		amount = fees.expected_fee(frappe.get_doc("Title Application", name))["amount"] or 100
		return fees.record_payment(name, method, f"R-{name}-{frappe.generate_hash(length=6)}", amount)
	finally:
		frappe.set_user("Administrator")


def schedule_defense(user: str, name: str, at: datetime.datetime | None = None):
	"""The committee office schedules the application's defense in a Defense Session (答辩安排),
	which takes the workflow's "Schedule Defense" step with its time and venue."""
	from zhicheng_app.services import clock, defense

	notice = frappe.db.get_value("Title Application", name, "notice")
	frappe.set_user(user)
	try:
		session = frappe.get_doc(
			{
				"doctype": "Defense Session",
				"session_title": "流程测试答辩",
				"notice": notice,
				"starts_at": at or clock.wall(clock.now()) + datetime.timedelta(days=2),
				"mode": "On-site",
				"venue": "库尔勒市人民东路 测试答辩室",
				"applications": [{"application": name, "slot_order": 1}],
			}
		).insert()
		outcome = defense.schedule(session.name)
		assert outcome["refused"] == [], outcome
		return session
	finally:
		frappe.set_user("Administrator")


def record_defense(user: str, name: str, result: str = "Passed"):
	"""The committee office records the defense result of the application in the Defense Session it
	is scheduled in (the score against the notice's pass mark, else the panel's decision), which
	takes the workflow's "Pass Defense" / "Fail Defense" step."""
	from zhicheng_app.rules.defense import pass_mark
	from zhicheng_app.services import defense
	from zhicheng_app.services.precheck import notice_config

	app = frappe.db.get_value(
		"Title Application", name, ["notice", "target_level", "defense_session"], as_dict=True
	)
	mark = pass_mark(notice_config(app.notice), app.target_level)
	frappe.set_user(user)
	try:
		session = frappe.get_doc("Defense Session", app.defense_session)
		for row in session.applications:
			if row.application == name:
				row.decision = result
				if mark is not None:
					row.score = float(mark) + (5 if result == "Passed" else -5)
		session.save()
		outcome = defense.record_results(session.name)
		assert outcome["refused"] == [], outcome
		return outcome
	finally:
		frappe.set_user("Administrator")


def decide(user: str, name: str, result: str = "Passed"):
	"""The evaluation committee's result for an application under evaluation, taken through the
	workflow's "Pass" / "Fail" under the vote's result as closing a Review Meeting passes it
	(``review_meeting.decided_by_vote``); the meeting itself, its ballot and its count are tested in
	test_review_meeting.py."""
	from zhicheng_app.services import review_meeting

	action = {"Passed": "Pass", "Failed": "Fail"}[result]
	with review_meeting.decided_by_vote("测试评审会", {name: result}):
		return act(user, name, action)


def edit(user: str, name: str, **values):
	frappe.set_user(user)
	try:
		doc = frappe.get_doc("Title Application", name)
		doc.update(values)
		doc.save()
	finally:
		frappe.set_user("Administrator")
	return doc


def publicise(actors: dict, name: str, objection: int = 0):
	"""The unit's publicity: 2024-07-15 (Mon) to 07-19 (Fri), five working days, ended before NOW."""
	return edit(
		actors["hr"],
		name,
		publicity_start="2024-07-15",
		publicity_end="2024-07-19",
		publicity_objection=objection,
	)


def republicise(actors: dict, name: str, objection: int = 0):
	"""The unit's publicity of the passed applicants (004 四、（二）1): 2024-07-22 (Mon) to 07-26
	(Fri), five working days, ended before NOW; on the portal, as the unit's HR."""
	from zhicheng_app.services import paper_stage

	doc = frappe.get_doc("Title Application", name)
	frappe.set_user(actors["hr"])
	try:
		paper_stage.save_republicity(
			doc.employer_unit,
			doc.notice,
			{
				"republicity_start": "2024-07-22",
				"republicity_end": "2024-07-26",
				"republicity_objection": objection,
			},
		)
	finally:
		frappe.set_user("Administrator")


def state(name: str) -> str:
	return frappe.db.get_value("Title Application", name, "workflow_state")


@pytest.fixture(scope="module")
def actors(frappe_site):
	"""The units and scoped users of ``make_actors``, committed for the module and removed after it."""
	frappe.set_user("Administrator")
	created = make_actors()
	frappe.db.commit()
	yield created
	remove_actors(created)
	frappe.db.commit()


@pytest.fixture
def frozen_clock():
	"""The campaign clock stands at ``NOW`` (2024-08-01 10:00 Beijing time)."""
	frappe.flags.zhicheng_now = NOW
	yield
	frappe.flags.zhicheng_now = None
