"""Batch jobs: the documents of a unit or of a whole notice, generated in the background.

``unit_publicity`` makes every publicity notice of a unit (one per person for the per-person
routes, one per notice, route label and level for the routes of 阿地人社传〔2024〕6号) and
bundles them in a zip; ``publicity_report`` makes a notice's 公示情况报告 and
``qualification_document`` its 任职资格文件. Each job reports its progress on the source
record's form and attaches its result to the record privately.
"""

import frappe
from frappe.translate import print_language

from zhicheng_app.documents import registry
from zhicheng_app.documents.batches import BatchError
from zhicheng_app.documents.catalogue import (
	APPLICATION,
	BATCH_ROUTES,
	CLOSED_STATES,
	NOTICE,
	PUBLICITY_KIND,
	UNIT,
	batch_group,
	in_publicity_report,
	route_of,
)
from zhicheng_app.i18n import _
from zhicheng_app.rules.vocabulary import WorkflowState

from ..batch import for_record
from .access import check_print_permission
from .contexts import (
	notice_applications,
	notice_or_throw,
	publicity_report_batch_context,
	qualification_document_context,
)
from .files import save_private_file
from .generation import Generated, generate
from .paper_stage import notice_reports
from .unit_documents import archive_name, generate_unit_batch, zip_archive

# job -> the source DocType it runs on
BATCH_JOBS = {
	"unit_publicity": UNIT,
	"publicity_report": NOTICE,
	"qualification_document": NOTICE,
}
RUN_BATCH = "zhicheng_app.services.documents.batch_jobs.run_batch"

# the 任职资格文件 lists the certified applications, by workflow state (a state only the workflow
# sets), never by a field: those not yet issued in another document (文号) and those of this one
QUALIFIED_STATES = frozenset({WorkflowState.CERTIFIED})


def _job_doctype(job: str) -> str:
	doctype = BATCH_JOBS.get(job)
	if doctype is None:
		frappe.throw(_("Unknown batch job: {0}").format(job), title=_("Unknown Document"))
	return doctype


def enqueue_batch(job: str, name: str, notice: str | None = None, doc_no: str | None = None) -> dict:
	"""Start a batch job in the background (queue "long"); checks print permission first. The
	任职资格文件 needs its document number (文号), entered by whoever issues it."""
	doctype = _job_doctype(job)
	check_print_permission(doctype, frappe.get_doc(doctype, name))
	if notice:
		notice_or_throw(notice)
	doc_no = (doc_no or "").strip()
	if job == "qualification_document" and not doc_no:
		frappe.throw(_("Enter the document number of the qualification document"))
	queued = frappe.enqueue(
		RUN_BATCH,
		queue="long",
		timeout=3600,
		job=job,
		name=name,
		notice=notice,
		doc_no=doc_no,
		enqueue_after_commit=True,
	)
	return {"job": job, "doctype": doctype, "name": name, "job_id": getattr(queued, "id", None)}


class _Progress:
	"""The progress bar on the source record's form."""

	def __init__(self, doctype: str, name: str, title: str, total: int):
		self.doctype, self.name, self.title, self.total, self.done = doctype, name, title, max(total, 1), 0

	def step(self, description: str = "") -> None:
		self.done += 1
		frappe.publish_progress(
			min(100, round(self.done * 100 / self.total)),
			title=self.title,
			doctype=self.doctype,
			docname=self.name,
			description=description,
		)


def run_batch(job: str, name: str, notice: str | None = None, doc_no: str | None = None) -> dict:
	"""The background job: render, attach privately, report progress, and say when it is done
	or why it failed (realtime events ``zhicheng_batch_done`` / ``zhicheng_batch_failed`` to the
	user who started it, in the site's language: a background job otherwise runs in English).

	Returns ``{"job", "doctype", "name", "file_url", "file_name", "documents": [generated names]}``.
	"""
	doctype = _job_doctype(job)
	with print_language(frappe.get_system_settings("language") or frappe.local.lang):
		try:
			source = frappe.get_doc(doctype, name)
			check_print_permission(doctype, source)
			if job == "unit_publicity":
				result = _unit_publicity(source, notice)
			elif job == "publicity_report":  # each unit's and county's 公示情况报告
				title = _(registry.get_spec("publicity_report_004").title)
				result = notice_reports(source, lambda total: _Progress(NOTICE, name, title, total).step)
			else:
				result = _notice_document(source, "qualification_document", doc_no or "")
		except Exception as exc:
			_report_failure(job, doctype, name, exc)
			raise
	result.update(job=job, doctype=doctype, name=name)
	frappe.publish_realtime("zhicheng_batch_done", result, user=frappe.session.user, after_commit=True)
	return result


def _report_failure(job: str, doctype: str, name: str, exc: Exception) -> None:
	"""A refusal the user can act on (a zh ValidationError) is shown as it is; anything else is
	logged against the record and reported without its technical text."""
	if isinstance(exc, frappe.ValidationError) and str(exc):
		message = str(exc)
	else:
		frappe.log_error(
			title=_("Batch document {0} failed").format(job), reference_doctype=doctype, reference_name=name
		)
		message = _("The documents could not be generated; the error was recorded in the Error Log")
	frappe.publish_realtime(
		"zhicheng_batch_failed",
		{"job": job, "doctype": doctype, "name": name, "message": message},
		user=frappe.session.user,
	)


def _unit_publicity(unit, notice_name: str | None) -> dict:
	filters = {"employer_unit": unit.name, "workflow_state": ("not in", sorted(CLOSED_STATES))}
	if notice_name:
		filters["notice"] = notice_or_throw(notice_name).name
	names = frappe.get_all(APPLICATION, filters=filters, pluck="name", order_by="creation asc")
	apps = [frappe.get_doc(APPLICATION, n) for n in names]
	apps = [a for a in apps if frappe.has_permission(APPLICATION, "print", a)]
	per_person = [a for a in apps if route_of(a.route) in PUBLICITY_KIND]
	groups: dict[tuple, list] = {}
	for a in apps:
		if route_of(a.route) in BATCH_ROUTES:
			key = batch_group("publicity_batch_004", a.notice, a.route, a.target_level)
			groups.setdefault(key, []).append(a)
	if not per_person and not groups:
		frappe.throw(
			_("{0} has no applications to publicise").format(unit.unit_name), title=_("Nothing to Do")
		)
	progress = _Progress(
		UNIT, unit.name, _("Generating the publicity notices"), len(per_person) + len(groups) + 1
	)
	made: list[Generated] = []
	skipped: list[str] = []  # one application that cannot be rendered does not stop the others
	job = _("Generating the publicity notices")
	for a in per_person:
		generated = for_record(
			APPLICATION, a.name, job, generate, PUBLICITY_KIND[route_of(a.route)], APPLICATION, a.name
		)
		if generated:
			made.append(generated)
		else:
			skipped.append(a.name)
		progress.step(a.applicant_name)
	for group, members in groups.items():
		made.append(generate_unit_batch("publicity_batch_004", unit, group, members))
		progress.step(f"{group[1]} {group[2]}")
	archive = save_private_file(zip_archive(made), archive_name(unit.unit_name, "公示"), UNIT, unit.name)
	progress.step(archive.file_name)
	return {
		"file_url": archive.file_url,
		"file_name": archive.file_name,
		"documents": [g.name for g in made],
		"skipped": skipped,
	}


def _notice_document(notice, kind: str, doc_no: str = "") -> dict:
	title = _(registry.get_spec(kind).title)
	progress = _Progress(NOTICE, notice.name, title, 3)
	if kind == "qualification_document":
		apps = [
			a
			for a in notice_applications(notice.name, workflow_state=("in", sorted(QUALIFIED_STATES)))
			if (a.qualification_document_no or doc_no) == doc_no
		]
	else:
		apps = [a for a in notice_applications(notice.name) if in_publicity_report(a.workflow_state, a.route)]
	if not apps:
		frappe.throw(
			_("No applications of this notice belong in {0}").format(title), title=_("Nothing to Do")
		)
	progress.step(_("Collected {0} applications").format(len(apps)))
	try:
		if kind == "qualification_document":
			context = qualification_document_context(notice, apps, doc_no)
		else:
			context = publicity_report_batch_context(notice, apps)
	except BatchError as exc:
		frappe.throw(str(exc), title=_("The document could not be generated"))
	progress.step(_("Rendering"))
	made = generate(kind, NOTICE, notice.name, context=context, batch_key=doc_no)
	if kind == "qualification_document":
		record_issue(apps, made.name, doc_no)
	progress.step(made.file_name)
	return {"file_url": made.file_url, "file_name": made.file_name, "documents": [made.name]}


def record_issue(apps: list, generated: str, doc_no: str) -> None:
	"""Each application listed in the 任职资格文件 records it and its 文号 (fields the server owns):
	its applicant downloads that document, and a later issue leaves it out."""
	for a in apps:
		frappe.db.set_value(
			APPLICATION,
			a.name,
			{"qualification_document": generated, "qualification_document_no": doc_no},
			update_modified=False,
		)
