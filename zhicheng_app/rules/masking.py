"""Rule family: blind review (盲评) of the uploaded images, what a masking proposal looks for and
what a box on an image may be.

The notices that make review blind (000 §四（一）16, 001 §四（一）3, 002 §四（一）14, 003 附件1)
require the applicant's name, the current unit's name (000 and 003: with its seal) and the
applicant's photo (003: the eye area) to be covered on every uploaded image. Here, without
Frappe or an OCR engine:

* ``unit_variants``: the unit's name and the short forms a scan may carry (without the legal form
  such as 有限公司, without region prefixes such as 新疆 or 巴州库尔勒市);
* ``ID_NUMBER``: 18-digit resident ID numbers, also with spaces between the digits;
* ``find_terms``: where those words appear in OCR lines, as boxes in image pixels;
* ``validate_boxes``: a box list as a user sends it, checked and normalised;
* ``eye_band``: the band of a photo that holds the eyes.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from zhicheng_app.i18n import _

# the legal forms a unit's name ends with, longest first
LEGAL_FORMS = (
	"股份有限公司",
	"有限责任公司",
	"有限公司",
	"股份公司",
	"集团公司",
	"公司",
)
# region names a unit's name often starts with (the region of the five notices), longest first;
# any other "<…>自治区/省/自治州/地区/市/县" prefix is recognised by REGION_PREFIX
REGION_NAMES = (
	"新疆维吾尔自治区",
	"巴音郭楞蒙古自治州",
	"阿克苏地区",
	"新疆",
	"巴州",
	"阿克苏",
	"库尔勒市",
	"库尔勒",
	"阿克苏市",
	"和静县",
	"轮台县",
	"尉犁县",
	"若羌县",
	"且末县",
	"焉耆县",
	"和硕县",
	"博湖县",
	"库车市",
	"温宿县",
	"沙雅县",
	"新和县",
	"拜城县",
	"乌什县",
	"阿瓦提县",
	"柯坪县",
)
REGION_PREFIX = re.compile(r"^[\u4e00-\u9fff]{2,8}?(?:自治区|自治州|地区|省|市|县)")
MIN_TERM_CHARS = 4  # a short form shorter than this (公司, 巴州) would cover unrelated words

# 18-digit resident ID: area (first digit 1-9), birth date, sequence, check digit (digit or X);
# OCR and typists put spaces between the groups
ID_NUMBER = re.compile(r"(?<![0-9])[1-9](?:[ \t\u3000]*[0-9]){16}[ \t\u3000]*[0-9Xx×](?![0-9])")

MAX_BOXES = 60  # per image
MIN_BOX_PIXELS = 2
BOX_LABELS = ("name", "unit", "id", "seal", "photo", "eyes", "manual")
BOX_SOURCES = ("ocr", "seal", "face", "material", "user")
FIELD_LABELS = {"x": "left edge", "y": "top edge", "w": "width", "h": "height"}


class BoxError(ValueError):
	"""A box list a user sent that cannot be used; the message is for the user (zh)."""


def compact(text: str) -> str:
	"""``text`` without whitespace and in NFKC form (full-width digits and letters as ASCII)."""
	return "".join(unicodedata.normalize("NFKC", text or "").split())


def _strip_legal_form(name: str) -> str:
	for form in LEGAL_FORMS:
		if name.endswith(form) and len(name) - len(form) >= 2:
			return name[: -len(form)]
	return name


def _strip_region(name: str) -> str:
	"""``name`` without one leading region name (the longest that leaves at least two characters)."""
	for region in REGION_NAMES:
		if name.startswith(region) and len(name) - len(region) >= 2:
			return name[len(region) :]
	match = REGION_PREFIX.match(name)
	if match and len(name) - match.end() >= 2:
		return name[match.end() :]
	return name


def unit_variants(unit_name: str, aliases: list[str] | tuple[str, ...] = ()) -> list[str]:
	"""The unit's name, its registered short names and the short forms derived from each (legal
	form and region prefixes taken off, alone and together), longest first; none shorter than
	``MIN_TERM_CHARS``."""
	found: set[str] = set()
	for name in (unit_name, *aliases):
		name = compact(name)
		if not name:
			continue
		found.add(name)
		stem = _strip_legal_form(name)
		found.add(stem)
		current = {name, stem}
		for _round in range(3):  # 新疆巴州库尔勒市…: one prefix per round
			current = {_strip_region(n) for n in current} - current
			if not current:
				break
			found |= current
	aliases_kept = {compact(a) for a in aliases if compact(a)}
	return sorted(
		(v for v in found if len(v) >= MIN_TERM_CHARS or v in aliases_kept),
		key=lambda v: (-len(v), v),
	)


def id_numbers(text: str) -> list[tuple[int, int]]:
	"""The spans of ``text`` that are 18-digit ID numbers (with or without spaces)."""
	return [m.span() for m in ID_NUMBER.finditer(unicodedata.normalize("NFKC", text or ""))]


# ---------------------------------------------------------------- boxes from OCR lines
@dataclass
class OcrLine:
	"""One line an OCR engine found: its corner points (pixels) and text."""

	points: list[tuple[float, float]]
	text: str
	score: float = 1.0

	@property
	def bounds(self) -> tuple[float, float, float, float]:
		xs = [p[0] for p in self.points]
		ys = [p[1] for p in self.points]
		return min(xs), min(ys), max(xs), max(ys)


def char_width(ch: str) -> float:
	"""Relative advance of a character: full-width (CJK, full-width punctuation) 1, others about half."""
	return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.55


def span_box(line: OcrLine, start: int, end: int, pad: int = 6) -> dict:
	"""The box (pixels) of ``line.text[start:end]``: the line's box cut where the characters
	before and after the span end, by their relative widths, padded by ``pad`` pixels."""
	left, top, right, bottom = line.bounds
	widths = [char_width(c) for c in line.text]
	total = sum(widths) or 1.0
	x0 = left + (right - left) * sum(widths[:start]) / total
	x1 = left + (right - left) * sum(widths[:end]) / total
	return {
		"x": max(0, math.floor(x0 - pad)),
		"y": max(0, math.floor(top - pad)),
		"w": math.ceil(x1 - x0 + 2 * pad),
		"h": math.ceil(bottom - top + 2 * pad),
	}


def _compact_index(text: str) -> tuple[str, list[int]]:
	"""``text`` compacted (see ``compact``) and, for each of its characters, the index in ``text``."""
	chars, index = [], []
	for i, ch in enumerate(text):
		normal = unicodedata.normalize("NFKC", ch)
		for c in normal:
			if not c.isspace():
				chars.append(c)
				index.append(i)
	return "".join(chars), index


def find_terms(lines: list[OcrLine], terms: dict[str, list[str]], find_ids: bool = True) -> list[dict]:
	"""Boxes over each occurrence of ``terms`` (label -> words, longest first; a word covered by a
	longer one of the same place is not boxed again) and of ID numbers in the OCR ``lines``:
	``{x, y, w, h, label, text, source: "ocr"}``."""
	found = []
	for line in lines:
		text, index = _compact_index(line.text)
		taken: list[tuple[int, int]] = []
		for label, words in terms.items():
			for word in sorted({compact(w) for w in words if compact(w)}, key=len, reverse=True):
				start = text.find(word)
				while start >= 0:
					end = start + len(word)
					if not any(s < end and start < e for s, e in taken):
						taken.append((start, end))
						box = span_box(line, index[start], index[end - 1] + 1)
						found.append({**box, "label": label, "text": word, "source": "ocr"})
					start = text.find(word, end)
		if find_ids:
			for start, end in id_numbers(text):
				if not any(s < end and start < e for s, e in taken):
					taken.append((start, end))
					box = span_box(line, index[start], index[end - 1] + 1)
					found.append({**box, "label": "id", "text": text[start:end], "source": "ocr"})
	return found


def eye_band(box: dict, kind: str = "photo") -> dict:
	"""The band of a ``box`` that holds the eyes: of a 1-inch bare-headed photo (``photo``, the head
	filling the frame) from a fifth to a little over half of its height; of a face a detector found
	(``face``, brow to chin) from a sixth to a half."""
	top, height = (0.2, 0.35) if kind == "photo" else (0.16, 0.36)
	return {
		"x": box["x"],
		"y": box["y"] + round(box["h"] * top),
		"w": box["w"],
		"h": max(MIN_BOX_PIXELS, round(box["h"] * height)),
	}


def photo_of_face(face: dict) -> dict:
	"""The photo around a face a detector found (an ID card's or a form's 1-inch photo): the head,
	hair and shoulders around the face."""
	return {
		"x": round(face["x"] - face["w"] * 0.35),
		"y": round(face["y"] - face["h"] * 0.5),
		"w": round(face["w"] * 1.7),
		"h": round(face["h"] * 2.1),
	}


# ---------------------------------------------------------------- boxes a user sends
def _number(box: dict, key: str, position: int) -> float:
	value = box.get(key)
	if isinstance(value, bool) or value is None:
		value = None
	elif isinstance(value, str):
		try:
			value = float(value.strip())
		except ValueError:
			value = None
	if not isinstance(value, (int, float)) or not math.isfinite(value):
		raise BoxError(
			_("Box {0}: the {1} must be a number of pixels").format(position, _(FIELD_LABELS[key]))
		)
	return float(value)


def validate_boxes(boxes, width: int, height: int, max_boxes: int = MAX_BOXES) -> list[dict]:
	"""``boxes`` (a list of ``{x, y, w, h[, label, source]}`` in pixels of a ``width`` × ``height``
	image) checked and rounded to whole pixels; ``BoxError`` names the first wrong box and field."""
	if not isinstance(boxes, list):
		raise BoxError(_("The boxes must be sent as a list"))
	if len(boxes) > max_boxes:
		raise BoxError(_("At most {0} boxes can be drawn on one image").format(max_boxes))
	clean = []
	for position, box in enumerate(boxes, start=1):
		if not isinstance(box, dict):
			raise BoxError(_("Box {0} is not a box (left edge, top edge, width, height)").format(position))
		x, y, w, h = (_number(box, key, position) for key in ("x", "y", "w", "h"))
		for key, value in (("w", w), ("h", h)):
			if value < MIN_BOX_PIXELS:
				raise BoxError(
					_("Box {0}: the {1} must be at least {2} pixels").format(
						position, _(FIELD_LABELS[key]), MIN_BOX_PIXELS
					)
				)
		if x < 0 or y < 0 or x + w > width + 0.5 or y + h > height + 0.5:
			raise BoxError(
				_("Box {0} lies outside the image ({1} × {2} pixels)").format(position, width, height)
			)
		label = box.get("label") if box.get("label") in BOX_LABELS else "manual"
		source = box.get("source") if box.get("source") in BOX_SOURCES else "user"
		clean.append(
			{
				"x": round(x),
				"y": round(y),
				"w": min(round(w), width - round(x)),
				"h": min(round(h), height - round(y)),
				"label": label,
				"source": source,
			}
		)
	return clean


def clamp(box: dict, width: int, height: int) -> dict:
	"""``box`` cut to the image."""
	x, y = max(0, int(box["x"])), max(0, int(box["y"]))
	w = max(MIN_BOX_PIXELS, min(int(box["w"]), width - x))
	h = max(MIN_BOX_PIXELS, min(int(box["h"]), height - y))
	return {**box, "x": x, "y": y, "w": w, "h": h}
