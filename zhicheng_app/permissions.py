"""Record-level access to Title Applications and to everything that carries their data.

Who sees what: unscoped roles see all; applicants their own; unit roles the applications of
the Employer Units in their User Permissions (and of units those supervise); bureau roles the
applications whose unit lies in a Region of their User Permissions or below it; the public
employment service only the private-enterprise route's (the private-enterprise special
evaluation notices have it review those applications only); committee offices the applications of
the notices their Evaluation Committees (User Permissions) evaluate, or every notice when they
have none, as Frappe's User Permissions go. The list condition and the document check share one scope so
they can never disagree.

The same scope covers every other read path to an application's data: its child tables, its
files, comments, versions and workflow actions, the generated documents made from it, and
counts (``zhicheng_app.overrides.client.get_count``). Title Sanctions (ID numbers and fraud
findings) are read by administrators and committee offices only.
"""

from dataclasses import dataclass, field

import frappe

from zhicheng_app.roles import (
	APPLICANT,
	COMMITTEE_SCOPED_ROLES,
	EMPLOYMENT_SERVICE,
	REGION_SCOPED_ROLES,
	TITLE_ADMINISTRATOR,
	UNIT_SCOPED_ROLES,
	UNSCOPED_ROLES,
)
from zhicheng_app.rules.vocabulary import Route


@dataclass
class Scope:
	unscoped: bool = False
	user: str | None = None  # applicant's own
	units: set[str] = field(default_factory=set)
	regions: set[str] = field(default_factory=set)
	region_route: str | None = None  # the one route region scope covers, if limited
	notices: set[str] = field(default_factory=set)  # a committee office's notices

	def allows(self, doc, ptype: str | None = None) -> bool:
		if self.unscoped:
			return True
		if self.user:
			applicant = doc.get("applicant_user")
			if applicant == self.user or (ptype == "create" and not applicant):
				return True
		if self.units and (
			doc.get("employer_unit") in self.units or doc.get("supervising_unit") in self.units
		):
			return True
		if self.notices and doc.get("notice") in self.notices:
			return True
		return (
			bool(self.regions)
			and doc.get("region") in self.regions
			and (self.region_route is None or doc.get("route") == self.region_route)
		)

	def condition(self, table: str = "`tabTitle Application`") -> str:
		if self.unscoped:
			return ""
		parts = []
		if self.user:
			parts.append(f"{table}.applicant_user = {frappe.db.escape(self.user)}")
		if self.units:
			units = ", ".join(frappe.db.escape(u) for u in sorted(self.units))
			parts.append(f"{table}.employer_unit in ({units})")
			parts.append(f"{table}.supervising_unit in ({units})")
		if self.regions:
			regions = ", ".join(frappe.db.escape(r) for r in sorted(self.regions))
			region = f"{table}.region in ({regions})"
			if self.region_route:
				region = f"({region} and {table}.route = {frappe.db.escape(self.region_route)})"
			parts.append(region)
		if self.notices:
			notices = ", ".join(frappe.db.escape(n) for n in sorted(self.notices))
			parts.append(f"{table}.notice in ({notices})")
		return "(" + " or ".join(parts) + ")" if parts else "1=0"


def _permitted(user: str, doctype: str) -> list[str]:
	return frappe.get_all("User Permission", filters={"user": user, "allow": doctype}, pluck="for_value")


def with_descendants(regions: list[str]) -> set[str]:
	"""The regions and every region below them."""
	if not regions:
		return set()
	bounds = frappe.get_all("Region", filters={"name": ("in", regions)}, fields=["lft", "rgt"])
	names: set[str] = set(regions)
	for b in bounds:
		names.update(
			frappe.get_all("Region", filters={"lft": (">=", b.lft), "rgt": ("<=", b.rgt)}, pluck="name")
		)
	return names


def get_scope(user: str | None = None) -> Scope:
	user = user or frappe.session.user
	roles = set(frappe.get_roles(user))
	scope = Scope()
	committees = _permitted(user, "Evaluation Committee") if roles & COMMITTEE_SCOPED_ROLES else []
	if (
		user == "Administrator"
		or roles & UNSCOPED_ROLES
		or (roles & COMMITTEE_SCOPED_ROLES and not committees)
	):
		scope.unscoped = True
	else:
		if committees:
			scope.notices = set(
				frappe.get_all(
					"Notice Committee",
					filters={"parenttype": "Title Notice", "committee": ("in", committees)},
					pluck="parent",
				)
			)
		if APPLICANT in roles:
			scope.user = user
		if roles & UNIT_SCOPED_ROLES:
			scope.units = set(_permitted(user, "Employer Unit"))
		if roles & REGION_SCOPED_ROLES:
			scope.regions = with_descendants(_permitted(user, "Region"))
			if not (roles & REGION_SCOPED_ROLES) - {EMPLOYMENT_SERVICE}:
				scope.region_route = Route.PRIVATE.value
	return scope


def application_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	return get_scope(user).condition()


def application_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	return get_scope(user).allows(doc, ptype)


# ---------------------------------------------------------------- everything that refers to an application
APPLICATION = "Title Application"
APPLICATION_CHILD_DOCTYPES = (
	"Application Achievement",
	"Application Assessment",
	"Application Attachment",
	"Application Continuing Education",
	"Application Education",
	"Application Grassroots Service",
	"Application Return",
	"Application Work History",
)
GENERATED = "Generated Document"
UNIT = "Employer Unit"
NOTICE = "Title Notice"
MEETING = "Review Meeting"
REGION = "Region"
# doctype -> (column naming the referenced doctype, column naming the record)
REFERENCING_DOCTYPES = {
	"File": ("attached_to_doctype", "attached_to_name"),
	"Comment": ("reference_doctype", "reference_name"),
	"Version": ("ref_doctype", "docname"),
	"Workflow Action": ("reference_doctype", "reference_name"),
}
APPLICATION_FIELDS = ["applicant_user", "employer_unit", "supervising_unit", "region", "route", "notice"]


def _applications_in_scope(scope: Scope) -> str:
	return f"(select `tabTitle Application`.name from `tabTitle Application` where {scope.condition()})"


def rows_of_parents(doctype: str, parent_doctype: str, parent_condition: str) -> str:
	"""The list condition of a child DocType's rows: those of ``parent_doctype`` only where their
	parent meets ``parent_condition`` (rows of other parents are left to their own conditions)."""
	table = f"`tab{doctype}`"
	parents = f"`tab{parent_doctype}`"
	return (
		f"({table}.parenttype != {frappe.db.escape(parent_doctype)} or {table}.parent in"
		f" (select {parents}.name from {parents} where {parent_condition}))"
	)


def child_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""Rows of an application's child table: only those of applications in the user's scope."""
	scope = get_scope(user)
	if scope.unscoped:
		return ""
	table = f"`tab{doctype}`"
	return (
		f"({table}.parenttype != {frappe.db.escape(APPLICATION)}"
		f" or {table}.parent in {_applications_in_scope(scope)})"
	)


def committee_scope_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""Rows of an Evaluation Committee's child tables: only those of the committees the user reads
	(a committee office scoped by User Permissions reads its own committees)."""
	user = user or frappe.session.user
	committees = _permitted(user, "Evaluation Committee")
	if user == "Administrator" or not committees or set(frappe.get_roles(user)) & UNSCOPED_ROLES:
		return ""
	names = ", ".join(frappe.db.escape(c) for c in sorted(committees))
	return f"`tab{doctype}`.parent in ({names})"


# ---------------------------------------------------------------- fee payments
# A Fee Payment is read by whoever may read its application (the applicant, the unit's HR, the
# bureaus and committee offices of its scope); who writes it is the DocType's role permissions.
def fee_payment_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	scope = get_scope(user)
	if scope.unscoped:
		return ""
	return f"`tabFee Payment`.application in {_applications_in_scope(scope)}"


def fee_payment_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	if not doc.get("application"):
		return ptype == "create" or get_scope(user).unscoped
	return _record_allows(APPLICATION, doc.get("application"), get_scope(user), ptype)


# ---------------------------------------------------------------- units and generated documents
# A unit's records (its files, the batch documents made for it) are read by its HR and the bureaus
# of its region. A generated document is read by whoever may read what it was made from; a
# notice's (the 公示情况报告, the 任职资格文件 with every name on it) by the bureaus only.
def _units_in_scope(scope: Scope) -> str:
	parts = []
	if scope.units:
		parts.append(f"name in ({', '.join(frappe.db.escape(u) for u in sorted(scope.units))})")
	if scope.regions:
		parts.append(f"region in ({', '.join(frappe.db.escape(r) for r in sorted(scope.regions))})")
	return f"(select name from `tabEmployer Unit` where {' or '.join(parts) or '1=0'})"


def _generated_condition(scope: Scope, table: str = "`tabGenerated Document`") -> str:
	kind, name = f"{table}.reference_doctype", f"{table}.reference_name"
	parts = [
		f"({kind} = {frappe.db.escape(APPLICATION)} and {name} in {_applications_in_scope(scope)})",
		f"({kind} = {frappe.db.escape(UNIT)} and {name} in {_units_in_scope(scope)})",
	]
	if scope.regions:
		parts.append(f"{kind} = {frappe.db.escape(NOTICE)}")
		# a county bureau's own documents (its 公示情况报告, 阿地人社传〔2024〕6号 四、（二）2)
		regions = ", ".join(frappe.db.escape(r) for r in sorted(scope.regions))
		parts.append(f"({kind} = {frappe.db.escape(REGION)} and {name} in ({regions}))")
	elif scope.notices:
		notices = ", ".join(frappe.db.escape(n) for n in sorted(scope.notices))
		parts.append(f"({kind} = {frappe.db.escape(NOTICE)} and {name} in ({notices}))")
	if scope.notices:
		# a committee office's review meetings (their 评审表决结果), by the meetings' notices
		notices = ", ".join(frappe.db.escape(n) for n in sorted(scope.notices))
		meetings = f"(select name from `tab{MEETING}` where notice in ({notices}))"
		parts.append(f"({kind} = {frappe.db.escape(MEETING)} and {name} in {meetings})")
	return "(" + " or ".join(parts) + ")"


def _generated_in_scope(scope: Scope) -> str:
	return f"(select name from `tabGenerated Document` where {_generated_condition(scope)})"


def _record_allows(doctype: str | None, name: str | None, scope: Scope, ptype=None) -> bool:
	"""Whether ``scope`` reaches the record ``doctype``/``name`` (an application, a unit, a
	notice's generated document or a generated document)."""
	if scope.unscoped:
		return True
	if doctype == APPLICATION:
		application = frappe.db.get_value(APPLICATION, name, APPLICATION_FIELDS, as_dict=True)
		return bool(application) and scope.allows(application, ptype)
	if doctype == UNIT:
		if name in scope.units:
			return True
		return bool(scope.regions) and frappe.db.get_value(UNIT, name, "region") in scope.regions
	if doctype == NOTICE:
		return bool(scope.regions) or name in scope.notices
	if doctype == REGION:
		return name in scope.regions
	if doctype == MEETING:
		return bool(scope.notices) and frappe.db.get_value(MEETING, name, "notice") in scope.notices
	if doctype == GENERATED:
		source = frappe.db.get_value(GENERATED, name, ["reference_doctype", "reference_name"], as_dict=True)
		return bool(source) and _record_allows(source.reference_doctype, source.reference_name, scope, ptype)
	if doctype == REDACTION:
		application = frappe.db.get_value(REDACTION, name, "application")
		return bool(application) and _record_allows(APPLICATION, application, scope, ptype)
	return False


def generated_document_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	scope = get_scope(user)
	return "" if scope.unscoped else _generated_condition(scope)


def generated_document_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	return _record_allows(doc.get("reference_doctype"), doc.get("reference_name"), get_scope(user), ptype)


# ---------------------------------------------------------------- files, comments, versions, workflow actions
# a masked copy of an application's image (Material Redaction, services/masking.py) reads as its application
REDACTION = "Material Redaction"


def _redactions_in_scope(scope: Scope) -> str:
	return f"(select name from `tab{REDACTION}` where application in {_applications_in_scope(scope)})"


# the referenced doctypes whose records are scoped, and the subquery of those in a scope
SCOPED_REFERENCES = {
	APPLICATION: _applications_in_scope,
	UNIT: _units_in_scope,
	GENERATED: _generated_in_scope,
	REDACTION: _redactions_in_scope,
}


def referencing_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""Files, comments, versions and workflow actions of an application, a unit or a generated
	document: only those of records in the user's scope."""
	scope = get_scope(user)
	if scope.unscoped:
		return ""
	doctype_column, name_column = REFERENCING_DOCTYPES[doctype]
	table = f"`tab{doctype}`"
	kind, name = f"{table}.`{doctype_column}`", f"{table}.`{name_column}`"
	scoped = ", ".join(frappe.db.escape(dt) for dt in SCOPED_REFERENCES)
	parts = [f"ifnull({kind}, '') not in ({scoped})"]
	for referenced, in_scope in SCOPED_REFERENCES.items():
		parts.append(f"({kind} = {frappe.db.escape(referenced)} and {name} in {in_scope(scope)})")
	return "(" + " or ".join(parts) + ")"


def referencing_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	doctype_column, name_column = REFERENCING_DOCTYPES[doc.doctype]
	kind, name = doc.get(doctype_column), doc.get(name_column)
	if kind not in SCOPED_REFERENCES or not name:
		return True
	return _record_allows(kind, name, get_scope(user), ptype)


# ---------------------------------------------------------------- user accounts
UNSCOPED_USER_ADMINS = frozenset({"System Manager", TITLE_ADMINISTRATOR})


def user_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""Only administrators list other users' accounts (names, e-mail addresses)."""
	user = user or frappe.session.user
	if user == "Administrator" or set(frappe.get_roles(user)) & UNSCOPED_USER_ADMINS:
		return ""
	return f"`tabUser`.name = {frappe.db.escape(user)}"


def user_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	user = user or frappe.session.user
	return (
		user == "Administrator"
		or doc.name == user
		or bool(set(frappe.get_roles(user)) & UNSCOPED_USER_ADMINS)
	)
