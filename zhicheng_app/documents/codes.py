"""QR codes and Code128 barcodes as small PNG images, without Pillow.

Both symbols are drawn as 1-bit greyscale PNGs in which one module is one byte
(eight pixels) wide: a module row of 0x00 (dark) / 0xFF (light) bytes *is* the
packed PNG scanline, so no per-pixel work is done in Python. The document
template fixes the printed size, so only the proportions matter.

QR encoding uses the zxing-cpp encoder when it is installed (C++, standard mask
selection, well under a millisecond) and falls back to ``qrcode`` otherwise.
Code128 patterns come from ``python-barcode``.
"""

from __future__ import annotations

import functools
import struct
import zlib

from barcode.codex import Code128

try:  # the fast path; optional at run time
	import zxingcpp as _zxing
except ImportError:  # pragma: no cover - exercised where zxing-cpp is absent
	_zxing = None

QR_QUIET_ZONE = 4  # modules, ISO/IEC 18004
BARCODE_QUIET_ZONE = 10  # modules, ISO/IEC 15417
MODULE_PX = 8  # one byte of a 1-bit scanline
BARCODE_HEIGHT_PX = 160

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_DARK, _LIGHT = 0x00, 0xFF


def _chunk(kind: bytes, data: bytes) -> bytes:
	return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_1bit(module_rows: list[bytes], *, row_repeat: int = MODULE_PX) -> bytes:
	"""A 1-bit greyscale PNG from rows of module bytes (0x00 dark, 0xFF light).

	Each byte becomes eight pixels across; each row is repeated ``row_repeat`` times.
	"""
	if not module_rows or not module_rows[0]:
		raise ValueError("empty image")
	width_bytes = len(module_rows[0])
	raw = bytearray()
	for row in module_rows:
		if len(row) != width_bytes:
			raise ValueError("ragged image rows")
		line = b"\x00" + row  # filter type 0 (None)
		raw += line * row_repeat
	ihdr = struct.pack(">IIBBBBB", width_bytes * 8, len(module_rows) * row_repeat, 1, 0, 0, 0, 0)
	return (
		_PNG_SIGNATURE
		+ _chunk(b"IHDR", ihdr)
		+ _chunk(b"IDAT", zlib.compress(bytes(raw), 6))
		+ _chunk(b"IEND", b"")
	)


def qr_engine() -> str:
	"""Which encoder draws the QR codes: ``zxing-cpp`` or ``qrcode``."""
	return "zxing-cpp" if _zxing is not None else "qrcode"


def _qr_rows_zxing(text: str) -> list[bytes]:
	symbol = _zxing.create_barcode(text, _zxing.BarcodeFormat.QRCode, ec_level="M")
	image = memoryview(symbol.to_image(scale=1, add_quiet_zones=True))
	data = image.tobytes()
	width = image.shape[1]
	return [data[i : i + width] for i in range(0, len(data), width)]


def _qr_rows_qrcode(text: str) -> list[bytes]:
	import qrcode

	qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=QR_QUIET_ZONE)
	qr.add_data(text)
	qr.make(fit=True)
	return [bytes(_DARK if dark else _LIGHT for dark in row) for row in qr.get_matrix()]


def qr_png(text: str) -> bytes:
	"""PNG of a QR code (error correction M, 4-module quiet zone) holding ``text``."""
	if not text:
		raise ValueError("empty QR content")
	rows = _qr_rows_zxing(text) if _zxing is not None else _qr_rows_qrcode(text)
	return png_1bit(rows)


_BAR_TABLE = bytes.maketrans(b"10", bytes((_DARK, _LIGHT)))


@functools.lru_cache(maxsize=4096)
def code128_png(number: str) -> bytes:
	"""PNG of a Code128 barcode of ``number`` (e.g. an application number), without text.

	The human-readable number is printed by the template under the image.
	"""
	if not number:
		raise ValueError("empty barcode content")
	pattern = Code128(str(number)).build()[0]
	quiet = b"\xff" * BARCODE_QUIET_ZONE
	row = quiet + pattern.encode("ascii").translate(_BAR_TABLE) + quiet
	return png_1bit([row], row_repeat=BARCODE_HEIGHT_PX)


def blank_png(width_modules: int = 8, height_modules: int = 8) -> bytes:
	"""A white placeholder image."""
	return png_1bit([b"\xff" * width_modules] * height_modules)
