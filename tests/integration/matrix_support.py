"""The REST side of the permission matrix: the records of two scopes for every DocType of the app,
one logged-in session per role, and the probes of each read path and forged write.

Each probe is one request and answers whether the user reached the record (read) or stored the
forged value (write). Records are made in the test process and committed, so the bench's web
server reads them; everything made here is removed by ``remove``.
"""

import json
import time
from concurrent.futures import ThreadPoolExecutor

import frappe
import requests

from tests.integration.factories import credit_code, make_user, resident_id, unique
from tests.integration.rest import BASE_URL, session

PASSWORD = "Integration-Test-2024!"
DEMO_PASSWORD = "Zhicheng@2024"
APP = "Title Application"
MODULE = "Zhicheng"


def app_doctypes() -> list[str]:
	"""Every DocType of the app, children and settings (Single DocTypes) included."""
	return sorted(frappe.get_all("DocType", filters={"module": MODULE}, pluck="name"))


def parent_of(child: str) -> tuple[str, str]:
	"""(parent DocType, table field) of a child DocType of the app."""
	row = frappe.get_all(
		"DocField",
		filters={"options": child, "fieldtype": ("in", ("Table", "Table MultiSelect"))},
		fields=["parent", "fieldname"],
		order_by="parent, idx",
		limit=1,
	)[0]
	return row.parent, row.fieldname


# ---------------------------------------------------------------- the records of the two scopes
def _insert_raw(values: dict) -> str:
	"""A record stored as given (no controller): the matrix needs rows the workflow would only
	make late in a campaign (objections, registrations awaiting review)."""
	doc = frappe.get_doc(values)
	doc.name = values.get("name") or frappe.generate_hash(length=10)
	doc.db_insert()
	return doc.name


def _row(child: str, parent_doctype: str, parent: str, fieldname: str) -> str:
	meta = frappe.get_meta(child)
	values = {"doctype": child, "parenttype": parent_doctype, "parent": parent, "parentfield": fieldname}
	for df in meta.fields:
		if df.reqd:
			values[df.fieldname] = {"Link": "工程系列", "Int": 1}.get(df.fieldtype, f"matrix-{df.fieldname}")
	values["idx"] = 99
	return _insert_raw(values)


def build(world: dict) -> dict:
	"""Records "a" (in the scope of every role's user) and "b" (in none but the unscoped ones) of
	every DocType of the app, the users of each role and the private files attached to each
	parent record. ``world`` is the matrix module's fixture (applications a and b and their
	rows, users)."""
	a, b = world["a"], world["b"]
	made: list[tuple[str, str]] = []  # (doctype, name) to remove

	def keep(doctype, name):
		made.append((doctype, name))
		return name

	records: dict[str, dict[str, str]] = {APP: {"a": a.name, "b": b.name}}
	# the committee that evaluates a's notice only, and a second one
	committees = {}
	for key in ("a", "b"):
		committees[key] = keep(
			"Evaluation Committee",
			frappe.get_doc({"doctype": "Evaluation Committee", "committee_name": unique("矩阵委员会")})
			.insert(ignore_permissions=True)
			.name,
		)
	records["Evaluation Committee"] = committees
	records["Title Notice"] = {"a": a.notice, "b": b.notice}
	frappe.get_doc(
		{
			"doctype": "Notice Committee",
			"parenttype": "Title Notice",
			"parent": a.notice,
			"parentfield": "committees",
			"committee": committees["a"],
			"idx": 90,
		}
	).db_insert()
	records["Employer Unit"] = {"a": a.employer_unit, "b": b.employer_unit}
	records["Region"] = {"a": a.region, "b": b.region}
	# reference data: two of each
	for dt, field in (("Title Series", "series_name"), ("Title Profession", "profession_name")):
		values = {"doctype": dt, field: unique("矩阵")}
		if dt == "Title Profession":
			values["series"] = records["Title Series"]["a"]
		records[dt] = {
			key: keep(
				dt, frappe.get_doc({**values, field: unique("矩阵")}).insert(ignore_permissions=True).name
			)
			for key in ("a", "b")
		}
	records["Title Name"] = {
		key: keep(
			"Title Name",
			frappe.get_doc(
				{
					"doctype": "Title Name",
					"title_name": unique("矩阵职称"),
					"series": records["Title Series"][key],
					"level": "Intermediate",
				}
			)
			.insert(ignore_permissions=True)
			.name,
		)
		for key in ("a", "b")
	}
	taken = set(frappe.get_all("Document Template", pluck="kind"))
	kinds = [
		k
		for k in frappe.get_meta("Document Template").get_options("kind").split("\n")
		if k and k not in taken
	]
	records["Document Template"] = {
		key: keep(
			"Document Template",
			_insert_raw(
				{
					"doctype": "Document Template",
					"name": unique("矩阵模板"),
					"kind": kind,
					"enabled": 0,
					"template_file": "/private/files/matrix.docx",
				}
			),
		)
		for key, kind in (("a", kinds[0]), ("b", kinds[1]))
	}
	records["Title Sanction"] = {
		"a": keep(
			"Title Sanction",
			_insert_raw(
				{
					"doctype": "Title Sanction",
					"id_number": resident_id(),
					"person_name": "矩阵甲",
					"reason": "弄虚作假",
					"decided_on": "2023-05-01",
				}
			),
		),
		"b": frappe.db.get_value("Title Sanction", {"person_name": "乙申报人"}),
	}
	records["Generated Document"] = {
		key: frappe.db.get_value("Generated Document", {"reference_name": doc.name})
		for key, doc in (("a", a), ("b", b))
	}
	records["Publicity Objection"] = {
		key: keep(
			"Publicity Objection",
			_insert_raw(
				{
					"doctype": "Publicity Objection",
					"application": doc.name,
					"applicant_name": doc.applicant_name,
					"employer_unit": doc.employer_unit,
					"received_on": "2024-09-01",
					"content": "矩阵异议",
					"status": "Unhandled",
				}
			),
		)
		for key, doc in (("a", a), ("b", b))
	}
	records["Material Redaction"] = {
		key: keep(
			"Material Redaction",
			_insert_raw(
				{
					"doctype": "Material Redaction",
					"application": doc.name,
					"material_code": "id_card",
					"original_file": "/private/files/id_card.jpg",
					"status": "Pending",
				}
			),
		)
		for key, doc in (("a", a), ("b", b))
	}
	# the fee desk's payment of each application, and a notification sent about it
	records["Fee Payment"] = {
		key: keep(
			"Fee Payment",
			_insert_raw(
				{
					"doctype": "Fee Payment",
					"application": doc.name,
					"applicant_name": doc.applicant_name,
					"employer_unit": doc.employer_unit,
					"notice": doc.notice,
					"level_tier": "Intermediate",
					"amount": 400,
					"payer_kind": "Applicant",
					"method": "QR Payment",
					"receipt_number": unique("矩阵票据"),
					"paid_at": "2024-09-11 10:00:00",
					"recorded_by": "Administrator",
					"status": "Paid",
				}
			),
		)
		for key, doc in (("a", a), ("b", b))
	}
	records["Notification Sent"] = {
		key: keep(
			"Notification Sent",
			_insert_raw(
				{
					"doctype": "Notification Sent",
					"key": unique("矩阵通知"),
					"application": doc.name,
					"kind": "Accepted",
					"recipient": "Administrator",
					"subject": "矩阵通知",
				}
			),
		)
		for key, doc in (("a", a), ("b", b))
	}
	records["Unit Registration"] = {
		key: keep(
			"Unit Registration",
			_insert_raw(
				{
					"doctype": "Unit Registration",
					"unit_name": unique("矩阵注册单位"),
					"credit_code": credit_code(),
					"ownership": "Private Enterprise",
					"location": "County",
					"region": region,
					"hr_contact": "矩阵",
					"phone": "13800000000",
					"status": "Awaiting Review",
				}
			),
		)
		for key, region in (("a", a.region), ("b", b.region))
	}
	# a committee's defense sessions, of a's notice and of b's (the panel: no review expert of the matrix)
	records["Defense Session"] = {
		key: keep(
			"Defense Session",
			_insert_raw(
				{
					"doctype": "Defense Session",
					"session_title": "矩阵答辩",
					"notice": doc.notice,
					"starts_at": "2024-08-05 09:00:00",
					"mode": "On-site",
					"venue": "矩阵答辩室",
					"status": "Planned",
				}
			),
		)
		for key, doc in (("a", a), ("b", b))
	}
	# blind review: a packet of each notice, its source, a meeting of each committee and a vote
	# (the matrix's review expert sits on no meeting: they read none of them)
	codes = {key: f"P-2024-{frappe.generate_hash(length=6).upper()}" for key in ("a", "b")}
	records["Review Packet"] = {
		key: keep(
			"Review Packet",
			_insert_raw(
				{
					"doctype": "Review Packet",
					"name": codes[key],
					"packet_code": codes[key],
					"notice": doc.notice,
					"route": doc.route,
					"series": doc.series,
					"target_level": doc.target_level,
				}
			),
		)
		for key, doc in (("a", a), ("b", b))
	}
	records["Review Packet Source"] = {
		key: keep(
			"Review Packet Source",
			_insert_raw(
				{
					"doctype": "Review Packet Source",
					"name": records["Review Packet"][key],
					"packet": records["Review Packet"][key],
					"application": doc.name,
					"notice": doc.notice,
				}
			),
		)
		for key, doc in (("a", a), ("b", b))
	}
	records["Review Meeting"] = {
		key: keep(
			"Review Meeting",
			_insert_raw(
				{
					"doctype": "Review Meeting",
					"meeting_title": "矩阵评审会",
					"committee": committees[key],
					"notice": doc.notice,
					"status": "Open",
					"quorum_fraction": "2/3",
					"pass_fraction": "2/3",
				}
			),
		)
		for key, doc in (("a", a), ("b", b))
	}
	records["Review Vote"] = {
		key: keep(
			"Review Vote",
			_insert_raw(
				{
					"doctype": "Review Vote",
					"meeting": records["Review Meeting"][key],
					"packet": records["Review Packet"][key],
					"expert": "Administrator",
					"vote": "Agree",
				}
			),
		)
		for key in ("a", "b")
	}
	# a setting (a Single DocType): its one record is "a" and "b"
	for dt in app_doctypes():
		if frappe.get_meta(dt).issingle:
			records[dt] = {"a": dt, "b": dt}
	# rows of every child table: a's parent and b's
	for dt in app_doctypes():
		if not frappe.get_meta(dt).istable:
			continue
		parent_doctype, fieldname = parent_of(dt)
		pair = {}
		for key in ("a", "b"):
			parent = records[parent_doctype][key]
			pair[key] = frappe.db.get_value(
				dt, {"parent": parent, "parenttype": parent_doctype}, "name"
			) or _row(dt, parent_doctype, parent, fieldname)
		records[dt] = pair
	# a private file attached to every parent record
	files = {}
	for dt, pair in records.items():
		if frappe.get_meta(dt).istable or frappe.get_meta(dt).issingle:
			continue
		for key, name in pair.items():
			marker = f"matrix-{frappe.generate_hash(length=12)}"
			file = frappe.get_doc(
				{
					"doctype": "File",
					"file_name": f"{marker}.txt",
					"content": marker.encode(),
					"is_private": 1,
					"attached_to_doctype": dt,
					"attached_to_name": name,
				}
			).insert(ignore_permissions=True)
			files[(dt, key)] = (file.file_url, marker)
			keep("File", file.name)
	for name in print_formats(list(records)):
		keep("Print Format", name)
	return {"records": records, "files": files, "made": made, "committees": committees}


def remove(built: dict):
	for doctype, name in reversed(built["made"]):
		if doctype == "File":  # its content on disk with it
			frappe.delete_doc("File", name, ignore_permissions=True, force=True)
		else:
			frappe.db.delete(doctype, {"name": name})
	for parent in built["records"]["Title Notice"].values():
		frappe.db.delete("Notice Committee", {"parent": parent, "idx": 90})
	for dt, pair in built["records"].items():
		if frappe.get_meta(dt).istable:
			frappe.db.delete(dt, {"name": ("in", list(pair.values())), "idx": 99})


# ---------------------------------------------------------------- the users of each role
DEMO_USERS = {  # role key -> the demo user whose scope fits the records (used when installed)
	"admin": "zc.admin@example.com",
	"county": "zc.county.hrss@example.com",
	"prefecture": "zc.prefecture.hrss@example.com",
	"expert": "zc.expert@example.com",
}


def users(world: dict, committee: str, supervisor_unit: str) -> dict[str, tuple[str, str]]:
	"""role key -> (email, password): a demo user where its scope fits, else one made here."""
	from zhicheng_app import roles

	made = {
		"applicant": world["users"]["applicant"],
		"hr": world["users"]["hr"],
		"supervisor": make_user(roles.SUPERVISING_UNIT, ("Employer Unit", supervisor_unit), PASSWORD),
		"pes": make_user(roles.EMPLOYMENT_SERVICE, ("Region", "温宿县"), PASSWORD),
		"committee": make_user(roles.COMMITTEE_OFFICE, ("Evaluation Committee", committee), PASSWORD),
	}
	fallback = {
		"admin": (roles.TITLE_ADMINISTRATOR, None),
		"county": (roles.COUNTY_HRSS, ("Region", "温宿县")),
		"prefecture": (roles.PREFECTURE_HRSS, ("Region", "阿克苏地区")),
		"expert": (roles.REVIEW_EXPERT, None),
	}
	out = {key: (email, PASSWORD) for key, email in made.items()}
	for key, email in DEMO_USERS.items():
		if frappe.db.exists("User", email):
			out[key] = (email, DEMO_PASSWORD)
		else:
			out[key] = (make_user(*fallback[key], PASSWORD), PASSWORD)
	return out


class Client:
	"""One logged-in session of a user; requests are retried once when the dev server reloads."""

	def __init__(self, email: str, password: str):
		self.email, self.password = email, password
		self.http = _retried(lambda: session(email, password))

		self.sent = 0  # requests sent (one session per thread: no lock needed)

	def call(self, method: str, path: str, **kw) -> requests.Response:
		self.sent += 1
		return _retried(lambda: self.http.request(method, f"{BASE_URL}{path}", timeout=60, **kw))


def _retried(request, attempts: int = 5):
	"""The development server restarts when its code changes: wait for it and ask again."""
	for attempt in range(attempts):
		try:
			return request()
		except requests.ConnectionError:
			if attempt == attempts - 1:
				raise
			time.sleep(3)
	raise AssertionError("unreachable")


def _message(response: requests.Response):
	try:
		return response.json().get("message")
	except ValueError:
		return None


# ---------------------------------------------------------------- read paths
# The paths that take filters (list, count, report, export, search) ask for both records of a
# DocType in one request and answer a cell for each; get, print and attachment download ask for
# one record each.
def _filters(names: list[str]) -> str:
	return json.dumps([["name", "in", names]])


def probe_list(c: Client, dt: str, names: list[str], parent: str | None) -> set[str]:
	params = {"fields": '["name"]', "filters": _filters(names), "limit_page_length": 10}
	if parent:
		params["parent"] = parent
	r = c.call("GET", f"/api/resource/{dt}", params=params)
	return {row.get("name") for row in r.json().get("data") or []} if r.ok else set()


def probe_count(c: Client, dt: str, names: list[str], parent: str | None) -> set[str]:
	"""The count of the two records, one filter each so that a count names its record."""
	reached = set()
	filters = json.dumps([["name", "in", names], ["name", "=", names[0]]])
	r = c.call(
		"GET",
		"/api/method/frappe.client.get_count",
		params={"doctype": dt, "filters": json.dumps({"name": ["in", names]})},
	)
	total = (_message(r) or 0) if r.ok else 0
	if total >= 1:
		first = c.call(
			"GET", "/api/method/frappe.client.get_count", params={"doctype": dt, "filters": filters}
		)
		one = (_message(first) or 0) if first.ok else 0
		reached = {names[0]} if one else set()
		if total - one >= 1:
			reached.add(names[1])
	return reached


def _report_data(dt: str, names: list[str], parent: str | None) -> dict:
	data = {"doctype": dt, "fields": json.dumps([f"`tab{dt}`.`name`"]), "filters": _filters(names)}
	if parent:
		data["parent_doctype"] = parent
	return data


def probe_report(c: Client, dt: str, names: list[str], parent: str | None) -> set[str]:
	r = c.call("POST", "/api/method/frappe.desk.reportview.get", data=_report_data(dt, names, parent))
	message = _message(r) if r.ok else None
	return {n for n in names for row in (message or {}).get("values") or [] if n in row}


def probe_export(c: Client, dt: str, names: list[str], parent: str | None) -> set[str]:
	data = {**_report_data(dt, names, parent), "file_format_type": "CSV", "title": "matrix"}
	r = c.call("POST", "/api/method/frappe.desk.reportview.export_query", data=data)
	return {n for n in names if r.ok and n in r.text}


def probe_search(c: Client, dt: str, names: list[str], parent: str | None) -> set[str]:
	r = c.call(
		"POST",
		"/api/method/frappe.desk.search.search_link",
		data={"doctype": dt, "txt": "", "filters": json.dumps({"name": ["in", names]}), "page_length": 10},
	)
	rows = (_message(r) or []) if r.ok else []
	return {row.get("value") if isinstance(row, dict) else row[0] for row in rows} & set(names)


FILTERED_PROBES = {
	"list": probe_list,
	"count": probe_count,
	"report": probe_report,
	"export": probe_export,
	"search": probe_search,
}


def probe_get(c: Client, dt: str, name: str) -> bool:
	r = c.call("GET", f"/api/resource/{dt}/{name}")
	return r.ok and (r.json().get("data") or {}).get("name") == name


PRINT_FORMAT = "矩阵打印"


def print_formats(doctypes: list[str]) -> list[str]:
	"""A one-line print format per DocType (``{{ doc.name }}``): the print path checks the
	permissions as for any format, without rendering a whole notice per cell."""
	names = []
	for dt in doctypes:
		name = f"{PRINT_FORMAT}-{dt}"
		if not frappe.db.exists("Print Format", name):
			frappe.get_doc(
				{
					"doctype": "Print Format",
					"name": name,
					"doc_type": dt,
					"module": MODULE,
					"custom_format": 1,
					"print_format_type": "Jinja",
					"standard": "No",
					"html": "<p>{{ doc.name }}</p>",
				}
			).insert(ignore_permissions=True)
		names.append(name)
	return names


def probe_print(c: Client, dt: str, name: str) -> bool:
	r = c.call(
		"GET",
		"/api/method/frappe.www.printview.get_html_and_style",
		params={"doc": dt, "name": name, "print_format": f"{PRINT_FORMAT}-{dt}"},
	)
	return r.ok and name in ((_message(r) or {}).get("html") or "")


READ_PATHS = (*FILTERED_PROBES, "get", "print", "attachment")


def probe_attachment(c: Client, file_url: str, marker: str) -> bool:
	r = c.call("GET", file_url)
	return r.ok and r.content == marker.encode()


# ---------------------------------------------------------------- writes: one request each
def put(c: Client, dt: str, name: str, values: dict) -> requests.Response:
	return c.call("PUT", f"/api/resource/{dt}/{name}", json=values)


def set_value(c: Client, dt: str, name: str, values: dict) -> requests.Response:
	return c.call(
		"POST",
		"/api/method/frappe.client.set_value",
		data={"doctype": dt, "name": name, "fieldname": json.dumps(values)},
	)


def insert(c: Client, dt: str, values: dict) -> requests.Response:
	return c.call("POST", f"/api/resource/{dt}", json=values)


def run_parallel(tasks_by_user: dict, work) -> list:
	"""``work(client, task)`` for every task, each user's tasks in order on its own session, the
	users side by side."""

	def one(item):
		client, tasks = item
		return [work(client, task) for task in tasks]

	with ThreadPoolExecutor(max_workers=max(1, len(tasks_by_user))) as pool:
		results = list(pool.map(one, tasks_by_user.items()))
	return [row for rows in results for row in rows]
