"""QR codes and Code128 barcodes as PNG images.

zxing-cpp encodes the QR codes (error correction M, the standard mask selection, a 4-module
quiet zone), python-barcode gives the Code128 bar pattern and Pillow writes the PNGs. One
module is four pixels wide; the template fixes the printed size, and Word or LibreOffice scale
the picture without smoothing a 1-bit image.
"""

from __future__ import annotations

import io

import zxingcpp
from barcode.codex import Code128
from PIL import Image

MODULE_PX = 4
BARCODE_QUIET_ZONE = 10  # modules, ISO/IEC 15417
BARCODE_HEIGHT_PX = 40  # the template stretches the picture to its frame
_DARK, _LIGHT = 0, 255


def _png(image: Image.Image) -> bytes:
	"""A 1-bit PNG of a black-and-white image."""
	buffer = io.BytesIO()
	image.convert("1", dither=Image.Dither.NONE).save(buffer, format="PNG")
	return buffer.getvalue()


def qr_png(text: str) -> bytes:
	"""PNG of a QR code holding ``text``."""
	if not text:
		raise ValueError("empty QR content")
	symbol = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
	return _png(Image.fromarray(symbol.to_image(scale=MODULE_PX, add_quiet_zones=True)))


def code128_png(number: str) -> bytes:
	"""PNG of a Code128 barcode of ``number`` (e.g. an application number), without text.

	The human-readable number is printed by the template under the image.
	"""
	if not number:
		raise ValueError("empty barcode content")
	quiet = "0" * BARCODE_QUIET_ZONE
	modules = quiet + Code128(str(number)).build()[0] + quiet  # "1" is a bar
	row = bytes(_DARK if module == "1" else _LIGHT for module in modules)
	image = Image.frombytes("L", (len(row), 1), row)
	return _png(image.resize((len(row) * MODULE_PX, BARCODE_HEIGHT_PX), Image.Resampling.NEAREST))


def blank_png(width_modules: int = 8, height_modules: int = 8) -> bytes:
	"""A white placeholder image of the given size in modules."""
	return _png(Image.new("L", (width_modules * MODULE_PX, height_modules * MODULE_PX), _LIGHT))
