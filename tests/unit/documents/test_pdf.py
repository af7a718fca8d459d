import shutil

import pytest

from zhicheng_app.documents import pdf
from zhicheng_app.documents.registry import REGISTRY
from zhicheng_app.documents.render import render_docx


def test_missing_libreoffice_gives_a_clear_message(monkeypatch, tmp_path):
	monkeypatch.delenv(pdf.UNOSERVER_ENV, raising=False)
	monkeypatch.setenv(pdf.SOFFICE_ENV, str(tmp_path / "no-soffice"))
	assert not pdf.pdf_available()
	with pytest.raises(pdf.PdfUnavailable) as info:
		pdf.docx_to_pdf(b"PK")
	assert "LibreOffice" in str(info.value) and ".docx" in str(info.value)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_converts_a_batch(monkeypatch):
	monkeypatch.delenv(pdf.SOFFICE_ENV, raising=False)
	monkeypatch.delenv(pdf.UNOSERVER_ENV, raising=False)
	kinds = ["unit_publicity_001", "exemption_form"]
	docs = [
		render_docx(k, REGISTRY[k].sample(), verify_url="https://zc.example.gov.cn/verify?t=x") for k in kinds
	]
	out = pdf.docx_to_pdf_many(docs)
	assert len(out) == 2 and all(p.startswith(b"%PDF-") for p in out)
