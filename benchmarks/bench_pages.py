"""Page loads in the browser (goal: p95 ≤ 2 s): Chromium, headless, logs in as each demo role and
loads the pages that user works on, ``--runs`` times each, and times a few actions on them.

Run from the repository against a bench whose web server is up and whose demo is loaded
(``bench --site SITE execute zhicheng_app.demo.load``), with Playwright for Python in the bench env
and the system's Chromium:

	$BENCH_DIR/env/bin/python benchmarks/bench_pages.py --sites $BENCH_DIR/sites --site zhicheng.localhost \\
		--url http://127.0.0.1:8000 --runs 10

Pages, per demo user (password ``zhicheng_app.demo.DEMO_PASSWORD``):

- the applicant (zc.applicant): /my-applications and the page of one of their applications;
- the unit's HR (zc.unit.hr): /unit-applications and /unit-application of one of the unit's;
- the county officer (zc.county.hrss) and the committee office (zc.committee): the desk's Title
  Application list and the form of an application in their scope;
- the administrator (zc.admin): the desk form of the notice 000;
- a visitor: /verify with the token of a generated document (the page's form without one).

Each load is a fresh navigation in the user's logged-in browser (its cache warm after the first
run, as for someone who works on the site all day). A load counts from the navigation's start to
the end of its last request before the network stays idle for 500 ms (Playwright's "networkidle";
the 500 ms of quiet are not counted). The actions: the login; on a desk list, opening the first
application's form; on a desk form, opening the workflow's action menu; for the committee on an
application in its review, the return's reason dialog (closed again, nothing is changed).

It prints p50/p95/max per page and action, and the p95 over all of them against the goal. The
records the pages show are looked up in the site (read-only); nothing is created or changed.
Only a loopback URL is accepted. Nothing here is a test: it measures.
"""

import argparse
import datetime
import os
import platform
import sys
import time
import urllib.parse

from playwright.sync_api import Error as PlaywrightError

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

from tests.integration.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402 (after the path is set)

LOOPBACK = ("127.0.0.1", "localhost", "::1")
GOAL_MS = 2000
APPLICANT = "zc.applicant@example.com"
UNIT_HR = "zc.unit.hr@example.com"
COUNTY = "zc.county.hrss@example.com"
COMMITTEE = "zc.committee@example.com"
ADMIN = "zc.admin@example.com"
DOCTYPE = "Title Application"


def percentile(values: list[float], q: float) -> float:
	values = sorted(values)
	return values[min(len(values) - 1, round(q * (len(values) - 1)))]


# ----------------------------------------------------------------------------- what to load


def records(frappe) -> dict:
	"""The records the pages show, found in the site as each user's scope has them."""
	from zhicheng_app.demo import notice_name
	from zhicheng_app.permissions import get_scope

	def latest(user: str, states: tuple[str, ...] = (), fallback: bool = True) -> str | None:
		"""The user's most recently changed application, preferably (only, without ``fallback``)
		one in ``states`` (where the user has a workflow action)."""
		condition = get_scope(user).condition() or "1=1"
		wheres = [f"{condition} and workflow_state in %(states)s"] if states else []
		for where in wheres + ([condition] if fallback or not states else []):
			rows = frappe.db.sql(
				f"select name from `tabTitle Application` where {where} order by modified desc limit 1",
				{"states": states},
			)
			if rows:
				return rows[0][0]
		return None

	token = frappe.db.get_value(
		"Generated Document", {"token": ("is", "set"), "superseded": 0}, "token", order_by="creation desc"
	)
	return {
		"applicant": latest(APPLICANT),
		"unit": latest(UNIT_HR),
		"county": latest(COUNTY, ("County Review", "County Confirmation")),
		"committee": latest(COMMITTEE, ("Committee Review", "Accepted", "Paper Received", "Fee Paid")),
		"committee_review": latest(COMMITTEE, ("Committee Review",), fallback=False),
		"notice": notice_name("000"),
		"token": token,
	}


def plan(found: dict) -> list[dict]:
	"""Per user: the pages (label, path) and the actions to time."""
	from zhicheng_app.documents.tokens import VERIFY_PARAM

	def form(name):
		return f"/app/title-application/{urllib.parse.quote(name)}"

	users = [
		{
			"user": APPLICANT,
			"pages": [("applicant: /my-applications", "/my-applications")]
			+ (
				[("applicant: application page", f"/my-applications/{found['applicant']}")]
				if found["applicant"]
				else []
			),
		},
		{
			"user": UNIT_HR,
			"pages": [("unit: /unit-applications", "/unit-applications")]
			+ (
				[("unit: /unit-application", f"/unit-application?application={found['unit']}")]
				if found["unit"]
				else []
			),
		},
	]
	for key, user in (("county", COUNTY), ("committee", COMMITTEE)):
		pages = [(f"{key}: desk list", "/app/title-application")]
		if found[key]:
			pages.append((f"{key}: desk form", form(found[key])))
		users.append({"user": user, "pages": pages, "desk": key, "form": found[key]})
	users[-1]["return_dialog"] = found["committee_review"]
	users.append(
		{
			"user": ADMIN,
			"pages": [("admin: notice form", f"/app/title-notice/{urllib.parse.quote(found['notice'])}")],
		}
	)
	verify = f"/verify?{VERIFY_PARAM}={urllib.parse.quote(found['token'])}" if found["token"] else "/verify"
	users.append({"user": None, "pages": [("visitor: /verify", verify)]})
	return users


# ----------------------------------------------------------------------------- timing


class Timer:
	"""The time from a start to the end of the page's last request (responses and failures)."""

	def __init__(self, page):
		self.page = page
		self.last = 0.0
		page.on("requestfinished", self.finished)
		page.on("requestfailed", self.finished)

	def finished(self, _request):
		self.last = time.perf_counter()

	def measure(self, action) -> float:
		"""``action`` returns once what it waits for is shown; the time runs until then or until
		the last request it caused has finished, whichever is later."""
		start = self.last = time.perf_counter()
		action()
		shown = time.perf_counter()
		self.page.wait_for_load_state("networkidle")
		return (max(self.last, shown) - start) * 1000


ERRORS: list[str] = []


def record(samples: dict, label: str, value: float):
	samples.setdefault(label, []).append(value)


def wait_for_server(base_url: str, limit: float = 120):
	import requests

	started = time.perf_counter()
	while time.perf_counter() - started < limit:
		try:
			if requests.get(f"{base_url}/api/method/ping", timeout=2).ok:
				return
		except requests.RequestException:
			pass
		time.sleep(1)


def settled(page):
	"""The desk has no freeze and, on a form, its document is loaded."""
	page.wait_for_function("() => !window.frappe || !frappe.dom || !frappe.dom.freeze_count")


def log_in(page, user: str, password: str):
	page.goto("/login")
	page.fill("#login_email", user)
	page.fill("#login_password", password)
	page.click(".btn-login")
	page.wait_for_url(lambda url: "/login" not in url)


def run_user(browser, base_url: str, spec: dict, runs: int, password: str, samples: dict):
	context = browser.new_context(
		base_url=base_url,
		locale="zh-CN",
		timezone_id="Asia/Shanghai",
		viewport={"width": 1280, "height": 900},
	)
	context.set_default_timeout(60_000)
	page = context.new_page()
	timer = Timer(page)
	try:
		if spec["user"]:
			label = f"login: {spec['user'].split('@')[0]}"
			for attempt in (1, 2):
				try:
					record(samples, label, timer.measure(lambda: log_in(page, spec["user"], password)))
					break
				except PlaywrightError as error:
					ERRORS.append(f"{spec['user']}, login {attempt}: {str(error).splitlines()[0]}")
					wait_for_server(base_url)
		for run in range(runs):
			try:
				for label, path in spec["pages"]:
					record(samples, label, timer.measure(lambda path=path: page.goto(path)))
					settled(page)
				if spec.get("desk"):
					time_desk_actions(page, timer, spec, samples)
			except PlaywrightError as error:
				# the development server restarts when its code changes: the run is lost, not timed
				ERRORS.append(f"{spec['user'] or 'visitor'}, run {run + 1}: {str(error).splitlines()[0]}")
				print(f"  run {run + 1} failed: {ERRORS[-1]}", flush=True)
				wait_for_server(base_url)
				continue
			print(f"  run {run + 1} done", flush=True)
	finally:
		context.close()


def time_desk_actions(page, timer: Timer, spec: dict, samples: dict):
	key = spec["desk"]
	page.goto("/app/title-application", wait_until="networkidle")
	first = page.locator(".list-row-container a[data-name]").first
	first.wait_for()

	def open_form():
		first.click()
		page.wait_for_function(
			"() => window.cur_frm && cur_frm.doctype === 'Title Application' && cur_frm.doc.name"
		)

	record(samples, f"{key}: list → open form", timer.measure(open_form))
	settled(page)
	if spec.get("form"):
		page.goto(f"/app/title-application/{urllib.parse.quote(spec['form'])}", wait_until="networkidle")
		settled(page)
		menu = page.locator(".page-actions .actions-btn-group > button:visible")
		if menu.count():

			def open_menu():
				menu.click()
				page.locator(".actions-btn-group .dropdown-menu:visible").wait_for()

			record(samples, f"{key}: workflow action menu", timer.measure(open_menu))
			page.keyboard.press("Escape")
	if spec.get("return_dialog"):
		page.goto(
			f"/app/title-application/{urllib.parse.quote(spec['return_dialog'])}", wait_until="networkidle"
		)
		settled(page)

		def open_dialog():
			page.locator(".page-actions .actions-btn-group > button:visible").click()
			page.locator(".actions-btn-group .dropdown-menu:visible").get_by_text(
				"退回修改", exact=True
			).click()
			page.locator(".modal.show textarea[data-fieldname='reasons']").wait_for()

		record(samples, f"{key}: return reason dialog", timer.measure(open_dialog))
		page.locator(".modal.show .btn-modal-close").first.click()
		page.locator(".modal.show").wait_for(state="detached")


# ----------------------------------------------------------------------------- report


def report(samples: dict, runs: int, elapsed: float, load_before: tuple):
	load_after = os.getloadavg()
	print(
		f"\npage loads and actions, {runs} runs each ({os.cpu_count()} cores, {platform.node()}, "
		f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, {elapsed:.0f} s; "
		f"load average {load_before[0]:.1f} before, {load_after[0]:.1f} after)"
	)
	print("first: the first load of the page in the user's browser (its cache cold); every figure counts it")
	print(f"{'page or action':<38} {'n':>3} {'first':>7} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7}")
	everything = []
	for label, values in samples.items():
		if not values:
			continue
		everything.extend(values)
		print(
			f"{label:<38} {len(values):>3} {values[0]:>7.0f} {percentile(values, 0.5):>7.0f}"
			f" {percentile(values, 0.95):>7.0f} {max(values):>7.0f}"
		)
	for error in ERRORS:
		print(f"lost run (not timed): {error}")
	overall = percentile(everything, 0.95)
	verdict = "met" if overall <= GOAL_MS else "NOT met"
	print(f"overall p95 {overall:.0f} ms over {len(everything)} samples; goal p95 ≤ {GOAL_MS} ms: {verdict}")
	return overall <= GOAL_MS


def main():
	parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
	parser.add_argument("--sites", default=os.path.expanduser("~/zhicheng-bench/sites"))
	parser.add_argument("--site", default="zhicheng.localhost")
	parser.add_argument("--url", default="http://127.0.0.1:8000")
	parser.add_argument("--runs", type=int, default=10)
	args = parser.parse_args()
	if urllib.parse.urlparse(args.url).hostname not in LOOPBACK:
		parser.error("only a loopback URL is accepted")

	import frappe
	from playwright.sync_api import sync_playwright

	from zhicheng_app.demo import DEMO_PASSWORD

	os.chdir(args.sites)
	frappe.init(site=args.site, sites_path=args.sites)
	frappe.connect()
	try:
		missing = [
			u for u in (APPLICANT, UNIT_HR, COUNTY, COMMITTEE, ADMIN) if not frappe.db.exists("User", u)
		]
		if missing:
			sys.exit(f"the demo users {', '.join(missing)} are missing: load the demo first")
		found = records(frappe)
	finally:
		frappe.destroy()
	print("records shown:", ", ".join(f"{k}={v}" for k, v in found.items() if k != "token"), flush=True)
	samples: dict[str, list[float]] = {}
	load_before = os.getloadavg()
	started = time.perf_counter()
	with sync_playwright() as playwright:
		browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
		try:
			for spec in plan(found):
				print(f"{spec['user'] or 'visitor'}: {len(spec['pages'])} pages × {args.runs}", flush=True)
				run_user(browser, args.url, spec, args.runs, DEMO_PASSWORD, samples)
		finally:
			browser.close()
	met = report(samples, args.runs, time.perf_counter() - started, load_before)
	sys.exit(0 if met else 1)


if __name__ == "__main__":
	main()
