"""One record at a time for the jobs that loop over records.

A job that walks many records must not stop at the first one it cannot handle: the failing
record's changes are undone (a savepoint of its own), the error goes to the Error Log with the
record's doctype and name, and the job goes on with the next record. Nothing is marked as done
for the failed record, so the next run of the job tries it again.
"""

from collections.abc import Callable
from typing import TypeVar

import frappe
from frappe import _

T = TypeVar("T")


def for_record(doctype: str, name: str, job: str, work: Callable[..., T], *args, default: T = None) -> T:
	"""``work(*args)`` in a savepoint; on any error: undo it, log it against the record (``doctype``,
	``name``) and return ``default``. ``job`` names the job in the Error Log's title (translated).
	"""
	savepoint = f"record_{frappe.generate_hash(length=10)}"  # unique: calls may nest
	frappe.db.savepoint(savepoint)
	try:
		result = work(*args)
	except Exception:
		frappe.db.rollback(save_point=savepoint)
		frappe.log_error(
			title=_("{0}: {1} {2} skipped").format(job, _(doctype), name),
			reference_doctype=doctype,
			reference_name=name,
		)
		return default
	frappe.db.release_savepoint(savepoint)
	return result
