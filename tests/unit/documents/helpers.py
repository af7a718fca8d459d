"""Helpers for the document tests: read .docx text, decode our PNGs, read codes back."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import docx

_BITS = [bytes(0 if (byte >> (7 - i)) & 1 == 0 else 255 for i in range(8)) for byte in range(256)]


def png_to_gray(png: bytes) -> tuple[int, int, bytes]:
	"""Decode a non-interlaced greyscale PNG (bit depth 1 or 8, filter 0) to 8-bit pixels."""
	assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
	pos, idat, ihdr = 8, b"", None
	while pos < len(png):
		(length,) = struct.unpack(">I", png[pos : pos + 4])
		kind = png[pos + 4 : pos + 8]
		data = png[pos + 8 : pos + 8 + length]
		(crc,) = struct.unpack(">I", png[pos + 8 + length : pos + 12 + length])
		assert zlib.crc32(kind + data) == crc, "bad chunk CRC"
		if kind == b"IHDR":
			ihdr = struct.unpack(">IIBBBBB", data)
		elif kind == b"IDAT":
			idat += data
		pos += 12 + length
	width, height, depth, colour, _c, _f, interlace = ihdr
	assert colour == 0 and interlace == 0 and depth in (1, 8)
	raw = zlib.decompress(idat)
	stride = (width * depth + 7) // 8
	out = bytearray()
	for y in range(height):
		line = raw[y * (stride + 1) : (y + 1) * (stride + 1)]
		assert line[0] == 0, "only filter type 0 is expected"
		row = line[1:]
		if depth == 1:
			row = b"".join(_BITS[b] for b in row)[:width]
		out += row
	return width, height, bytes(out)


def decode_png(png: bytes, fmt=None) -> str | None:
	"""The text of the barcode/QR code in ``png`` (None when nothing decodes)."""
	import zxingcpp

	width, height, pixels = png_to_gray(png)
	# Thin the image: zxing does not need 8 pixels a module and is faster on less.
	image = memoryview(pixels).cast("B", (height, width))
	kwargs = {"formats": fmt} if fmt is not None else {}
	result = zxingcpp.read_barcode(image, **kwargs)
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
