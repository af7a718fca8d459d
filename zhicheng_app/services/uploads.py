"""What may be uploaded to an application: the file types its notice accepts, files that really
are what their name says, and no photo metadata.

A file attached to a Title Application by a user (not by the server's own documents) must have an
extension the notice accepts (its *allowed file types*; where it names none, JPEG, PNG and PDF),
and its content must decode as that type: an image that Pillow can read in the format its
extension names, a PDF that starts like one. Anything else is refused with a zh message naming the
file, and nothing is kept. The EXIF data of JPEG photos (camera, time, GPS position) is removed by
Frappe itself on upload (System Settings, "Strip EXIF tags from uploaded images", which the app
turns on when it is installed).
"""

import io
import os

import frappe
from PIL import Image, UnidentifiedImageError

from zhicheng_app.i18n import _

DEFAULT_TYPES = ("jpg", "jpeg", "png", "pdf")
IMAGE_FORMATS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG"}


def accepted_types(notice: str | None) -> tuple[str, ...]:
	listed = frappe.db.get_value("Title Notice", notice, "allowed_file_types") if notice else ""
	types = tuple(t.strip().lower().lstrip(".") for t in (listed or "").split(",") if t.strip())
	if "jpg" in types and "jpeg" not in types:
		types = (*types, "jpeg")  # the same format
	return types or DEFAULT_TYPES


def content_matches(extension: str, content: bytes) -> bool:
	"""Whether ``content`` decodes as the type its file name's ``extension`` names."""
	if extension == "pdf":
		return content.startswith(b"%PDF-")
	if extension in IMAGE_FORMATS:
		try:
			with Image.open(io.BytesIO(content)) as image:
				image.verify()
				return image.format == IMAGE_FORMATS[extension]
		except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
			return False
	return True  # another type the notice accepts: no decoder here


def check_application_upload(file):
	"""Before Frappe stores an uploaded File (``overrides/file.py``)."""
	if file.attached_to_doctype != "Title Application" or not file.attached_to_name:
		return
	if file.flags.ignore_permissions or file.is_folder or file.is_remote_file:
		return  # the app's own generated documents
	notice = frappe.db.get_value("Title Application", file.attached_to_name, "notice")
	types = accepted_types(notice)
	extension = os.path.splitext(file.file_name or "")[1].lower().lstrip(".")
	if extension not in types:
		frappe.throw(
			_("{0}: only these file types are accepted: {1}").format(file.file_name, "、".join(types)),
			title=_("File type not accepted"),
		)
	content = file.get_content() or b""
	if isinstance(content, str):
		content = content.encode()
	if not content_matches(extension, content):
		frappe.throw(
			_("{0} is not a readable {1} file; scan or export it again").format(
				file.file_name, extension.upper()
			),
			title=_("File not readable"),
		)


def strip_photo_metadata_on_upload():
	"""Install: Frappe removes the EXIF tags of uploaded JPEG images (set once; an administrator
	may turn it off in System Settings)."""
	frappe.db.set_single_value("System Settings", "strip_exif_metadata_from_uploaded_images", 1)
