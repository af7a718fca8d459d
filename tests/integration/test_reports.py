"""The bureau's number cards, charts and reports on the site: each figure counts only what the user
may read, and the totals agree with the database.

The data: two notices of a campaign year of their own (the campaign clock frozen in it, so the
current campaign is theirs alone), each evaluated by its own committee, with applications of units
in 温宿县 (one in 佳木镇 below it), 沙雅县 and the prefecture in every stage. A committee office
scoped to the first committee, an unscoped one, a 温宿县 officer, a unit's HR and a review expert
read them. The demo's current campaign is checked the same way for the demo's users.
"""

import datetime

import frappe
import pytest
from frappe.desk.query_report import run

from tests.integration.factories import make_application, make_notice, make_unit, make_user, unique
from zhicheng_app import roles
from zhicheng_app.api import dashboard
from zhicheng_app.permissions import with_descendants
from zhicheng_app.rules.reporting import STAGES
from zhicheng_app.rules.vocabulary import WorkflowState as S
from zhicheng_app.services import bureau_reports

YEAR = 2031
NOW = datetime.datetime(YEAR, 5, 10, 10, 0)
SUMMARY, FEES, ROSTER = "Application Summary", "Fee Payments", "Applicant Roster"
WENSU = {"温宿县", "佳木镇"}
PAID_AT = datetime.datetime(YEAR, 5, 1, 12, 0)

# (notice index, unit key, route, level, state, fee paid)
APPLICATIONS = [
	(0, "wensu", "Directed Evaluation", "Intermediate", S.UNIT_REVIEW, False),
	(0, "wensu", "Directed Evaluation", "Intermediate", S.COMMITTEE_REVIEW, False),
	(0, "wensu", "Directed Evaluation", "Deputy Senior", S.RETURNED, False),
	(0, "jiamu", "Directed Evaluation", "Intermediate", S.ACCEPTED, False),
	(0, "jiamu", "Directed Evaluation", "Intermediate", S.FEE_PAID, True),
	(0, "shaya", "Directed Evaluation", "Intermediate", S.CERTIFIED, True),
	(0, "shaya", "Directed Evaluation", "Intermediate", S.NOT_ACCEPTED, False),
	(0, "prefecture", "Private Enterprise Special", "Intermediate", S.FAILED, True),
	(0, "wensu", "Directed Evaluation", "Intermediate", S.ABANDONED, False),
	(0, "prefecture", "Directed Evaluation", "Intermediate", S.DRAFT, False),
	(1, "wensu", "Directed Evaluation", "Deputy Senior", S.SUPERVISING_REVIEW, False),
	(1, "wensu", "Directed Evaluation", "Deputy Senior", S.PAPER_RECEIVED, False),
	(1, "shaya", "Directed Evaluation", "Deputy Senior", S.DEFENSE, True),
	(1, "prefecture", "Directed Evaluation", "Deputy Senior", S.COUNTY_REVIEW, False),
]


@pytest.fixture(scope="module")
def people(frappe_site):
	"""The committees, units and users (slow to make), committed for the module, removed after it."""
	frappe.set_user("Administrator")
	committees = [
		frappe.get_doc(
			{"doctype": "Evaluation Committee", "committee_name": unique("报表评审委员会")}
		).insert(ignore_permissions=True)
		for _ in range(2)
	]
	units = {
		"wensu": make_unit(location="County", region="温宿县"),
		"jiamu": make_unit(location="Township", region="佳木镇"),
		"shaya": make_unit(location="County", region="沙雅县"),
		"prefecture": make_unit(),
	}
	users = {
		"committee_a": make_user(roles.COMMITTEE_OFFICE, ("Evaluation Committee", committees[0].name)),
		"committee_all": make_user(roles.COMMITTEE_OFFICE),
		"county": make_user(roles.COUNTY_HRSS, ("Region", "温宿县")),
		"hr": make_user(roles.UNIT_HR, ("Employer Unit", units["wensu"].name)),
		"expert": make_user(roles.REVIEW_EXPERT),
		"applicant": make_user(roles.APPLICANT),
		"admin": make_user(roles.TITLE_ADMINISTRATOR),
		"recorder": make_user(roles.COMMITTEE_OFFICE),
	}
	frappe.db.commit()
	yield frappe._dict(
		committees=[c.name for c in committees], units={k: u.name for k, u in units.items()}, users=users
	)
	frappe.set_user("Administrator")
	frappe.db.rollback()
	for email in users.values():
		frappe.db.delete("User Permission", {"user": email})
		frappe.delete_doc("User", email, ignore_permissions=True, force=True)
	for unit in units.values():
		frappe.delete_doc("Employer Unit", unit.name, ignore_permissions=True, force=True)
	for committee in committees:
		frappe.delete_doc("Evaluation Committee", committee.name, ignore_permissions=True, force=True)
	frappe.db.commit()


@pytest.fixture
def campaign(people):
	"""The notices and applications, made in the test's transaction (rolled back after it)."""
	frappe.set_user("Administrator")
	frappe.flags.zhicheng_now = NOW
	notices = []
	for i, committee in enumerate(people.committees):
		notices.append(
			make_notice(
				campaign_year=YEAR,
				title=f"{YEAR}年度报表测试通知{i}",
				windows=[
					{
						"kind": "Application",
						"start": f"{YEAR}-04-01 00:00:00",
						"end": f"{YEAR}-06-30 18:00:00",
					}
				],
				committees=[{"committee": committee}],
				fees=[
					{"committee": committee, "level_tier": "Intermediate", "amount": 400 + 100 * i},
					{"committee": committee, "level_tier": "Senior", "amount": 700 + 100 * i},
				],
			)
		)
	recorder = people.users["recorder"]
	apps = []
	for i, (n, unit, route, level, state, paid) in enumerate(APPLICATIONS):
		doc = make_application(
			frappe.get_doc("Employer Unit", people.units[unit]),
			notices[n],
			route=route,
			target_level=level,
			applicant_name=f"报表{i}",
		)
		values = {
			"workflow_state": state,
			"submission_count": 0 if state == S.DRAFT else 1,
			"fee_amount": (400 if level == "Intermediate" else 700) + 100 * n if state != S.DRAFT else 0,
		}
		if paid:
			values.update(fee_paid_at=PAID_AT, fee_recorded_by=recorder)
		frappe.db.set_value("Title Application", doc.name, values)
		apps.append(doc.name)
	yield frappe._dict(
		notices=[n.name for n in notices],
		committees=people.committees,
		units=people.units,
		apps=apps,
		users=people.users,
		recorder=recorder,
	)
	frappe.flags.zhicheng_now = None
	frappe.set_user("Administrator")


def as_user(user, fn, *args, **kw):
	frappe.set_user(user)
	try:
		return fn(*args, **kw)
	finally:
		frappe.set_user("Administrator")


def report(user, name, **filters):
	return as_user(user, run, name, filters=filters)["result"]


def db_rows(names=None, **filters):
	"""What the database holds, read as Administrator."""
	if names is not None:
		filters["name"] = ("in", names)
	return frappe.get_all(
		"Title Application",
		filters=filters,
		fields=[
			"name",
			"notice",
			"region",
			"route",
			"target_level",
			"workflow_state",
			"fee_amount",
			"fee_paid_at",
			"submission_count",
		],
	)


def in_wensu(campaign):
	return [r for r in db_rows(campaign.apps) if r.region in WENSU]


def of_notice(campaign, index):
	return [r for r in db_rows(campaign.apps) if r.notice == campaign.notices[index]]


# ---------------------------------------------------------------- the campaign and its regions
def test_the_current_campaign_is_the_frozen_years_notices(campaign):
	assert bureau_reports.current_campaign_year() == YEAR
	assert set(bureau_reports.current_campaign_notices()) == set(campaign.notices)
	# every application was given its unit's region
	assert {r.region for r in db_rows(campaign.apps)} == {"温宿县", "佳木镇", "沙雅县", "阿克苏地区"}


# ---------------------------------------------------------------- number cards
@pytest.mark.parametrize("who", ["committee_a", "committee_all", "county", "hr"])
def test_number_cards_count_the_users_scope(campaign, who):
	visible = {
		"committee_a": of_notice(campaign, 0),
		"committee_all": db_rows(campaign.apps),
		"county": in_wensu(campaign),
		"hr": [
			r
			for r in db_rows(campaign.apps)
			if r.name
			in set(
				frappe.get_all(
					"Title Application", filters={"employer_unit": campaign.units["wensu"]}, pluck="name"
				)
			)
		],
	}[who]
	shown = 0
	for stage in STAGES:
		result = as_user(campaign.users[who], dashboard.stage_count, {"stage": stage.key})
		expected = sum(1 for r in visible if r.workflow_state in stage.states)
		assert result["value"] == expected, (who, stage.key)
		assert result["route_options"]["workflow_state"] == ["in", list(stage.states)]
		assert set(result["route_options"]["notice"][1]) == set(campaign.notices)
		shown += result["value"]
	# the cards leave out only drafts and closed applications
	closed = {S.DRAFT, S.FAILED, S.NOT_ACCEPTED, S.ABANDONED}
	assert shown == sum(1 for r in visible if r.workflow_state not in closed)
	if who == "county":
		assert shown < len([r for r in db_rows(campaign.apps) if r.workflow_state not in closed])


def test_a_review_expert_gets_no_card_or_chart(campaign):
	expert = campaign.users["expert"]
	for stage in STAGES:
		with pytest.raises(frappe.PermissionError):
			as_user(expert, dashboard.stage_count, {"stage": stage.key})
	for chart in (
		dashboard.applications_by_state,
		dashboard.applications_by_notice_and_route,
		dashboard.applications_by_committee,
		dashboard.applications_by_level,
		dashboard.applications_by_county,
		dashboard.abandoned_count,
		dashboard.due_today_count,
	):
		with pytest.raises(frappe.PermissionError):
			as_user(expert, chart)
	# and Frappe hides the cards and charts from the workspace
	frappe.set_user(expert)
	try:
		for card in frappe.get_all(
			"Number Card", filters={"module": "Zhicheng"}, pluck="name", ignore_permissions=True
		):
			assert not frappe.has_permission("Number Card", doc=card, user=expert)
		for chart in frappe.get_all(
			"Dashboard Chart", filters={"module": "Zhicheng"}, pluck="name", ignore_permissions=True
		):
			assert not frappe.has_permission("Dashboard Chart", doc=chart, user=expert)
	finally:
		frappe.set_user("Administrator")


@pytest.mark.parametrize("who", ["committee_a", "county"])
def test_the_abandoned_card_counts_the_users_scope(campaign, who):
	visible = {"committee_a": of_notice(campaign, 0), "county": in_wensu(campaign)}[who]
	expected = sum(1 for r in visible if r.workflow_state == S.ABANDONED)
	assert expected  # the campaign has one in both scopes
	result = as_user(campaign.users[who], dashboard.abandoned_count)
	assert result["value"] == expected
	assert result["route_options"]["workflow_state"] == S.ABANDONED
	# the other committee's office does not count it
	other = make_user(roles.COMMITTEE_OFFICE, ("Evaluation Committee", campaign.committees[1]))
	assert as_user(other, dashboard.abandoned_count)["value"] == 0


def test_the_deadline_today_card_counts_what_closes_before_today_ends(campaign):
	"""NOW is 10:00 Beijing time: a resubmission deadline at 23:00 counts, one at 00:30 tomorrow
	not; the county officer counts the returned application of 温宿县, the other committee's
	office does not."""
	returned = next(
		name for name, spec in zip(campaign.apps, APPLICATIONS, strict=True) if spec[4] == S.RETURNED
	)
	county, other = campaign.users["county"], campaign.users["committee_a"]
	frappe.db.set_value("Title Application", returned, "resubmit_deadline", NOW.replace(hour=23))
	assert as_user(county, dashboard.due_today_count)["value"] == 1
	result = as_user(other, dashboard.due_today_count)
	assert result["value"] == 1 and result["route"] == ["query-report", "Deadline Risk"]
	office_b = make_user(roles.COMMITTEE_OFFICE, ("Evaluation Committee", campaign.committees[1]))
	assert as_user(office_b, dashboard.due_today_count)["value"] == 0
	tomorrow = NOW.replace(hour=0, minute=30) + datetime.timedelta(days=1)
	frappe.db.set_value("Title Application", returned, "resubmit_deadline", tomorrow)
	assert as_user(county, dashboard.due_today_count)["value"] == 0


# ---------------------------------------------------------------- charts
def test_the_charts_per_committee_level_and_county_count_the_users_scope(campaign):
	frappe.local.lang = "zh"
	everything = db_rows(campaign.apps)
	office = campaign.users["committee_all"]
	by_committee = as_user(office, dashboard.applications_by_committee)
	counts = dict(zip(by_committee["labels"], by_committee["datasets"][0]["values"], strict=True))
	assert counts == {
		committee: sum(1 for r in everything if r.notice == notice)
		for notice, committee in zip(campaign.notices, campaign.committees, strict=True)
	}
	scoped = as_user(campaign.users["committee_a"], dashboard.applications_by_committee)
	assert scoped["labels"] == [campaign.committees[0]]

	by_level = as_user(office, dashboard.applications_by_level)
	counts = dict(zip(by_level["labels"], by_level["datasets"][0]["values"], strict=True))
	assert counts == {
		frappe._("Deputy Senior"): sum(1 for r in everything if r.target_level == "Deputy Senior"),
		frappe._("Intermediate"): sum(1 for r in everything if r.target_level == "Intermediate"),
	}
	assert by_level["labels"][0] == frappe._("Deputy Senior")  # highest first

	by_county = as_user(office, dashboard.applications_by_county)
	counts = dict(zip(by_county["labels"], by_county["datasets"][0]["values"], strict=True))
	assert counts == {
		"温宿县": sum(1 for r in everything if r.region in WENSU),  # 佳木镇 lies in it
		"沙雅县": sum(1 for r in everything if r.region == "沙雅县"),
		frappe._("Prefecture-direct"): sum(1 for r in everything if r.region == "阿克苏地区"),
	}
	mine = as_user(campaign.users["county"], dashboard.applications_by_county)
	assert mine["labels"] == ["温宿县"] and mine["datasets"][0]["values"] == [len(in_wensu(campaign))]
	filtered = as_user(office, dashboard.applications_by_county, None, {"notice": campaign.notices[1]})
	assert sum(filtered["datasets"][0]["values"]) == len(of_notice(campaign, 1))


def test_charts_count_the_county_officers_applications_only(campaign):
	county = campaign.users["county"]
	mine = in_wensu(campaign)
	frappe.local.lang = "zh"
	by_state = as_user(county, dashboard.applications_by_state)
	assert sum(by_state["datasets"][0]["values"]) == len(mine)
	assert frappe._(S.UNIT_REVIEW) in by_state["labels"]
	assert all(label for label in by_state["labels"])
	by_notice = as_user(county, dashboard.applications_by_notice_and_route)
	assert sum(sum(d["values"]) for d in by_notice["datasets"]) == len(mine)
	codes = frappe.get_all("Title Notice", filters={"name": ("in", campaign.notices)}, pluck="code")
	assert set(by_notice["labels"]) <= set(codes)
	# the charts' filter: one notice
	second = campaign.notices[1]
	mine_second = [r for r in mine if r.notice == second]
	assert mine_second and len(mine_second) < len(mine)
	filtered = as_user(county, dashboard.applications_by_state, None, frappe.as_json({"notice": second}))
	assert sum(filtered["datasets"][0]["values"]) == len(mine_second)
	filtered = as_user(county, dashboard.applications_by_notice_and_route, None, {"notice": second})
	assert filtered["labels"] == [frappe.db.get_value("Title Notice", second, "code")]
	assert sum(sum(d["values"]) for d in filtered["datasets"]) == len(mine_second)


# ---------------------------------------------------------------- 申报情况汇总
def summary_by_key(rows):
	return {(r["notice"], r["route"], r["target_level"]): r for r in rows}


def expected_summary(rows):
	out = {}
	for r in rows:
		group = out.setdefault(
			(r.notice, r.route, r.target_level),
			dict.fromkeys(("total", "submitted", "returned", "accepted", "not_accepted", "certified"), 0),
		)
		group["total"] += 1
		group["submitted"] += int(bool(r.submission_count))
		group["returned"] += int(r.workflow_state == S.RETURNED)
		group["accepted"] += int(
			r.workflow_state
			in (
				S.ACCEPTED,
				S.PAPER_RECEIVED,
				S.FEE_PAID,
				S.DEFENSE,
				S.UNDER_EVALUATION,
				S.PASSED_PUBLICITY,
				S.CERTIFIED,
			)
		)
		group["not_accepted"] += int(r.workflow_state == S.NOT_ACCEPTED)
		group["certified"] += int(r.workflow_state in (S.CERTIFIED, S.CONFIRMED))
	return out


@pytest.mark.parametrize("who", ["committee_a", "committee_all", "county"])
def test_summary_counts_per_notice_route_and_level_agree_with_the_database(campaign, who):
	visible = {
		"committee_a": of_notice(campaign, 0),
		"committee_all": db_rows(campaign.apps),
		"county": in_wensu(campaign),
	}[who]
	rows = summary_by_key(report(campaign.users[who], SUMMARY))
	expected = expected_summary(visible)
	assert set(rows) == set(expected)
	for key, counts in expected.items():
		assert {k: rows[key][k] for k in counts} == counts, key
	assert sum(r["total"] for r in rows.values()) == len(visible)
	# the totals above the table
	frappe.set_user(campaign.users[who])
	try:
		summary = {item["label"]: item["value"] for item in run(SUMMARY, filters={})["report_summary"]}
	finally:
		frappe.set_user("Administrator")
	assert summary[frappe._("Applications")] == len(visible)
	assert summary[frappe._("Submitted")] == sum(g["submitted"] for g in expected.values())
	assert summary[frappe._("Not Accepted")] == sum(g["not_accepted"] for g in expected.values())


def test_summary_filters_narrow_the_rows(campaign):
	committee = campaign.users["committee_all"]
	level = report(committee, SUMMARY, target_level="Deputy Senior")
	assert {r["target_level"] for r in level} == {"Deputy Senior"}
	assert sum(r["total"] for r in level) == sum(
		1 for r in db_rows(campaign.apps) if r.target_level == "Deputy Senior"
	)
	route = report(committee, SUMMARY, route="Private Enterprise Special")
	assert [r["total"] for r in route] == [1]
	state = report(committee, SUMMARY, workflow_state=S.RETURNED)
	assert sum(r["returned"] for r in state) == sum(r["total"] for r in state) == 1
	region = report(committee, SUMMARY, region="温宿县")  # the county and the townships below it
	assert sum(r["total"] for r in region) == len(in_wensu(campaign))
	notice = report(committee, SUMMARY, notice=campaign.notices[1])
	assert {r["notice"] for r in notice} == {campaign.notices[1]}
	unit = report(committee, SUMMARY, employer_unit=campaign.units["shaya"])
	assert sum(r["total"] for r in unit) == 3


# ---------------------------------------------------------------- 缴费情况
# The report reads the fee desk's payments (Fee Payment, tests/integration/test_fees.py); these
# applications have none, so each committee's accepted applications awaiting the fee are outstanding.
AWAITING_FEE = (S.ACCEPTED, S.PAPER_RECEIVED)


def test_fees_per_committee_agree_with_the_database(campaign):
	rows = report(campaign.users["committee_all"], FEES)
	groups = [r for r in rows if not r["is_total"]]
	totals = {r["total_of"]: r for r in rows if r["is_total"]}
	db = db_rows(campaign.apps)
	assert set(totals) == set(campaign.committees)
	for index, committee in enumerate(campaign.committees):
		awaiting = [r for r in db if r.notice == campaign.notices[index] and r.workflow_state in AWAITING_FEE]
		mine = [r for r in groups if r["committee"] == committee]
		assert sum(r["count"] for r in mine) == totals[committee]["count"] == len(awaiting)
		assert totals[committee]["outstanding"] == sum(r.fee_amount for r in awaiting)
		assert all(r["method"] == "" and r["paid"] == 0 for r in mine)


def test_a_scoped_committee_office_sees_only_its_committees_fees(campaign):
	rows = report(campaign.users["committee_a"], FEES)
	assert rows
	assert {r["committee"] for r in rows} == {campaign.committees[0]}


def test_the_county_officer_reads_the_fees_of_the_county(campaign):
	rows = [r for r in report(campaign.users["county"], FEES) if not r["is_total"]]
	awaiting = [r for r in in_wensu(campaign) if r.workflow_state in AWAITING_FEE]
	assert sum(r["count"] for r in rows) == len(awaiting)
	assert sum(r["outstanding"] for r in rows) == sum(r.fee_amount for r in awaiting)


# ---------------------------------------------------------------- 申报人名册
def test_roster_of_the_county_officer_is_the_countys_applications(campaign):
	rows = report(campaign.users["county"], ROSTER)
	assert {r["name"] for r in rows} == {r.name for r in in_wensu(campaign)}
	assert {r["region"] for r in rows} == WENSU
	db = {r.name: r for r in db_rows(campaign.apps)}
	frappe.local.lang = "zh"
	for row in rows:
		assert row["employer_unit"] in (campaign.units["wensu"], campaign.units["jiamu"])
		assert row["applicant_name"].startswith("报表")
		assert row["state_label"] == frappe._(db[row["name"]].workflow_state)
		assert row["level_label"] == frappe._(db[row["name"]].target_level)


def test_roster_of_the_committee_office_follows_its_committees(campaign):
	scoped = report(campaign.users["committee_a"], ROSTER)
	assert {r["name"] for r in scoped} == {r.name for r in of_notice(campaign, 0)}
	everyone = report(campaign.users["committee_all"], ROSTER)
	assert {r["name"] for r in everyone} == set(campaign.apps)
	# a filter narrows it, the scope still applies: the 温宿县 officer asking for 沙雅县 gets nothing
	assert report(campaign.users["county"], ROSTER, region="沙雅县") == []
	assert {r["name"] for r in report(campaign.users["committee_all"], ROSTER, region="沙雅县")} == {
		r.name for r in db_rows(campaign.apps) if r.region == "沙雅县"
	}


# ---------------------------------------------------------------- refused
@pytest.mark.parametrize("who", ["hr", "expert", "applicant"])
@pytest.mark.parametrize("name", [SUMMARY, FEES, ROSTER])
def test_unit_hr_experts_and_applicants_get_no_report(campaign, who, name):
	with pytest.raises(frappe.PermissionError):
		report(campaign.users[who], name)


def test_the_administrator_reads_the_fees_the_unscoped_committee_office_reads(campaign):
	def key(rows):
		return sorted(
			(r["committee"], r.get("level_tier"), r.get("method"), r["count"])
			for r in rows
			if not r["is_total"]
		)

	assert key(report(campaign.users["admin"], FEES)) == key(report(campaign.users["committee_all"], FEES))


def test_the_service_refuses_a_review_expert_even_without_the_report_page(campaign):
	for rows in (bureau_reports.summary_rows, bureau_reports.fee_rows, bureau_reports.roster_rows):
		with pytest.raises(frappe.PermissionError):
			as_user(campaign.users["expert"], rows, {})


# ---------------------------------------------------------------- the demo's current campaign
DEMO_USERS = {"committee": "zc.committee@example.com", "county": "zc.county.hrss@example.com"}


@pytest.fixture
def demo_campaign(frappe_site):
	if not all(frappe.db.exists("User", u) for u in DEMO_USERS.values()):
		pytest.skip("the demo is not loaded on this site")
	notices = bureau_reports.current_campaign_notices()
	if not frappe.db.exists("Title Application", {"notice": ("in", notices or [""])}):
		pytest.skip("the demo's current campaign has no applications on this site")
	return notices


def test_demo_campaign_cards_and_roster_per_user(demo_campaign):
	regions = sorted(with_descendants(["温宿县"]))
	for who, user in DEMO_USERS.items():
		filters = {"notice": ("in", demo_campaign)}
		if who == "county":
			filters["region"] = ("in", regions)
		for stage in STAGES:
			expected = frappe.db.count(
				"Title Application", {**filters, "workflow_state": ("in", stage.states)}
			)
			assert as_user(user, dashboard.stage_count, {"stage": stage.key})["value"] == expected, (
				who,
				stage.key,
			)
		roster = report(user, ROSTER)
		assert len(roster) == frappe.db.count("Title Application", filters)
		summary = report(user, SUMMARY)
		assert sum(r["total"] for r in summary) == len(roster)
	county = {r["region"] for r in report(DEMO_USERS["county"], ROSTER)}
	assert county and county <= set(regions)


# ---------------------------------------------------------------- deadline risk
RISK = "Deadline Risk"


def test_deadline_risk_lists_what_a_deadline_closes_soon_in_the_users_scope(campaign):
	notice = frappe.get_doc("Title Notice", campaign.notices[0])
	window = notice.windows[0]  # the application window ends 06-30 18:00, 51 days after NOW
	window.db_set(
		{"closes_states": "Unit Review\nReturned", "closes_as": S.ABANDONED, "consequence": "视为放弃"}
	)
	# the notice's rules are read again when the notice changes (its modified time)
	frappe.db.set_value("Title Notice", notice.name, "modified", frappe.utils.now())
	frappe.clear_document_cache("Title Notice", notice.name)
	returned = next(
		name for name, spec in zip(campaign.apps, APPLICATIONS, strict=True) if spec[4] == S.RETURNED
	)
	frappe.db.set_value("Title Application", returned, "resubmit_deadline", NOW + datetime.timedelta(days=2))

	# within a week only the returned application's own resubmission deadline is near
	week = report(campaign.users["county"], RISK, notice=notice.name)
	assert [r["name"] for r in week] == [returned]
	assert week[0]["hours_left"] == 48.0

	# within 60 days the window's deadline too: only the states it closes, only the county's
	rows = report(campaign.users["county"], RISK, notice=notice.name, within_days=60)
	expected = {
		r.name
		for r in in_wensu(campaign)
		if r.notice == notice.name and r.workflow_state in (S.UNIT_REVIEW, S.RETURNED)
	}
	assert {r["name"] for r in rows} == expected | {returned}
	assert all(r["region"] in WENSU for r in rows)
	assert [r["deadline"] for r in rows] == sorted(r["deadline"] for r in rows)
	window_rows = [r for r in rows if r["deadline"] == window.end]
	assert window_rows and all("视为放弃" in r["consequence"] for r in window_rows)


def test_deadline_risk_is_refused_to_a_review_expert(campaign):
	with pytest.raises(frappe.PermissionError):
		as_user(campaign.users["expert"], bureau_reports.deadline_risk_rows, {})


# ---------------------------------------------------------------- the roster as the 公示情况报告
# (unit key, route, level, state): 申报 all, 此次推荐 once sent on, 通过审核 through the bureau's review
BATCH_APPLICATIONS = [
	("prefecture", "Grant by Degree", "Intermediate", S.CONFIRMED),  # 申报 推荐 通过
	("prefecture", "Grant by Degree", "Deputy Senior", S.PREFECTURE_CONFIRMATION),  # 申报 推荐
	("prefecture", "Initial Junior", "Assistant", S.DRAFT),  # 申报
	("wensu", "Initial Junior", "Assistant", S.UNIT_RESULTS_PUBLICITY),  # 申报 推荐 通过
	("wensu", "Fanghuiju Three-Year Promotion", "Intermediate", S.UNIT_REVIEW),  # 申报
	("jiamu", "Township Initial Intermediate", "Intermediate", S.PAPER_SUBMITTED),  # 申报 推荐 通过
	("jiamu", "Initial Junior", "Assistant", S.NOT_ACCEPTED),  # 申报
	("shaya", "Grant by Degree", "Intermediate", S.COUNTY_PAPER_SUBMITTED),  # 申报 推荐 通过
]


@pytest.fixture
def batch_campaign(campaign):
	"""A 004-like notice of the campaign with applications of its routes in the units of ``campaign``."""
	notice = make_notice(campaign_year=YEAR, title=f"{YEAR}年度授予、初定测试通知")
	apps = []
	for i, (unit, route, level, state) in enumerate(BATCH_APPLICATIONS):
		doc = make_application(
			frappe.get_doc("Employer Unit", campaign.units[unit]),
			notice,
			route=route,
			target_level=level,
			applicant_name=f"公示报告{i}",
		)
		frappe.db.set_value("Title Application", doc.name, "workflow_state", state)
		apps.append(doc.name)
	return frappe._dict(campaign, notice=notice.name, batch_apps=apps)


def grouped(user, **filters):
	"""{(reporter, route heading, level, applicant): (申报, 推荐, 通过审核)} of the grouped roster."""
	rows = report(user, ROSTER, group_as_publicity_report=1, **filters)
	path, out = [], {}
	for row in rows:
		path[row["indent"] :] = [row["label"]]
		out[tuple(path)] = (row["applied"], row["recommended"], row["passed"])
	return out


def test_the_roster_grouped_as_the_publicity_report_counts_as_the_report(batch_campaign):
	from zhicheng_app.services.documents.paper_stage import county_reporter, report_context

	frappe.local.lang = "zh"
	unit = frappe.db.get_value("Employer Unit", batch_campaign.units["prefecture"], "unit_name")
	wensu = county_reporter(frappe.get_doc("Region", "温宿县"))
	shaya = county_reporter(frappe.get_doc("Region", "沙雅县"))
	rows = grouped(batch_campaign.users["admin"], notice=batch_campaign.notice)
	assert {key: counts for key, counts in rows.items() if len(key) < 4} == {
		(unit,): (3, 2, 1),
		(unit, "授予"): (2, 2, 1),
		(unit, "授予", "副高级"): (1, 1, 0),
		(unit, "授予", "中级"): (1, 1, 1),
		(unit, "初定"): (1, 0, 0),
		(unit, "初定", "初定初级"): (1, 0, 0),
		(wensu,): (4, 2, 2),
		(wensu, "初定"): (3, 2, 2),
		(wensu, "初定", "初定初级"): (2, 1, 1),
		(wensu, "初定", "乡（镇）初定中级"): (1, 1, 1),
		(wensu, "“访惠聚”三年高定"): (1, 0, 0),
		(wensu, "“访惠聚”三年高定", "中级"): (1, 0, 0),
		(shaya,): (1, 1, 1),
		(shaya, "授予"): (1, 1, 1),
		(shaya, "授予", "中级"): (1, 1, 1),
	}
	# the applicants under their groups; the other notice's (Directed, Private) routes are not listed
	assert rows[(wensu, "初定", "乡（镇）初定中级", "公示报告5")] == (1, 1, 1)
	assert sum(1 for key in rows if len(key) == 4) == len(BATCH_APPLICATIONS)
	# the report the county bureau prints counts the same: 此次推荐 and 通过审核, by route and level
	notice = frappe.get_doc("Title Notice", batch_campaign.notice)
	county_apps = [
		frappe.get_doc("Title Application", name)
		for name, (unit_key, *_rest) in zip(batch_campaign.batch_apps, BATCH_APPLICATIONS, strict=True)
		if unit_key in ("wensu", "jiamu")
	]
	printed = report_context(notice, county_apps, wensu)
	assert printed["recommended_count"] == rows[(wensu,)][1] == 2
	assert printed["c"]["passed"] == rows[(wensu,)][2] == 2
	assert printed["c"]["init_junior"] == rows[(wensu, "初定", "初定初级")][2]
	assert printed["c"]["township_mid"] == rows[(wensu, "初定", "乡（镇）初定中级")][2]


def test_the_grouped_roster_keeps_the_users_scope(batch_campaign):
	frappe.local.lang = "zh"
	wensu = county_reporter_name("温宿县")
	rows = grouped(batch_campaign.users["county"], notice=batch_campaign.notice)
	assert {key[0] for key in rows} == {wensu}  # neither the 地直 unit nor 沙雅县
	assert rows[(wensu,)] == (4, 2, 2)
	# a 沙雅县 officer sees none of 温宿县's or the prefecture's applications
	shaya_officer = make_user(roles.COUNTY_HRSS, ("Region", "沙雅县"))
	rows = grouped(shaya_officer, notice=batch_campaign.notice)
	assert {key[0] for key in rows} == {county_reporter_name("沙雅县")}
	assert {key[3] for key in rows if len(key) == 4} == {"公示报告7"}
	# and a filter for another region narrows to nothing
	assert grouped(batch_campaign.users["county"], notice=batch_campaign.notice, region="沙雅县") == {}
	with pytest.raises(frappe.PermissionError):
		grouped(batch_campaign.users["expert"], notice=batch_campaign.notice)


def county_reporter_name(region: str) -> str:
	from zhicheng_app.services.documents.paper_stage import county_reporter

	return county_reporter(frappe.get_doc("Region", region))
