"""What a request may send, and what an error response may show (``before_request`` and
``after_request`` hooks).

- Only a System Manager sees tracebacks. Frappe sends one (``exc``, ``exception``) with every
  failed request while System Settings allow it, which is their default; for every other user
  this request runs with them hidden, and any that is still in a response is removed.
- A request body above ``MAX_REQUEST_BYTES`` is refused with 413 (file uploads keep Frappe's
  own limit).
- A REST write (``/api/resource``, ``/api/v2/document``, the desk's save methods and the web
  form's) must send one object of fields; for the app's DocTypes the fields are checked by
  ``input_checks`` before Frappe builds the document, so a malformed body gets a 417 naming the
  field, not a server error.
- A body that is not JSON although it says so gets 400 instead of a server error.
"""

import json
import re

import frappe
from frappe.translate import get_language

from zhicheng_app.i18n import _
from zhicheng_app.services import input_checks

MAX_REQUEST_BYTES = 2 * 1024 * 1024
UPLOAD_PATHS = (
	"/api/method/upload_file",
	"/api/method/frappe.handler.upload_file",
	"/api/v2/method/upload_file",
)
TRACEBACK_KEYS = ("exc", "exception", "_exc_source", "_debug_messages")
TRACEBACK_MARKERS = (b'"exc"', b'"exception"', b'"_exc_source"', b'"_debug_messages"', b'"errors"')
WRITE_METHODS = ("POST", "PUT", "PATCH")
RESOURCE_PATH = re.compile(r"/api/(?:v1/)?resource/(?P<doctype>[^/]+)(?:/(?P<name>.+?))?/?")
DOCUMENT_PATH = re.compile(r"/api/v2/document/(?P<doctype>[^/]+)(?:/(?P<name>.+?))?/?")
METHOD_PATH = re.compile(r"/api/(?:v1/|v2/)?method/(?P<method>[^/]+)/?")
# Whitelisted methods that build a document from the JSON in one argument
DOCUMENT_ARGUMENT = {
	"frappe.client.insert": "doc",
	"frappe.client.save": "doc",
	"frappe.desk.form.save.savedocs": "doc",
	"frappe.model.workflow.apply_workflow": "doc",
}
SET_VALUE = "frappe.client.set_value"
WEB_FORM_ACCEPT = "frappe.website.doctype.web_form.web_form.accept"  # the applicant's portal form


class RequestTooLargeError(frappe.ValidationError):
	http_status_code = 413


class MalformedRequestError(frappe.ValidationError):
	http_status_code = 400


def sees_tracebacks() -> bool:
	return "System Manager" in frappe.get_roles()


# ----------------------------------------------------------------------------- before


def before_request():
	if not sees_tracebacks():
		hide_tracebacks()
	check_size(frappe.request)
	check_document_write(frappe.request)


def hide_tracebacks():
	"""Frappe's own switches for this request: the flag its error handlers read and the System
	Settings' "allow error traceback" as this request sees it (the error pages read only that)."""
	frappe.local.flags.disable_traceback = True
	settings = frappe._dict(frappe.get_cached_doc("System Settings").as_dict())
	settings.allow_error_traceback = 0
	frappe.local.system_settings = settings


def check_size(request):
	if request.path.startswith(UPLOAD_PATHS):
		return
	if (request.content_length or 0) > MAX_REQUEST_BYTES:
		frappe.throw(
			_("The request is too large: at most {0} MB may be sent").format(MAX_REQUEST_BYTES // 2**20),
			RequestTooLargeError,
			title=_("Request too large"),
		)


def check_document_write(request):
	if request.method not in WRITE_METHODS:
		return
	path = request.path
	if match := RESOURCE_PATH.fullmatch(path) or DOCUMENT_PATH.fullmatch(path):
		if request.method == "POST" and match["name"]:
			return  # a call of a document's method, not a write of its fields
		input_checks.check_request_data(match["doctype"], _resource_fields(path))
	elif match := METHOD_PATH.fullmatch(path):
		method = match["method"]
		if method in DOCUMENT_ARGUMENT:
			doc = _json_argument(DOCUMENT_ARGUMENT[method])
			input_checks.check_request_data(doc.get("doctype") if isinstance(doc, dict) else None, doc)
		elif method == SET_VALUE:
			input_checks.check_request_data(frappe.form_dict.get("doctype"), _set_value_fields())
		elif method == WEB_FORM_ACCEPT and isinstance(frappe.form_dict.get("web_form"), str):
			doctype = frappe.db.get_value("Web Form", frappe.form_dict.web_form, "doc_type")
			if doctype:
				input_checks.check_request_data(doctype, _json_argument("data"))


def _set_value_fields() -> dict | None:
	"""The fields ``frappe.client.set_value`` will set: ``{fieldname: value}`` or the object sent
	as ``fieldname``."""
	fieldname = frappe.form_dict.get("fieldname")
	if isinstance(fieldname, str) and fieldname.lstrip().startswith("{"):
		fieldname = _json_argument("fieldname")
	if isinstance(fieldname, dict):
		return fieldname
	if isinstance(fieldname, str):
		return {fieldname: frappe.form_dict.get("value")}
	return None


def _resource_fields(path: str):
	"""The fields the REST API will read from this request (as ``frappe.api`` reads them)."""
	if path.startswith("/api/v2/"):
		return frappe.form_dict
	from frappe.api.v1 import get_request_form_data

	return get_request_form_data()


def _json_argument(name: str):
	value = frappe.form_dict.get(name)
	if not isinstance(value, str):
		return value
	try:
		return json.loads(value)
	except ValueError:
		frappe.throw(_("{0} is not valid JSON").format(name), MalformedRequestError, title=_("Invalid input"))


# ------------------------------------------------------------------------------ after


def after_request(response=None, request=None):
	"""Removes what a non-System-Manager must not see; answers a body that is not JSON with 400."""
	if response is None or getattr(response, "direct_passthrough", False):
		return
	if response.mimetype == "application/json":
		_clean_json(response)
	elif response.mimetype == "text/html" and response.status_code >= 500 and not sees_tracebacks():
		_clean_html(response)


def _clean_json(response):
	data = response.get_data()
	if response.status_code < 500 and not any(marker in data for marker in TRACEBACK_MARKERS):
		return
	try:
		body = json.loads(data)
	except ValueError:
		return
	if not isinstance(body, dict):
		return
	if response.status_code == 500 and body.get("exc_type") == "JSONDecodeError":
		response.status_code = 400  # raised while Frappe read the body, before any hook could check it
		frappe.local.lang = get_language()  # the failure came before Frappe set the user's language
		message = {"message": _("The request body is not valid JSON"), "title": _("Invalid input")}
		body["_server_messages"] = json.dumps([json.dumps({**message, "indicator": "red"})])
	if not sees_tracebacks():
		for key in TRACEBACK_KEYS:
			body.pop(key, None)
		for error in body.get("errors") or []:  # API v2
			if isinstance(error, dict):
				error.pop("exception", None)
		if response.status_code >= 500 and not body.get("_server_messages"):
			body["_server_messages"] = json.dumps([json.dumps(_server_error_message())])
	response.set_data(json.dumps(body, separators=(",", ":")))


def _server_error_message() -> dict:
	return {
		"message": _("The request could not be completed. Please try again later or tell the administrator."),
		"title": _("Server Error"),
		"indicator": "red",
	}


def _clean_html(response):
	if b"Traceback (most recent call last)" not in response.get_data():
		return
	message = _server_error_message()
	title = frappe.utils.escape_html(message["title"])
	text = frappe.utils.escape_html(message["message"])
	response.set_data(
		f'<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>{title}</title></head>'
		f"<body><h1>{title}</h1><p>{text}</p></body></html>"
	)
