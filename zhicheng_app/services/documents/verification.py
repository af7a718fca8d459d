"""The signed token in each document's QR code and the check behind the public /verify page.

A token names the Generated Document, its kind and its version and is signed with the site's
encryption key (``documents.tokens``). The page learns only what :class:`Verification` holds.
"""

import datetime
import hmac
from dataclasses import dataclass

import frappe
from frappe.utils import get_url, getdate

from zhicheng_app.documents import registry, tokens
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
	return Verification(
		"superseded" if row.superseded else "valid",
		_(registry.get_spec(row.kind).title),
		row.issuer or "",
		getdate(row.doc_date) if row.doc_date else None,
		row.subject or "",
		row.subject_id or "",
		int(row.version),
		int(latest),
	)
