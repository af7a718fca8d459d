"""Blind review (盲评): the masking of every image uploaded to an application.

When an application is saved with an image in its attachments under a notice that makes review
blind, a Material Redaction is made for that image (status Pending) and a background job reads the
image: the text recognition (RapidOCR, its Chinese models installed with the package) finds the
applicant's name, the unit's name and its short forms and ID numbers; red round regions are taken
for the unit's seal (their text is read too); the photo is the whole image of the photo material,
else a face the face detector finds (003: its eye band only). The boxes found are proposed
(status Proposed). On the masking page (信息遮盖, /masking?application=<name>) the applicant or
the unit's HR moves, resizes, deletes and adds boxes and confirms: the boxes are filled solid black
in a copy of the image without metadata, a private File attached to the Material Redaction
(status Confirmed), and ``redaction_confirmed`` is published.

The review packet reads the masked copies through ``confirmed_redactions``. Records are read in
the application's scope (``query_conditions`` / ``has_permission``; review experts read none) and
written by this module only (``check_server_write``).
"""

from __future__ import annotations

import functools
import io
import json
import os

import frappe
from PIL import Image, ImageDraw, ImageOps

from zhicheng_app.i18n import _
from zhicheng_app.permissions import APPLICATION, _record_allows, get_scope
from zhicheng_app.roles import APPLICANT, UNIT_HR, UNSCOPED_ROLES
from zhicheng_app.rules import masking as rules
from zhicheng_app.services import clock
from zhicheng_app.services.portal import can_edit
from zhicheng_app.services.precheck import notice_config, run_precheck

DOCTYPE = "Material Redaction"
ATTACHMENT = "Application Attachment"
PENDING, PROPOSED, CONFIRMED, FAILED = "Pending", "Proposed", "Confirmed", "Failed"
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png")
PHOTO_MATERIALS = frozenset({"photo"})  # the notices' code of the 1-inch bare-headed photo
SUMMARY_RULES = ("SUM-NAME", "SUM-UNIT")
QUEUE = "long"
MAX_PIXELS = 40_000_000  # larger images are refused before they are decoded
REDACTION_CONFIRMED = "redaction_confirmed"


# ---------------------------------------------------------------- scope and who writes
def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""Lists: the redactions of applications in the user's scope."""
	scope = get_scope(user)
	if scope.unscoped:
		return ""
	return (
		f"`tab{DOCTYPE}`.application in (select `tabTitle Application`.name"
		f" from `tabTitle Application` where {scope.condition()})"
	)


def has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	return _record_allows(APPLICATION, doc.get("application"), get_scope(user), ptype)


def check_server_write(doc):
	"""``validate`` of Material Redaction: every field is this module's (the proposal, the
	confirmed boxes, the masked copy); no form or REST write stores one."""
	if not doc.flags.masking_service:
		frappe.throw(
			_(
				"Masking records are made by the masking page; open Masking for Blind Review from the application instead"
			),
			frappe.PermissionError,
		)


def _save(doc):
	doc.flags.masking_service = True
	if doc.is_new():
		doc.insert(ignore_permissions=True)
	else:
		doc.save(ignore_permissions=True)
	return doc


def may_confirm(application, user: str | None = None) -> bool:
	"""The applicant while they may change the application, the unit's HR of an application in
	their scope, and administrators confirm masking."""
	user = user or frappe.session.user
	roles = set(frappe.get_roles(user))
	if user == "Administrator" or roles & UNSCOPED_ROLES:
		return True
	if not get_scope(user).allows(application):
		return False
	if UNIT_HR in roles and application.get("applicant_user") != user:
		return True
	if APPLICANT in roles and application.get("applicant_user") == user:
		return can_edit(application)
	return False


# ---------------------------------------------------------------- which images
def _notice_rules(notice: str | None) -> dict:
	if not notice:
		return {}
	row = frappe.db.get_value(
		"Title Notice",
		notice,
		["blind_review", "mask_name", "mask_unit", "mask_unit_seal", "mask_photo", "mask_photo_eyes"],
		as_dict=True,
	)
	return row if row and row.blind_review else {}


def is_image(file_url: str | None) -> bool:
	return bool(file_url) and os.path.splitext(file_url.split("?")[0])[1].lower() in IMAGE_EXTENSIONS


def sync_redactions(doc, method=None) -> int:
	"""``on_update`` of Title Application: a Material Redaction for every image of the
	attachments (a new one, and a new recognition, when a row's image changed); those of rows
	removed or replaced are deleted. Returns how many records were made."""
	if not _notice_rules(doc.notice):
		return 0
	made = 0
	rows = {row.name: row for row in doc.get("attachments") or []}
	existing = frappe.get_all(
		DOCTYPE, filters={"application": doc.name}, fields=["name", "attachment_row", "original_file"]
	)
	kept = set()
	for record in existing:
		row = rows.get(record.attachment_row)
		if row and row.file == record.original_file:
			kept.add(record.attachment_row)
		else:
			frappe.delete_doc(DOCTYPE, record.name, ignore_permissions=True, force=True)
	for name, row in rows.items():
		if name in kept or not is_image(row.file) or not frappe.db.exists("File", {"file_url": row.file}):
			continue
		record = _save(
			frappe.get_doc(
				{
					"doctype": DOCTYPE,
					"application": doc.name,
					"attachment_row": name,
					"material_code": row.material_code,
					"original_file": row.file,
					"status": PENDING,
				}
			)
		)
		# the demo's sample scans are read when someone opens their masking page (sync_missing)
		if not frappe.flags.in_demo:
			enqueue_proposal(record.name)
		made += 1
	return made


def sync_missing(doc) -> int:
	"""The masking page: the records of images uploaded before masking existed, or whose job was
	lost (a Pending record without a queued job is queued again)."""
	made = sync_redactions(doc)
	pending = frappe.get_all(DOCTYPE, filters={"application": doc.name, "status": PENDING}, pluck="name")
	for name in pending:
		enqueue_proposal(name)  # deduplicated by job id while queued or running
	return made + len(pending)


def delete_redactions(doc, method=None):
	"""The application's redactions and their masked copies (when it is deleted)."""
	for name in frappe.get_all(DOCTYPE, filters={"application": doc.name}, pluck="name"):
		frappe.delete_doc(DOCTYPE, name, ignore_permissions=True, force=True)


def enqueue_proposal(redaction: str):
	frappe.enqueue(
		"zhicheng_app.services.masking.propose",
		queue=QUEUE,
		redaction=redaction,
		job_id=f"masking-proposal::{redaction}",
		deduplicate=True,
		enqueue_after_commit=True,
	)


# ---------------------------------------------------------------- images
def load_image(file_url: str) -> Image.Image:
	"""The image of a stored File, upright (its EXIF orientation applied) and in RGB."""
	file = frappe.get_doc("File", {"file_url": file_url})
	content = file.get_content()
	if isinstance(content, str):
		content = content.encode()
	return open_image(content)


def open_image(content: bytes) -> Image.Image:
	image = Image.open(io.BytesIO(content))
	if image.width * image.height > MAX_PIXELS:
		frappe.throw(_("The image is too large to mask ({0} × {1} pixels)").format(image.width, image.height))
	return ImageOps.exif_transpose(image).convert("RGB")


def redact(image: Image.Image | bytes, boxes: list[dict], image_format: str = "PNG") -> bytes:
	"""``image`` with every box filled solid black, encoded as ``image_format`` without any
	metadata (EXIF, ICC, text chunks): a new image is made from the pixels alone."""
	if isinstance(image, bytes):
		image = open_image(image)
	pixels = image.convert("RGB")
	clean = Image.frombytes("RGB", pixels.size, pixels.tobytes())
	draw = ImageDraw.Draw(clean)
	for box in boxes:
		x, y, w, h = (int(box[k]) for k in ("x", "y", "w", "h"))
		draw.rectangle((x, y, x + w - 1, y + h - 1), fill=(0, 0, 0))
	out = io.BytesIO()
	if image_format.upper() in ("JPEG", "JPG"):
		clean.save(out, format="JPEG", quality=90)
	else:
		clean.save(out, format="PNG", optimize=False)
	return out.getvalue()


# ---------------------------------------------------------------- recognition
# The recognition's libraries (onnxruntime, OpenCV, numpy) are imported where they are used: by the
# job, not by every web request that loads this module through the hooks.
@functools.cache
def ocr_engine():
	from rapidocr_onnxruntime import RapidOCR

	# the text detector reads the page scaled to at most 960 pixels (an A4 scan at 150 dpi is read
	# at about 55 %: a line of 10.5 pt type stays some 20 pixels high); the lines it finds are
	# read at the scan's own resolution
	# read at the scan's own resolution. Two threads at most: the job shares the server with
	# the web workers, and more threads than cores spin against each other
	threads = min(2, os.cpu_count() or 1)
	return RapidOCR(det_limit_type="max", det_limit_side_len=960, intra_op_num_threads=threads)


def ocr_lines(image: Image.Image) -> list[rules.OcrLine]:
	"""The text lines of an upright image (the notices ask for upright scans, so the engine's
	180° classifier is not run)."""
	import numpy

	result, _elapsed = ocr_engine()(numpy.asarray(image.convert("RGB")), use_cls=False)
	return [
		rules.OcrLine(points=[(float(p[0]), float(p[1])) for p in points], text=text, score=float(score))
		for points, text, score in result or []
	]


def red_regions(image: Image.Image) -> list[dict]:
	"""Red, roughly round regions (a seal's ring with its text and star) as boxes in pixels."""
	import cv2
	import numpy

	scale = min(1.0, 800 / max(image.size))
	small = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))))
	rgb = numpy.asarray(small.convert("RGB")).astype(numpy.int16)
	r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
	mask = ((r > 130) & (r - g > 50) & (r - b > 40)).astype(numpy.uint8)
	mask = cv2.dilate(mask, numpy.ones((5, 5), numpy.uint8))
	count, _labels, stats, _centres = cv2.connectedComponentsWithStats(mask)
	# largest first; what lies inside a larger region (a seal's text and star inside its ring) is part of it
	regions = sorted((tuple(int(v) for v in stats[i]) for i in range(1, count)), key=lambda r: -r[2] * r[3])
	outer: list[tuple[int, ...]] = []
	for x, y, w, h, area in regions:
		if not any(x >= o[0] and y >= o[1] and x + w <= o[0] + o[2] and y + h <= o[1] + o[3] for o in outer):
			outer.append((x, y, w, h, area))
	found = []
	for x, y, w, h, area in outer:
		if min(w, h) < 40 * scale or not 0.7 <= w / h <= 1.43:
			continue
		if not 0.08 <= area / (w * h) <= 0.9:
			continue
		pad = 6
		found.append(
			rules.clamp(
				{
					"x": round(x / scale) - pad,
					"y": round(y / scale) - pad,
					"w": round(w / scale) + 2 * pad,
					"h": round(h / scale) + 2 * pad,
				},
				image.width,
				image.height,
			)
		)
	return found


def seal_text(image: Image.Image, box: dict) -> str:
	"""The text set around a round seal: its red pixels as black on white, unrolled from polar
	coordinates (the ring's band becomes a straight line, read from the seal's lower left
	clockwise) and read by the recognition."""
	import cv2
	import numpy

	crop = image.crop((box["x"], box["y"], box["x"] + box["w"], box["y"] + box["h"]))
	rgb = numpy.asarray(crop.convert("RGB")).astype(numpy.int16)
	red = (rgb[..., 0] > 130) & (rgb[..., 0] - rgb[..., 1] > 50)
	ink = numpy.where(red, 0, 255).astype(numpy.uint8)
	radius = min(box["w"], box["h"]) / 2
	steps = max(90, round(2 * numpy.pi * radius * 0.8))  # rows: angle; columns: distance from the centre
	polar = cv2.warpPolar(
		ink,
		(max(1, int(radius)), steps),
		(box["w"] / 2, box["h"] / 2),
		radius,
		cv2.WARP_POLAR_LINEAR + cv2.INTER_LINEAR + cv2.WARP_FILL_OUTLIERS,
	)
	unrolled = numpy.roll(polar.T[::-1], -steps // 4, axis=1)  # outer edge on top, starting at the bottom
	band = unrolled[int(radius * 0.05) : int(radius * 0.55)]
	if not band.size:
		return ""
	return "".join(line.text for line in ocr_lines(Image.fromarray(band).convert("RGB")))


@functools.cache
def _face_detector():
	import cv2

	return cv2.CascadeClassifier(os.path.join(cv2.data.haarcascades, "haarcascade_frontalface_default.xml"))


def faces(image: Image.Image) -> list[dict]:
	"""Frontal faces (OpenCV's Haar cascade) as boxes in pixels."""
	import numpy

	gray = numpy.asarray(image.convert("L"))
	side = max(40, min(image.size) // 20)
	found = _face_detector().detectMultiScale(gray, scaleFactor=1.1, minNeighbors=6, minSize=(side, side))
	return [{"x": int(x), "y": int(y), "w": int(w), "h": int(h)} for x, y, w, h in found]


def masking_facts(application: str) -> dict:
	"""What the proposal looks for on an application's images: the notice's masking rules, the
	applicant's name and the unit's name with its short forms."""
	app = frappe.db.get_value(
		APPLICATION, application, ["notice", "applicant_name", "employer_unit"], as_dict=True
	)
	notice_rules = _notice_rules(app.notice) if app else {}
	unit = (
		frappe.db.get_value("Employer Unit", app.employer_unit, ["unit_name", "short_names"], as_dict=True)
		if app and app.employer_unit
		else None
	)
	aliases = [
		a.strip() for a in ((unit and unit.short_names) or "").replace("，", ",").split(",") if a.strip()
	]
	return {
		"rules": dict(notice_rules),
		"name": rules.compact(app.applicant_name) if app else "",
		"unit_terms": rules.unit_variants(unit.unit_name, aliases) if unit else [],
	}


def analyse(image: Image.Image, facts: dict, material_code: str | None = None) -> tuple[list[dict], dict]:
	"""The boxes to propose on ``image`` and what was found (counts and texts, ID numbers shown
	with their middle digits hidden)."""
	notice = facts.get("rules") or {}
	terms = {}
	if notice.get("mask_name") and len(facts.get("name") or "") >= 2:
		terms["name"] = [facts["name"]]
	if notice.get("mask_unit") and facts.get("unit_terms"):
		terms["unit"] = facts["unit_terms"]
	boxes = rules.find_terms(ocr_lines(image), terms)
	findings: dict = {"name": [], "unit": [], "id": [], "seal": [], "photo": 0}
	for box in boxes:
		text = box.pop("text")
		findings[box["label"]].append(
			text[:4] + "*" * (len(text) - 8) + text[-4:] if box["label"] == "id" else text
		)
	if notice.get("mask_unit") or notice.get("mask_unit_seal"):
		for box in red_regions(image):
			findings["seal"].append(seal_text(image, box))
			boxes.append({**box, "label": "seal", "source": "seal"})
	if notice.get("mask_photo") or notice.get("mask_photo_eyes"):
		if material_code in PHOTO_MATERIALS:  # the photo itself
			photos = [({"x": 0, "y": 0, "w": image.width, "h": image.height}, "photo", "material")]
		else:
			photos = [(face, "face", "face") for face in faces(image)]
		for box, kind, source in photos:
			if notice.get("mask_photo_eyes"):
				boxes.append({**rules.eye_band(box, kind), "label": "eyes", "source": source})
			else:
				cover = box if kind == "photo" else rules.photo_of_face(box)
				boxes.append({**cover, "label": "photo", "source": source})
			findings["photo"] += 1
	boxes = [rules.clamp(b, image.width, image.height) for b in boxes]
	return boxes, findings


def propose(redaction: str):
	"""The background job: read the image of a Pending record and propose its boxes (a record
	already proposed, confirmed or failed is left as it is)."""
	doc = frappe.get_doc(DOCTYPE, redaction)
	if doc.status != PENDING:
		return
	try:
		image = load_image(doc.original_file)
		boxes, findings = analyse(image, masking_facts(doc.application), doc.material_code)
	except Exception as e:
		frappe.log_error(title=f"Masking proposal {redaction}")
		doc.status, doc.error = FAILED, _("The image could not be read: {0}").format(str(e)[:200])
	else:
		doc.status, doc.error = PROPOSED, ""
		doc.boxes = json.dumps(boxes)
		doc.findings = json.dumps(findings, ensure_ascii=False)
	_save(doc)  # the job runner commits


# ---------------------------------------------------------------- confirmation
def confirm(redaction: str, boxes) -> dict:
	"""Confirm ``boxes`` (a list or its JSON) on a redaction: checked, drawn on a copy of the image,
	stored as a private File attached to the redaction; the attachment row's masking decision
	follows (masked, or nothing to mask when no box is left)."""
	doc = frappe.get_doc(DOCTYPE, redaction)
	doc.check_permission("read")
	app = frappe.get_doc(APPLICATION, doc.application)
	if not may_confirm(app):
		frappe.throw(_("You cannot change the masking of this application"), frappe.PermissionError)
	if isinstance(boxes, str):
		try:
			boxes = json.loads(boxes)
		except ValueError:
			frappe.throw(_("The boxes must be sent as a list"), title=_("Masking boxes"))
	image = load_image(doc.original_file)
	try:
		clean = rules.validate_boxes(boxes, image.width, image.height)
	except rules.BoxError as e:
		frappe.throw(str(e), title=_("Masking boxes"))
	jpeg = os.path.splitext(doc.original_file)[1].lower() in (".jpg", ".jpeg")
	content = redact(image, clean, "JPEG" if jpeg else "PNG")
	for old in frappe.get_all(
		"File", filters={"attached_to_doctype": DOCTYPE, "attached_to_name": doc.name}, pluck="name"
	):
		frappe.delete_doc("File", old, ignore_permissions=True)
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"masked-{doc.material_code or 'material'}-{doc.name}.{'jpg' if jpeg else 'png'}",
			"content": content,
			"is_private": 1,
			"attached_to_doctype": DOCTYPE,
			"attached_to_name": doc.name,
			"attached_to_field": "redacted_file",
		}
	)
	file.flags.ignore_permissions = True
	file.insert()
	doc.update(
		{
			"boxes": json.dumps(clean),
			"redacted_file": file.file_url,
			"status": CONFIRMED,
			"confirmed_by": frappe.session.user,
			"confirmed_at": clock.wall(clock.now()),
			"error": "",
		}
	)
	_save(doc)
	if doc.attachment_row and frappe.db.exists(
		ATTACHMENT, {"name": doc.attachment_row, "parent": doc.application}
	):
		frappe.db.set_value(
			ATTACHMENT, doc.attachment_row, "masking", "Masked" if clean else "Nothing to Mask"
		)
	frappe.publish_realtime(
		REDACTION_CONFIRMED,
		{"application": doc.application, "redaction": doc.name, "material_code": doc.material_code},
		doctype=APPLICATION,
		docname=doc.application,
		after_commit=True,
	)
	return view(doc)


def confirmed_redactions(application: str) -> list[dict]:
	"""The confirmed masked copies of an application's images, as they stand now (a record of a
	row whose image was replaced is not among them): ``{material_code, redacted_file,
	attachment_row}``. For the review packet."""
	rows = {
		r.name: r.file
		for r in frappe.get_all(
			ATTACHMENT, filters={"parent": application, "parenttype": APPLICATION}, fields=["name", "file"]
		)
	}
	records = frappe.get_all(
		DOCTYPE,
		filters={"application": application, "status": CONFIRMED, "redacted_file": ("is", "set")},
		fields=["material_code", "redacted_file", "attachment_row", "original_file"],
		order_by="creation asc",
	)
	return [
		{
			"material_code": r.material_code,
			"redacted_file": r.redacted_file,
			"attachment_row": r.attachment_row,
		}
		for r in records
		if rows.get(r.attachment_row) == r.original_file
	]


# ---------------------------------------------------------------- the masking page
def view(doc) -> dict:
	def loaded(value):
		if isinstance(value, str):
			try:
				return json.loads(value or "null")
			except ValueError:
				return None
		return value

	return {
		"name": doc.name,
		"material_code": doc.material_code or "",
		"status": doc.status,
		"boxes": loaded(doc.boxes) or [],
		"findings": loaded(doc.findings) or {},
		"original_file": doc.original_file,
		"redacted_file": doc.redacted_file or "",
		"error": doc.error or "",
		"confirmed_at": str(doc.confirmed_at or ""),
	}


def page_view(application: str) -> dict:
	"""The masking page of an application: its images with their boxes, whether the user may
	confirm, the notice's masking rules and the summary check."""
	app = frappe.get_doc(APPLICATION, application)
	app.check_permission("read")
	names = frappe.get_list(
		DOCTYPE, filters={"application": application}, pluck="name", order_by="creation asc"
	)
	labels = _material_labels(app.notice)
	items = []
	for name in names:
		item = view(frappe.get_doc(DOCTYPE, name))
		item["label"] = labels.get(item["material_code"], item["material_code"])
		items.append(item)
	return {
		"application": application,
		"may_confirm": may_confirm(app),
		"items": items,
		"pending": any(i["status"] == PENDING for i in items),
		"rules": _rules_text(_notice_rules(app.notice)),
		"summary": summary_findings(app),
		"blind_review": bool(_notice_rules(app.notice)),
	}


def _material_labels(notice: str | None) -> dict:
	if not notice:
		return {}
	return {row.code: row.label or row.code for row in notice_config(notice).materials if row.code}


def _rules_text(notice_rules: dict) -> list[str]:
	items = {
		"mask_name": _("your name"),
		"mask_unit": _("your unit's name"),
		"mask_unit_seal": _("your unit's seal"),
		"mask_photo": _("your photo"),
		"mask_photo_eyes": _("the eye area of your photo"),
	}
	return [text for key, text in items.items() if notice_rules.get(key)]


def summary_findings(app) -> list[dict]:
	"""The precheck's blind-review findings on the personal summary (its name and unit rules)."""
	if not app.notice:
		return []
	result = run_precheck(app)
	return [
		{"rule_id": f.rule_id, "message": f.message, "seed_ref": f.seed_ref}
		for f in result.findings
		if f.rule_id in SUMMARY_RULES
	]
