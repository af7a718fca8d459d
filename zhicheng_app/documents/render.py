"""The .docx renderer.

A template is an ordinary docxtpl template. It is compiled once:

* the document body (and any header/footer holding Jinja tags) goes through docxtpl's own
  pre-processing (``patch_xml``: ``{%p %}``, ``{%tr %}`` …) and is compiled into a Jinja
  template of a sandboxed environment with autoescape;
* the QR and barcode placeholders (pictures described ``zc_qr`` / ``zc_barcode``, as
  docxtpl's ``replace_pic`` finds them) are mapped to their media members;
* every other member is the same in every document: they are compressed once into a base
  package. Re-compressing them per document would cost several times the rest of a
  rendering (the style parts of a Word file are large).

Per document the XML parts are rendered, the QR/barcode PNGs drawn (see :mod:`codes`) and
added to a copy of the base package. Values are escaped, stripped of characters XML cannot
hold, dates are printed the Chinese way and line breaks become ``<w:br/>``, so user text can
neither run code nor break the XML.
"""

from __future__ import annotations

import datetime as _dt
import functools
import io
import posixpath
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from docxtpl import DocxTemplate
from jinja2 import Template, TemplateSyntaxError, meta
from jinja2.exceptions import SecurityError, TemplateError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree
from markupsafe import Markup, escape

from zhicheng_app.i18n import _

from .codes import blank_png, code128_png, qr_png
from .formatting import JINJA_FILTERS, cn_date
from .registry import get_spec

QR_PICTURE = "zc_qr"
BARCODE_PICTURE = "zc_barcode"
INJECTED_VARIABLES = frozenset({"barcode_text"})  # filled in by the renderer

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
NSMAP = {
	"w": W_NS,
	"r": R_NS,
	"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
	"pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
	"wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
}
DOCUMENT_PART = "word/document.xml"
_HEADER_FOOTER = re.compile(r"^word/(header|footer)\d*\.xml$")
_JINJA_MARK = re.compile(r"\{[{%#]")
# Characters that XML 1.0 cannot carry (all C0 controls but tab, LF and CR; lone surrogates; FFFE/FFFF).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BREAK = '</w:t><w:br/><w:t xml:space="preserve">'
_TAB = '</w:t><w:tab/><w:t xml:space="preserve">'
_DOCPR_ID = re.compile(r'(<wp:docPr\b[^>]*?\bid=")(\d+)(")')
_ZIP_TIME = (2024, 1, 1, 0, 0, 0)  # fixed, so that the same input gives the same bytes
_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif")  # already compressed: stored as they are
# Placeholder images when a document has no verification address or no barcode number.
_BLANK_QR_MODULES = (29, 29)
_BLANK_BARCODE_MODULES = (120, 40)


class DocumentError(Exception):
	"""A document could not be produced; ``str()`` is a zh message for the user."""


# ----------------------------------------------------------------- Jinja env


def _finalize(value):
	"""Turn every printed value into safe WordprocessingML text."""
	if value is None:
		return ""
	if hasattr(value, "__html__"):  # Markup, docxtpl RichText: already XML
		return value
	if isinstance(value, bool):
		return "是" if value else "否"
	if isinstance(value, _dt.date):
		return cn_date(value)
	safe = str(escape(_XML_INVALID.sub("", str(value))))
	safe = safe.replace("\r\n", "\n").replace("\r", "\n").replace("\n", _BREAK).replace("\t", _TAB)
	return Markup(safe)


def make_environment() -> SandboxedEnvironment:
	"""The sandboxed, autoescaping environment every template renders in."""
	env = SandboxedEnvironment(autoescape=True, finalize=_finalize, keep_trailing_newline=True)
	env.filters.update(JINJA_FILTERS)
	return env


_ENV = make_environment()
_DOCXTPL = DocxTemplate(io.BytesIO())  # only its XML pre-processing (patch_xml) is used


def _prepare(xml: str) -> str:
	"""docxtpl's pre-processing plus the paragraph line-splitting of ``render_xml_part``."""
	return re.sub(r"<w:p([ >])", r"\n<w:p\1", _DOCXTPL.patch_xml(xml))


def _finish(xml: str, unescape_braces: bool) -> str:
	"""The reverse of :func:`_prepare` after rendering, as docxtpl's ``render_xml_part`` does."""
	xml = xml.replace("\n<w:p", "<w:p")
	if unescape_braces:
		xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
	return xml


# ----------------------------------------------------------------- packages


def _add_member(package: zipfile.ZipFile, name: str, payload: bytes) -> None:
	info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
	is_image = name.lower().endswith(_IMAGE_SUFFIXES)
	info.compress_type = zipfile.ZIP_STORED if is_image else zipfile.ZIP_DEFLATED
	package.writestr(info, payload)


def _package(members: Iterable[tuple[str, bytes]], base: bytes = b"") -> bytes:
	"""A zip of ``members``, added after the members of the package ``base`` (if any)."""
	buffer = io.BytesIO(base)
	with zipfile.ZipFile(buffer, "a" if base else "w") as package:
		for name, payload in members:
			_add_member(package, name, payload)
	return buffer.getvalue()


# ----------------------------------------------------------------- compiling


@dataclass(frozen=True)
class _Part:
	"""An XML member rendered per document: ``prefix`` + rendered ``template`` + ``suffix``."""

	name: str
	template: Template
	prefix: str = ""
	suffix: str = ""


@dataclass(frozen=True)
class CompiledTemplate:
	"""A parsed template package, ready to render many documents."""

	kind: str | None
	base_package: bytes  # every member that is the same in every document
	per_document: tuple[str, ...]  # the other members, in the template's order
	parts: dict[str, _Part]
	qr_members: frozenset[str]
	barcode_members: frozenset[str]
	variables: frozenset[str]
	unescape_braces: bool

	@property
	def has_qr(self) -> bool:
		return bool(self.qr_members)

	@property
	def has_barcode(self) -> bool:
		return bool(self.barcode_members)


def _relationship_targets(members: dict[str, bytes], part: str) -> dict[str, str]:
	"""Relationship id -> member name, for the internal relationships of ``part``."""
	folder, _sep, base = part.rpartition("/")
	rels = members.get(f"{folder}/_rels/{base}.rels")
	if rels is None:
		return {}
	targets = {}
	for rel in etree.fromstring(rels).iter(f"{{{PKG_REL_NS}}}Relationship"):
		if rel.get("TargetMode") == "External":
			continue
		target = rel.get("Target", "")
		path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
		targets[rel.get("Id")] = posixpath.normpath(path)
	return targets


def _placeholder_media(members: dict[str, bytes], part: str, root) -> dict[str, set[str]]:
	"""Media members of the pictures named/described ``zc_qr`` or ``zc_barcode`` in ``part``."""
	found: dict[str, set[str]] = {QR_PICTURE: set(), BARCODE_PICTURE: set()}
	targets = _relationship_targets(members, part)
	for pic in root.iter(f"{{{NSMAP['pic']}}}pic"):
		c_nv_pr = pic.find("pic:nvPicPr/pic:cNvPr", NSMAP)
		blip = pic.find("pic:blipFill/a:blip", NSMAP)
		if c_nv_pr is None or blip is None:
			continue
		labels = {c_nv_pr.get("name", ""), c_nv_pr.get("descr", ""), c_nv_pr.get("title", "")}
		for key, media in found.items():
			if key in labels or f"{key}.png" in labels:
				member = targets.get(blip.get(f"{{{R_NS}}}embed"))
				if member:
					media.add(member)
	return found


def _compile_part(name: str, text: str, root) -> tuple[_Part, str]:
	"""The part of member ``name`` and its Jinja source (docxtpl renders only the body of the document)."""
	if name == DOCUMENT_PART:
		start, end = text.find("<w:body"), text.rfind("</w:body>")
		if start < 0 or end < 0:
			raise DocumentError(_("The template has no document body"))
		prefix, suffix = text[:start], text[end + len("</w:body>") :]
		source = _prepare(etree.tostring(root.find(f"{{{W_NS}}}body"), encoding="unicode"))
	else:
		declaration = re.match(r"<\?xml[^>]*\?>\s*", text)
		prefix, suffix = (declaration.group(0) if declaration else ""), ""
		source = _prepare(etree.tostring(root, encoding="unicode"))
	try:
		template = _ENV.from_string(source)
	except TemplateSyntaxError as exc:
		raise DocumentError(
			_("Template syntax error near line {0}: {1}").format(exc.lineno or "?", exc.message or "")
		) from exc
	return _Part(name, template, prefix, suffix), source


def compile_template(docx_bytes: bytes, kind: str | None = None) -> CompiledTemplate:
	"""Parse and compile a .docx template. Raises :class:`DocumentError` (zh) on bad input."""
	try:
		with zipfile.ZipFile(io.BytesIO(docx_bytes)) as zf:
			members = {i.filename: zf.read(i.filename) for i in zf.infolist() if not i.is_dir()}
	except (zipfile.BadZipFile, OSError, ValueError, RuntimeError) as exc:
		raise DocumentError(_("The file is not a valid .docx document")) from exc
	if DOCUMENT_PART not in members:
		raise DocumentError(_("The file is not a valid .docx document"))

	parts: dict[str, _Part] = {}
	sources: list[str] = []
	qr: set[str] = set()
	barcode: set[str] = set()
	for name, payload in members.items():
		if not (name == DOCUMENT_PART or _HEADER_FOOTER.match(name)):
			continue
		try:
			root = etree.fromstring(payload)
		except etree.XMLSyntaxError as exc:
			raise DocumentError(_("The file is not a valid .docx document")) from exc
		found = _placeholder_media(members, name, root)
		qr |= found[QR_PICTURE]
		barcode |= found[BARCODE_PICTURE]
		text = payload.decode("utf-8")
		if name == DOCUMENT_PART or _JINJA_MARK.search(text):
			parts[name], source = _compile_part(name, text, root)
			sources.append(source)

	variables: set[str] = set()
	for source in sources:
		variables |= meta.find_undeclared_variables(_ENV.parse(source))
	per_document = tuple(name for name in members if name in parts or name in qr or name in barcode)
	base = _package((name, payload) for name, payload in members.items() if name not in per_document)
	return CompiledTemplate(
		kind,
		base,
		per_document,
		parts,
		frozenset(qr),
		frozenset(barcode),
		frozenset(variables),
		# docxtpl escapes literal braces as {_{ … }_}; only then are they turned back
		any("{_" in source or "_}" in source for source in sources),
	)


def _shipped_template_bytes(kind: str) -> bytes:
	spec = get_spec(kind)
	try:
		with open(spec.path, "rb") as f:
			return f.read()
	except OSError as exc:
		raise DocumentError(_("The template file of {0} is missing").format(spec.display_title())) from exc


@functools.cache
def _compiled_shipped(kind: str) -> CompiledTemplate:
	return compile_template(_shipped_template_bytes(kind), kind)


@functools.lru_cache(maxsize=64)
def _compiled_upload(kind: str | None, template_bytes: bytes) -> CompiledTemplate:
	return compile_template(template_bytes, kind)


def get_compiled(kind: str | None, template_bytes: bytes | None = None) -> CompiledTemplate:
	"""The compiled template of ``kind`` (or of ``template_bytes``), compiled once and cached."""
	if template_bytes is not None:
		return _compiled_upload(kind, template_bytes)
	if kind is None:
		raise ValueError("kind or template_bytes is required")
	return _compiled_shipped(kind)


# ----------------------------------------------------------------- rendering


@dataclass
class RenderJob:
	"""One document of a batch."""

	context: dict
	verify_url: str | None = None
	barcode: str | None = None


def _renumber_docpr(xml: str) -> str:
	"""Give every drawing of the document its own id (loops repeat the template's pictures)."""
	counter = iter(range(1001, 1_000_000))
	return _DOCPR_ID.sub(lambda m: f"{m.group(1)}{next(counter)}{m.group(3)}", xml)


def _render_part(compiled: CompiledTemplate, part: _Part, context: dict) -> bytes:
	try:
		xml = part.template.render(context)
	except SecurityError as exc:
		raise DocumentError(_("The template tried to use a forbidden operation: {0}").format(exc)) from exc
	except TemplateError as exc:
		raise DocumentError(_("The template could not be filled in: {0}").format(exc)) from exc
	xml = _finish(xml, compiled.unescape_braces)
	if part.name == DOCUMENT_PART:
		xml = _renumber_docpr(xml)
	return (part.prefix + xml + part.suffix).encode("utf-8")


def render_compiled(
	compiled: CompiledTemplate,
	context: dict,
	*,
	verify_url: str | None = None,
	barcode: str | None = None,
) -> bytes:
	ctx = dict(context)
	code = barcode if barcode is not None else ctx.get("application_no")
	ctx.setdefault("barcode_text", code or "")
	watermark = ctx.get("watermark_text")
	if watermark:
		ctx["watermark_text"] = " ".join(str(watermark).split())

	rendered = {name: _render_part(compiled, part, ctx) for name, part in compiled.parts.items()}
	if compiled.qr_members:
		qr = qr_png(verify_url) if verify_url else blank_png(*_BLANK_QR_MODULES)
		rendered.update(dict.fromkeys(compiled.qr_members, qr))
	if compiled.barcode_members:
		bars = code128_png(str(code)) if code else blank_png(*_BLANK_BARCODE_MODULES)
		rendered.update(dict.fromkeys(compiled.barcode_members, bars))
	return _package(((name, rendered[name]) for name in compiled.per_document), compiled.base_package)


def render_docx(
	kind: str,
	context: dict,
	*,
	verify_url: str | None = None,
	barcode: str | None = None,
	template_bytes: bytes | None = None,
) -> bytes:
	"""Render one document of ``kind`` and return the .docx bytes.

	``verify_url`` is encoded in the QR code (see :func:`tokens.verify_url`); without
	it the QR placeholder stays blank. ``barcode`` (default: ``context["application_no"]``)
	is drawn as Code128 where the template has a barcode placeholder and printed as
	``barcode_text``. ``template_bytes`` renders an administrator's template instead of
	the shipped one. Raises :class:`DocumentError` with a zh message.
	"""
	return render_compiled(
		get_compiled(kind, template_bytes), context, verify_url=verify_url, barcode=barcode
	)


def render_many(
	kind: str, jobs: Iterable[RenderJob | dict], *, template_bytes: bytes | None = None
) -> Iterator[bytes]:
	"""Render a batch lazily; each job is a :class:`RenderJob` or a plain context dict."""
	compiled = get_compiled(kind, template_bytes)
	for job in jobs:
		if isinstance(job, RenderJob):
			yield render_compiled(compiled, job.context, verify_url=job.verify_url, barcode=job.barcode)
		else:
			yield render_compiled(compiled, job)


# ----------------------------------------------------------------- validation


@dataclass
class TemplateReport:
	"""The result of checking an uploaded template against a kind."""

	kind: str
	ok: bool
	variables: list[str]
	unknown_variables: list[str]
	missing_variables: list[str]
	has_qr: bool
	has_barcode: bool
	errors: list[str]
	warnings: list[str]
	sample: bytes | None = field(default=None, repr=False)


def validate_template(docx_bytes: bytes, kind: str) -> TemplateReport:
	"""Check an administrator's template for ``kind`` before it is stored.

	Lists variables the app does not supply (unknown) and required ones the template
	does not use (missing), checks the QR/barcode placeholders and renders the sample
	context in the sandbox; ``sample`` holds that rendering when it succeeded.
	"""
	spec = get_spec(kind)
	errors: list[str] = []
	warnings: list[str] = []
	try:
		compiled = compile_template(docx_bytes, kind)
	except DocumentError as exc:
		return TemplateReport(kind, False, [], [], [], False, False, [str(exc)], [])

	sample = spec.sample()
	known = set(spec.variables) | set(sample) | INJECTED_VARIABLES
	variables = sorted(compiled.variables)
	unknown = sorted(compiled.variables - known)
	missing = sorted(set(spec.variables) - compiled.variables - {"doc_date"})
	if unknown:
		errors.append(
			_("The template uses variables the system does not supply: {0}").format("、".join(unknown))
		)
	if missing:
		warnings.append(_("The template does not use these fields: {0}").format("、".join(missing)))
	if not compiled.has_qr:
		errors.append(
			_("The template has no QR code placeholder (a picture described {0})").format(QR_PICTURE)
		)
	if spec.barcode and not compiled.has_barcode:
		errors.append(
			_("The template has no barcode placeholder (a picture described {0})").format(BARCODE_PICTURE)
		)

	rendered = None
	try:
		rendered = render_compiled(compiled, sample, verify_url="https://example.invalid/verify?t=sample")
		with zipfile.ZipFile(io.BytesIO(rendered)) as zf:
			for name in compiled.parts:
				etree.fromstring(zf.read(name))
	except DocumentError as exc:
		errors.append(str(exc))
		rendered = None
	except (etree.XMLSyntaxError, zipfile.BadZipFile) as exc:
		errors.append(_("The sample document is not valid XML: {0}").format(exc))
		rendered = None
	return TemplateReport(
		kind,
		not errors,
		variables,
		unknown,
		missing,
		compiled.has_qr,
		compiled.has_barcode,
		errors,
		warnings,
		rendered,
	)
