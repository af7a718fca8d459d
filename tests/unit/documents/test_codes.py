import pytest

from zhicheng_app.documents import codes

from .helpers import decode_png, png_to_gray

pytest.importorskip("zxingcpp", reason="zxing-cpp is needed to decode the codes")

URL = "https://zc.example.gov.cn/verify?t=WkMtQVBQLTIwMjQtMDAwMDEfdW5pdF9wdWJsaWNpdHlfMDAxHzM.gebBDgvFA8vhCQ"


def test_qr_decodes_to_the_url():
	assert decode_png(codes.qr_png(URL)) == URL


def test_qr_fallback_encoder_decodes(monkeypatch):
	monkeypatch.setattr(codes, "_zxing", None)
	assert codes.qr_engine() == "qrcode"
	assert decode_png(codes.qr_png(URL)) == URL


@pytest.mark.parametrize("number", ["ZC2024-AKS-000123", "20240001", "A1"])
def test_code128_decodes_to_the_number(number):
	import zxingcpp

	assert decode_png(codes.code128_png(number), zxingcpp.BarcodeFormat.Code128) == number


def test_png_shape():
	width, height, pixels = png_to_gray(codes.code128_png("20240001"))
	assert height == codes.BARCODE_HEIGHT_PX and width % 8 == 0 and len(pixels) == width * height
	# quiet zone: the first module column is light
	assert pixels[0] == 255 and set(pixels) == {0, 255}


def test_empty_content_is_refused():
	with pytest.raises(ValueError):
		codes.qr_png("")
	with pytest.raises(ValueError):
		codes.code128_png("")
