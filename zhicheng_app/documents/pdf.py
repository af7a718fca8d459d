"""PDF conversion through LibreOffice.

Three ways, fastest first:

* a running **unoserver** (``unoserver --port 2003``), used through its Python
  client when ``unoserver_address`` is given or ``ZHICHENG_UNOSERVER=host:port``
  is set: the office process stays warm, each conversion costs only the layout;
* a **batch** through one ``soffice --headless --convert-to pdf`` call for many
  files (:func:`docx_to_pdf_many`), so the start-up cost is paid once;
* one ``soffice`` call per document (:func:`docx_to_pdf`).

Each ``soffice`` run gets its own temporary profile so that conversions running
at the same time do not lock each other out. When LibreOffice is missing,
:class:`PdfUnavailable` carries a zh message; the .docx is unaffected.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from zhicheng_app.i18n import _

from .render import DocumentError

SOFFICE_ENV = "ZHICHENG_SOFFICE"
UNOSERVER_ENV = "ZHICHENG_UNOSERVER"
DEFAULT_TIMEOUT = 180


class PdfUnavailable(DocumentError):
	"""LibreOffice is not installed (or not reachable); the .docx still works."""

	def __init__(self, detail: str = ""):
		message = _(
			"PDF conversion is unavailable because LibreOffice is not installed on the server; download the .docx file instead"
		)
		super().__init__(message)
		self.detail = detail


class PdfConversionError(DocumentError):
	"""LibreOffice ran but produced no PDF."""


def soffice_path() -> str | None:
	"""The LibreOffice executable: ``$ZHICHENG_SOFFICE``, else ``soffice``/``libreoffice`` on PATH."""
	configured = os.environ.get(SOFFICE_ENV)
	if configured:
		return configured if os.access(configured, os.X_OK) else None
	return shutil.which("soffice") or shutil.which("libreoffice")


def pdf_available() -> bool:
	return soffice_path() is not None or bool(os.environ.get(UNOSERVER_ENV))


def _unoserver_address(address: str | None) -> tuple[str, int] | None:
	address = address or os.environ.get(UNOSERVER_ENV)
	if not address:
		return None
	host, _sep, port = address.rpartition(":")
	return (host or "127.0.0.1"), int(port or 2003)


def _convert_unoserver(docx: bytes, host: str, port: int) -> bytes:
	try:
		from unoserver.client import UnoClient
	except ImportError as exc:
		raise PdfUnavailable("the unoserver client is not installed") from exc
	try:
		result = UnoClient(server=host, port=str(port)).convert(indata=docx, convert_to="pdf")
	except Exception as exc:
		raise PdfUnavailable(f"unoserver at {host}:{port}: {exc}") from exc
	if not result:
		raise PdfConversionError(_("LibreOffice did not produce a PDF"))
	return result


def _run_soffice(inputs: Sequence[Path], outdir: Path, profile: Path, timeout: int) -> None:
	exe = soffice_path()
	if exe is None:
		raise PdfUnavailable("soffice not found")
	cmd = [
		exe,
		f"-env:UserInstallation={profile.as_uri()}",
		"--headless",
		"--norestore",
		"--nologo",
		"--nodefault",
		"--nolockcheck",
		"--convert-to",
		"pdf:writer_pdf_Export",
		"--outdir",
		str(outdir),
		*map(str, inputs),
	]
	try:
		subprocess.run(cmd, check=False, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
	except FileNotFoundError as exc:
		raise PdfUnavailable(str(exc)) from exc
	except subprocess.TimeoutExpired as exc:
		raise PdfConversionError(_("LibreOffice took too long to convert the document")) from exc


def docx_to_pdf_many(
	documents: Sequence[bytes], *, timeout: int = DEFAULT_TIMEOUT, unoserver_address: str | None = None
) -> list[bytes]:
	"""Convert several .docx documents, in order, paying LibreOffice's start-up once."""
	server = _unoserver_address(unoserver_address)
	if server is not None:
		return [_convert_unoserver(d, *server) for d in documents]
	if not documents:
		return []
	if soffice_path() is None:
		raise PdfUnavailable("soffice not found")
	with tempfile.TemporaryDirectory(prefix="zc-pdf-") as tmp:
		root = Path(tmp)
		src, out, profile = root / "in", root / "out", root / "profile"
		src.mkdir()
		out.mkdir()
		inputs = []
		for i, data in enumerate(documents):
			path = src / f"doc{i:05d}.docx"
			path.write_bytes(data)
			inputs.append(path)
		_run_soffice(inputs, out, profile, timeout)
		results = []
		for path in inputs:
			pdf = out / (path.stem + ".pdf")
			if not pdf.exists():
				raise PdfConversionError(_("LibreOffice did not produce a PDF"))
			results.append(pdf.read_bytes())
		return results


def docx_to_pdf(
	docx: bytes, *, timeout: int = DEFAULT_TIMEOUT, unoserver_address: str | None = None
) -> bytes:
	"""Convert one .docx document to PDF. Raises :class:`PdfUnavailable` without LibreOffice."""
	return docx_to_pdf_many([docx], timeout=timeout, unoserver_address=unoserver_address)[0]
