"""Record-level access to Title Applications.

Who sees what: unscoped roles see all; applicants their own; unit roles the applications of
the Employer Units in their User Permissions (and of units those supervise); bureau roles the
applications whose unit lies in a Region of their User Permissions or below it; the public
employment service only the private-enterprise route's [001 L35; 003 L25]. The list condition
and the document check share one scope so they can never disagree.
"""

from dataclasses import dataclass, field

import frappe

from zhicheng_app.roles import (
	APPLICANT,
	EMPLOYMENT_SERVICE,
	REGION_SCOPED_ROLES,
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
