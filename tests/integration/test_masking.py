"""Blind-review masking (盲评): a rendered scan naming the applicant, the unit and the ID number
and carrying the unit's seal gets boxes over each; the masked copy reads none of them; the records
and their files stay in the application's scope (REST of the running bench)."""

import io
import json

import frappe
import pytest
from PIL import Image

from tests.integration.masking_support import APPLICANT_NAME, PASSWORD, make_world, remove_world
from tests.integration.rest import BASE_URL, require_server, session
from zhicheng_app.services import masking

DOCTYPE = "Material Redaction"


@pytest.fixture(scope="module")
def world(frappe_site):
	require_server()
	world = make_world()
	# the job's own function, run here rather than by the worker
	masking.propose(world["redaction"])
	frappe.db.commit()
	yield world
	remove_world(world)


def _doc(world):
	return frappe.get_doc(DOCTYPE, world["redaction"])


def _boxes(doc):
	return json.loads(doc.boxes or "[]")


def test_an_uploaded_image_gets_a_redaction_record(world):
	doc = _doc(world)
	row = frappe.get_all(
		"Application Attachment", filters={"parent": world["application"]}, fields=["name", "file"]
	)[0]
	assert doc.application == world["application"]
	assert doc.attachment_row == row.name and doc.original_file == row.file == world["file_url"]
	assert doc.material_code == "assessment"
	assert world["file_url"].startswith("/private/")


def test_the_recognition_boxes_the_name_the_unit_the_id_number_and_the_seal(world):
	doc = _doc(world)
	assert doc.status == "Proposed", doc.error
	boxes = _boxes(doc)
	labels = [b["label"] for b in boxes]
	assert labels.count("name") == 2  # the 姓名 line and the 承诺人 line
	assert "unit" in labels and "id" in labels and "seal" in labels
	findings = json.loads(doc.findings)
	assert findings["name"] == [APPLICANT_NAME, APPLICANT_NAME]
	assert findings["unit"] == [world["unit_name"]]
	assert findings["id"] == [world["id_number"][:4] + "*" * 10 + world["id_number"][-4:]]
	# the seal's text, unrolled from around its ring, is the unit's name without its region
	assert any(world["unit_name"][8:12] in text for text in findings["seal"]), findings["seal"]
	seal = next(b for b in boxes if b["label"] == "seal")
	assert 700 <= seal["x"] <= 760 and 1150 <= seal["y"] <= 1210  # the seal drawn at (900, 1350), r 150
	name = next(b for b in boxes if b["label"] == "name")
	assert 200 <= name["x"] <= 240 and 280 <= name["y"] <= 320  # after "姓名：" on the line at y 300


def test_confirming_makes_a_masked_copy_that_reads_none_of_them(world):
	frappe.set_user(world["applicant"])
	proposed = _boxes(_doc(world))
	result = masking.confirm(world["redaction"], json.dumps(proposed))
	frappe.set_user("Administrator")
	assert result["status"] == "Confirmed" and result["redacted_file"].startswith("/private/files/")
	doc = _doc(world)
	assert doc.confirmed_by == world["applicant"] and doc.confirmed_at
	assert frappe.db.get_value("Application Attachment", doc.attachment_row, "masking") == "Masked"
	file = frappe.get_doc("File", {"file_url": doc.redacted_file})
	assert file.is_private and file.attached_to_doctype == DOCTYPE and file.attached_to_name == doc.name
	copy = Image.open(io.BytesIO(file.get_content()))
	assert not copy.getexif() and "exif" not in copy.info
	# every box is solid black
	pixels = copy.convert("RGB")
	for box in proposed:
		centre = (box["x"] + box["w"] // 2, box["y"] + box["h"] // 2)
		assert pixels.getpixel(centre) == (0, 0, 0)
	boxes, findings = masking.analyse(pixels, masking.masking_facts(world["application"]))
	assert not boxes, boxes
	assert findings["name"] == findings["unit"] == findings["id"] == findings["seal"] == []
	text = "".join(line.text for line in masking.ocr_lines(pixels))
	assert APPLICANT_NAME not in text and world["id_number"][6:14] not in text
	assert "业务考核表" in text  # the rest of the page is still there
	assert masking.confirmed_redactions(world["application"]) == [
		{
			"material_code": "assessment",
			"redacted_file": doc.redacted_file,
			"attachment_row": doc.attachment_row,
		}
	]
	frappe.db.commit()


def test_boxes_outside_the_image_are_refused_in_zh(world):
	frappe.set_user(world["applicant"])
	with pytest.raises(frappe.ValidationError, match="第 1 个遮盖框超出了图片范围"):
		masking.confirm(world["redaction"], json.dumps([{"x": 1200, "y": 0, "w": 100, "h": 10}]))
	with pytest.raises(frappe.ValidationError, match="“宽度”必须是像素数"):
		masking.confirm(world["redaction"], json.dumps([{"x": 0, "y": 0, "w": "宽", "h": 10}]))


def test_another_applicant_cannot_confirm(world):
	frappe.set_user(world["other"])
	with pytest.raises(frappe.PermissionError):
		masking.confirm(world["redaction"], "[]")


def test_a_form_or_rest_write_of_a_redaction_is_refused(world):
	doc = _doc(world)
	doc.boxes = "[]"
	with pytest.raises(frappe.PermissionError):
		doc.save()


# ---------------------------------------------------------------- scope through REST
def _get(http, path):
	return http.get(f"{BASE_URL}{path}", timeout=60)


def _confirmed(world):
	doc = _doc(world)
	if doc.status != "Confirmed":
		frappe.set_user(world["applicant"])
		masking.confirm(world["redaction"], doc.boxes)
		frappe.set_user("Administrator")
		frappe.db.commit()
		doc = _doc(world)
	return doc


@pytest.mark.parametrize("who", ["applicant", "hr"])
def test_the_applicant_and_the_units_hr_read_the_record_and_its_copy(world, who):
	doc = _confirmed(world)
	http = session(world[who], PASSWORD)
	record = _get(http, f"/api/resource/{DOCTYPE}/{doc.name}")
	assert record.ok, record.text
	assert record.json()["data"]["application"] == world["application"]
	listed = _get(
		http, f"/api/resource/{DOCTYPE}?filters=" + json.dumps([["application", "=", world["application"]]])
	)
	assert [r["name"] for r in listed.json()["data"]] == [doc.name]
	copy = _get(http, doc.redacted_file)
	assert copy.ok and copy.content.startswith(b"\x89PNG")
	status = http.get(
		f"{BASE_URL}/api/method/zhicheng_app.api.masking.status",
		params={"application": world["application"]},
		timeout=60,
	)
	assert status.ok, status.text
	view = status.json()["message"]
	assert [i["name"] for i in view["items"]] == [doc.name] and view["items"][0]["status"] == "Confirmed"
	assert view["may_confirm"] is True  # the applicant's draft; the unit's HR of the unit
	page = _get(http, f"/masking?application={world['application']}")
	assert page.ok and "信息遮盖" in page.text and "个人总结检查" in page.text


@pytest.mark.parametrize("who", ["other", "expert"])
def test_another_applicant_and_a_review_expert_read_nothing(world, who):
	doc = _confirmed(world)
	http = session(world[who], PASSWORD)
	assert _get(http, f"/api/resource/{DOCTYPE}/{doc.name}").status_code == 403
	listed = _get(http, f"/api/resource/{DOCTYPE}?limit_page_length=0")
	assert listed.status_code == 403 or doc.name not in {r["name"] for r in listed.json()["data"]}
	for url in (doc.redacted_file, doc.original_file):
		response = _get(http, url)
		assert response.status_code in (403, 404) and not response.content.startswith(b"\x89PNG")
	files = _get(
		http,
		"/api/resource/File?filters="
		+ json.dumps([["attached_to_doctype", "=", DOCTYPE]])
		+ "&limit_page_length=0",
	)
	assert files.status_code == 403 or doc.redacted_file not in {
		r.get("file_url") for r in files.json()["data"]
	}
	status = http.get(
		f"{BASE_URL}/api/method/zhicheng_app.api.masking.status",
		params={"application": world["application"]},
		timeout=60,
	)
	assert status.status_code == 403


def test_the_applicant_cannot_write_a_redaction_through_rest(world):
	doc = _confirmed(world)
	http = session(world["applicant"], PASSWORD)
	response = http.put(
		f"{BASE_URL}/api/resource/{DOCTYPE}/{doc.name}", json={"boxes": "[]", "status": "Pending"}, timeout=60
	)
	assert response.status_code == 403
	assert _doc(world).status == "Confirmed"


def test_003_covers_the_eye_band_of_the_photo_material_and_000_the_whole_photo():
	photo = Image.new("RGB", (295, 413), (90, 140, 210))  # a 1-inch photo at 300 dpi
	eyes_rule = {"rules": {"mask_photo_eyes": 1}, "name": "", "unit_terms": []}
	[eyes], findings = masking.analyse(photo, eyes_rule, "photo")
	assert eyes["label"] == "eyes" and findings["photo"] == 1
	assert (
		eyes["x"] == 0 and eyes["w"] == 295 and 0 < eyes["y"] < 413 / 3 and eyes["y"] + eyes["h"] < 413 * 0.6
	)
	[whole], _findings = masking.analyse(photo, {**eyes_rule, "rules": {"mask_photo": 1}}, "photo")
	assert (whole["label"], whole["x"], whole["y"], whole["w"], whole["h"]) == ("photo", 0, 0, 295, 413)
	# another material without a face: no photo box
	assert masking.analyse(photo, {**eyes_rule, "rules": {"mask_photo": 1}}, "id_card")[0] == []
