"""E-mail to the next actors of an application's workflow step; the applicant told in the desk's
notifications when the HR bureau refuses to confirm (不予确认) the application.

Frappe's own workflow e-mail (the Workflow's "Send Email Alert") renders the whole application to
PDF with wkhtmltopdf on every transition: seconds of worker time per save, a failure whenever the
renderer cannot fetch a private attachment, and, where the job runs in the same process, the
document is left marked as being printed, so Frappe silently skips its next save. The shipped
workflow leaves that switch off; this module sends the next actors a short e-mail with a link to
the desk form instead. The Workflow Action records that Frappe shows in the desk are unaffected.

Nothing here may make a save fail: the e-mail is queued after the commit, and a failure is written
to the Error Log with the application's name.
"""

import frappe
from frappe import _
from frappe.model.workflow import get_workflow_name, has_approval_access
from frappe.utils import get_url, get_url_to_form
from frappe.utils.user import get_users_with_role
from frappe.workflow.doctype.workflow_action.workflow_action import get_next_possible_transitions

DOCTYPE = "Title Application"


def outgoing_mail_configured() -> bool:
	return bool(frappe.db.exists("Email Account", {"enable_outgoing": 1}))


def next_actors(doc) -> list[str]:
	"""The users who may take one of the next transitions of ``doc`` (enabled or not)."""
	workflow = get_workflow_name(doc.doctype)
	if not workflow:
		return []
	users: dict[str, None] = {}
	for transition in get_next_possible_transitions(workflow, doc.workflow_state, doc):
		for user in get_users_with_role(transition.allowed):
			if user in users or not has_approval_access(user, doc, transition):
				continue
			if frappe.has_permission(DOCTYPE, "write", doc=doc, user=user):
				users[user] = None
	return list(users)


def next_actor_recipients(doc) -> list[str]:
	"""E-mail addresses of the enabled users who may take one of the next transitions of ``doc``."""
	recipients: dict[str, None] = {}
	for user in next_actors(doc):
		email = frappe.db.get_value("User", {"name": user, "enabled": 1}, "email")
		if email:
			recipients[email] = None
	return list(recipients)


def notify_next_actors(doc, method=None):
	"""``on_update`` of Title Application: queue the e-mail when a transition changed the state
	(not on the insert of a draft, whose next actor is the applicant who just saved it)."""
	before = doc.get_doc_before_save()
	if not before or before.workflow_state == doc.workflow_state or not outgoing_mail_configured():
		return
	frappe.enqueue(
		send_next_actor_email,
		queue="short",
		application=doc.name,
		state=doc.workflow_state,
		enqueue_after_commit=True,
	)


def send_next_actor_email(application: str, state: str):
	try:
		doc = frappe.get_doc(DOCTYPE, application)
		if doc.workflow_state != state:  # moved on before the job ran
			return
		recipients = next_actor_recipients(doc)
		if not recipients:
			return
		state_label = _(state)
		# desk users open the form; the applicant their page of the portal; the unit's HR, who
		# has no desk either, the unit's page of the portal
		desk = set(
			frappe.get_all(
				"User", filters={"email": ("in", recipients), "user_type": "System User"}, pluck="email"
			)
		)
		applicant = frappe.db.get_value("User", doc.applicant_user, "email") if doc.applicant_user else None
		groups = {
			get_url_to_form(DOCTYPE, doc.name): [r for r in recipients if r in desk],
			get_url(f"/my-applications/{doc.name}"): [
				r for r in recipients if r == applicant and r not in desk
			],
			get_url(f"/unit-application?application={doc.name}"): [
				r for r in recipients if r not in desk and r != applicant
			],
		}
		for link, group in groups.items():
			if not group:
				continue
			frappe.sendmail(
				recipients=group,
				subject=_("Title application {0} awaits your action: {1}").format(doc.name, state_label),
				message=_("The title application {0} of {1} is now at the step {2}. Open it: {3}").format(
					doc.name, doc.applicant_name or "", state_label, link
				),
				reference_doctype=DOCTYPE,
				reference_name=doc.name,
			)
	except Exception:
		frappe.log_error(
			title=_("E-mail to the next actors of {0} failed").format(application),
			reference_doctype=DOCTYPE,
			reference_name=application,
		)
