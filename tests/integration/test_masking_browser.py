"""信息遮盖 in the browser: the applicant opens the masking page of a draft with one uploaded scan,
watches the recognition (run by the site's background worker) propose boxes, draws one more box,
deletes it again, confirms, and sees the masked copy. The page reads in Chinese."""

import frappe
import pytest

from tests.integration.browser import ALLOWED_WORDS, SCREENSHOTS, assert_no_english
from tests.integration.masking_support import PASSWORD, make_world, remove_world

RECOGNITION_MS = 120_000  # the worker reads the scan on a shared 2-core machine


@pytest.fixture(scope="module")
def world(frappe_site):
	world = make_world()  # committed: the worker's job is queued
	yield world
	remove_world(world)


def _shot(page, name):
	SCREENSHOTS.mkdir(parents=True, exist_ok=True)
	page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def test_the_applicant_confirms_the_proposed_boxes_and_sees_the_masked_copy(page, world):
	# logged in through the login method in the page's context (its cookies): the landing page
	# after the login form lists every open notice, which is slow on a busy shared machine
	response = page.request.post("/api/method/login", form={"usr": world["applicant"], "pwd": PASSWORD})
	assert response.ok, response.text()
	page.goto(f"/masking?application={world['application']}")
	page.wait_for_selector("h3:has-text('信息遮盖')")
	page.wait_for_selector(".zc-summary-check")
	item = page.locator(f".zc-item[data-redaction='{world['redaction']}']")
	item.wait_for()
	# the proposal arrives while the page polls
	page.wait_for_selector(
		f".zc-item[data-status='Proposed'][data-redaction='{world['redaction']}']", timeout=RECOGNITION_MS
	)
	boxes = item.locator(".zc-box")
	proposed = boxes.count()
	assert proposed >= 4  # the name twice, the unit, the ID number, the seal
	tags = item.locator(".zc-tag").all_inner_texts()
	assert {"姓名", "工作单位", "身份证号", "公章"} <= set(tags), tags
	_shot(page, "masking_proposed.png")
	# draw a box on an empty part of the scan, then delete it
	image = item.locator(".zc-stage img").bounding_box()
	page.mouse.move(image["x"] + image["width"] * 0.6, image["y"] + image["height"] * 0.05)
	page.mouse.down()
	page.mouse.move(image["x"] + image["width"] * 0.8, image["y"] + image["height"] * 0.08, steps=5)
	page.mouse.up()
	assert boxes.count() == proposed + 1
	assert item.locator(".zc-tag").last.inner_text() == "手动添加"
	item.locator(".zc-box").last.locator(".zc-del").click()
	assert boxes.count() == proposed
	assert_no_english(page, ALLOWED_WORDS | {"TA"})  # the test user's initials (Title Applicant)
	item.locator(".zc-confirm").click()
	page.wait_for_selector(".zc-message.alert-success:has-text('遮盖后的副本已保存')")
	copy = page.locator(f".zc-item[data-redaction='{world['redaction']}'] .zc-redacted img")
	copy.wait_for()
	page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=copy.element_handle())
	assert (
		page.locator(f".zc-item[data-redaction='{world['redaction']}'][data-status='Confirmed']").count() == 1
	)
	_shot(page, "masking_confirmed.png")
	frappe.db.rollback()
	doc = frappe.get_doc("Material Redaction", world["redaction"])
	assert doc.status == "Confirmed" and doc.redacted_file
	assert len(frappe.parse_json(doc.boxes)) == proposed
