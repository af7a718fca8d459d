"""Type, range and size of every value written to the app's DocTypes, checked before anything
reads it.

Frappe turns "abc" in a number field into 0 and lets the database refuse (or zero) an impossible
date; a value of the wrong shape (a list for a text field, a text for a table) ends in a server
error. Here each value is checked against its field's type first, and a refusal names the field in
the user's language:

- ``check_document``: ``before_validate`` of every document of the app's module (parent and rows),
  whatever the way in (desk form, REST, web form, code), before the controller's ``validate``;
- ``check_request_data``: the fields a REST write sends, before Frappe builds the document from
  them (``request_guard`` calls it), so that a malformed body is refused the same way.

The value rules need no Frappe; the two entry points above import it when called.
"""

import datetime
import decimal
import math
import re

from zhicheng_app.i18n import _

MODULE = "Zhicheng"  # the app's module (modules.txt): its DocTypes are the ones checked

VARCHAR_LENGTH = 140  # Frappe's column size for Data, Link, Select… without a "length"
VARCHAR_TYPES = frozenset(
	("Data", "Link", "Dynamic Link", "Select", "Read Only", "Color", "Icon", "Phone", "Autocomplete")
)
# The longest text a user may write into a text field, by type. The personal summary (Long Text)
# is asked for at up to 3000 characters by the notices; the room above that lets an applicant
# save a draft that is too long and be told so by the precheck.
TEXT_LIMITS = {
	"Small Text": 5_000,
	"Text": 10_000,
	"Long Text": 10_000,
	"Password": 1_000,
	"Text Editor": 100_000,
	"Markdown Editor": 100_000,
	"HTML Editor": 100_000,
	"Code": 100_000,
}
# Fields Frappe reads as text (it cleans it, checks a phone number or an e-mail address in it,
# reads a file's address from it): a number sent there is refused, not guessed at
TEXT_ONLY_TYPES = frozenset(("Attach", "Attach Image", *VARCHAR_TYPES, *TEXT_LIMITS))
INT_TYPES = frozenset(("Int", "Long Int"))
DECIMAL_TYPES = frozenset(("Float", "Currency", "Percent", "Duration"))
TABLE_TYPES = frozenset(("Table", "Table MultiSelect"))
LAYOUT_TYPES = frozenset(
	("Section Break", "Column Break", "Tab Break", "HTML", "Heading", "Button", "Image", "Fold")
)

INT_MAX = {"Int": 2**31 - 1, "Long Int": 2**63 - 1}  # the columns' limits
DECIMAL_MAX = 10**12 - 1  # decimal(21,9): twelve digits before the point
PERCENT_MAX = 100
YEAR_MIN, YEAR_MAX = 1900, 2100  # calendar years and the years of dates and times

# ASCII digits only: the database reads no others. Dates and times are not stripped, as the
# database refuses anything around them.
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_TIME = r"([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]{1,6}))?)?"
_DATETIME = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[ T]" + _TIME + ")?")
_TIME_ONLY = re.compile(_TIME)
_SCALARS = (str, int, float, decimal.Decimal, datetime.date, datetime.time, datetime.timedelta)


def is_calendar_year(fieldname: str) -> bool:
	"""Int fields named ``year`` or ``…_year`` hold a calendar year (0 = not given)."""
	return fieldname == "year" or fieldname.endswith("_year")


def value_problem(field, value) -> str | None:
	"""Why ``value`` cannot be stored in ``field`` (a DocField or anything with its ``fieldtype``,
	``fieldname``, ``label``, ``options`` and ``length``), or None when it can."""
	fieldtype = field.fieldtype
	if fieldtype in LAYOUT_TYPES or fieldtype in TABLE_TYPES:
		return None
	if value is None or (isinstance(value, str) and value == ""):
		return None
	if isinstance(value, bool):
		value = int(value)
	if not isinstance(value, _SCALARS):
		return _("must be a single value")
	if isinstance(value, str) and not _encodable(value):
		return _("contains characters that cannot be stored")
	if fieldtype == "Check":
		return None if str(value).strip() in ("0", "1") else _("must be 0 or 1")
	if fieldtype in INT_TYPES:
		return _integer_problem(field, value)
	if fieldtype in DECIMAL_TYPES:
		return _decimal_problem(fieldtype, value)
	if fieldtype == "Date":
		return _date_problem(value)
	if fieldtype == "Datetime":
		return _datetime_problem(value)
	if fieldtype == "Time":
		return _time_problem(value)
	if fieldtype == "Select":
		return _select_problem(field, value) or _length_problem(field, value)
	if fieldtype in TEXT_ONLY_TYPES and not isinstance(value, str):
		return _("must be text")
	return _length_problem(field, value)


def _encodable(text: str) -> bool:
	try:
		text.encode("utf-8")
	except UnicodeEncodeError:  # a lone surrogate sent as "\ud800" in JSON
		return False
	return "\x00" not in text


def _in_range(number, low, high) -> str | None:
	if low <= number <= high:
		return None
	return _("must be between {0} and {1}").format(low, high)


def _integer_problem(field, value) -> str | None:
	if isinstance(value, float | decimal.Decimal):
		if not (math.isfinite(value) and value == int(value)):
			return _("must be a whole number")
		number = int(value)
	elif isinstance(value, int):
		number = value
	elif isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
		number = int(value.strip())
	else:
		return _("must be a whole number")
	if is_calendar_year(field.fieldname) and number != 0:
		return _in_range(number, YEAR_MIN, YEAR_MAX)
	return _in_range(number, 0, INT_MAX.get(field.fieldtype, INT_MAX["Int"]))


def _decimal_problem(fieldtype: str, value) -> str | None:
	if isinstance(value, str):
		if not _DECIMAL.fullmatch(value.strip()):
			return _("must be a number")
		value = float(value)
	if not isinstance(value, int | float | decimal.Decimal) or not math.isfinite(value):
		return _("must be a number")
	return _in_range(value, 0, PERCENT_MAX if fieldtype == "Percent" else DECIMAL_MAX)


def _year_problem(year: int) -> str | None:
	if YEAR_MIN <= year <= YEAR_MAX:
		return None
	return _("must lie between the years {0} and {1}").format(YEAR_MIN, YEAR_MAX)


def _date_problem(value) -> str | None:
	if isinstance(value, datetime.date):
		return _year_problem(value.year)
	match = _DATE.fullmatch(value) if isinstance(value, str) else None
	if not match:
		return _("must be a date written as YYYY-MM-DD")
	try:
		moment = datetime.date(*map(int, match.groups()))
	except ValueError:
		return _("must be a date written as YYYY-MM-DD")
	return _year_problem(moment.year)


def _datetime_problem(value) -> str | None:
	if isinstance(value, datetime.date):
		return _year_problem(value.year)
	match = _DATETIME.fullmatch(value) if isinstance(value, str) else None
	if not match:
		return _("must be a date and time written as YYYY-MM-DD HH:MM:SS")
	parts = [int(part or 0) for part in match.groups()[:6]]  # a fraction of a second is fine
	try:
		moment = datetime.datetime(*parts)
	except ValueError:
		return _("must be a date and time written as YYYY-MM-DD HH:MM:SS")
	return _year_problem(moment.year)


def _time_problem(value) -> str | None:
	if isinstance(value, datetime.time | datetime.timedelta):
		return None
	match = _TIME_ONLY.fullmatch(value) if isinstance(value, str) else None
	if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59 or int(match.group(3) or 0) > 59:
		return _("must be a time written as HH:MM:SS")
	return None


def _select_problem(field, value) -> str | None:
	options = [option for option in (field.options or "").split("\n") if option]
	if not options or str(value).strip() in options:
		return None
	return _("must be one of: {0}").format("、".join(_(option) for option in options))


def _length_problem(field, value) -> str | None:
	if field.fieldtype in VARCHAR_TYPES:
		limit = int(field.length or 0) or VARCHAR_LENGTH
	else:
		limit = TEXT_LIMITS.get(field.fieldtype)
	if limit is None or not isinstance(value, str) or len(value) <= limit:
		return None
	return _("at most {0} characters ({1} given)").format(limit, len(value))


def _label(field) -> str:
	return _(field.label or field.fieldname)


def row_problems(fields, values: dict, where: str = "") -> list[str]:
	"""Problems of the scalar ``values`` (fieldname → value) of one record; ``where`` prefixes
	each message with the row, for a table's rows."""
	problems = []
	for field in fields:
		if field.fieldname not in values or field.fieldtype in TABLE_TYPES:
			continue
		problem = value_problem(field, values[field.fieldname])
		if problem:
			problems.append(f"{where}{_label(field)}：{problem}")
	return problems


def table_shape_problem(field, rows) -> str | None:
	"""Why ``rows`` cannot be the rows of the table ``field``: a list of objects, or nothing."""
	if rows is None or rows == "":
		return None
	if not isinstance(rows, list | tuple) or not all(isinstance(row, dict) for row in rows):
		return f"{_label(field)}：{_('must be a list of rows')}"
	return None


def _row_prefix(table_field, idx) -> str:
	return _("{0}, row {1}").format(_label(table_field), idx) + " "


# ------------------------------------------------------------------- Frappe entry points


def is_checked(doctype: str) -> bool:
	import frappe

	try:
		return frappe.get_meta(doctype).module == MODULE
	except frappe.DoesNotExistError:
		return False


def check_document(doc, method=None):
	"""``before_validate`` hook of every DocType: refuses a document of the app's module whose
	values (or rows' values) do not fit their fields, naming each field."""
	if doc.meta.module != MODULE:
		return
	problems = row_problems(doc.meta.fields, doc.__dict__)
	for row in doc.get_all_children():
		table = doc.meta.get_field(row.parentfield)
		problems += row_problems(row.meta.fields, row.__dict__, _row_prefix(table, row.idx))
	_refuse(problems)


def request_data_problems(doctype: str, data: dict) -> list[str]:
	"""Problems of the fields a request sends for ``doctype`` (and its tables' rows)."""
	import frappe

	meta = frappe.get_meta(doctype)
	problems = row_problems(meta.fields, data)
	for table in meta.get_table_fields():
		rows = data.get(table.fieldname)
		shape = table_shape_problem(table, rows)
		if shape:
			problems.append(shape)
			continue
		child_fields = frappe.get_meta(table.options).fields
		for idx, row in enumerate(rows or [], start=1):
			problems += row_problems(child_fields, row, _row_prefix(table, row.get("idx") or idx))
	return problems


def check_request_data(doctype: str | None, data) -> None:
	"""Refuses a REST write whose body is not one object of fields (``data`` is None when the
	request did not even name a DocType), and, for the app's DocTypes, one whose fields do not
	fit their fields' types."""
	if not isinstance(data, dict) or not isinstance(doctype, str):
		_refuse([_("The request must send the fields of one document as a JSON object")])
	if is_checked(doctype):
		_refuse(request_data_problems(doctype, data))


def _refuse(problems: list[str]) -> None:
	"""One ValidationError (HTTP 417) listing every problem."""
	if not problems:
		return
	import frappe

	frappe.throw("<br>".join(frappe.utils.escape_html(p) for p in problems), title=_("Invalid input"))
