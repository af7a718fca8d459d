import pytest
import zxingcpp

from zhicheng_app.documents import codes

from .helpers import decode_png, png_image

URL = "https://zc.example.gov.cn/verify?t=WkMtQVBQLTIwMjQtMDAwMDEfdW5pdF9wdWJsaWNpdHlfMDAxHzM.gebBDgvFA8vhCQ"


def _grey_levels(image) -> set[int]:
	return {level for _count, level in image.getcolors()}


def test_qr_decodes_to_the_url():
	assert decode_png(codes.qr_png(URL), zxingcpp.BarcodeFormat.QRCode) == URL


def test_qr_has_a_four_module_quiet_zone():
	image = png_image(codes.qr_png(URL))
	quiet = 4 * codes.MODULE_PX
	assert image.width == image.height and image.width % codes.MODULE_PX == 0
	assert _grey_levels(image.crop((0, 0, image.width, quiet))) == {255}
	assert _grey_levels(image.crop((0, 0, quiet, image.height))) == {255}
	assert _grey_levels(image.crop((quiet, quiet, quiet + codes.MODULE_PX, quiet + codes.MODULE_PX))) == {0}


@pytest.mark.parametrize("number", ["ZC2024-AKS-000123", "20240001", "A1"])
def test_code128_decodes_to_the_number(number):
	assert decode_png(codes.code128_png(number), zxingcpp.BarcodeFormat.Code128) == number


def test_png_shape():
	image = png_image(codes.code128_png("20240001"))
	assert image.height == codes.BARCODE_HEIGHT_PX and image.width % codes.MODULE_PX == 0
	# quiet zone: the first module column is light; the image is black and white only
	assert image.getpixel((0, 0)) == 255 and _grey_levels(image) == {0, 255}


def test_blank_placeholder_is_white():
	image = png_image(codes.blank_png(29, 29))
	assert image.size == (29 * codes.MODULE_PX, 29 * codes.MODULE_PX)
	assert _grey_levels(image) == {255}


def test_empty_content_is_refused():
	with pytest.raises(ValueError):
		codes.qr_png("")
	with pytest.raises(ValueError):
		codes.code128_png("")
