"""Public /verify page: checks the token of a generated document's QR code.

Runs as Guest. It shows only the kind, issuing body, date, masked subject and whether a newer
version replaced the document; an altered or forged token shows "invalid" and nothing else.
"""

import frappe

from zhicheng_app.documents.formatting import cn_date
from zhicheng_app.documents.tokens import VERIFY_PARAM
from zhicheng_app.i18n import _
from zhicheng_app.services.documents.verification import verify

no_cache = 1
sitemap = 0


def get_context(context):
	token = frappe.form_dict.get(VERIFY_PARAM)
	result = verify(token if isinstance(token, str) else None)
	context.no_cache = 1
	context.show_sidebar = False
	context.title = _("Document Verification")
	context.status = result.status
	context.labels = {
		"heading": _("Document Verification"),
		"valid": _("This document is genuine and is the current version"),
		"superseded": _("This document is genuine but has been replaced by a newer version"),
		"invalid": _("Invalid: this code was not issued by the system or has been altered"),
		"kind": _("Document"),
		"issuer": _("Issued by"),
		"date": _("Date"),
		"subject": _("Subject"),
		"id_number": _("ID Number"),
		"version": _("Version"),
		"no_token": _("Scan the QR code on a document to verify it"),
		"revoked": _("The qualification this document concerns has been revoked"),
		"certificates": _("Certificates"),
		"certificate_no": _("Certificate Number"),
		"certificate_revoked": _("Revoked"),
		"certificate_valid": _("Valid"),
	}
	context.has_token = bool(token)
	if result.valid:
		context.document = {
			"kind": result.kind_title,
			"issuer": result.issuer,
			"date": cn_date(result.doc_date),
			"subject": result.subject,
			"id_number": result.subject_id,
			"version": _("Version {0} of {1}").format(result.version, result.latest_version),
			"revoked": result.revoked,
			"certificates": result.certificates,
		}
	else:
		context.document = None
	return context
