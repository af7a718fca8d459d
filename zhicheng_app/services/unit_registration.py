"""A unit registers itself (单位注册) and the HR bureau of its region approves the registration
before the unit can act.

The registrant enters the unit (name, unified social credit code, checked as the Employer Unit
checks it, ownership, location, region), its HR contact and login, and uploads its 营业执照. The
login account is created disabled and without a role. A 县（市）or 地区人社局 officer whose region
holds the unit's approves it: the Employer Unit is created with the officer's own permission,
the account is enabled with the Unit HR role and scoped to the new unit. Or the officer refuses
it with the reason; the account is removed so that the registrant may register again.
"""

import mimetypes
import os

import frappe
from frappe.utils import validate_email_address

from zhicheng_app.documents.catalogue import slug
from zhicheng_app.i18n import _
from zhicheng_app.permissions import get_scope
from zhicheng_app.roles import COUNTY_HRSS, PREFECTURE_HRSS, UNIT_HR
from zhicheng_app.rules.identity import check_credit_code
from zhicheng_app.services import clock
from zhicheng_app.services.documents.files import file_content, save_private_file
from zhicheng_app.services.editability import ADMIN_ROLES

DOCTYPE = "Unit Registration"
UNIT = "Employer Unit"
AWAITING, REGISTERED, REFUSED = "Awaiting Review", "Registered", "Refused"
REVIEWING_ROLES = frozenset({COUNTY_HRSS, PREFECTURE_HRSS})
UNIT_FIELDS = (
	"unit_name",
	"credit_code",
	"ownership",
	"location",
	"region",
	"address",
	"hr_contact",
	"phone",
)
LICENCE_TYPES = frozenset({"application/pdf", "image/jpeg", "image/png"})


# ---------------------------------------------------------------- scope
def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""Lists: the registrations of units in the user's regions (every one for administrators)."""
	scope = get_scope(user)
	if scope.unscoped:
		return ""
	regions = ", ".join(frappe.db.escape(r) for r in sorted(scope.regions))
	return f"`tab{DOCTYPE}`.region in ({regions})" if regions else "1=0"


def has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	scope = get_scope(user)
	return scope.unscoped or doc.get("region") in scope.regions


# ---------------------------------------------------------------- the record
def _normalized_credit_code(value) -> str:
	result = check_credit_code(value)
	if not result.ok:
		frappe.throw(result.error, title=_("Invalid Unified Social Credit Code"))
	return result.normalized


# what the registration and its review record: the server's
SERVER_FIELDS = ("status", "employer_unit", "user", "reviewed_by", "reviewed_at", "business_licence")


def validate_registration(doc):
	"""The credit code is checked and normalised on every save; what the review records is the
	server's (``approve`` and ``refuse`` set it), not the form's."""
	doc.credit_code = _normalized_credit_code(doc.credit_code)
	before = doc.get_doc_before_save()
	if before and not doc.flags.reviewing:
		for field in SERVER_FIELDS:
			doc.set(field, before.get(field))
	elif not before:  # a new registration awaits review, whatever was sent; ``register`` names its account
		for field in SERVER_FIELDS:
			doc.set(field, None)
		doc.status = AWAITING
		if doc.flags.registering:
			doc.user = doc.flags.registering


def _check_unit_is_new(unit_name: str, credit_code: str, registration: str | None = None):
	"""Neither a unit nor another registration awaiting review has the name or the code."""
	awaiting = {"credit_code": credit_code, "status": AWAITING, "name": ("!=", registration or "")}
	if frappe.db.exists(UNIT, {"credit_code": credit_code}) or frappe.db.exists(DOCTYPE, awaiting):
		frappe.throw(
			_("A unit with this unified social credit code is already registered or awaiting review")
		)
	if frappe.db.exists(UNIT, unit_name):
		frappe.throw(_("A unit named {0} is already registered").format(unit_name))


def register(values: dict, licence_name: str, licence: bytes | None):
	"""Record a unit's registration with its 营业执照 and its disabled login account (as Guest)."""
	values = {k: (values.get(k) or "").strip() for k in (*UNIT_FIELDS, "email", "password")}
	missing = [
		k for k in ("unit_name", "ownership", "location", "region", "hr_contact", "phone") if not values[k]
	]
	if missing:
		labels = "、".join(_(frappe.get_meta(DOCTYPE).get_label(k)) for k in missing)
		frappe.throw(_("Fill in: {0}").format(labels))
	credit_code = _normalized_credit_code(values["credit_code"])
	_check_unit_is_new(values["unit_name"], credit_code)
	if not frappe.db.exists("Region", values["region"]):
		frappe.throw(_("Choose the region of the unit"))
	email = validate_email_address(values["email"], throw=True)
	if frappe.db.exists("User", email):
		frappe.throw(_("This e-mail address already has an account"))
	if not values["password"]:
		frappe.throw(_("Choose the password of the login account"))
	if not licence or mimetypes.guess_type(licence_name or "")[0] not in LICENCE_TYPES:
		frappe.throw(_("Upload the business licence as a PDF, JPG or PNG file"))
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": values["hr_contact"],
			"language": "zh",
			"enabled": 0,
			"send_welcome_email": 0,
			"new_password": values["password"],
		}
	)
	user.flags.no_welcome_mail = True
	user.insert(ignore_permissions=True)
	# the registration and its licence are the registrant's: the reviewing bureau reads who made
	# them by the HR contact's name, not as an anonymous visitor
	visitor = frappe.session.user
	frappe.set_user(email)
	try:
		doc = frappe.get_doc(
			{"doctype": DOCTYPE, **{k: values[k] for k in UNIT_FIELDS}, "credit_code": credit_code}
		)
		doc.flags.registering = email
		doc.insert(ignore_permissions=True)
		extension = os.path.splitext(licence_name)[1].lower()
		licence_file = save_private_file(
			licence, f"营业执照-{slug(doc.unit_name)}{extension}", DOCTYPE, doc.name, "business_licence"
		)
		doc.db_set("business_licence", licence_file.file_url)
	finally:
		frappe.set_user(visitor)
	return doc


# ---------------------------------------------------------------- the review
def _reviewable(name: str):
	doc = frappe.get_doc(DOCTYPE, name)
	doc.check_permission("write")
	if not set(frappe.get_roles()) & (REVIEWING_ROLES | ADMIN_ROLES):
		frappe.throw(
			_("Only the HR bureau of the unit's region reviews its registration"), frappe.PermissionError
		)
	if doc.status != AWAITING:
		frappe.throw(_("This registration has already been reviewed: {0}").format(_(doc.status)))
	return doc


def _record_review(doc, status: str, note: str | None):
	doc.status = status
	doc.review_note = note or doc.review_note
	doc.reviewed_by = frappe.session.user
	doc.reviewed_at = clock.wall(clock.now())
	doc.flags.reviewing = True
	doc.save()


def approve(name: str, note: str | None = None):
	"""Create the unit (with the reviewer's own permission to create units) and let its HR act."""
	doc = _reviewable(name)
	_check_unit_is_new(doc.unit_name, doc.credit_code, doc.name)
	unit = frappe.get_doc({"doctype": UNIT, **{k: doc.get(k) for k in UNIT_FIELDS}}).insert()
	if doc.business_licence:
		licence = save_private_file(
			file_content(doc.business_licence),
			doc.business_licence.rsplit("/", 1)[-1],
			UNIT,
			unit.name,
			"business_licence",
		)
		unit.db_set("business_licence", licence.file_url)
	# the account is the registration's: the reviewer enables it without rights on other accounts
	user = frappe.get_doc("User", doc.user)
	user.enabled = 1
	user.append("roles", {"role": UNIT_HR})
	user.save(ignore_permissions=True)
	frappe.get_doc(
		{"doctype": "User Permission", "user": user.name, "allow": UNIT, "for_value": unit.name}
	).insert(ignore_permissions=True)
	doc.employer_unit = unit.name
	_record_review(doc, REGISTERED, note)
	return doc


def refuse(name: str, note: str):
	"""Refuse the registration with its reason; the disabled account goes, so that the registrant
	may register again with the same e-mail address."""
	note = (note or "").strip()
	if not note:
		frappe.throw(_("State why the registration is refused"))
	doc = _reviewable(name)
	account = doc.user
	doc.user = None
	_record_review(doc, REFUSED, note)
	if account and not frappe.db.get_value("User", account, "enabled"):
		frappe.delete_doc("User", account, ignore_permissions=True)
	return doc
