"""Objections raised during an application's unit publicity (公示) or, after the review meeting,
its results publicity (会议公示), recorded with how they were handled (Publicity Objection, its
``stage`` telling which).

An objection belongs to the unit's publicity of one application. It is read within that
application's scope (``permissions``) and written by whoever may write the application's
publicity fields (permission level 1) while those may change (``editability.STATES_BY_LEVEL``):
an applicant never reads them, another unit's HR never reaches them.

The application's ``publicity_objection`` flag, which the forwarding guard reads, follows from
the records: it stays set while an objection is open or was upheld, whatever a save sends, and the
server clears it when the last standing objection is dismissed after checking.

An objection to the results publicity is recorded by the committee office (the system's 会议公示)
or by the unit (its own publicity of the results, 000 三、（四）) while the application waits for its
certification; one that stands blocks the certification (``services.results``).
"""

import frappe

from zhicheng_app.i18n import _
from zhicheng_app.permissions import APPLICATION_FIELDS, get_scope
from zhicheng_app.roles import COMMITTEE_OFFICE, UNIT_HR
from zhicheng_app.rules.vocabulary import ObjectionStage, WorkflowState
from zhicheng_app.services import clock
from zhicheng_app.services.editability import ADMIN_ROLES, STATES_BY_LEVEL

DOCTYPE = "Publicity Objection"
APPLICATION = "Title Application"
OPEN, UPHELD, DISMISSED = "Unhandled", "Upheld", "Dismissed"
STANDING = (OPEN, UPHELD)  # objections that stand in the way of forwarding the application
FLAG = "publicity_objection"  # the application's field, of the publicity's permission level
PUBLICITY_STATES = STATES_BY_LEVEL[1]
# the results publicity: its state, and who records its objections
RESULTS_STATES = (WorkflowState.PASSED_PUBLICITY,)
RESULTS_ROLES = frozenset({COMMITTEE_OFFICE, UNIT_HR})


# ---------------------------------------------------------------- scope
def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""Lists: the objections of applications in the user's scope."""
	scope = get_scope(user)
	if scope.unscoped:
		return ""
	return (
		f"`tab{DOCTYPE}`.application in (select `tabTitle Application`.name"
		f" from `tabTitle Application` where {scope.condition()})"
	)


def has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	scope = get_scope(user)
	if scope.unscoped:
		return True
	application = frappe.db.get_value(APPLICATION, doc.get("application"), APPLICATION_FIELDS, as_dict=True)
	return bool(application) and scope.allows(application)


# ---------------------------------------------------------------- the flag
def has_standing_objection(application: str, stage: str = ObjectionStage.UNIT) -> bool:
	"""An objection of ``stage`` (the unit publicity unless said) that is open or upheld."""
	filters = {"application": application, "status": ("in", STANDING)}
	# objections recorded before there were two stages belong to the unit publicity
	filters["stage"] = ("!=", ObjectionStage.RESULTS) if stage == ObjectionStage.UNIT else stage
	return bool(frappe.db.exists(DOCTYPE, filters))


def keep_objection_flag(doc, method=None):
	"""``before_validate`` of Title Application: while an objection stands the flag stays set."""
	if not doc.is_new() and has_standing_objection(doc.name):
		doc.set(FLAG, 1)


def sync_objection_flag(application: str):
	"""Set the application's flag from its objections, through an ordinary save (field ownership
	and the state's checks apply as to any other change of the publicity)."""
	doc = frappe.get_doc(APPLICATION, application)
	standing = 1 if has_standing_objection(application) else 0
	if (doc.get(FLAG) or 0) != standing:
		doc.set(FLAG, standing)
		doc.save()


# ---------------------------------------------------------------- the record
def writable_application(objection):
	"""The objection's application; raises (zh) unless the user may change its publicity now."""
	application = frappe.get_doc(APPLICATION, objection.application)
	if set(frappe.get_roles()) & ADMIN_ROLES:
		return application
	if objection.get("stage") == ObjectionStage.RESULTS:
		return writable_for_results(application)
	if not application.has_permission("write") or not application.has_permlevel_access_to(
		FLAG, permission_type="write"
	):
		frappe.throw(_("Only the unit may record objections to its publicity"), frappe.PermissionError)
	if application.workflow_state not in PUBLICITY_STATES:
		frappe.throw(
			_("The application is in the state {0}; its publicity can no longer change").format(
				_(application.workflow_state)
			),
			frappe.PermissionError,
			title=_("Not editable in this state"),
		)
	return application


def writable_for_results(application):
	"""The results publicity's objections: the committee office or the unit, within their scope,
	while the application waits for its certification."""
	if not RESULTS_ROLES & set(frappe.get_roles()) or not application.has_permission("read"):
		frappe.throw(
			_("Only the committee office or the unit may record objections to the results publicity"),
			frappe.PermissionError,
		)
	if application.workflow_state not in RESULTS_STATES:
		frappe.throw(
			_("The application is in the state {0}; its results publicity can no longer change").format(
				_(application.workflow_state)
			),
			frappe.PermissionError,
			title=_("Not editable in this state"),
		)
	if COMMITTEE_OFFICE not in frappe.get_roles() and not results_publicity_running(application):
		# the unit records what it receives while the results are publicised at the unit
		frappe.throw(
			_(
				"The unit records objections to the results publicity during the publicity only ({0} to {1})"
			).format(application.results_publicity_start or "—", application.results_publicity_end or "—"),
			frappe.PermissionError,
			title=_("Outside the results publicity"),
		)
	return application


def results_publicity_running(application) -> bool:
	"""The application is in its results publicity (会议公示) today: passed the meeting, the
	publicity started and not ended."""
	start, end = application.get("results_publicity_start"), application.get("results_publicity_end")
	if application.workflow_state not in RESULTS_STATES or not start or not end:
		return False
	return frappe.utils.getdate(start) <= clock.now().date() <= frappe.utils.getdate(end)


# ---------------------------------------------------------------- the unit's portal
def add_results_objection(
	application: str, received_on, content: str, raised_by: str | None = None, contact: str | None = None
):
	"""The unit's HR records an objection it received during the results publicity of one of its
	own applications (000 四、（九）; 001: 会议公示 in the system and at the unit). It is the same
	record as the committee office's in the desk: it stands in the way of the certification until
	the committee office handles it."""
	if not frappe.db.exists(APPLICATION, application) or not frappe.has_permission(
		APPLICATION, "read", application
	):
		frappe.throw(
			_("Application {0} is not one of your unit's applications").format(application),
			frappe.PermissionError,
		)
	objection = frappe.get_doc(
		{
			"doctype": DOCTYPE,
			"application": application,
			"stage": ObjectionStage.RESULTS,
			"received_on": received_on or None,
			"content": (content or "").strip(),
			"raised_by": (raised_by or "").strip() or None,
			"contact": (contact or "").strip() or None,
		}
	).insert()
	_tell_committee_office(objection)
	return objection


def _tell_committee_office(objection):
	"""The committee office learns of the unit's objection at once (a failure is logged, the
	objection stays recorded)."""
	from zhicheng_app.services import reminders

	try:
		reminders.notify_results_objection(objection)
	except Exception:
		frappe.log_error(
			title=_("Telling the committee office of the objection to {0} failed").format(
				objection.application
			),
			reference_doctype=DOCTYPE,
			reference_name=objection.name,
		)


def results_objections(application: str) -> list[dict]:
	"""The objections to the application's results publicity, for the unit's page (read scope)."""
	if not frappe.has_permission(DOCTYPE, "read"):
		return []
	rows = frappe.get_list(
		DOCTYPE,
		filters={"application": application, "stage": ObjectionStage.RESULTS},
		fields=["name", "received_on", "raised_by", "contact", "content", "status", "handling"],
		order_by="received_on asc, creation asc",
	)
	for row in rows:
		row.status_label = _(row.status)
		row.received_on = str(row.received_on or "")
	return rows


def validate_objection(objection):
	"""The objection's application is fixed; what the server records (the applicant and unit it
	concerns, who handled it and when) is set here, whatever was sent."""
	before = objection.get_doc_before_save()
	if before and before.application != objection.application:
		frappe.throw(_("An objection stays with the application it was raised against"))
	objection.stage = objection.stage or ObjectionStage.UNIT
	if before and (before.stage or ObjectionStage.UNIT) != objection.stage:
		frappe.throw(_("An objection stays with the publicity it was raised in"))
	application = writable_application(objection)
	objection.applicant_name = application.applicant_name
	objection.employer_unit = application.employer_unit
	today = clock.now().date()
	if objection.received_on and frappe.utils.getdate(objection.received_on) > today:
		frappe.throw(_("An objection cannot be received after today"))
	if objection.status != OPEN and not (objection.handling or "").strip():
		frappe.throw(_("State how the objection was checked and what was found"))
	if objection.status == OPEN:
		objection.resolved_on, objection.resolved_by = None, None
	elif before and before.status == objection.status:
		objection.resolved_on, objection.resolved_by = before.resolved_on, before.resolved_by
	else:
		objection.resolved_on, objection.resolved_by = today, frappe.session.user


def check_deletable(objection):
	writable_application(objection)
