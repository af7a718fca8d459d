"""Uploads to an application: only the notice's file types, only files that are what they say,
and no photo metadata."""

import io

import frappe
import pytest
from PIL import Image

from tests.integration.factories import make_application, make_notice, make_user

APP = "Title Application"


def _jpeg_with_gps() -> bytes:
	exif = Image.Exif()
	exif[0x010F] = "TestCamera"  # Make
	exif[0x8825] = {1: "N", 2: (43.0, 48.0, 0.0), 3: "E", 4: (87.0, 36.0, 0.0)}  # GPSInfo
	buffer = io.BytesIO()
	Image.new("RGB", (40, 30), "white").save(buffer, format="JPEG", exif=exif)
	return buffer.getvalue()


@pytest.fixture
def draft():
	applicant = make_user("Title Applicant")
	app = make_application(notice=make_notice(allowed_file_types="jpg"), applicant_user=applicant)
	return applicant, app


def _attach(user, app, file_name, content):
	frappe.set_user(user)
	try:
		return frappe.get_doc(
			{
				"doctype": "File",
				"file_name": file_name,
				"content": content,
				"is_private": 1,
				"attached_to_doctype": APP,
				"attached_to_name": app.name,
			}
		).insert()
	finally:
		frappe.set_user("Administrator")


def test_a_photo_is_stored_without_its_exif_and_gps(draft):
	applicant, app = draft
	original = _jpeg_with_gps()
	assert Image.open(io.BytesIO(original)).getexif()  # the test photo carries them
	assert frappe.db.get_single_value("System Settings", "strip_exif_metadata_from_uploaded_images")
	stored = _attach(applicant, app, "学历证书.jpg", original)
	with open(stored.get_full_path(), "rb") as f:
		assert not Image.open(io.BytesIO(f.read())).getexif()


def test_a_type_the_notice_does_not_accept_is_refused(draft):
	applicant, app = draft
	with pytest.raises(frappe.ValidationError, match="仅接受以下文件格式"):
		_attach(applicant, app, "承诺书.pdf", b"%PDF-1.4 ...")
	assert not frappe.db.exists("File", {"attached_to_name": app.name, "file_name": "承诺书.pdf"})


def test_a_file_that_is_not_what_its_name_says_is_refused(draft):
	applicant, app = draft
	with pytest.raises(frappe.ValidationError, match="不是可以读取的JPG文件"):
		_attach(applicant, app, "身份证.jpg", b"MZ\x90\x00 this is a program, not a photo")
	assert not frappe.db.exists("File", {"attached_to_name": app.name, "file_name": "身份证.jpg"})
	png = io.BytesIO()
	Image.new("RGB", (10, 10)).save(png, format="PNG")
	with pytest.raises(frappe.ValidationError, match="不是可以读取的JPG文件"):  # a PNG named .jpg
		_attach(applicant, app, "照片.jpg", png.getvalue())
