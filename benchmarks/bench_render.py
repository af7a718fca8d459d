"""Naive docxtpl loop vs the app's renderer on the same QR-stamped notice.

    python benchmarks/bench_render.py [N] [BATCH] [KIND]

Prints ms per document for
  * naive: docxtpl open -> render -> replace the QR/barcode pictures -> save,
    with the QR drawn by segno (pure Python, standard mask selection);
  * naive + fast codes: the same docxtpl loop, with the app's QR/barcode images,
    to show what the template caching alone gains;
  * the app's renderer (documents.render.render_docx);
the ratio, and the time of a BATCH-notice batch through render_many in this process.
Goals: ratio >= 10, <= 8 ms per notice, 1,000 notices <= 10 s.
"""

from __future__ import annotations

import io
import statistics
import sys
import time

import segno
from docxtpl import DocxTemplate

from zhicheng_app.documents import codes
from zhicheng_app.documents.registry import REGISTRY
from zhicheng_app.documents.render import RenderJob, make_environment, render_docx, render_many
from zhicheng_app.documents.tokens import sign_token, verify_url

SECRET = "benchmark-secret"
SITE = "https://zc.example.gov.cn"


def _url(kind: str, i: int) -> str:
	return verify_url(SITE, sign_token(SECRET, f"ZC-2024-{i:06d}", kind, 1))


def naive_once(kind: str, context: dict, url: str, number: str, fast_codes: bool) -> bytes:
	spec = REGISTRY[kind]
	tpl = DocxTemplate(spec.path)
	if fast_codes:
		qr = codes.qr_png(url)
		bar = codes.code128_png.__wrapped__(number)
	else:
		buf = io.BytesIO()
		segno.make(url, error="m", micro=False).save(buf, kind="png", scale=4, border=4)
		qr = buf.getvalue()
		bar = codes.code128_png.__wrapped__(number)
	tpl.replace_pic("zc_qr", io.BytesIO(qr))
	if spec.barcode:
		tpl.replace_pic("zc_barcode", io.BytesIO(bar))
	tpl.render({**context, "barcode_text": number}, make_environment())
	out = io.BytesIO()
	tpl.save(out)
	return out.getvalue()


def timed(fn, n: int) -> list[float]:
	times = []
	for i in range(n):
		start = time.perf_counter()
		fn(i)
		times.append((time.perf_counter() - start) * 1000)
	return times


def main() -> None:
	n = int(sys.argv[1]) if len(sys.argv) > 1 else 50
	batch = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
	kind = sys.argv[3] if len(sys.argv) > 3 else "publicity_result_002"
	context = REGISTRY[kind].sample()
	print(f"template: {kind}  N={n}  QR engine: {codes.qr_engine()}")

	render_docx(kind, context, verify_url=_url(kind, 0))  # compile once, as a running site would
	naive = timed(lambda i: naive_once(kind, context, _url(kind, i), f"ZC{i:08d}", False), n)
	naive_fast = timed(lambda i: naive_once(kind, context, _url(kind, i), f"ZC{i:08d}", True), n)
	fast = timed(
		lambda i: render_docx(kind, context, verify_url=_url(kind, i), barcode=f"ZC{i:08d}"),
		n,
	)

	def row(label, t):
		print(
			f"{label:<28} mean {statistics.mean(t):7.2f} ms  median {statistics.median(t):7.2f} ms  max {max(t):7.2f} ms"
		)

	row("naive docxtpl", naive)
	row("naive docxtpl + fast codes", naive_fast)
	row("app renderer", fast)
	print(f"ratio naive / app renderer:              {statistics.mean(naive) / statistics.mean(fast):6.1f}x")
	print(
		f"ratio naive + fast codes / app renderer: {statistics.mean(naive_fast) / statistics.mean(fast):6.1f}x"
	)

	jobs = (RenderJob(context, _url(kind, i), f"ZC{i:08d}") for i in range(batch))
	start = time.perf_counter()
	total = sum(len(doc) for doc in render_many(kind, jobs))
	elapsed = time.perf_counter() - start
	print(
		f"batch of {batch} notices: {elapsed:6.2f} s ({elapsed / batch * 1000:.2f} ms each, "
		f"{total / 1e6:.1f} MB of .docx)"
	)


if __name__ == "__main__":
	main()
