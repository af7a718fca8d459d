"""Frappe's File, checking what is uploaded to an application before Frappe stores it.

Frappe stores the content in ``File.before_insert`` (and, for JPEG images, re-encodes it there to
remove EXIF tags, which fails on a file that only claims to be a JPEG): the app's check
(``services.uploads``) has to come first, so it runs at the start of that method.
"""

from frappe.core.doctype.file.file import File

from zhicheng_app.services.editability import check_attachment_upload
from zhicheng_app.services.uploads import check_application_upload


class ApplicationAwareFile(File):
	def before_insert(self):
		check_attachment_upload(self)  # who may attach to this application, in its state
		check_application_upload(self)  # what may be attached
		super().before_insert()
