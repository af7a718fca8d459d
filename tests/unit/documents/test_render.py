import io
import re
import zipfile

import docx
import pytest
from lxml import etree

from zhicheng_app.documents import render as R
from zhicheng_app.documents.registry import REGISTRY, get_spec
from zhicheng_app.documents.tokens import sign_token, token_from_url, verify_token, verify_url

from .helpers import decode_png, docx_text, member, members, replace_in_member

SECRET = "render-test-secret"
SITE = "https://zc.example.gov.cn"
KINDS = sorted(REGISTRY)


def _url(kind, doc_id="DOC-0001", version=1):
	return verify_url(SITE, sign_token(SECRET, doc_id, kind, version))


def _rendered(kind, **overrides):
	ctx = {**REGISTRY[kind].sample(), **overrides}
	return R.render_docx(kind, ctx, verify_url=_url(kind)), ctx


def _xml_parts_parse(data):
	for name, payload in members(data).items():
		if name.endswith(".xml") or name.endswith(".rels"):
			etree.fromstring(payload)


def _media_by_picture(data, picture):
	"""Bytes of the media members behind pictures described ``picture`` in the document."""
	doc = docx.Document(io.BytesIO(data))
	part = doc.part
	found = []
	for pic in part.element.iter("{http://schemas.openxmlformats.org/drawingml/2006/picture}pic"):
		c_nv_pr = pic.find(".//{http://schemas.openxmlformats.org/drawingml/2006/picture}cNvPr")
		if c_nv_pr.get("descr") == picture:
			blip = pic.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}blip")
			rid = blip.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed")
			found.append(part.related_parts[rid].blob)
	return found


def _leaf_values(value):
	if isinstance(value, dict):
		for v in value.values():
			yield from _leaf_values(v)
	elif isinstance(value, list | tuple):
		for v in value:
			yield from _leaf_values(v)
	elif isinstance(value, str) and value and "\n" not in value:
		yield value


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_renders_its_sample_with_wording_and_values(kind):
	data, ctx = _rendered(kind)
	_xml_parts_parse(data)
	text = docx_text(data)
	spec = get_spec(kind)
	assert spec.wording, "every template declares its fixed wording"
	for sentence in spec.wording:
		assert sentence in text, sentence
	skip = {
		"level",
		"route",
		"application_no",
		"watermark_text",
		"work_start_ym",
		"from_ym",
		"to_ym",
		"birth_ym",
		"work_start",
		"graduation_ym",
		"current_title_ym",
		"level_label",
	}
	for key in spec.variables:
		if key in skip:
			continue
		for leaf in _leaf_values(ctx[key]):
			if re.fullmatch(r"\d{4}-\d{2}", leaf) or leaf in (
				"Intermediate",
				"Deputy Senior",
				"Assistant",
				"Initial Junior",
				"Grant by Degree",
				"Fanghuiju Three-Year Promotion",
				"Full Senior",
				"Township Initial Intermediate",
			):
				continue
			assert leaf in text, (key, leaf)
	assert "{{" not in text and "{%" not in text


@pytest.mark.parametrize("kind", KINDS)
def test_registry_variables_match_the_template(kind):
	compiled = R.get_compiled(kind)
	assert compiled.has_qr
	assert compiled.has_barcode == REGISTRY[kind].barcode
	assert compiled.variables - R.INJECTED_VARIABLES == set(REGISTRY[kind].variables)


@pytest.mark.parametrize("kind", KINDS)
def test_qr_carries_a_verifiable_token(kind):
	data, _ctx = _rendered(kind)
	images = _media_by_picture(data, R.QR_PICTURE)
	assert images
	url = decode_png(images[0])
	assert url and url.startswith(f"{SITE}/verify?t=")
	token = token_from_url(url)
	payload = verify_token(SECRET, token)
	assert payload is not None and payload.kind == kind and payload.doc_id == "DOC-0001"
	i = len(token) // 2
	altered = token[:i] + ("A" if token[i] != "A" else "B") + token[i + 1 :]
	assert verify_token(SECRET, altered) is None


@pytest.mark.parametrize("kind", [k for k in KINDS if REGISTRY[k].barcode])
def test_barcode_decodes_to_the_application_number(kind):
	import zxingcpp

	data = R.render_docx(kind, REGISTRY[kind].sample(), verify_url=_url(kind), barcode="ZC2024-TEST-000777")
	images = _media_by_picture(data, R.BARCODE_PICTURE)
	assert images
	assert decode_png(images[0], zxingcpp.BarcodeFormat.Code128) == "ZC2024-TEST-000777"
	assert "申报编号：ZC2024-TEST-000777" in docx_text(data)


def test_barcode_defaults_to_the_application_number():
	import zxingcpp

	kind = "commitment"
	data = R.render_docx(kind, {"application_no": "ZC-42", "doc_date": None}, verify_url=_url(kind))
	assert (
		decode_png(_media_by_picture(data, R.BARCODE_PICTURE)[0], zxingcpp.BarcodeFormat.Code128) == "ZC-42"
	)


DANGEROUS = "A<b>&amp;</b> & {{ 7*7 }} {% raw %}\"'\x00\x0b]]>"


@pytest.mark.parametrize("kind", ["unit_publicity_001", "publicity_batch_004", "exemption_form"])
def test_user_text_renders_literally(kind):
	ctx = REGISTRY[kind].sample()
	if kind == "publicity_batch_004":
		ctx["persons"][0]["name"] = DANGEROUS
	elif kind == "exemption_form":
		ctx["name"] = DANGEROUS
	else:
		ctx["applicant_name"] = DANGEROUS
	data = R.render_docx(kind, ctx, verify_url=_url(kind))
	_xml_parts_parse(data)
	expected = DANGEROUS.replace("\x00", "").replace("\x0b", "")
	assert expected in docx_text(data)
	assert "49" not in docx_text(data).replace("0997", "")  # {{ 7*7 }} was not evaluated


def test_line_breaks_in_values_become_breaks():
	kind = "unit_publicity_001"
	data = R.render_docx(kind, {**REGISTRY[kind].sample(), "achievements_5y_text": "第一行\n第二行"})
	xml = member(data, "word/document.xml").decode()
	assert "第一行</w:t><w:br/>" in xml
	assert "第一行\n第二行" in docx_text(data)


def test_watermark_and_two_copies():
	kind = "qualification_review_form"
	data, _ctx = _rendered(kind, watermark_text='平台 <水印> & "测试"\n二行')
	header = b"".join(v for k, v in members(data).items() if re.match(r"word/header\d*\.xml", k)).decode()
	assert 'string="平台 &lt;水印&gt; &amp; &#34;测试&#34; 二行"' in header
	text = docx_text(data)
	assert "第一份" in text and "第二份" in text
	assert len(_media_by_picture(data, R.QR_PICTURE)) == 2
	ids = re.findall(r'<wp:docPr [^>]*id="(\d+)"', member(data, "word/document.xml").decode())
	assert len(ids) == len(set(ids)) >= 4


def test_fast_renderer_matches_docxtpl():
	from docxtpl import DocxTemplate

	for kind in ("unit_publicity_001", "publicity_report_004", "qualification_document"):
		spec = REGISTRY[kind]
		ctx = spec.sample()
		tpl = DocxTemplate(spec.path)
		tpl.render({**ctx, "barcode_text": ""}, R.make_environment())
		out = io.BytesIO()
		tpl.save(out)
		assert docx_text(R.render_docx(kind, ctx)) == docx_text(out.getvalue()), kind


def test_output_is_deterministic_and_a_valid_zip():
	kind = "publicity_002"
	a, _ = _rendered(kind)
	b, _ = _rendered(kind)
	assert a == b
	with zipfile.ZipFile(io.BytesIO(a)) as zf:
		assert zf.testzip() is None
		assert zf.namelist()[0] == "[Content_Types].xml"


def test_render_many_matches_render_docx():
	kind = "publicity_result_002"
	jobs = [R.RenderJob(REGISTRY[kind].sample(), _url(kind, f"D{i}"), f"ZC{i:04d}") for i in range(3)]
	batch = list(R.render_many(kind, jobs))
	assert batch == [R.render_docx(kind, j.context, verify_url=j.verify_url, barcode=j.barcode) for j in jobs]
	assert len(set(batch)) == 3
	assert list(R.render_many(kind, [REGISTRY[kind].sample()]))


def _shipped(kind):
	with open(REGISTRY[kind].path, "rb") as f:
		return f.read()


SANDBOX_ESCAPES = [
	"{{ ''.__class__.__mro__ }}",
	"{{ applicant_name.__class__.__base__.__subclasses__() }}",
	"{{ cycler.__init__.__globals__ }}",
]


@pytest.mark.parametrize("code", SANDBOX_ESCAPES)
def test_sandbox_refuses_code(code):
	kind = "unit_publicity_001"
	bad = replace_in_member(_shipped(kind), "word/document.xml", "{{ supervision_phone }}", code)
	with pytest.raises(R.DocumentError):
		R.render_docx(kind, REGISTRY[kind].sample(), template_bytes=bad)
	report = R.validate_template(bad, kind)
	assert not report.ok and report.errors and report.sample is None


def test_validate_shipped_templates_pass():
	for kind in KINDS:
		report = R.validate_template(_shipped(kind), kind)
		assert report.ok, (kind, report.errors)
		assert report.unknown_variables == [] and report.missing_variables == []
		assert report.sample and docx_text(report.sample)


def test_validate_lists_unknown_and_missing_variables():
	kind = "unit_publicity_001"
	bad = replace_in_member(_shipped(kind), "word/document.xml", "{{ supervision_phone }}", "{{ salary }}")
	report = R.validate_template(bad, kind)
	assert report.unknown_variables == ["salary"]
	assert report.missing_variables == ["supervision_phone"]
	assert not report.ok
	assert any("salary" in e for e in report.errors)


def test_validate_reports_syntax_errors_and_bad_files():
	kind = "commitment"
	bad = replace_in_member(
		_shipped(kind), "word/document.xml", "{{ doc_date|date_line }}", "{{ doc_date|date_line }"
	)
	report = R.validate_template(bad, kind)
	assert not report.ok and report.errors
	report = R.validate_template(b"not a zip", kind)
	assert not report.ok and report.errors


def test_validate_requires_the_qr_placeholder():
	kind = "unit_publicity_001"
	bad = replace_in_member(_shipped(kind), "word/document.xml", 'descr="zc_qr"', 'descr="logo"')
	bad = replace_in_member(bad, "word/document.xml", 'descr="zc_qr"', 'descr="logo"')
	bad = replace_in_member(bad, "word/document.xml", 'name="zc_qr"', 'name="logo"')
	bad = replace_in_member(bad, "word/document.xml", 'name="zc_qr"', 'name="logo"')
	report = R.validate_template(bad, kind)
	assert not report.has_qr and not report.ok


def test_unknown_kind():
	with pytest.raises(KeyError):
		R.render_docx("no_such_kind", {})


def test_the_unit_recommendation_of_000_names_neither_applicant_nor_unit():
	"""000 四、（一）14: fixed wording, no applicant name or current unit name anywhere."""
	kind = "recommendation_unit_000"
	data, ctx = _rendered(kind)
	text = docx_text(data)
	assert "本单位已对该同志提供的申报材料逐一审核，材料真实、完整、有效，同意推荐。" in text
	assert ctx["applicant_name"] and ctx["unit_name"]
	for name, payload in members(data).items():
		if name.endswith(".xml"):
			xml = payload.decode("utf-8")
			assert ctx["applicant_name"] not in xml, name
			assert ctx["unit_name"] not in xml, name
	assert ctx["application_no"] in text  # the barcode caption identifies the application
