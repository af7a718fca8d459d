"""The unit's paper stage of 阿地人社传〔2024〕6号 四、（二） in the browser, in Chinese: after the bureau's
review has passed, the unit's HR enters its publicity of the passed applicants on 单位职称申报, sends
its paper, and generates its 公示情况报告 with the roster, which is read back.

The module makes its own notice (windows open around today), unit, users and applications, commits
them for the web server and deletes them afterwards. Screenshots: tests/integration/screenshots/.
"""

import datetime
import io
import re

import docx
import frappe
import pytest

from tests.integration.browser import ALLOWED_WORDS, SCREENSHOTS, assert_no_english, login
from tests.integration.factories import make_unit, make_user
from tests.integration.unit_portal_support import PASSWORD, zh_unique
from tests.integration.workflow_support import act, chain_notice, make_chain_application
from zhicheng_app.rules.calendar import add_working_days, is_workday

ALLOWED = ALLOWED_WORDS


@pytest.fixture(scope="module")
def paper(frappe_site):
	frappe.set_user("Administrator")
	frappe.flags.zhicheng_now = None
	now = frappe.utils.now_datetime()
	notice = chain_notice(
		"004", now=now, title="关于开展阿克苏地区职称授予、初定、“访惠聚”三年高定工作的通知"
	)
	unit = make_unit(unit_name=zh_unique("阿克苏地区测试林业站"))
	actors = {"units": {"prefecture": unit.name}}
	actors["applicant"] = make_user("Title Applicant")
	actors["hr"] = make_user("Unit HR", ("Employer Unit", unit.name))
	frappe.db.set_value("User", actors["hr"], {"language": "zh", "first_name": "林业站经办人"})
	actors["prefecture"] = make_user("Prefecture HRSS Officer", ("Region", "阿克苏地区"))
	names = []
	for key, route, level in (
		("甲", "Grant by Degree", "Intermediate"),
		("乙", "Initial Junior", "Assistant"),
	):
		doc = make_chain_application(actors, notice, "prefecture", route, level, applicant_name=f"纸质{key}")
		frappe.db.set_value(
			"Title Application",
			doc.name,
			{
				"publicity_start": now.date() - datetime.timedelta(days=40),
				"publicity_end": now.date() - datetime.timedelta(days=30),
			},
		)
		act(actors["applicant"], doc.name, "Submit")
		act(actors["hr"], doc.name, "Recommend")
		act(actors["prefecture"], doc.name, "Pass Review")
		names.append(doc.name)
	frappe.db.commit()
	yield {"actors": actors, "names": names, "notice": notice.name, "unit": unit, "today": now.date()}
	frappe.set_user("Administrator")
	generated = frappe.get_all(
		"Generated Document", filters={"reference_name": ("in", [unit.name, *names])}, pluck="name"
	)
	for name in frappe.get_all(
		"File", filters={"attached_to_name": ("in", [unit.name, *names, *generated])}, pluck="name"
	):
		frappe.delete_doc("File", name, ignore_permissions=True, force=True)
	frappe.db.delete("Generated Document", {"name": ("in", generated or [""])})
	for name in names:
		frappe.db.delete("Comment", {"reference_name": name})
		frappe.delete_doc("Title Application", name, ignore_permissions=True, force=True)
	for key in ("applicant", "hr", "prefecture"):
		frappe.db.delete("User Permission", {"user": actors[key]})
		frappe.delete_doc("User", actors[key], ignore_permissions=True, force=True)
	frappe.delete_doc("Employer Unit", unit.name, ignore_permissions=True, force=True)
	frappe.delete_doc("Title Notice", notice.name, ignore_permissions=True, force=True)
	frappe.db.commit()


def _shot(tab, name: str):
	SCREENSHOTS.mkdir(parents=True, exist_ok=True)
	tab.screenshot(path=str(SCREENSHOTS / f"paper_stage_{name}.png"), full_page=True)


def _publicity(today: datetime.date) -> tuple[str, str]:
	"""Five working days ended before today (one more to spare)."""
	end = today - datetime.timedelta(days=1)
	while not is_workday(end):
		end -= datetime.timedelta(days=1)
	return add_working_days(end, -5).isoformat(), end.isoformat()


def _states(names) -> set[str]:
	frappe.db.rollback()  # see what the server committed
	return {frappe.db.get_value("Title Application", n, "workflow_state") for n in names}


def test_the_unit_sends_its_paper_and_generates_its_publicity_situation_report(page, paper):
	login(page, paper["actors"]["hr"], PASSWORD)
	tab = page
	tab.goto(f"/unit-applications?unit={paper['unit'].name}")
	card = tab.locator(".zc-paper-stage")
	card.wait_for()
	tab.locator(".zc-unit-portal[data-ready='1']").wait_for(state="attached")
	text = card.inner_text()
	assert "通过审核人员纸质材料报送" in text and "四、（二）1" in text
	assert "纸质甲" in text and "纸质乙" in text and "通过人员再次公示" in text
	assert_no_english(tab, ALLOWED)
	_shot(tab, "before")

	start, end = _publicity(paper["today"])
	card.locator(".zc-republicity-start").fill(start)
	card.locator(".zc-republicity-end").fill(end)
	card.get_by_role("button", name="保存公示信息").click()
	tab.locator(".zc-message", has_text="已为2份申报保存公示情况").wait_for()
	tab.once("dialog", lambda dialog: dialog.accept())
	card.get_by_role("button", name="报送纸质材料").click()
	tab.locator(".zc-message", has_text="已报送2份申报的纸质材料").wait_for()
	assert _states(paper["names"]) == {"Paper Submitted"}
	# the page reloads with the new states
	tab.locator(".zc-paper-stage", has_text="纸质材料已报送本级人社部门").wait_for()
	tab.locator(".zc-unit-portal[data-ready='1']").wait_for(state="attached")

	card = tab.locator(".zc-paper-stage")
	assert "纸质材料已报送本级人社部门" in card.inner_text()
	assert card.locator(".zc-submit-paper").count() == 0  # nothing left to send
	card.locator(".zc-paper-document").select_option(label="公示情况报告及通过审核人员名单")
	with tab.expect_download() as download_info:
		card.locator(".zc-download-paper").click()
	download = download_info.value
	assert download.suggested_filename.endswith(".docx")
	document = docx.Document(io.BytesIO(open(download.path(), "rb").read()))
	body = "\n".join(p.text for p in document.paragraphs)
	unit_name = paper["unit"].unit_name
	assert f"{unit_name}严格履行" in body and "此次推荐2人，通过审核2人" in body
	assert "申报授予1人" in body and "初定初级1人" in body
	assert re.search(rf"{unit_name}：纸质甲", body) and re.search(rf"{unit_name}：纸质乙", body)
	assert_no_english(tab, ALLOWED)
	_shot(tab, "after")
