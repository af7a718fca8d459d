"""What the deadline-rush benchmarks share: the applicants they prepare (an account and a draft
that passes the precheck now, each) and remove, and the CPU time the processes serving the rush use.

Imported by ``bench_rush.py`` (after locust, which patches the standard library) and
``bench_rush_floor.py``; Frappe is imported by the caller and handed in.
"""

import datetime
import os

NOTICE_TITLE = "截止前申报压力测试通知"
UNIT_PREFIX = "压力测试单位"
USER_PREFIX = "rush.applicant"
PASSWORD = "Deadline-Rush-2024!"
DOCTYPE = "Title Application"
PRECHECK = "/api/method/zhicheng_app.api.precheck.precheck"
APPLY_WORKFLOW = "/api/method/frappe.model.workflow.apply_workflow"
SUBMIT = "Submit"  # the Draft transition of the shipped workflow
SUBMITTED_STATE = "Unit Review"
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def remove_made(frappe, label: str):
	"""The accounts, applications, notices and units this benchmark makes, found by their names."""
	frappe.set_user("Administrator")
	users = frappe.get_all("User", filters={"name": ("like", f"{USER_PREFIX}.%")}, pluck="name")
	notices = frappe.get_all("Title Notice", filters={"title": NOTICE_TITLE}, pluck="name")
	units = frappe.get_all("Employer Unit", filters={"unit_name": ("like", f"{UNIT_PREFIX}-%")}, pluck="name")
	if users or notices or units:
		print(f"removing {label}: {len(users)} accounts, {len(notices)} notices, {len(units)} units")
		remove(frappe, users, notices, units)


def make_applicant(frappe, index: int) -> str:
	"""An applicant's account as an import of existing accounts writes it: the User row with the
	DocType's defaults, its role and its password. (Frappe's User.insert clears the whole site
	cache and queues follow-up jobs for every account: hundreds of them would take longer to make
	than the rush takes to run.)"""
	from frappe.utils.password import update_password

	email = f"{USER_PREFIX}.{index:04d}.{frappe.generate_hash(length=6)}@example.com"
	user = frappe.new_doc("User")
	user.update(
		{"name": email, "email": email, "first_name": f"压力测试申报人{index}", "send_welcome_email": 0}
	)
	user.set_full_name()
	user.append("roles", {"role": "Title Applicant"})
	user.set_system_user()  # Website User: the role has no desk access
	user.set_parent_in_children()
	user.db_insert()
	for row in user.roles:
		row.db_insert()
	update_password(email, PASSWORD)
	return email


def prepare(frappe, count: int) -> list[dict]:
	"""``count`` applicants with a draft each that passes the precheck now; committed."""
	from tests.integration.factories import make_unit, resident_id
	from tests.integration.workflow_support import chain_notice, make_chain_application
	from zhicheng_app.services import clock
	from zhicheng_app.services.precheck import run_precheck

	# The seed notice's routes and chain, every window open around the present moment
	notice = chain_notice("000", now=clock.wall(clock.now()), title=NOTICE_TITLE)
	unit = make_unit(unit_name=f"{UNIT_PREFIX}-{frappe.generate_hash(length=8)}").name
	applicants = []
	for index in range(count):
		email = make_applicant(frappe, index)
		actors = {"applicant": email, "units": {"prefecture": unit}}
		# one resident ID per account (the site refuses an ID used by another account's application)
		birth = datetime.date(1980, 1, 1) + datetime.timedelta(days=index)
		doc = make_chain_application(
			actors, notice, "prefecture", "Directed Evaluation", "Intermediate",
			applicant_name="压力测试", id_number=resident_id(birth=f"{birth:%Y%m%d}"),
		)  # fmt: skip
		if index == 0:
			result = run_precheck(doc)
			if not result.ok:
				raise SystemExit(
					f"the prepared draft does not pass the precheck: {result.to_dict()['findings']}"
				)
		applicants.append({"user": email, "application": doc.name, "mobile": f"139{index:08d}"})
		if index % 50 == 49:
			frappe.db.commit()
	frappe.db.commit()
	return applicants


def remove(frappe, users: list[str], notices: list[str], units: list[str]):
	frappe.set_user("Administrator")
	names = frappe.get_all(
		DOCTYPE, filters={"notice": ("in", notices or [""])}, pluck="name"
	) + frappe.get_all(DOCTYPE, filters={"applicant_user": ("in", users or [""])}, pluck="name")
	for name in set(names):
		frappe.delete_doc(DOCTYPE, name, ignore_permissions=True, force=True, delete_permanently=True)
	for doctype in ("Version", "Comment", "Workflow Action"):
		field = "docname" if doctype == "Version" else "reference_name"
		if names:
			frappe.db.delete(doctype, {field: ("in", list(set(names)))})
	if users:  # what make_applicant wrote and what logging in added
		for doctype, field in (("User", "name"), ("Has Role", "parent"), ("DefaultValue", "parent"),
			("Activity Log", "user"), ("Sessions", "user")):  # fmt: skip
			frappe.db.delete(doctype, {field: ("in", users)})
		frappe.db.delete("__Auth", {"doctype": "User", "name": ("in", users)})
		frappe.clear_cache()  # the accounts' cached documents and roles
	for name in notices:
		frappe.delete_doc("Title Notice", name, ignore_permissions=True, force=True, delete_permanently=True)
	for name in units:
		frappe.delete_doc("Employer Unit", name, ignore_permissions=True, force=True, delete_permanently=True)
	frappe.db.commit()


class CpuTime:
	"""CPU seconds over the rush: the gunicorn processes serving the port, MariaDB (every site's),
	this process (the load generator) and the whole machine, whose other users compete for the
	same cores."""

	TICK = os.sysconf("SC_CLK_TCK")

	def __init__(self, port: int):
		self.port = port
		self.start = self.sample()

	def pids(self) -> dict[str, list[int]]:
		found = {"web": [], "database": []}
		for entry in filter(str.isdigit, os.listdir("/proc")):
			try:
				with open(f"/proc/{entry}/cmdline", "rb") as f:
					args = f.read().split(b"\0")
			except OSError:
				continue
			if b"frappe.app:application" in args and f"127.0.0.1:{self.port}".encode() in args:
				found["web"].append(int(entry))
			elif args[0].endswith(b"mariadbd"):
				found["database"].append(int(entry))
		return found

	def process_seconds(self, pid: int) -> float:
		try:
			with open(f"/proc/{pid}/stat") as f:
				fields = f.read().rsplit(")", 1)[1].split()
		except OSError:
			return 0.0
		return (int(fields[11]) + int(fields[12])) / self.TICK  # utime + stime

	def sample(self) -> dict:
		with open("/proc/stat") as f:
			jiffies = [int(v) for v in f.readline().split()[1:8]]
		own = os.times()
		pids = self.pids()
		return {
			"web": sum(self.process_seconds(pid) for pid in pids["web"]),
			"database": sum(self.process_seconds(pid) for pid in pids["database"]),
			"generator": own.user + own.system,
			"machine": (sum(jiffies) - jiffies[3] - jiffies[4]) / self.TICK,  # all but idle and iowait
		}

	def report(self, elapsed: float, submissions: int):
		end = self.sample()
		used = {key: end[key] - self.start[key] for key in end}
		per = f", {used['web'] / submissions * 1000:.0f} ms a submission" if submissions else ""
		others = used["machine"] - used["web"] - used["database"] - used["generator"]
		print(
			f"CPU over the rush ({os.cpu_count()} cores × {elapsed:.0f} s = {os.cpu_count() * elapsed:.0f} s): "
			f"web server {used['web']:.1f} s{per}; MariaDB {used['database']:.1f} s; "
			f"load generator {used['generator']:.1f} s; everything else on the machine {others:.1f} s"
		)
