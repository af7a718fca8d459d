"""The fast .docx renderer.

A template is an ordinary docxtpl template. It is compiled once:

* the package is read, every member that does not change between documents is
  deflated once and kept as a ready-made zip block;
* the document body (and any header/footer holding Jinja tags) goes through
  docxtpl's own pre-processing (``patch_xml``: ``{%p %}``, ``{%tr %}`` …) and is
  compiled into a Jinja template of a sandboxed environment with autoescape;
* the QR and barcode placeholders (pictures described ``zc_qr`` /
  ``zc_barcode``, as docxtpl's ``replace_pic`` finds them) are mapped to their
  media members.

Per document only the XML strings are rendered, the QR/barcode PNGs drawn
(see :mod:`codes`), and a zip written from the stored blocks plus the new
members. Values are escaped, stripped of characters XML cannot hold, dates are
printed the Chinese way and line breaks become ``<w:br/>``, so user text can
neither run code nor break the XML.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import io
import re
import struct
import threading
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from jinja2 import TemplateSyntaxError, meta
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
_ZIP_TIME = (2024, 1, 1, 0, 0, 0)


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
	text = _XML_INVALID.sub("", str(value))
	safe = str(escape(text))
	if "\n" in safe or "\t" in safe or "\r" in safe:
		safe = safe.replace("\r\n", "\n").replace("\r", "\n").replace("\n", _BREAK).replace("\t", _TAB)
	return Markup(safe)


def make_environment() -> SandboxedEnvironment:
	"""The sandboxed, autoescaping environment every template renders in."""
	env = SandboxedEnvironment(autoescape=True, finalize=_finalize, keep_trailing_newline=True)
	env.filters.update(JINJA_FILTERS)
	return env


_ENV = make_environment()


def _docxtpl_preprocessor():
	from docxtpl import DocxTemplate

	return DocxTemplate(io.BytesIO())


_PRE = _docxtpl_preprocessor()


def _prepare(xml: str) -> str:
	"""docxtpl's pre-processing plus the paragraph line-splitting of ``render_xml_part``."""
	return re.sub(r"<w:p([ >])", r"\n<w:p\1", _PRE.patch_xml(xml))


def _finish(xml: str, unescape_braces: bool) -> str:
	xml = xml.replace("\n<w:p", "<w:p")
	if unescape_braces:
		xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
	return xml


# ----------------------------------------------------------------- zip bits


def _dos_time(t=_ZIP_TIME) -> tuple[int, int]:
	return (t[3] << 11) | (t[4] << 5) | (t[5] // 2), ((t[0] - 1980) << 9) | (t[1] << 5) | t[2]


_DOS_TIME, _DOS_DATE = _dos_time()


@dataclass(slots=True)
class _Block:
	"""One zip member, ready to be written."""

	name: bytes
	method: int
	crc: int
	csize: int
	usize: int
	data: bytes

	@classmethod
	def make(cls, name: str, payload: bytes, *, compress: bool, level: int = 6) -> _Block:
		if compress:
			c = zlib.compressobj(level, zlib.DEFLATED, -15)
			data = c.compress(payload) + c.flush()
			method = zipfile.ZIP_DEFLATED
		else:
			data, method = payload, zipfile.ZIP_STORED
		return cls(name.encode("utf-8"), method, zlib.crc32(payload), len(data), len(payload), data)

	def local(self) -> bytes:
		return (
			struct.pack(
				"<IHHHHHIIIHH",
				0x04034B50,
				20,
				0x0800,
				self.method,
				_DOS_TIME,
				_DOS_DATE,
				self.crc,
				self.csize,
				self.usize,
				len(self.name),
				0,
			)
			+ self.name
			+ self.data
		)

	def central(self, offset: int) -> bytes:
		return (
			struct.pack(
				"<IHHHHHHIIIHHHHHII",
				0x02014B50,
				20,
				20,
				0x0800,
				self.method,
				_DOS_TIME,
				_DOS_DATE,
				self.crc,
				self.csize,
				self.usize,
				len(self.name),
				0,
				0,
				0,
				0,
				0,
				offset,
			)
			+ self.name
		)


def _write_zip(blocks: list[tuple[_Block, bytes | None]]) -> bytes:
	"""``blocks`` holds (block, precomputed local bytes or None)."""
	out = io.BytesIO()
	central = []
	for block, local in blocks:
		central.append(block.central(out.tell()))
		out.write(local if local is not None else block.local())
	start = out.tell()
	directory = b"".join(central)
	out.write(directory)
	out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(blocks), len(blocks), len(directory), start, 0))
	return out.getvalue()


# ----------------------------------------------------------------- compiling


@dataclass
class _Dynamic:
	name: str
	template: object  # jinja2.Template
	prefix: str = ""
	suffix: str = ""


@dataclass
class CompiledTemplate:
	"""A parsed template package, ready to render many documents."""

	kind: str | None
	order: list[str]
	static: dict[str, tuple[_Block, bytes]]
	dynamic: dict[str, _Dynamic]
	qr_members: set[str]
	barcode_members: set[str]
	variables: frozenset[str]
	unescape_braces: bool
	sources: dict[str, str] = field(default_factory=dict, repr=False)

	@property
	def has_qr(self) -> bool:
		return bool(self.qr_members)

	@property
	def has_barcode(self) -> bool:
		return bool(self.barcode_members)


def _rels_targets(zf_members: dict[str, bytes], part: str) -> dict[str, str]:
	folder, _sep, base = part.rpartition("/")
	rels = zf_members.get(f"{folder}/_rels/{base}.rels")
	if rels is None:
		return {}
	root = etree.fromstring(rels)
	targets = {}
	for rel in root.iter(f"{{{PKG_REL_NS}}}Relationship"):
		if rel.get("TargetMode") == "External":
			continue
		target = rel.get("Target", "")
		if target.startswith("/"):
			path = target.lstrip("/")
		else:
			parts = f"{folder}/{target}".split("/")
			stack: list[str] = []
			for p in parts:
				if p == "..":
					if stack:
						stack.pop()
				elif p and p != ".":
					stack.append(p)
			path = "/".join(stack)
		targets[rel.get("Id")] = path
	return targets


def _placeholder_media(members: dict[str, bytes], part: str, root) -> dict[str, set[str]]:
	"""Media members of the pictures named/described ``zc_qr`` or ``zc_barcode`` in ``part``."""
	found: dict[str, set[str]] = {QR_PICTURE: set(), BARCODE_PICTURE: set()}
	targets = None
	for pic in root.iter(f"{{{NSMAP['pic']}}}pic"):
		c_nv_pr = pic.find("pic:nvPicPr/pic:cNvPr", NSMAP)
		blip = pic.find("pic:blipFill/a:blip", NSMAP)
		if c_nv_pr is None or blip is None:
			continue
		labels = {c_nv_pr.get("name", ""), c_nv_pr.get("descr", ""), c_nv_pr.get("title", "")}
		for key in found:
			if key in labels or f"{key}.png" in labels:
				if targets is None:
					targets = _rels_targets(members, part)
				member = targets.get(blip.get(f"{{{R_NS}}}embed"))
				if member:
					found[key].add(member)
	return found


def _split_body(xml: str) -> tuple[str, str, str]:
	start = xml.find("<w:body")
	end = xml.rfind("</w:body>")
	if start < 0 or end < 0:
		raise DocumentError(_("The template has no document body"))
	return xml[:start], xml[start : end + len("</w:body>")], xml[end + len("</w:body>") :]


def compile_template(docx_bytes: bytes, kind: str | None = None) -> CompiledTemplate:
	"""Parse and compile a .docx template. Raises :class:`DocumentError` (zh) on bad input."""
	try:
		with zipfile.ZipFile(io.BytesIO(docx_bytes)) as zf:
			order = [i.filename for i in zf.infolist() if not i.is_dir()]
			members = {name: zf.read(name) for name in order}
	except (zipfile.BadZipFile, OSError, ValueError, RuntimeError) as exc:
		raise DocumentError(_("The file is not a valid .docx document")) from exc
	if DOCUMENT_PART not in members:
		raise DocumentError(_("The file is not a valid .docx document"))

	dynamic: dict[str, _Dynamic] = {}
	sources: dict[str, str] = {}
	qr: set[str] = set()
	barcode: set[str] = set()
	unescape = False
	for name in order:
		is_doc = name == DOCUMENT_PART
		if not (is_doc or _HEADER_FOOTER.match(name)):
			continue
		try:
			root = etree.fromstring(members[name])
		except etree.XMLSyntaxError as exc:
			raise DocumentError(_("The file is not a valid .docx document")) from exc
		found = _placeholder_media(members, name, root)
		qr |= found[QR_PICTURE]
		barcode |= found[BARCODE_PICTURE]
		text = members[name].decode("utf-8")
		if not is_doc and not _JINJA_MARK.search(text):
			continue
		if is_doc:
			body = root.find(f"{{{W_NS}}}body")
			prefix, _raw_body, suffix = _split_body(text)
			source = _prepare(etree.tostring(body, encoding="unicode"))
		else:
			decl = re.match(r"<\?xml[^>]*\?>\s*", text)
			prefix, suffix = (decl.group(0) if decl else ""), ""
			source = _prepare(etree.tostring(root, encoding="unicode"))
		unescape = unescape or "{_" in source or "_}" in source
		try:
			template = _ENV.from_string(source)
		except TemplateSyntaxError as exc:
			raise DocumentError(
				_("Template syntax error near line {0}: {1}").format(exc.lineno or "?", exc.message or "")
			) from exc
		dynamic[name] = _Dynamic(name, template, prefix, suffix)
		sources[name] = source

	variables: set[str] = set()
	for source in sources.values():
		variables |= meta.find_undeclared_variables(_ENV.parse(source))

	static = {}
	for name in order:
		if name in dynamic or name in qr or name in barcode:
			continue
		payload = members[name]
		compress = not name.lower().endswith((".png", ".jpg", ".jpeg", ".gif"))
		block = _Block.make(name, payload, compress=compress)
		static[name] = (block, block.local())
	return CompiledTemplate(
		kind, order, static, dynamic, qr, barcode, frozenset(variables), unescape, sources
	)


_CACHE: dict[tuple[str | None, str], CompiledTemplate] = {}
_CACHE_LOCK = threading.Lock()
_CACHE_MAX = 64


def _template_bytes_for(kind: str) -> bytes:
	spec = get_spec(kind)
	try:
		with open(spec.path, "rb") as f:
			return f.read()
	except OSError as exc:
		raise DocumentError(_("The template file of {0} is missing").format(spec.display_title())) from exc


def get_compiled(kind: str | None, template_bytes: bytes | None = None) -> CompiledTemplate:
	"""The compiled template of ``kind`` (or of ``template_bytes``), compiled once and cached."""
	if template_bytes is None:
		if kind is None:
			raise ValueError("kind or template_bytes is required")
		key = (kind, "")
		with _CACHE_LOCK:
			hit = _CACHE.get(key)
		if hit is not None:
			return hit
		template_bytes = _template_bytes_for(kind)
	else:
		key = (kind, hashlib.sha256(template_bytes).hexdigest())
		with _CACHE_LOCK:
			hit = _CACHE.get(key)
		if hit is not None:
			return hit
	compiled = compile_template(template_bytes, kind)
	with _CACHE_LOCK:
		if len(_CACHE) >= _CACHE_MAX:
			_CACHE.pop(next(iter(_CACHE)))
		_CACHE[key] = compiled
	return compiled


def clear_cache() -> None:
	with _CACHE_LOCK:
		_CACHE.clear()


# ----------------------------------------------------------------- rendering


@dataclass
class RenderJob:
	"""One document of a batch."""

	context: dict
	verify_url: str | None = None
	barcode: str | None = None


def _renumber_docpr(xml: str) -> str:
	counter = iter(range(1001, 1_000_000))
	return _DOCPR_ID.sub(lambda m: f"{m.group(1)}{next(counter)}{m.group(3)}", xml)


def _render_part(compiled: CompiledTemplate, part: _Dynamic, context: dict) -> bytes:
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

	rendered = {name: _render_part(compiled, part, ctx) for name, part in compiled.dynamic.items()}
	qr_bytes = qr_png(verify_url) if verify_url and compiled.qr_members else None
	bar_bytes = code128_png(str(code)) if code and compiled.barcode_members else None

	blocks = []
	for name in compiled.order:
		pre = compiled.static.get(name)
		if pre is not None:
			blocks.append(pre)
		elif name in rendered:
			blocks.append((_Block.make(name, rendered[name], compress=True), None))
		elif name in compiled.qr_members:
			blocks.append((_Block.make(name, qr_bytes or blank_png(29, 29), compress=False), None))
		elif name in compiled.barcode_members:
			blocks.append((_Block.make(name, bar_bytes or blank_png(120, 40), compress=False), None))
	return _write_zip(blocks)


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
			for name in compiled.dynamic:
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
