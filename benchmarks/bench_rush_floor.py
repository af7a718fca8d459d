"""How many deadline-rush applicants one core can serve at most: the CPU that each of the rush's
four requests (log in, save the draft, precheck, submit) takes in Frappe's WSGI application,
and how much of it is the app's own code and how much Frappe's.

The rush's goal (``bench_rush.py``: 500 submissions in 60 s on 2 cores) leaves 2 × 60 s / 500 =
240 ms of the machine's CPU for each applicant, for the web server, MariaDB and the load
generator together. This benchmark serves the requests in this process, one after the other
(no HTTP server, no load generator, no concurrency), so the figures are a floor: the served rush
costs more.

	$BENCH_DIR/env/bin/python benchmarks/bench_rush_floor.py --sites $BENCH_DIR/sites --site zhicheng.localhost

It prepares ``--applicants`` applicants as ``bench_rush.py`` does, runs the first few to warm the
caches, then measures the others twice: without a profiler (the CPU time of this process and of
MariaDB per request) and under cProfile (the share of the time spent in functions of the app
that Frappe calls: controllers, hooks, the app's API). It removes what it made. Nothing here is a
test: it measures.
"""

import argparse
import cProfile
import json
import os
import platform
import pstats
import sys
import time
import urllib.parse

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)
sys.path.insert(0, os.path.join(REPO, "benchmarks"))

from rush_support import (  # noqa: E402
	APPLY_WORKFLOW,
	DOCTYPE,
	PASSWORD,
	PRECHECK,
	SUBMIT,
	SUBMITTED_STATE,
	CpuTime,
	prepare,
	remove_made,
)

REQUESTS = ("login", "save", "precheck", "submit")
BUDGET_MS = 2 * 60 * 1000 / 500  # the goal's machine CPU for each applicant
WARM_UP = 5


def in_app(function: tuple) -> bool:
	"""Whether a profiled function is the app's (its file lies in the app's package)."""
	return f"{os.sep}zhicheng_app{os.sep}" in function[0]


class Applicants:
	"""The four requests of one applicant after the other, through Frappe's WSGI application."""

	def __init__(self, site: str):
		from frappe.app import application
		from werkzeug.test import Client

		self.client_class = Client
		self.application = application
		self.headers = {"X-Frappe-Site-Name": site, "Host": site, "Accept": "application/json"}
		self.cpu = {name: 0.0 for name in REQUESTS}
		self.database = CpuTime(port=0)  # only its MariaDB figure is read
		self.database_seconds = 0.0

	def call(self, client, name: str, method: str, path: str, body: dict, profile=None) -> dict:
		before_db = self.database.sample()["database"]
		started = time.process_time()
		if profile:
			profile.enable()
		response = client.open(path, method=method, json=body, headers=self.headers)
		if profile:
			profile.disable()
		self.cpu[name] += time.process_time() - started
		self.database_seconds += self.database.sample()["database"] - before_db
		if response.status_code != 200:
			raise SystemExit(f"{name}: HTTP {response.status_code} {response.get_data(as_text=True)[:300]}")
		return response.get_json()

	def run(self, applicant: dict, profile=None):
		client = self.client_class(self.application)
		name = applicant["application"]
		self.call(
			client, "login", "POST", "/api/method/login", {"usr": applicant["user"], "pwd": PASSWORD}, profile
		)
		path = urllib.parse.quote(f"/api/resource/{DOCTYPE}/{name}")
		saved = self.call(client, "save", "PUT", path, {"mobile": applicant["mobile"]}, profile)
		checked = self.call(client, "precheck", "POST", PRECHECK, {"application": name}, profile)
		if not checked["message"]["ok"]:
			raise SystemExit(f"the precheck refused {name}: {checked['message']}")
		submission = {"doc": json.dumps(saved["data"]), "action": SUBMIT}
		submitted = self.call(client, "submit", "POST", APPLY_WORKFLOW, submission, profile)
		if submitted["message"]["workflow_state"] != SUBMITTED_STATE:
			raise SystemExit(f"{name} was not submitted: {submitted['message']['workflow_state']}")

	def reset(self):
		self.cpu = {name: 0.0 for name in REQUESTS}
		self.database_seconds = 0.0


def app_share(profile: cProfile.Profile) -> tuple[float, float]:
	"""(seconds in the app's functions entered from Frappe's, seconds of the whole profile)."""
	stats = pstats.Stats(profile).stats
	whole = max(entry[3] for entry in stats.values())
	app = 0.0
	for function, (_calls, _primitive, _own, _cumulative, callers) in stats.items():
		if in_app(function):  # the time of its calls from outside the app: nested calls count once
			app += sum(timing[3] for caller, timing in callers.items() if not in_app(caller))
	return app, whole


def prepared(frappe, sites: str, site: str, count: int) -> list[dict]:
	frappe.init(site=site, sites_path=sites)
	frappe.connect()
	frappe.flags.in_test = True  # the follow-up jobs of the preparation run here, as in bench_rush.py
	remove_made(frappe, "what an interrupted run left")
	applicants = prepare(frappe, count)
	frappe.destroy()
	return applicants


def removed(frappe, sites: str, site: str):
	frappe.init(site=site, sites_path=sites)
	frappe.connect()
	frappe.flags.in_test = True
	remove_made(frappe, "what this run made")
	frappe.destroy()


def main():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--sites", default=os.path.expanduser("~/zhicheng-bench/sites"))
	parser.add_argument("--site", default="zhicheng.localhost")
	parser.add_argument("--applicants", type=int, default=45, help="measured (after 5 to warm up)")
	args = parser.parse_args()
	if not 2 <= args.applicants <= 500:
		parser.error("between 2 and 500 applicants")

	import frappe

	os.chdir(args.sites)  # Frappe's WSGI application finds the site here
	applicants = prepared(frappe, args.sites, args.site, WARM_UP + 2 * args.applicants)
	try:
		served = Applicants(args.site)
		for applicant in applicants[:WARM_UP]:
			served.run(applicant)
		served.reset()
		measured = applicants[WARM_UP : WARM_UP + args.applicants]
		for applicant in measured:
			served.run(applicant)
		count = len(measured)
		per_request = {name: seconds / count * 1000 for name, seconds in served.cpu.items()}
		python_ms = sum(per_request.values())
		database_ms = served.database_seconds / count * 1000

		profile = cProfile.Profile()
		for applicant in applicants[WARM_UP + args.applicants :]:
			served.run(applicant, profile)
		app, whole = app_share(profile)
		share = app / whole if whole else 0.0
	finally:
		removed(frappe, args.sites, args.site)

	print(f"{count} applicants, one after the other, in one process (CPU per applicant):")
	for name in REQUESTS:
		print(f"  {name}: {per_request[name]:.0f} ms")
	print(f"  the four requests: {python_ms:.0f} ms of Python; MariaDB {database_ms:.0f} ms")
	frappe_ms = python_ms * (1 - share)
	print(
		f"the app's own code {share:.0%} of the Python time (≈ {python_ms * share:.0f} ms), "
		f"Frappe's {1 - share:.0%} (≈ {frappe_ms:.0f} ms)"
	)
	floor = python_ms + database_ms
	print(
		f"at most {60 * 1000 / floor:.0f} applicants a minute per core before any HTTP server or load "
		f"generator ({floor:.0f} ms each); the goal's budget is {BUDGET_MS:.0f} ms an applicant on 2 cores. "
		f"Frappe's share and MariaDB alone: {frappe_ms + database_ms:.0f} ms"
	)
	print(
		f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
		f"Frappe {frappe.__version__}, {time.strftime('%Y-%m-%d %H:%M')}"
	)


if __name__ == "__main__":
	main()
