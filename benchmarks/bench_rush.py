"""The last hour before the 18:00 cut-off: applicants log in, save their draft, run the precheck
and submit, all at once (goal: at least 500 submissions in 60 s, no error, p95 ≤ 1 s, none lost
or duplicated).

Run from the repository against a bench served like production (gunicorn and several RQ
workers: ``SERVE=production scripts/bench-setup.sh``), with locust installed in the bench env
together with Frappe, so that pip keeps Frappe's pinned versions
(``env/bin/pip install -e 'apps/zhicheng_app[bench]' -e apps/frappe``):

	$BENCH_DIR/env/bin/python benchmarks/bench_rush.py --sites $BENCH_DIR/sites --site zhicheng.localhost \\
		--url http://127.0.0.1:8000 --applicants 500 --concurrency 20 --time-limit 120

It prepares ``--applicants`` applicant accounts, each with one complete draft under a notice whose
windows are open now (the precheck lets it through), in-process with Frappe connected to the
site. Then locust (headless, in this process) runs ``--concurrency`` browsers at once; in each,
one applicant after the other logs in, saves a field of the draft (PUT), calls the precheck and
applies the workflow action "Submit", once. The run ends when every applicant is done or after
``--time-limit`` seconds. It prints requests per second, p50/p95/p99 per request type, the
errors and the CPU time used, then checks in the database that every acknowledged submission
left Draft exactly once, and removes the accounts, applications, notice and unit it made. Only a
loopback URL is accepted. Nothing here is a test: it measures.
"""

# locust patches the standard library for gevent when imported: before Frappe and requests.
import locust  # isort: skip
import argparse
import datetime
import json
import os
import platform
import sys
import time
import urllib.parse

import gevent
from locust import FastHttpUser, constant, task
from locust.env import Environment
from locust.exception import StopUser

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)
sys.path.insert(0, os.path.join(REPO, "benchmarks"))

from rush_support import (  # noqa: E402  (after locust: see above)
	APPLY_WORKFLOW,
	DOCTYPE,
	LOOPBACK,
	PASSWORD,
	PRECHECK,
	SUBMIT,
	SUBMITTED_STATE,
	CpuTime,
	prepare,
	remove_made,
)

# ----------------------------------------------------------------------------- the rush


class Rush:
	"""The applicants still to come and what the server acknowledged (shared by the locust users)."""

	def __init__(self, applicants: list[dict], site: str):
		self.waiting = list(reversed(applicants))
		self.headers = {"X-Frappe-Site-Name": site, "Accept": "application/json"}
		self.acknowledged: dict[str, float] = {}  # application -> seconds since the start
		self.finished = 0
		self.started = time.perf_counter()


def applicant_class(rush: Rush):
	class Applicant(FastHttpUser):
		"""One applicant: log in, save the draft, precheck, submit; once."""

		wait_time = constant(0)

		def request(self, method: str, path: str, name: str, body: dict, expected) -> dict | None:
			"""The answer's JSON when the status is 2xx and ``expected(answer)`` holds, else None
			(and the request counts as failed)."""
			with self.client.request(
				method, path, name=name, json=body, headers=rush.headers, catch_response=True
			) as response:
				if not 200 <= response.status_code < 300:
					response.failure(f"HTTP {response.status_code}")
					return None
				try:
					answer = response.json()
					if expected(answer):
						return answer
				except (ValueError, KeyError, TypeError):
					pass
				response.failure(f"unexpected answer: {response.text[:200]}")
				return None

		@task
		def deadline_rush(self):
			"""The next applicant in this browser; an exception is counted by locust."""
			if not rush.waiting:
				raise StopUser()
			applicant = rush.waiting.pop()
			self.client.cookiejar.clear()  # logged out
			try:
				self.submit_once(applicant["user"], applicant["application"], applicant["mobile"])
			finally:
				rush.finished += 1

		def submit_once(self, user: str, name: str, mobile: str):
			logged_in = self.request(
				"POST", "/api/method/login", "login", {"usr": user, "pwd": PASSWORD}, lambda a: a["full_name"]
			)
			path = urllib.parse.quote(f"/api/resource/{DOCTYPE}/{name}")
			saved = logged_in and self.request(
				"PUT", path, "save", {"mobile": mobile}, lambda a: a["data"]["mobile"] == mobile
			)
			checked = saved and self.request(
				"POST", PRECHECK, "precheck", {"application": name}, lambda a: a["message"]["ok"]
			)
			submission = {"doc": json.dumps(saved["data"]), "action": SUBMIT} if saved else {}
			submitted = checked and self.request(
				"POST", APPLY_WORKFLOW, "submit", submission,
				lambda a: a["message"]["workflow_state"] == SUBMITTED_STATE,
			)  # fmt: skip
			if submitted:
				rush.acknowledged[name] = time.perf_counter() - rush.started

	return Applicant


class BackgroundJobs:
	"""The site's RQ queues and workers: jobs waiting, and jobs the workers ran since the start."""

	def __init__(self):
		from frappe.utils.background_jobs import get_queue, get_queue_list, get_workers

		self.queues = [get_queue(name) for name in get_queue_list()]
		self.workers = get_workers
		self.run_before = self.run()
		self.most_waiting = 0

	def waiting(self) -> int:
		count = sum(q.count for q in self.queues)
		self.most_waiting = max(self.most_waiting, count)
		return count

	def run(self) -> int:
		return sum(w.successful_job_count + w.failed_job_count for w in self.workers())

	def wait_until_idle(self, limit: float = 120):
		started = time.perf_counter()
		while self.waiting() and time.perf_counter() - started < limit:
			gevent.sleep(1)
		self.run_before, self.most_waiting = self.run(), 0


def run(url: str, rush: Rush, concurrency: int, time_limit: float, jobs: BackgroundJobs):
	count = len(rush.waiting)
	cpu = CpuTime(urllib.parse.urlparse(url).port or 80)
	env = Environment(user_classes=[applicant_class(rush)], host=url)
	runner = env.create_local_runner()
	rush.started = time.perf_counter()
	runner.start(concurrency, spawn_rate=concurrency)  # all within the first second
	deadline = rush.started + time_limit
	while rush.finished < count and time.perf_counter() < deadline:
		jobs.waiting()
		gevent.sleep(0.5)
	elapsed = time.perf_counter() - rush.started
	runner.quit()
	cpu.report(elapsed, len(rush.acknowledged))
	caught_up(url, rush.headers)
	print(
		f"background jobs during the rush: {jobs.run() - jobs.run_before} run, "
		f"at most {jobs.most_waiting} waiting, {jobs.waiting()} waiting at the end"
	)
	return env, elapsed


def caught_up(url: str, headers: dict, limit: float = 180):
	"""Wait until the server has worked off the requests the stopped browsers left behind (it
	answers a ping within a second), so that the database is checked and cleaned when it is still."""
	import requests

	started = time.perf_counter()
	while time.perf_counter() - started < limit:
		try:
			if requests.get(f"{url}/api/method/ping", headers=headers, timeout=1).ok:
				return
		except requests.RequestException:
			gevent.sleep(1)
	print(f"the server still had requests to work off after {limit:.0f} s")


# ----------------------------------------------------------------------------- report


def percentile_ms(entry, q: float) -> float:
	return entry.get_response_time_percentile(q) if entry.num_requests else 0


def print_figures(env: Environment, elapsed: float, rush: Rush, applicants: int, window: float):
	stats = env.stats
	print(f"\n{applicants} applicants, run {elapsed:.1f} s")
	print(
		f"{'request':<10} {'count':>6} {'errors':>6} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}"
	)
	for name in ("login", "save", "precheck", "submit"):
		entry = stats.get(name, "POST" if name != "save" else "PUT")
		print(
			f"{name:<10} {entry.num_requests:>6} {entry.num_failures:>6} {entry.num_requests / elapsed:>7.1f}"
			f" {percentile_ms(entry, 0.5):>7.0f} {percentile_ms(entry, 0.95):>7.0f} {percentile_ms(entry, 0.99):>7.0f}"
		)
	total = stats.total
	print(
		f"{'all':<10} {total.num_requests:>6} {total.num_failures:>6} {total.num_requests / elapsed:>7.1f}"
		f" {percentile_ms(total, 0.5):>7.0f} {percentile_ms(total, 0.95):>7.0f} {percentile_ms(total, 0.99):>7.0f}"
	)
	for error in stats.errors.values():
		print(f"error: {error.method} {error.name}: {error.error} × {error.occurrences}")
	for exception in env.runner.exceptions.values():
		print(f"exception in the applicant's steps × {exception['count']}: {exception['traceback']}")
	in_window = sum(1 for at in rush.acknowledged.values() if at <= window)
	print(
		f"submissions acknowledged: {len(rush.acknowledged)}, within the first {window:.0f} s: {in_window}"
		f" ({len(rush.acknowledged) / elapsed:.1f} a second over the run)"
	)
	return in_window, total


def check_database(frappe, applicants: list[dict], acknowledged: dict[str, float]) -> bool:
	"""Whether every acknowledged submission moved Draft → Unit Review exactly once and nothing
	was lost or duplicated."""
	frappe.db.rollback()  # a fresh snapshot
	names = [a["application"] for a in applicants]
	rows = {
		r.name: r
		for r in frappe.get_all(
			DOCTYPE,
			filters={"name": ("in", names)},
			fields=["name", "workflow_state", "submission_count", "applicant_user", "mobile"],
		)
	}
	comments: dict[str, int] = {}
	for r in frappe.get_all(
		"Comment",
		filters={"reference_doctype": DOCTYPE, "reference_name": ("in", names), "comment_type": "Workflow"},
		fields=["reference_name"],
	):
		comments[r.reference_name] = comments.get(r.reference_name, 0) + 1
	moves: dict[str, int] = {}
	for v in frappe.get_all(
		"Version", filters={"ref_doctype": DOCTYPE, "docname": ("in", names)}, fields=["docname", "data"]
	):
		changed = json.loads(v.data or "{}").get("changed") or []
		if ["workflow_state", "Draft", SUBMITTED_STATE] in changed:
			moves[v.docname] = moves.get(v.docname, 0) + 1
	per_user = frappe.get_all(
		DOCTYPE,
		filters={"applicant_user": ("in", [a["user"] for a in applicants])},
		fields=["applicant_user", "count(name) as n"],
		group_by="applicant_user",
	)
	lost = [n for n in acknowledged if n not in rows or rows[n].workflow_state != SUBMITTED_STATE]
	duplicated = [n for n in names if comments.get(n, 0) > 1 or moves.get(n, 0) > 1]
	duplicated += [r.applicant_user for r in per_user if r.n > 1]
	unacknowledged = [n for n in names if n not in acknowledged and rows[n].workflow_state != "Draft"]
	counted = [n for n in names if rows[n].submission_count]  # counts arrivals at the committee only
	once = [n for n in acknowledged if comments.get(n) == 1 and moves.get(n) == 1]
	print(
		f"database: {len(rows)} applications; {len(once)} of {len(acknowledged)} acknowledged moved "
		f"Draft → {SUBMITTED_STATE} exactly once (one Version, one Workflow comment); "
		f"lost {len(lost)}, duplicated {len(duplicated)}, moved without an acknowledgement "
		f"{len(unacknowledged)}, submission_count changed {len(counted)}"
	)
	for label, items in (("lost", lost), ("duplicated", duplicated), ("unacknowledged", unacknowledged)):
		if items:
			print(f"  {label}: {', '.join(items[:10])}{' …' if len(items) > 10 else ''}")
	return len(once) == len(acknowledged) and not lost and not duplicated


def print_machine():
	cores = os.cpu_count()
	with open("/proc/meminfo") as f:
		mem_kb = int(next(line for line in f if line.startswith("MemTotal")).split()[1])
	print(
		f"machine: {platform.machine()}, {cores} cores, {mem_kb / 1024 / 1024:.1f} GiB memory, "
		f"Python {platform.python_version()}, locust {locust.__version__}, {datetime.datetime.now():%Y-%m-%d %H:%M}"
	)


def main():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--sites", default=os.path.expanduser("~/zhicheng-bench/sites"))
	parser.add_argument("--site", default="zhicheng.localhost")
	parser.add_argument("--url", default="http://127.0.0.1:8000")
	parser.add_argument("--applicants", type=int, default=500)
	parser.add_argument("--concurrency", type=int, default=20, help="applicants at work at the same time")
	parser.add_argument("--time-limit", type=float, default=120, help="seconds")
	parser.add_argument("--window", type=float, default=60, help="seconds counted for the goal")
	args = parser.parse_args()
	if urllib.parse.urlparse(args.url).hostname not in LOOPBACK:
		parser.error("--url must be a loopback address")
	if not 0 < args.applicants <= 5000 or not 0 < args.concurrency <= 500 or not 0 < args.time_limit <= 900:
		parser.error("at most 5000 applicants, 500 at the same time and 900 s")

	import frappe

	os.chdir(args.sites)
	frappe.init(site=args.site, sites_path=args.sites)
	frappe.connect()
	frappe.set_user("Administrator")
	# In this process, as in the integration tests: the follow-up jobs of inserting and deleting
	# records (links to a deleted record, for one) run here, not on the workers the rush measures.
	frappe.flags.in_test = True
	remove_made(frappe, "what an interrupted run left")
	try:
		t = time.perf_counter()
		applicants = prepare(frappe, args.applicants)
		print(f"prepared {len(applicants)} applicants with a draft each in {time.perf_counter() - t:.1f} s")
		jobs = BackgroundJobs()
		jobs.wait_until_idle()  # the follow-up jobs of the preparation are not part of the rush
		rush = Rush(applicants, args.site)
		env, elapsed = run(args.url, rush, args.concurrency, args.time_limit, jobs)
		in_window, total = print_figures(env, elapsed, rush, len(applicants), args.window)
		consistent = check_database(frappe, applicants, rush.acknowledged)
		p95 = percentile_ms(total, 0.95)
		met = in_window >= 500 and total.num_failures == 0 and p95 <= 1000 and consistent
		print(
			f"goal (≥ 500 submissions in {args.window:.0f} s, 0 errors, p95 ≤ 1000 ms, 0 lost or duplicated): "
			f"{'met' if met else 'not met'}"
		)
		print_machine()
	finally:
		frappe.db.rollback()
		remove_made(frappe, "what this run made")
		frappe.destroy()


if __name__ == "__main__":
	main()
