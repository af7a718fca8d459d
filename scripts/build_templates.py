"""Build the .docx templates of zhicheng_app/print_formats/ with python-docx.

    python scripts/build_templates.py [OUT_DIR]

Run it after changing this file and commit the regenerated .docx files (OUT_DIR, by default
zhicheng_app/print_formats/, lets you compare a build with the committed files first).
Rebuilding unchanged templates yields the same bytes. They are ordinary docxtpl templates
(``{{ }}``, ``{%p %}``, ``{%tr %}``) and can be opened, edited and re-uploaded by
administrators.

The Chinese text below is the documents' own wording, copied from the annexes of the notices
(the official language of the output, not user-interface strings). Placeholders (××, xx …)
become Jinja variables; hints that tell the signer what to do by hand (（单位负责人签字）,
（推荐单位公章）, （手写签名）) are kept; spaces that the notices' text puts between Chinese
characters and digits ("2024 年") are not. Where the notices print no content (评审表, 呈报表,
业务考核表, 任职资格文件), the layout is the app's own and is marked as such in the registry.

Layout follows GB/T 9704-2012 for notices: A4, margins 37/35/28/26 mm, body
仿宋_GB2312 三号 (16 pt) at a fixed 28 pt line pitch, titles 方正小标宋简体 二号
(22 pt) centred, page numbers "— n —" in 宋体 四号. Forms use 仿宋_GB2312 小四 in
bordered tables with narrower margins.

Images: every template carries a QR placeholder (picture description
``zc_qr``); forms that travel on paper carry a barcode placeholder
(``zc_barcode``). The renderer swaps their media bytes per document, so their
printed size is fixed here.
"""

from __future__ import annotations

import datetime
import io
import os
import sys
import zipfile

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from zhicheng_app.documents.codes import blank_png
from zhicheng_app.documents.registry import PRINT_FORMATS_DIR, REGISTRY, UNIT_RECOMMENDATION_000

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
PAGE_NO_FONT = "宋体"
LATIN_FONT = "Times New Roman"

QR_NAME = "zc_qr"
BARCODE_NAME = "zc_barcode"
QR_SIZE = Cm(2.2)
BARCODE_SIZE = (Cm(5.6), Cm(1.1))
BARCODE_CAPTION = "申报编号：{{ barcode_text }}"

# Distinct placeholder images: python-docx stores identical images once.
_QR_PLACEHOLDER = blank_png(29, 29)
_BARCODE_PLACEHOLDER = blank_png(120, 5)
assert _QR_PLACEHOLDER != _BARCODE_PLACEHOLDER != blank_png()

NOTICE_004 = "根据《{{ notice_title }}》（{{ notice_doc_no }}）工作要求，"


# ---------------------------------------------------------------- primitives


def _east_asian_font(rpr, name: str):
	"""Set the font of Chinese text in run properties ``rpr``; returns their ``w:rFonts``."""
	fonts = rpr.find(qn("w:rFonts"))
	if fonts is None:
		fonts = rpr.makeelement(qn("w:rFonts"), {})
		rpr.insert(0, fonts)
	fonts.set(qn("w:eastAsia"), name)
	return fonts


def _set_run_font(run, name: str, size: float | None = None, bold: bool = False, color=None):
	run.font.name = LATIN_FONT
	_east_asian_font(run._element.get_or_add_rPr(), name).set(qn("w:hint"), "eastAsia")
	if size is not None:
		run.font.size = Pt(size)
	if bold:
		run.font.bold = True
	if color is not None:
		run.font.color.rgb = color


def new_document(form: bool = False, watermark: bool = False):
	doc = Document()
	section = doc.sections[0]
	section.page_width, section.page_height = Cm(21.0), Cm(29.7)
	if form:
		section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
		section.left_margin, section.right_margin = Cm(2.4), Cm(2.4)
	else:
		section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
		section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
	section.header_distance, section.footer_distance = Cm(1.5), Cm(2.0)

	normal = doc.styles["Normal"]
	normal.font.name = LATIN_FONT
	normal.font.size = Pt(12 if form else 16)
	_east_asian_font(normal.element.get_or_add_rPr(), BODY_FONT)
	pf = normal.paragraph_format
	pf.space_before = pf.space_after = Pt(0)
	if not form:
		pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
		pf.line_spacing = Pt(28)

	_page_number_footer(section)
	if watermark:
		_watermark_header(section)
	return doc


def _page_number_footer(section):
	p = section.footer.paragraphs[0]
	p.alignment = WD_ALIGN_PARAGRAPH.CENTER
	r = p.add_run("— ")
	_set_run_font(r, PAGE_NO_FONT, 14)
	for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
		run = p.add_run()
		_set_run_font(run, PAGE_NO_FONT, 14)
		if kind:
			run._element.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="{kind}"/>'))
		else:
			run._element.append(
				parse_xml(f'<w:instrText {nsdecls("w")} xml:space="preserve">{text}</w:instrText>')
			)
	r = p.add_run(" —")
	_set_run_font(r, PAGE_NO_FONT, 14)


_WATERMARK = (
	'<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
	'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
	"<w:rPr><w:noProof/></w:rPr><w:pict>"
	'<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
	'path="m@7,l@8,m@5,21600l@6,21600e">'
	"<v:formulas>"
	'<v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/>'
	'<v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/>'
	'<v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/>'
	'<v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/>'
	'<v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/>'
	"</v:formulas>"
	'<v:path textpathok="t" o:connecttype="custom" '
	'o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>'
	'<v:textpath on="t" fitshape="t"/><v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/>'
	'</v:handles><o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
	'<v:shape id="ZcWatermark" o:spid="_x0000_s2049" type="#_x0000_t136" '
	'style="position:absolute;margin-left:0;margin-top:0;width:440pt;height:110pt;rotation:315;'
	"z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
	'mso-position-vertical:center;mso-position-vertical-relative:margin" o:allowincell="f" '
	'fillcolor="#d8d8d8" stroked="f"><v:fill opacity=".5"/>'
	'<v:textpath style="font-family:&quot;宋体&quot;;font-size:1pt" string="{{ watermark_text }}"/>'
	"</v:shape></w:pict></w:r>"
)


def _watermark_header(section):
	p = section.header.paragraphs[0]
	p._p.append(parse_xml(_WATERMARK))


def para(
	doc,
	text: str = "",
	*,
	indent: bool = True,
	align=None,
	size: float | None = None,
	font: str | None = None,
	bold: bool = False,
	space_before: float | None = None,
	keep_pitch: bool = True,
):
	"""One paragraph with one run, so Jinja tags never straddle runs."""
	p = doc.add_paragraph()
	if align is not None:
		p.alignment = align
	if indent and align in (None, WD_ALIGN_PARAGRAPH.JUSTIFY):
		p.paragraph_format.first_line_indent = Pt(2 * (size or 16))
	if align is None:
		p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
	if space_before is not None:
		p.paragraph_format.space_before = Pt(space_before)
	if not keep_pitch:
		p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
	if text:
		run = p.add_run(text)
		_set_run_font(run, font or BODY_FONT, size, bold)
	return p


def loop_para(doc, tag: str):
	"""A paragraph holding only a ``{%p … %}`` tag (removed by docxtpl's pre-processing)."""
	return para(doc, "{%p " + tag + " %}", indent=False)


def title(doc, text: str, size: float = 22, space_after: int = 1):
	p = para(doc, text, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER, size=size, font=TITLE_FONT)
	p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
	p.paragraph_format.space_before = Pt(6)
	p.paragraph_format.space_after = Pt(14 * space_after)
	return p


def blank(doc, n: int = 1):
	for _ in range(n):
		para(doc, "", indent=False)


def page_break(doc):
	"""A page break in a 1 pt paragraph, so that a full page before it does not spill."""
	p = doc.add_paragraph()
	p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
	p.paragraph_format.line_spacing = Pt(1)
	run = p.add_run()
	run.font.size = Pt(1)
	run.add_break(WD_BREAK.PAGE)


def _name_picture(shape, name: str):
	inline = shape._inline
	inline.docPr.set("name", name)
	inline.docPr.set("descr", name)
	c_nv_pr = inline.graphic.graphicData.pic.nvPicPr.cNvPr
	c_nv_pr.set("name", name)
	c_nv_pr.set("descr", name)


def _picture(paragraph, png: bytes, name: str, width, height):
	shape = paragraph.add_run().add_picture(io.BytesIO(png), width=width, height=height)
	_name_picture(shape, name)


def _cell_para(
	cell, text: str = "", *, align=None, size: float = 16, first: bool = False, single: bool = False
):
	"""A paragraph of a table cell (``first``: the cell's own first paragraph); ``single``-spaced
	for pictures and captions, else at a fixed pitch."""
	p = cell.paragraphs[0] if first else cell.add_paragraph()
	p.alignment = align if align is not None else WD_ALIGN_PARAGRAPH.LEFT
	p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
	p.paragraph_format.line_spacing = Pt(max(size * 1.5, 14))
	if text:
		run = p.add_run(text)
		_set_run_font(run, BODY_FONT, size)
	if single:
		p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
	return p


def closing(doc, lines: list[str], *, qr_caption: str = "扫码核验"):
	"""The signature/seal/date lines on the right, the QR code beside them on the left.

	A borderless two-column table keeps the QR on the page of the signature.
	"""
	blank(doc)
	table = doc.add_table(rows=1, cols=2)
	table.alignment = WD_TABLE_ALIGNMENT.CENTER
	left, right_cell = table.rows[0].cells
	_picture(_cell_para(left, first=True, single=True), _QR_PLACEHOLDER, QR_NAME, QR_SIZE, QR_SIZE)
	_cell_para(left, qr_caption, size=9, single=True)
	for i, line in enumerate(lines):
		_cell_para(right_cell, line, align=WD_ALIGN_PARAGRAPH.RIGHT, first=(i == 0))
	_set_grid(table, [4.0, 11.4])
	return table


def codes_strip(doc, *, barcode: bool = True):
	"""Forms: the QR code at the top left, the barcode and application number at the top right."""
	table = doc.add_table(rows=1, cols=2)
	table.alignment = WD_TABLE_ALIGNMENT.CENTER
	left, right_cell = table.rows[0].cells
	_picture(_cell_para(left, first=True, single=True), _QR_PLACEHOLDER, QR_NAME, Cm(1.8), Cm(1.8))
	if barcode:
		p = _cell_para(right_cell, align=WD_ALIGN_PARAGRAPH.RIGHT, first=True, single=True)
		p.paragraph_format.space_before = Pt(6)
		_picture(p, _BARCODE_PLACEHOLDER, BARCODE_NAME, *BARCODE_SIZE)
		_cell_para(right_cell, BARCODE_CAPTION, align=WD_ALIGN_PARAGRAPH.RIGHT, size=10, single=True)
	_set_grid(table, [4.0, 12.2])
	return table


def barcode_block(doc):
	p = doc.add_paragraph()
	p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
	p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
	_picture(p, _BARCODE_PLACEHOLDER, BARCODE_NAME, *BARCODE_SIZE)
	para(
		doc,
		BARCODE_CAPTION,
		indent=False,
		align=WD_ALIGN_PARAGRAPH.RIGHT,
		size=10,
		keep_pitch=False,
	)


# ------------------------------------------------------------------ tables


def _cell_text(cell, text: str, *, size: float = 12, bold: bool = False, align=None, top: bool = False):
	p = cell.paragraphs[0]
	p.alignment = align if align is not None else WD_ALIGN_PARAGRAPH.CENTER
	if text:
		run = p.add_run(text)
		_set_run_font(run, BODY_FONT, size, bold)
	tc_pr = cell._tc.get_or_add_tcPr()
	v = tc_pr.makeelement(qn("w:vAlign"), {qn("w:val"): "top" if top else "center"})
	tc_pr.append(v)


def _set_grid(table, widths_cm: list[float]):
	"""Column widths in the table grid too: LibreOffice lays tables out from it."""
	grid = table._tbl.tblGrid
	for col, width in zip(grid.findall(qn("w:gridCol")), widths_cm, strict=False):
		col.set(qn("w:w"), str(int(width * 567)))
	for row in table.rows:
		for i, width in enumerate(widths_cm):
			if i < len(row.cells):
				row.cells[i].width = Cm(width)


def grid_table(doc, widths_cm: list[float], rows: list[list], *, size: float = 12):
	"""A bordered table. ``rows`` holds cells as ``(text, span)`` or ``(text, span, opts)``.

	``opts`` may set ``height`` (cm), ``align`` (left) and ``top`` (text at the top).
	"""
	table = doc.add_table(rows=len(rows), cols=len(widths_cm))
	table.style = "Table Grid"
	table.alignment = WD_TABLE_ALIGNMENT.CENTER
	table.autofit = False
	for r, spec in enumerate(rows):
		row = table.rows[r]
		col = 0
		height = None
		for cell_spec in spec:
			text, span, *rest = cell_spec
			opts = rest[0] if rest else {}
			height = opts.get("height", height)
			cell = row.cells[col]
			if span > 1:
				cell = cell.merge(row.cells[col + span - 1])
			_cell_text(
				cell,
				text,
				size=size,
				align=WD_ALIGN_PARAGRAPH.LEFT if opts.get("left") else None,
				top=opts.get("top", False),
			)
			col += span
		if height:
			row.height = Cm(height)
	_set_grid(table, widths_cm)
	return table


def loop_table(doc, widths_cm: list[float], header: list[str], cells: list[str], loop: str, *, size=12):
	"""A header row, then one row repeated with ``{%tr for … %}``."""
	table = doc.add_table(rows=4, cols=len(widths_cm))
	table.style = "Table Grid"
	table.alignment = WD_TABLE_ALIGNMENT.CENTER
	for i, text in enumerate(header):
		_cell_text(table.rows[0].cells[i], text, size=size, bold=True)
	first = table.rows[1].cells[0].merge(table.rows[1].cells[-1])
	_cell_text(first, "{%tr for " + loop + " %}", size=size)
	for i, text in enumerate(cells):
		_cell_text(table.rows[2].cells[i], text, size=size)
	last = table.rows[3].cells[0].merge(table.rows[3].cells[-1])
	_cell_text(last, "{%tr endfor %}", size=size)
	_set_grid(table, widths_cm)
	return table


# ------------------------------------------------------- per-person notices

BASIC_INFO_001 = (
	"基本信息：{{ gender }}，{{ ethnicity }}，{{ political_status }}，身份证号：{{ id_number }}，"
	"现任专业技术职务任职资格：{{ current_title }}。"
)
BASIC_INFO_002 = (
	"基本信息：{{ gender }}，{{ ethnicity }}，{{ political_status }}，身份证号：{{ id_number }}，"
	"现任职称：{{ current_title }}。"
)
POLITICS = "思想政治条件：{{ political_conditions_text }}"
ACHIEVEMENTS = "业绩成果：{{ achievements_5y_text }}"
PERIOD = (
	"公示时间从{{ publicity_start|cn_date }}起至{{ publicity_end|cn_date }}止（公示期不少于5个工作日）。"
	"如对{{ applicant_name }}同志的相关信息有疑异，请电话或书面形式反映至{{ complaint_office }}办公室，"
	"监督电话：{{ supervision_phone }}"
)
PERSON_TITLE = (
	"关于{{ applicant_name }}同志申报{{ series }}系列{{ profession }}专业{{ level|level_tier }}级职称的"
)
APPLYING = "{{ applicant_name }}同志申报{{ series }}系列{{ profession }}专业{{ level|level_tier }}级"
DATE_LINE = "{{ doc_date|date_line }}"


def notice(heading: str, paragraphs: list[str], signature: list[str], *, barcode: bool = False):
	"""A notice: its title, its body paragraphs, the signature lines with the QR code.

	``barcode``: the application's barcode above the title (documents that travel on paper).
	"""
	doc = new_document()
	if barcode:
		barcode_block(doc)
	title(doc, heading)
	for text in paragraphs:
		para(doc, text)
	closing(doc, signature)
	return doc


UNIT_SIGNATURE = ["签字：（单位负责人签字）", "（推荐单位公章）", DATE_LINE]
UNIT_SEAL = ["{{ unit_name }}（公章）", DATE_LINE]


def build_unit_publicity_001():
	return notice(
		"推荐单位公示",
		[
			"根据自治区、地区职称评审工作要求，现对" + APPLYING + "专业技术任职资格进行公示。",
			BASIC_INFO_001,
			POLITICS,
			ACHIEVEMENTS,
			PERIOD,
		],
		UNIT_SIGNATURE,
	)


def _publicity_person(opening: str):
	return notice(
		PERSON_TITLE + "公示",
		[opening + "，现对" + APPLYING + "职称进行公示。", BASIC_INFO_002, POLITICS, ACHIEVEMENTS, PERIOD],
		["签字：（单位负责人签字）", "{{ unit_name }}（公章）", DATE_LINE],
	)


def build_publicity_002():
	return _publicity_person("根据自治区职称评审的工作要求")


def build_publicity_003():
	return _publicity_person("根据民营企业专项职称评审的工作要求")


def build_publicity_result_person():
	return notice(
		PERSON_TITLE + "公示结果",
		[
			"{{ applicant_name }}同志申报材料已在本单位公示{{ publicity_days }}天，公示期间无投诉、举报，"
			"公示无异议，申报材料真实、完整、有效，同意推荐" + APPLYING + "职称。"
		],
		UNIT_SEAL,
		barcode=True,
	)


def build_publicity_result_000():
	"""000 lists 推荐单位公示及公示结果 among its annexes without printing them: the 公示 is 001's
	附件1 (the same bureau's wording), the 公示结果 takes the sentence of 002 附件2 and 003 附件3
	with 000's working days (四、（二）) and its 专业技术任职资格."""
	return notice(
		"推荐单位公示结果",
		[
			"{{ applicant_name }}同志申报材料已在本单位公示{{ publicity_days }}个工作日，公示期间无投诉、举报，"
			"公示无异议，申报材料真实、完整、有效，同意推荐" + APPLYING + "专业技术任职资格。"
		],
		UNIT_SEAL,
		barcode=True,
	)


RECOMMENDATION = "经审核，同意推荐" + APPLYING + "职称。"


def build_recommendation_competent_002():
	return notice(
		PERSON_TITLE + "推荐意见",
		[RECOMMENDATION],
		["{{ competent_unit_name }}（公章）", DATE_LINE],
		barcode=True,
	)


def build_recommendation_unit_003():
	doc = new_document()
	barcode_block(doc)
	title(doc, PERSON_TITLE + "推荐意见")
	para(doc, RECOMMENDATION)
	blank(doc)
	para(doc, "单位联系人：{{ unit_contact_person }}")
	para(doc, "联系电话：{{ unit_contact_phone }}")
	closing(doc, UNIT_SEAL)
	return doc


def build_recommendation_unit_000():
	"""No applicant or unit name may appear: the application number identifies the person."""
	doc = new_document()
	barcode_block(doc)
	title(doc, "单位推荐意见")
	para(doc, UNIT_RECOMMENDATION_000)
	closing(doc, ["（单位公章）", DATE_LINE])
	return doc


# ------------------------------------------------------------ 004 batches

PERSON_004 = (
	"{{ loop.index }}.{{ p.name }}，{{ p.gender }}，{{ p.ethnicity }}，{{ p.political_status }}，"
	"{{ p.id_number }}，参加工作时间{{ p.work_start_ym|cn_year_month }}，编制在{{ p.establishment_unit }}。"
	"{% for h in p.history %}{{ h.from_ym|cn_year_month }}至{{ h.to_ym|cn_year_month }}在{{ h.unit }}工作，"
	"{% endfor %}{{ p.current.from_ym|cn_year_month }}至今在{{ p.current.unit }}工作"
	"{% if p.secondments %}，其中{% for s in p.secondments %}{{ s.from_ym|cn_year_month }}至"
	"{{ s.to_ym|cn_year_month }}在{{ s.unit }}借调{% if not loop.last %}、{% endif %}{% endfor %}{% endif %}。"
	"该同志思想政治表现{{ p.political_performance_text }}，参加工作以来主要从事{{ p.main_field }}专业技术工作，"
	"取得{{ p.achievements_text }}成绩。现申请{{ route_label }}{{ p.profession }}专业{{ p.level_label }}级别职称。"
)
FIRST_AND_COUNT = "{{ persons[0].name }}等{{ persons|length }}名同志"


def build_publicity_batch_004():
	doc = new_document()
	title(doc, "公\u3000示")
	para(
		doc,
		NOTICE_004 + "现对" + FIRST_AND_COUNT + "申报{{ route_label }}{{ level_label }}级职称情况进行公示：",
	)
	loop_para(doc, "for p in persons")
	para(doc, PERSON_004)
	loop_para(doc, "endfor")
	para(
		doc,
		"公示时间从{{ publicity_start|cn_date }}起至{{ publicity_end|cn_date }}止（公示期不少于5个工作日）。"
		"如对{{ persons[0].name }}{% if persons|length > 1 %}等{% endif %}同志的相关信息有疑异，"
		"请电话或书面形式反映至{{ complaint_office }}办公室，监督电话：{{ supervision_phone }}。",
	)
	closing(doc, UNIT_SIGNATURE)
	return doc


def build_publicity_result_batch_004():
	return notice(
		"公示结果",
		[
			NOTICE_004 + "{{ unit_name }}于{{ publicity_start|cn_date }}起至{{ publicity_end|cn_date }}止，对"
			"{{ first_applicant_name }}等{{ applicant_count }}名同志申报{{ route_label }}{{ level_label }}级职称情况"
			"进行了为期5个工作日的公示，公示期间{{ objection_text }}。"
		],
		["{{ unit_name }}（推荐单位公章）", DATE_LINE],
	)


def build_recommendation_report_004():
	return notice(
		"推荐报告",
		[
			NOTICE_004 + "本单位对{{ first_applicant_name }}等{{ total_count }}名同志提供的申报材料逐一审核，"
			"申报材料真实准确，并于{{ publicity_start|cn_date }}至{{ publicity_end|cn_date }}进行了为期5个工作日的公示，"
			"公示期间未收到举报信息及异议。",
			"综上，本单位同意推荐{% for g in groups %}{{ g.names|join_names }}共{{ g.names|length }}名同志申报"
			"{{ g.route_label }}{{ g.series }}系列{{ g.profession }}专业{{ g.level_label }}级职称"
			"{% if not loop.last %}，{% endif %}{% endfor %}。",
		],
		["签字：（单位负责人签字）", "{{ unit_name }}（推荐单位公章）", DATE_LINE],
	)


def build_publicity_report_004():
	doc = new_document()
	title(doc, "公示情况报告")
	para(
		doc,
		NOTICE_004
		+ "{{ reporter_name }}严格履行职称授予、初定、“访惠聚”三年高定申报、审核、推荐各项工作职责，"
		"此次推荐{{ recommended_count }}人，通过审核{{ c.passed }}人，现对通过审核人员公示情况汇报如下：",
	)
	para(
		doc,
		"此次通过审核人员中：申报授予{{ c.grant_total }}人（正高级{{ c.grant_zg }}人，副高级{{ c.grant_fg }}人，"
		"中级{{ c.grant_zj }}人），初定初级{{ c.init_junior }}人，乡（镇）初定中级{{ c.township_mid }}人，"
		"“访惠聚”三年高定{{ c.fhj_total }}人（正高级{{ c.fhj_zg }}人，副高级{{ c.fhj_fg }}人，中级{{ c.fhj_zj }}人）。"
		"具体通过审核人员名单附后。",
	)
	para(
		doc,
		"公示期为{{ publicity_start|cn_date }}至{{ publicity_end|cn_month_day }}，为期5个工作日，"
		"公示期间{{ objection_text }}。",
	)
	closing(doc, ["{{ reporter_name }}（盖章）", DATE_LINE])
	page_break(doc)
	title(doc, "{{ reporter_name }}职称授予、初定、“访惠聚”三年高定通过审核人员名单", size=18)
	loop_para(doc, "for route in roster")
	para(doc, "{{ route.ordinal }}、{{ route.label }}（{{ route.count }}人）", font=HEADING_FONT)
	loop_para(doc, "for group in route.groups")
	para(doc, "（{{ group.ordinal }}）{{ group.label }}（{{ group.count }}人）：", font="楷体_GB2312")
	loop_para(doc, "for line in group.units")
	para(doc, "{{ line.prefix }}{{ line.unit }}：{{ line.names|join_names }}")
	loop_para(doc, "endfor")
	loop_para(doc, "endfor")
	loop_para(doc, "endfor")
	return doc


# ------------------------------------------------------------ personal forms


def build_commitment():
	return notice(
		"个人承诺书",
		[
			"本人承诺以上填报的内容和提交的材料完全真实有效，且网上填报与送审报表内容完全一致。"
			"如申请人提交弄虚作假确认材料的，一经查实，不予受理确认申报或取消已确认的资格，"
			"并从申报年度下一年度起3年内，不得申报专业技术资格。"
		],
		["承诺人：（手写签名）", "{% if fingerprint %}（按手印）{% endif %}", DATE_LINE],
		barcode=True,
	)


def build_exemption_form():
	doc = new_document(form=True)
	codes_strip(doc)
	title(doc, "自治区“访惠聚”驻村等专业技术人员职称评审免除继续教育学习申请表", size=16)
	w = [2.6, 4.4, 1.8, 2.6, 2.0, 2.8]
	h = {"height": 1.2}
	grid_table(
		doc,
		w,
		[
			_name_row(h),
			[
				("身份证号", 1, h),
				("{{ id_number }}", 1),
				("学历", 1),
				("{{ education }}", 1),
				("学位", 1),
				("{{ degree }}", 1),
			],
			[("何时何学校何专业毕业", 1, {"height": 1.6}), ("{{ graduation_text }}", 5, {"left": True})],
			[
				("现工作单位", 1, h),
				("{{ current_unit }}", 2),
				("参加工作时间", 1),
				("{{ work_start|cn_year_month }}", 2),
			],
			[
				("现有专业技术职务", 1, {"height": 1.4}),
				("{{ current_title }}", 2),
				("拟申报专业技术职务", 1),
				("{{ target_title }}", 2),
			],
			[("免学理由", 1, {"height": 4.0}), ("{{ exemption_reason }}", 5, {"left": True, "top": True})],
			[
				("审核意见", 1, {"height": 4.0}),
				("{{ approval_opinion }}\n\n公\u3000章\n年\u3000\u3000月\u3000\u3000日", 5, {"top": True}),
			],
		],
	)
	para(doc, "注：", indent=False, size=10.5, keep_pitch=False, space_before=6)
	for note in (
		"1.仍在参加“访惠聚”驻村（含抽调到各级“访惠聚”办公室）工作的专业技术人员，由同级“访惠聚”办公室审核；"
		"参加驻村管寺、南疆学前双语教育干部支教工作的专业技术人员，由同级党委统战部门或南疆四地州学前双语教育"
		"干部支教工作领导小组办公室审核。",
		"2.参加“访惠聚”驻村、驻村管寺、南疆学前双语教育干部支教工作已返回人员，由原派驻单位所属的地州市或"
		"自治区区属主管单位审核。",
		"3.各地各部门不得私自设置免除继续教育学习事项及申请表（审批表）。",
	):
		para(doc, note, indent=False, size=10.5, keep_pitch=False)
	return doc


def build_appraisal_form():
	doc = new_document(form=True)
	codes_strip(doc)
	title(doc, "专业技术人员业务考核表", size=18)
	h = {"height": 1.0}
	grid_table(
		doc,
		[2.8, 4.2, 2.6, 6.6],
		[
			[("姓名", 1, h), ("{{ name }}", 1), ("身份证号", 1), ("{{ id_number }}", 1)],
			[("工作单位", 1, h), ("{{ unit_name }}", 3, {"left": True})],
			[("现专业技术职务", 1, h), ("{{ current_title }}", 1), ("从事专业", 1), ("{{ profession }}", 1)],
		],
	)
	loop_table(
		doc,
		[2.8, 10.0, 3.4],
		["年度", "主要工作完成情况", "考核结果"],
		["{{ y.year }}", "{{ y.summary }}", "{{ y.result }}"],
		"y in years",
	)
	grid_table(
		doc,
		[2.8, 13.4],
		[
			[
				("单位考核意见", 1, {"height": 3.5}),
				("{{ unit_opinion }}\n\n（单位盖章）\n{{ doc_date|date_line }}", 1, {"top": True}),
			]
		],
	)
	return doc


ROW = {"height": 0.9}  # the height of a one-line row of the 评审表 and the 呈报表 (cm)
SIGNATURE_ROW = {"height": 2.4}
FORM_WIDTHS = [2.6, 4.4, 2.0, 2.6, 2.2, 2.4]


def _name_row(h: dict) -> list:
	return [
		("姓名", 1, h),
		("{{ name }}", 1),
		("性别", 1),
		("{{ gender }}", 1),
		("出生年月", 1),
		("{{ birth_ym|cn_year_month }}", 1),
	]


def _person_rows(h: dict) -> list[list]:
	"""The applicant's name and identity rows shared by the 评审表 and the 呈报表."""
	return [
		_name_row(h),
		[
			("身份证号", 1, h),
			("{{ id_number }}", 1),
			("族别", 1),
			("{{ ethnicity }}", 1),
			("政治面貌", 1),
			("{{ political_status }}", 1),
		],
	]


def _text_row(label: str, text: str, height: dict = ROW, *, top: bool = False) -> list:
	"""A label and one left-aligned text over the other five columns."""
	return [(label, 1, height), (text, 5, {"left": True, "top": True} if top else {"left": True})]


def _two_fields_row(label: str, text: str, second_label: str, second_text: str) -> list:
	"""Two labelled values; the second value spans the last three columns."""
	return [(label, 1, ROW), (text, 1), (second_label, 1), (second_text, 3)]


def _seal_row(label: str, lines: str) -> list:
	"""An opinion to be signed or sealed by hand."""
	return [(label, 1, SIGNATURE_ROW), (lines, 5, {"top": True})]


def _two_copy_form(heading: str, rows: list[list]):
	"""A form printed twice (一式二份), each copy on its own page with its own codes."""
	doc = new_document(form=True, watermark=True)
	for copy_no in ("一", "二"):
		if copy_no != "一":
			page_break(doc)
		codes_strip(doc)
		title(doc, heading, size=18, space_after=0)
		para(
			doc,
			"（一式二份\u3000第" + copy_no + "份）",
			indent=False,
			align=WD_ALIGN_PARAGRAPH.CENTER,
			size=12,
			keep_pitch=False,
		)
		grid_table(doc, FORM_WIDTHS, rows, size=10.5)
	return doc


HAND_DATE = "年\u3000\u3000月\u3000\u3000日"


def build_qualification_review_form():
	return _two_copy_form(
		"专业技术职务任职资格评审表",
		[
			*_person_rows(ROW),
			_text_row("工作单位", "{{ unit_name }}"),
			_two_fields_row("学历学位", "{{ education }}", "毕业院校及专业", "{{ graduation_text }}"),
			_two_fields_row(
				"参加工作时间", "{{ work_start|cn_year_month }}", "现专业技术职务", "{{ current_title }}"
			),
			[
				("申报系列", 1, ROW),
				("{{ series }}", 1),
				("申报专业", 1),
				("{{ profession }}", 1),
				("申报级别", 1),
				("{{ level|level_full }}", 1),
			],
			_text_row("评审委员会", "{{ committee_name }}"),
			_text_row("主要工作经历", "{{ work_history_text }}", {"height": 3.2}, top=True),
			_text_row("主要业绩成果", "{{ achievements_text }}", {"height": 3.6}, top=True),
			[
				("单位意见", 1, {"height": 3.0}),
				(
					"{% if unit_opinion_hint %}（由单位主要负责人手写：{{ unit_opinion_hint }}）{% endif %}\n\n"
					"单位主要负责人签字：\u3000\u3000\u3000\u3000\u3000（现工作单位公章）\n" + HAND_DATE,
					5,
					{"top": True, "left": True},
				),
			],
			_seal_row("评审委员会意见", "（盖章）\n" + HAND_DATE),
			_seal_row("人力资源和社会保障部门意见", "（盖章）\n" + HAND_DATE),
		],
	)


def _proposed_title_row(label: str) -> list:
	return [(label, 1, ROW), ("{{ series }}系列{{ profession }}专业{{ level|level_full }}", 5)]


def _report_form(heading: str, route_rows: list[list]):
	"""A 呈报表 of the 004 notice: the applicant, the rows of the route, the opinions."""
	return _two_copy_form(
		heading,
		[
			*_person_rows(ROW),
			[
				("工作单位", 1, ROW),
				("{{ unit_name }}", 3, {"left": True}),
				("参加工作时间", 1),
				("{{ work_start|cn_year_month }}", 1),
			],
			*route_rows,
			_text_row("工作经历", "{{ work_history_text }}", {"height": 3.0}, top=True),
			_seal_row("单位意见", "{{ unit_opinion }}\n（单位盖章）\u3000\u3000" + HAND_DATE),
			_seal_row("县（市）人力资源和社会保障局意见", "（盖章）\u3000\u3000" + HAND_DATE),
			_seal_row("地区人力资源和社会保障局审批意见", "（盖章）\u3000\u3000" + HAND_DATE),
		],
	)


def _education_report_form(heading: str, second_label: str, second_text: str, proposed_title: str):
	"""The 呈报表 of a grant or of an initial determination: the education, then the proposed title."""
	return _report_form(
		heading,
		[
			_two_fields_row("最高学历", "{{ education }}", second_label, second_text),
			_text_row("毕业院校及专业", "{{ graduation_text }}"),
			_proposed_title_row(proposed_title),
		],
	)


def build_grant_report_form():
	return _education_report_form("授予专业技术职务呈报表", "学位", "{{ degree }}", "拟授予职称")


def build_initial_report_form():
	return _education_report_form(
		"初次确定专业技术职务呈报表", "毕业时间", "{{ graduation_ym|cn_year_month }}", "拟初定职称"
	)


def build_fanghuiju_report_form():
	return _report_form(
		"“访惠聚”三年优秀职称高定呈报表",
		[
			_two_fields_row(
				"现专业技术职务", "{{ current_title }}", "取得时间", "{{ current_title_ym|cn_year_month }}"
			),
			_text_row("驻村工作时间及地点", "{{ village_service_text }}", {"height": 1.4}),
			_text_row("近三年年度考核", "{{ appraisal_text }}"),
			_proposed_title_row("拟高定职称"),
		],
	)


def build_qualification_document():
	doc = new_document()
	p = para(
		doc, "{{ issuer_name }}", indent=False, align=WD_ALIGN_PARAGRAPH.CENTER, size=26, font=TITLE_FONT
	)
	p.runs[0].font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
	p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
	para(doc, "{{ doc_no }}", indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
	blank(doc)
	title(
		doc,
		"关于{{ persons[0].name }}等{{ persons|length }}名同志取得{{ qualification_summary }}任职资格的通知",
	)
	para(doc, "{{ addressees }}：", indent=False)
	para(
		doc,
		"根据{{ basis_text }}，经{{ committee_name }}评审通过，{{ issuer_name }}审核，"
		"下列{{ persons|length }}名同志具备相应专业技术职务任职资格，资格取得时间为{{ effective_date|cn_date }}。",
	)
	para(doc, "附件：{{ persons|length }}名同志任职资格名单", indent=True)
	closing(doc, ["{{ issuer_name }}", DATE_LINE])
	page_break(doc)
	title(doc, "任职资格名单", size=18)
	loop_table(
		doc,
		[1.2, 2.0, 4.2, 3.2, 2.6, 2.8],
		["序号", "姓名", "工作单位", "系列（专业）", "任职资格", "证书编号"],
		[
			"{{ loop.index }}",
			"{{ p.name }}",
			"{{ p.unit }}",
			"{{ p.series }}系列（{{ p.profession }}专业）",
			"{{ p.title_name }}",
			"{{ p.certificate_no }}",
		],
		"p in persons",
	)
	return doc


def build_review_vote_result():
	"""评审表决结果: the sitting, its quorum, and the counts per anonymous packet (无记名投票)."""
	doc = new_document(form=True)
	title(doc, "{{ committee_name }}评审表决结果", size=18)
	para(
		doc,
		"会议：{{ meeting_title }}；申报通知：{{ notice_title }}{{ notice_doc_no }}；"
		"时间：{{ meeting_date|cn_date }}；地点：{{ venue }}。",
		indent=False,
		size=12,
	)
	para(
		doc,
		"评审委员会{{ members }}人，出席{{ present }}人（出席人数不少于{{ quorum_fraction }}）。"
		"评审实行无记名投票，同意票数达到出席专家人数{{ pass_fraction }}以上的为评审通过；"
		"与申报人有利害关系的专家回避，不参加该人表决（{{ regulation }}）。",
		indent=False,
		size=12,
	)
	loop_table(
		doc,
		[1.0, 3.2, 3.6, 1.6, 1.6, 1.2, 1.4, 1.2, 1.2, 1.4],
		["序号", "材料包编号", "申报职称", "级别", "表决人数", "同意", "不同意", "弃权", "回避", "结果"],
		[
			"{{ r.no }}",
			"{{ r.packet }}",
			"{{ r.title }}",
			"{{ r.level }}",
			"{{ r.voters }}",
			"{{ r.agree }}",
			"{{ r.disagree }}",
			"{{ r.abstain }}",
			"{{ r.recused }}",
			"{{ r.result }}",
		],
		"r in rows",
		size=10.5,
	)
	para(doc, "共{{ rows|length }}份材料包，评审通过{{ passed_count }}份。", indent=False, size=12)
	closing(doc, ["{{ committee_name }}", DATE_LINE])
	return doc


BUILDERS = {
	"unit_publicity_001": build_unit_publicity_001,
	"publicity_002": build_publicity_002,
	"publicity_003": build_publicity_003,
	"publicity_result_002": build_publicity_result_person,
	"publicity_result_003": build_publicity_result_person,
	"publicity_result_000": build_publicity_result_000,
	"recommendation_competent_002": build_recommendation_competent_002,
	"recommendation_unit_003": build_recommendation_unit_003,
	"recommendation_unit_000": build_recommendation_unit_000,
	"publicity_batch_004": build_publicity_batch_004,
	"publicity_result_batch_004": build_publicity_result_batch_004,
	"recommendation_report_004": build_recommendation_report_004,
	"publicity_report_004": build_publicity_report_004,
	"commitment": build_commitment,
	"exemption_form": build_exemption_form,
	"appraisal_form": build_appraisal_form,
	"qualification_review_form": build_qualification_review_form,
	"grant_report_form": build_grant_report_form,
	"initial_report_form": build_initial_report_form,
	"fanghuiju_report_form": build_fanghuiju_report_form,
	"qualification_document": build_qualification_document,
	"review_vote_result": build_review_vote_result,
}


def _normalise(path: str):
	"""Fix the zip timestamps so that rebuilding an unchanged template yields the same bytes."""
	with zipfile.ZipFile(path) as zin:
		items = [(i.filename, zin.read(i.filename)) for i in zin.infolist()]
	with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
		for name, data in items:
			info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
			info.compress_type = zipfile.ZIP_DEFLATED
			zout.writestr(info, data)


def build_all(out_dir: str = PRINT_FORMATS_DIR) -> list[str]:
	written = []
	for kind, spec in REGISTRY.items():
		doc = BUILDERS[kind]()
		doc.core_properties.title = spec.title
		doc.core_properties.author = "zhicheng_app"
		doc.core_properties.comments = spec.reference
		doc.core_properties.created = doc.core_properties.modified = datetime.datetime(2024, 1, 1)
		doc.core_properties.revision = 1
		doc.core_properties.last_modified_by = "zhicheng_app"
		path = os.path.join(out_dir, spec.filename)
		doc.save(path)
		_normalise(path)
		written.append(path)
	return written


if __name__ == "__main__":
	for path in build_all(*sys.argv[1:2]):
		print(path)
