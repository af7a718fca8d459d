"""Sites installed before: Frappe removes the EXIF tags (camera, time, GPS position) of uploaded
JPEG images, as a new install sets it (zhicheng_app.services.uploads)."""

from zhicheng_app.services.uploads import strip_photo_metadata_on_upload


def execute():
	strip_photo_metadata_on_upload()
