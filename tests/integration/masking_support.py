"""A rendered scan for the masking tests and benchmark: an A4 page at 150 dpi (1240 × 1754 pixels)
with a form's lines of text in a CJK font, a round red seal and, optionally, a face-like photo."""

import io
import math
import subprocess
from functools import cache

from PIL import Image, ImageDraw, ImageFont

A4_150_DPI = (1240, 1754)


@cache
def cjk_font_path() -> str:
	"""The Noto Sans CJK collection (Debian's fonts-noto-cjk), found with fc-list."""
	out = subprocess.run(
		["fc-list", ":lang=zh", "file"], capture_output=True, text=True, check=False
	).stdout.splitlines()
	paths = sorted({line.split(":")[0].strip() for line in out if line.strip()})
	for preferred in ("NotoSansCJK-Regular.ttc", "NotoSansCJK", "NotoSerifCJK-Regular.ttc", "CJK"):
		for path in paths:
			if preferred in path:
				return path
	raise RuntimeError("no CJK font: apt-get install -y fonts-noto-cjk")


def font(size: int) -> ImageFont.FreeTypeFont:
	return ImageFont.truetype(cjk_font_path(), size)


def draw_seal(image: Image.Image, centre: tuple[int, int], radius: int, text: str):
	"""A round red seal: a ring, a star and ``text`` set around the upper arc."""
	draw = ImageDraw.Draw(image)
	red = (220, 30, 40)
	cx, cy = centre
	draw.ellipse(
		(cx - radius, cy - radius, cx + radius, cy + radius), outline=red, width=max(4, radius // 14)
	)
	star = []
	for i in range(10):
		r = radius * (0.28 if i % 2 == 0 else 0.12)
		a = -math.pi / 2 + i * math.pi / 5
		star.append((cx + r * math.cos(a), cy + r * math.sin(a)))
	draw.polygon(star, fill=red)
	size = max(12, radius // 5)
	f = font(size)
	span = math.radians(240)
	for i, ch in enumerate(text):
		a = -math.pi / 2 - span / 2 + span * (i + 0.5) / len(text)
		r = radius * 0.74
		glyph = Image.new("RGBA", (size * 2, size * 2), (0, 0, 0, 0))
		ImageDraw.Draw(glyph).text((size // 2, size // 2), ch, font=f, fill=red)
		glyph = glyph.rotate(-math.degrees(a) - 90, resample=Image.BICUBIC)
		x, y = cx + r * math.cos(a) - size, cy + r * math.sin(a) - size
		image.paste(glyph, (round(x), round(y)), glyph)


def draw_face(image: Image.Image, box: tuple[int, int, int, int]):
	"""A plain 1-inch photo frame with a drawn head (for the layout; not a detectable face)."""
	draw = ImageDraw.Draw(image)
	x, y, w, h = box
	draw.rectangle((x, y, x + w, y + h), fill=(90, 140, 210))
	draw.ellipse((x + w * 0.22, y + h * 0.12, x + w * 0.78, y + h * 0.72), fill=(235, 200, 170))
	draw.rectangle((x + w * 0.1, y + h * 0.75, x + w * 0.9, y + h), fill=(40, 40, 60))


def render_scan(
	applicant_name: str,
	unit_name: str,
	id_number: str,
	seal_text: str | None = None,
	size: tuple[int, int] = A4_150_DPI,
) -> Image.Image:
	"""A form page naming the applicant, the unit and the ID number (the ID in groups with
	spaces), with body text and, when ``seal_text`` is given, the unit's seal."""
	image = Image.new("RGB", size, "white")
	draw = ImageDraw.Draw(image)
	title, body = font(48), font(34)
	draw.text((380, 120), "专业技术人员业务考核表", font=title, fill="black")
	spaced_id = f"{id_number[:6]} {id_number[6:14]} {id_number[14:]}"
	lines = [
		f"姓名：{applicant_name}",
		f"工作单位：{unit_name}",
		f"身份证号：{spaced_id}",
		"现任专业技术职务：工程师",
		"考核年度：2023年",
		"考核结果：合格",
		"主要工作：负责公路养护工程的技术管理与质量检测工作。",
	]
	for i, line in enumerate(lines):
		draw.text((120, 300 + i * 90), line, font=body, fill="black")
	draw.text((120, 1000), f"本人承诺以上材料真实。承诺人：{applicant_name}", font=body, fill="black")
	if seal_text:
		draw_seal(image, (900, 1350), 150, seal_text)
	return image


def png_bytes(image: Image.Image) -> bytes:
	out = io.BytesIO()
	image.save(out, format="PNG")
	return out.getvalue()


# ---------------------------------------------------------------- a committed world for the web server
PASSWORD = "Integration-Test-2024!"
APPLICANT_NAME = "张伟明"
_WORDS = "恒达宏远鑫盛华泰永安瑞丰金鼎天润博雅康宁"


def unit_name() -> str:
	import random

	return "新疆巴州库尔勒市" + "".join(random.sample(_WORDS, 3)) + "建设工程有限公司"


def make_world() -> dict:
	"""A blind-review notice (name, unit, seal and photo masked), a unit, the applicant, another
	applicant, a review expert and the unit's HR, and a draft application with one uploaded scan
	that names the applicant, the unit and the ID number and carries the unit's seal; committed."""
	import frappe

	from tests.integration.factories import make_application, make_notice, make_unit, make_user

	frappe.set_user("Administrator")
	notice = make_notice(
		blind_review=1,
		mask_name=1,
		mask_unit=1,
		mask_unit_seal=1,
		mask_photo=1,
		allowed_file_types="png,jpg",
		materials=[{"code": "assessment", "label": "专业技术人员业务考核表"}],
	)
	unit = make_unit(unit_name=unit_name())
	applicant = make_user("Title Applicant", password=PASSWORD)
	other = make_user("Title Applicant", password=PASSWORD)
	expert = make_user("Review Expert", password=PASSWORD)
	hr = make_user("Unit HR", ("Employer Unit", unit.name), PASSWORD)
	app = make_application(unit, notice, applicant_user=applicant, applicant_name=APPLICANT_NAME)
	id_number = app.id_number
	scan = render_scan(APPLICANT_NAME, unit.unit_name, id_number, seal_text=unit.unit_name[8:])
	frappe.set_user(applicant)
	try:
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "assessment-scan.png",
				"content": png_bytes(scan),
				"is_private": 1,
				"attached_to_doctype": "Title Application",
				"attached_to_name": app.name,
			}
		).insert()
		app.reload()
		app.append(
			"attachments", {"material_code": "assessment", "file": file.file_url, "description": "考核表"}
		)
		app.save()
	finally:
		frappe.set_user("Administrator")
	redaction = frappe.db.get_value("Material Redaction", {"application": app.name}, "name")
	frappe.db.commit()
	return {
		"notice": notice.name,
		"unit": unit.name,
		"unit_name": unit.unit_name,
		"applicant": applicant,
		"other": other,
		"expert": expert,
		"hr": hr,
		"application": app.name,
		"id_number": id_number,
		"file_url": file.file_url,
		"redaction": redaction,
	}


def remove_world(world: dict):
	"""Delete what ``make_world`` made, trying once more after a lock wait or deadlock (other
	test runs share the database)."""
	import time

	import frappe

	for attempt in range(3):
		try:
			_remove(world)
			return
		except (frappe.QueryDeadlockError, frappe.QueryTimeoutError):
			frappe.db.rollback()
			if attempt == 2:
				raise
			time.sleep(2)


def _remove(world: dict):
	import frappe

	frappe.set_user("Administrator")
	frappe.db.rollback()
	frappe.delete_doc("Title Application", world["application"], ignore_permissions=True, force=True)
	for email in ("applicant", "other", "expert", "hr"):
		frappe.db.delete("User Permission", {"user": world[email]})
		frappe.delete_doc("User", world[email], ignore_permissions=True, force=True)
	for doctype, key in (("Employer Unit", "unit"), ("Title Notice", "notice")):
		frappe.delete_doc(doctype, world[key], ignore_permissions=True, force=True)
	frappe.db.commit()
