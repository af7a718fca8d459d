"""The applicant's page of a certified application in the browser: the results publicity, the
certificate number and the link that downloads the 任职资格文件."""

import frappe
import pytest

from tests.integration import rest
from tests.integration.browser import ALLOWED_WORDS, SCREENSHOTS, assert_no_english
from tests.integration.results_support import (
	DOC_NO,
	PASSWORD,
	as_user,
	certified,
	cleanup,
	docx_text,
	make_committee,
	results_notice,
)
from zhicheng_app.services.documents import batch_jobs

pytestmark = pytest.mark.usefixtures("frozen_clock")


@pytest.fixture
def issued(actors):
	rest.require_server()
	committee, _code = make_committee()
	notice = results_notice(committee)
	(name,) = certified(actors, notice)
	doc_no = DOC_NO.format(int(frappe.generate_hash(length=6), 16) % 10000)  # a 文号 is numbered
	as_user(actors["prefecture"], batch_jobs.run_batch, "qualification_document", notice.name, doc_no=doc_no)
	frappe.db.commit()
	yield {"name": name, "doc_no": doc_no}
	cleanup([notice.name], [committee])


def test_the_applicant_downloads_the_qualification_document_from_their_page(page, actors, issued):
	name = issued["name"]
	certificate_no = frappe.db.get_value("Title Application", name, "certificate_no")
	# the session of a login through the API (the login page is another test's)
	session = rest.session(actors["applicant"], PASSWORD)
	page.context.add_cookies(
		[{"name": c.name, "value": c.value, "url": rest.BASE_URL} for c in session.cookies]
	)
	page.goto(f"/my-applications/{name}", wait_until="domcontentloaded")
	page.locator("[data-testid=results]").wait_for()
	card = page.locator("[data-testid=results]")
	assert "评审结果公示" in card.inner_text()
	assert card.locator("[data-field=certificate_no]").inner_text() == certificate_no
	assert card.locator("[data-field=qualification_document_no]").inner_text() == issued["doc_no"]
	# the certificate number's prefix is the committee's code; TA the test user's initials (Title Applicant)
	assert_no_english(page, ALLOWED_WORDS | {certificate_no.split("-")[0], "TA"})
	SCREENSHOTS.mkdir(parents=True, exist_ok=True)
	card.screenshot(path=str(SCREENSHOTS / "results_card.png"))
	page.screenshot(path=str(SCREENSHOTS / "results_page.png"), full_page=True)
	with page.expect_download() as download_info:
		card.locator("a.zc-qualification-document").click()
	download = download_info.value
	assert download.suggested_filename.endswith(".docx")
	with open(download.path(), "rb") as f:
		content = f.read()
	assert certificate_no in docx_text(content) and issued["doc_no"] in docx_text(content)
