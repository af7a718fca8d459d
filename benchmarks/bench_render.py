"""A naive docxtpl loop vs the app's renderer on the same QR-stamped notice.

    python benchmarks/bench_render.py [N] [BATCH] [KIND]

Prints ms per document for
  * naive docxtpl: open the template -> replace the QR/barcode pictures -> render -> save,
    with the same QR and barcode images as the app (so only the rendering is compared);
  * the app's renderer (documents.render.render_docx);
their ratio, and the time of a BATCH-notice batch through render_many in this process.
Goals: ratio >= 10, <= 8 ms per notice, 1,000 notices <= 10 s.
"""

from __future__ import annotations

import io
import statistics
import sys
import time

from docxtpl import DocxTemplate

from zhicheng_app.documents import codes
from zhicheng_app.documents.registry import REGISTRY
from zhicheng_app.documents.render import RenderJob, make_environment, render_docx, render_many
from zhicheng_app.documents.tokens import sign_token, verify_url

SECRET = "benchmark-secret"
SITE = "https://zc.example.gov.cn"
GOAL_RATIO = 10
GOAL_MS_PER_NOTICE = 8
GOAL_SECONDS_PER_1000 = 10


def _url(kind: str, i: int) -> str:
	return verify_url(SITE, sign_token(SECRET, f"ZC-2024-{i:06d}", kind, 1))


def naive_once(kind: str, context: dict, url: str, number: str) -> bytes:
	spec = REGISTRY[kind]
	tpl = DocxTemplate(spec.path)
	tpl.replace_pic("zc_qr", io.BytesIO(codes.qr_png(url)))
	if spec.barcode:
		tpl.replace_pic("zc_barcode", io.BytesIO(codes.code128_png(number)))
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


def verdict(ok: bool) -> str:
	return "ok" if ok else "MISSED"


def main() -> None:
	n = int(sys.argv[1]) if len(sys.argv) > 1 else 50
	batch = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
	kind = sys.argv[3] if len(sys.argv) > 3 else "publicity_result_002"
	context = REGISTRY[kind].sample()
	print(f"template: {kind}  N={n}")

	render_docx(kind, context, verify_url=_url(kind, 0))  # compile once, as a running site would
	naive = timed(lambda i: naive_once(kind, context, _url(kind, i), f"ZC{i:08d}"), n)
	app = timed(lambda i: render_docx(kind, context, verify_url=_url(kind, i), barcode=f"ZC{i:08d}"), n)

	for label, t in (("naive docxtpl", naive), ("app renderer", app)):
		print(
			f"{label:<14} mean {statistics.mean(t):7.2f} ms  median {statistics.median(t):7.2f} ms  max {max(t):7.2f} ms"
		)
	ratio = statistics.mean(naive) / statistics.mean(app)
	print(
		f"ratio naive / app renderer: {ratio:6.1f}x (goal >= {GOAL_RATIO}x: {verdict(ratio >= GOAL_RATIO)})"
	)

	jobs = (RenderJob(context, _url(kind, i), f"ZC{i:08d}") for i in range(batch))
	start = time.perf_counter()
	total = sum(len(doc) for doc in render_many(kind, jobs))
	elapsed = time.perf_counter() - start
	ms_each = elapsed / batch * 1000  # also the seconds per 1,000 notices
	print(f"batch of {batch} notices: {elapsed:6.2f} s, {ms_each:.2f} ms each, {total / 1e6:.1f} MB of .docx")
	print(f"  goal <= {GOAL_MS_PER_NOTICE} ms per notice: {verdict(ms_each <= GOAL_MS_PER_NOTICE)}")
	print(
		f"  goal <= {GOAL_SECONDS_PER_1000} s per 1,000 notices: {verdict(ms_each <= GOAL_SECONDS_PER_1000)}"
	)


if __name__ == "__main__":
	main()
