"""Helpers for the document tests: read .docx text and members, read codes back from PNGs."""

from __future__ import annotations

import io
import zipfile

import docx
from PIL import Image


def png_image(png: bytes) -> Image.Image:
	"""A PNG as an 8-bit greyscale image."""
	image = Image.open(io.BytesIO(png))
	assert image.format == "PNG"
	return image.convert("L")


def decode_png(png: bytes, fmt=None) -> str | None:
	"""The text of the barcode/QR code in ``png`` (None when nothing decodes)."""
	import zxingcpp

	kwargs = {"formats": fmt} if fmt is not None else {}
	result = zxingcpp.read_barcode(png_image(png), **kwargs)
	return result.text if result is not None and result.valid else None


def docx_text(data: bytes) -> str:
	"""All text of the body paragraphs and table cells, in order."""
	d = docx.Document(io.BytesIO(data))
	parts = [p.text for p in d.paragraphs]
	for table in d.tables:
		for row in table.rows:
			for cell in row.cells:
				parts.append(cell.text)
	return "\n".join(parts)


def member(data: bytes, name: str) -> bytes:
	with zipfile.ZipFile(io.BytesIO(data)) as zf:
		return zf.read(name)


def members(data: bytes) -> dict[str, bytes]:
	with zipfile.ZipFile(io.BytesIO(data)) as zf:
		assert zf.testzip() is None
		return {n: zf.read(n) for n in zf.namelist()}


def replace_in_member(data: bytes, name: str, old: str, new: str) -> bytes:
	"""A copy of the .docx with ``old`` replaced by ``new`` in member ``name``."""
	src = members(data)
	text = src[name].decode("utf-8")
	assert old in text, f"{old!r} not in {name}"
	src[name] = text.replace(old, new, 1).encode("utf-8")
	out = io.BytesIO()
	with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
		for n, payload in src.items():
			zf.writestr(n, payload)
	return out.getvalue()
