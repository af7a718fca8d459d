"""The signed token in each document's QR code and the check behind the public /verify page.

A token names the Generated Document, its kind and its version and is signed with the site's
encryption key (``documents.tokens``). The page learns only what :class:`Verification` holds.
"""

import datetime
import hmac
from dataclasses import dataclass, field

import frappe
from frappe.utils import get_url, getdate

from zhicheng_app.documents import registry, tokens
from zhicheng_app.documents.formatting import mask_name
from zhicheng_app.i18n import _

GENERATED = "Generated Document"


def signing_secret() -> str:
	"""The key the verification tokens are signed with: the site's encryption key."""
	from frappe.utils.password import get_encryption_key

	return get_encryption_key()


def verify_url(token: str) -> str:
	"""The public verification address of ``token`` on this site."""
	return tokens.verify_url(get_url(), token)


@dataclass
class Verification:
	"""What the public page may show: nothing but these fields."""

	status: str  # valid | superseded | invalid
	kind_title: str = ""
	issuer: str = ""
	doc_date: datetime.date | None = None
	subject: str = ""
	subject_id: str = ""
	version: int = 0
	latest_version: int = 0
	revoked: bool = False  # the qualification of the (only) person it concerns was revoked
	# a 任职资格文件: its certificates, [{"subject" (masked), "certificate_no", "revoked"}]
	certificates: list = field(default_factory=list)

	@property
	def valid(self) -> bool:
		return self.status != "invalid"


INVALID = Verification("invalid")


def verify(token: str | None) -> Verification:
	"""Check a token from a QR code; an altered or forged one yields ``INVALID`` and nothing else."""
	if not token or not isinstance(token, str):
		return INVALID
	payload = tokens.verify_token(signing_secret(), token)
	if payload is None:
		return INVALID
	row = frappe.db.get_value(
		GENERATED,
		payload.doc_id,
		[
			"kind",
			"version",
			"token",
			"superseded",
			"issuer",
			"doc_date",
			"subject",
			"subject_id",
			"reference_doctype",
			"reference_name",
			"batch_key",
		],
		as_dict=True,
	)
	if (
		not row
		or row.kind != payload.kind
		or int(row.version or 0) != payload.version
		or not hmac.compare_digest((row.token or "").encode(), token.encode())
		or payload.kind not in registry.REGISTRY
	):
		return INVALID
	latest = frappe.db.count(
		GENERATED,
		{
			"kind": row.kind,
			"reference_doctype": row.reference_doctype,
			"reference_name": row.reference_name,
			"batch_key": row.batch_key or "",
		},
	)
	certificates = _certificates(row)
	return Verification(
		"superseded" if row.superseded else "valid",
		_(registry.get_spec(row.kind).title),
		row.issuer or "",
		getdate(row.doc_date) if row.doc_date else None,
		row.subject or "",
		row.subject_id or "",
		int(row.version),
		int(latest),
		revoked=_revoked(row, certificates),
		certificates=certificates,
	)


REVOKED = "Revoked"
APPLICATION = "Title Application"


def _certificates(row) -> list[dict]:
	"""The certificates a 任职资格文件 issued (its 文号 is the record's batch key), masked."""
	if row.kind != "qualification_document" or not row.batch_key:
		return []
	apps = frappe.get_all(
		APPLICATION,
		filters={"notice": row.reference_name, "qualification_document_no": row.batch_key},
		fields=["applicant_name", "certificate_no", "workflow_state"],
		order_by="certificate_no asc",
	)
	return [
		{
			"subject": mask_name(a.applicant_name),
			"certificate_no": a.certificate_no or "",
			"revoked": a.workflow_state == REVOKED,
		}
		for a in apps
	]


def _revoked(row, certificates: list[dict]) -> bool:
	"""Whether the document's qualification was taken back: the application's own documents once it
	is revoked, a 任职资格文件 whose every certificate is."""
	if row.reference_doctype == APPLICATION:
		return frappe.db.get_value(APPLICATION, row.reference_name, "workflow_state") == REVOKED
	return bool(certificates) and all(c["revoked"] for c in certificates)
