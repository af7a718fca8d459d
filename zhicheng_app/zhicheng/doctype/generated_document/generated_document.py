# Copyright (c) 2026, zhicheng_app developers
# License: MIT. See license.txt

from frappe.model.document import Document


class GeneratedDocument(Document):
	"""The record of one generation: kind, source, version, content hash, token, file, who and when.

	Created by ``zhicheng_app.services.documents.generate`` only; read by the public /verify page.
	"""

	# begin: auto-generated types
	# end: auto-generated types
	pass
