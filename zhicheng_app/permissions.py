"""Record-level access to Title Applications and to everything that carries their data.

Who sees what: unscoped roles see all; applicants their own; unit roles the applications of
the Employer Units in their User Permissions (and of units those supervise); bureau roles the
applications whose unit lies in a Region of their User Permissions or below it; the public
employment service only the private-enterprise route's (the private-enterprise special
evaluation notices have it review those applications only). The list condition and the document check share one scope so
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
		return "(" + " or ".join(parts) + ")" if parts else "1=0"


def _permitted(user: str, doctype: str) -> list[str]:
	return frappe.get_all("User Permission", filters={"user": user, "allow": doctype}, pluck="for_value")


def _with_descendants(regions: list[str]) -> set[str]:
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
	if user == "Administrator" or roles & UNSCOPED_ROLES:
		scope.unscoped = True
	else:
		if APPLICANT in roles:
			scope.user = user
		if roles & UNIT_SCOPED_ROLES:
			scope.units = set(_permitted(user, "Employer Unit"))
		if roles & REGION_SCOPED_ROLES:
			scope.regions = _with_descendants(_permitted(user, "Region"))
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
# doctype -> (column naming the referenced doctype, column naming the record)
REFERENCING_DOCTYPES = {
	"File": ("attached_to_doctype", "attached_to_name"),
	"Comment": ("reference_doctype", "reference_name"),
	"Version": ("ref_doctype", "docname"),
	"Workflow Action": ("reference_doctype", "reference_name"),
	"Generated Document": ("reference_doctype", "reference_name"),
}


def _applications_in_scope(scope: Scope) -> str:
	return f"(select `tabTitle Application`.name from `tabTitle Application` where {scope.condition()})"


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


def referencing_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""Files, comments, versions, workflow actions and generated documents of an application:
	only those of applications in the user's scope."""
	scope = get_scope(user)
	if scope.unscoped:
		return ""
	doctype_column, name_column = REFERENCING_DOCTYPES[doctype]
	table = f"`tab{doctype}`"
	return (
		f"(ifnull({table}.`{doctype_column}`, '') != {frappe.db.escape(APPLICATION)}"
		f" or {table}.`{name_column}` in {_applications_in_scope(scope)})"
	)


def referencing_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	doctype_column, name_column = REFERENCING_DOCTYPES[doc.doctype]
	if doc.get(doctype_column) != APPLICATION or not doc.get(name_column):
		return True
	application = frappe.db.get_value(
		APPLICATION,
		doc.get(name_column),
		["applicant_user", "employer_unit", "supervising_unit", "region", "route"],
		as_dict=True,
	)
	return bool(application) and get_scope(user).allows(application, ptype)


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
