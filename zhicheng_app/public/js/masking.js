// 信息遮盖 (/masking?application=<name>): each uploaded image with its proposed boxes, which the
// user moves, resizes, deletes and draws (boxes are kept in the image's own pixels and shown
// scaled), confirms, and the masked copy. While the text recognition runs the page polls.
(function () {
	const root = document.querySelector(".zc-masking");
	if (!root) return;
	const labels = JSON.parse(document.getElementById("zc-labels").textContent);
	const application = root.dataset.application;
	const mayConfirm = root.dataset.mayConfirm === "1";
	const list = root.querySelector(".zc-items");
	const message = root.querySelector(".zc-message");
	const items = {}; // redaction name -> {data, boxes, element}
	const MIN = 4; // pixels of the image: a smaller drawn box is dropped

	function say(text, kind) {
		message.textContent = text;
		message.className = "alert zc-message alert-" + (kind || "info");
	}

	function errorText(data) {
		const texts = [];
		try {
			for (const raw of JSON.parse(data._server_messages || "[]")) {
				const item = typeof raw === "string" ? JSON.parse(raw) : raw;
				if (item && item.message) texts.push(String(item.message).replace(/<[^>]+>/g, ""));
			}
		} catch (e) {
			// not the usual shape
		}
		if (!texts.length && data.exception) texts.push(String(data.exception).replace(/^[\w.]+:\s*/, ""));
		return texts.join("\n") || labels.error;
	}

	async function call(method, args, httpMethod) {
		let url = "/api/method/zhicheng_app.api.masking." + method;
		const options = { method: httpMethod || "POST", headers: { Accept: "application/json" } };
		if (options.method === "GET") {
			url += "?" + new URLSearchParams(args).toString();
		} else {
			options.headers["X-Frappe-CSRF-Token"] = (window.frappe && frappe.csrf_token) || "";
			const body = new FormData();
			for (const [key, value] of Object.entries(args)) body.append(key, value);
			options.body = body;
		}
		let response;
		try {
			response = await fetch(url, options);
		} catch (e) {
			throw new Error(labels.network);
		}
		const data = await response.json().catch(() => ({}));
		if (!response.ok) throw new Error(errorText(data));
		return data.message;
	}

	function el(tag, className, text) {
		const node = document.createElement(tag);
		if (className) node.className = className;
		if (text !== undefined) node.textContent = text;
		return node;
	}

	function scaleOf(item) {
		const img = item.img;
		return img.naturalWidth ? img.clientWidth / img.naturalWidth : 1;
	}

	function drawBoxes(item) {
		const stage = item.stage;
		stage.querySelectorAll(".zc-box").forEach((b) => b.remove());
		const s = scaleOf(item);
		item.boxes.forEach((box, index) => {
			const div = el("div", "zc-box");
			div.dataset.index = index;
			Object.assign(div.style, {
				left: box.x * s + "px",
				top: box.y * s + "px",
				width: box.w * s + "px",
				height: box.h * s + "px",
			});
			div.appendChild(el("span", "zc-tag", labels.box_labels[box.label] || labels.box_labels.manual));
			if (item.editable) {
				const del = el("button", "zc-del", "×");
				del.type = "button";
				del.title = labels.delete;
				div.appendChild(del);
				const handle = el("span", "zc-handle");
				handle.title = labels.resize;
				div.appendChild(handle);
			}
			stage.appendChild(div);
		});
		item.count.textContent = item.boxes.length ? labels.boxes.replace("{0}", item.boxes.length) : labels.no_boxes;
	}

	function point(item, event) {
		const rect = item.img.getBoundingClientRect();
		const s = scaleOf(item);
		const x = Math.min(Math.max(event.clientX - rect.left, 0), rect.width) / s;
		const y = Math.min(Math.max(event.clientY - rect.top, 0), rect.height) / s;
		return { x, y };
	}

	function clampBox(item, box) {
		const W = item.img.naturalWidth, H = item.img.naturalHeight;
		box.w = Math.max(1, Math.min(box.w, W));
		box.h = Math.max(1, Math.min(box.h, H));
		box.x = Math.min(Math.max(0, box.x), W - box.w);
		box.y = Math.min(Math.max(0, box.y), H - box.h);
		return box;
	}

	function attachEditing(item) {
		const stage = item.stage;
		let drag = null;
		stage.addEventListener("pointerdown", (event) => {
			if (!item.editable || event.button !== 0) return;
			const target = event.target;
			const boxEl = target.closest(".zc-box");
			const p = point(item, event);
			if (target.classList.contains("zc-del")) {
				item.boxes.splice(Number(boxEl.dataset.index), 1);
				drawBoxes(item);
				event.preventDefault();
				return;
			}
			if (boxEl) {
				const box = item.boxes[Number(boxEl.dataset.index)];
				drag = { mode: target.classList.contains("zc-handle") ? "resize" : "move", box, start: p, origin: { ...box } };
			} else {
				const box = { x: p.x, y: p.y, w: 0, h: 0, label: "manual", source: "user" };
				item.boxes.push(box);
				drag = { mode: "draw", box, start: p, origin: { ...box } };
			}
			stage.setPointerCapture(event.pointerId);
			event.preventDefault();
		});
		stage.addEventListener("pointermove", (event) => {
			if (!drag) return;
			const p = point(item, event);
			const dx = p.x - drag.start.x, dy = p.y - drag.start.y;
			const box = drag.box, o = drag.origin;
			if (drag.mode === "move") {
				box.x = o.x + dx;
				box.y = o.y + dy;
				clampBox(item, box);
			} else if (drag.mode === "resize") {
				box.w = Math.max(MIN, o.w + dx);
				box.h = Math.max(MIN, o.h + dy);
				box.w = Math.min(box.w, item.img.naturalWidth - box.x);
				box.h = Math.min(box.h, item.img.naturalHeight - box.y);
			} else {
				box.x = Math.min(o.x, p.x);
				box.y = Math.min(o.y, p.y);
				box.w = Math.abs(dx);
				box.h = Math.abs(dy);
			}
			drawBoxes(item);
		});
		const end = () => {
			if (!drag) return;
			if (drag.mode === "draw" && (drag.box.w < MIN || drag.box.h < MIN)) {
				item.boxes.splice(item.boxes.indexOf(drag.box), 1);
			}
			drag = null;
			drawBoxes(item);
		};
		stage.addEventListener("pointerup", end);
		stage.addEventListener("pointercancel", end);
	}

	function render(data) {
		let item = items[data.name];
		const fresh = !item;
		if (fresh) {
			item = items[data.name] = { element: el("section", "card mb-3 zc-item") };
			item.element.dataset.redaction = data.name;
			list.appendChild(item.element);
		}
		item.data = data;
		item.boxes = (data.boxes || []).map((b) => ({ ...b }));
		item.editable = mayConfirm && data.status !== "Pending";
		const card = item.element;
		card.innerHTML = "";
		card.dataset.status = data.status;
		const body = el("div", "card-body");
		card.appendChild(body);
		const heading = el("h5", "card-title");
		heading.appendChild(document.createTextNode(data.label || data.material_code || data.name));
		const badge = el("span", "badge badge-light ml-2 zc-status", labels.status[data.status] || data.status);
		heading.appendChild(badge);
		item.count = el("small", "text-muted ml-2 zc-count");
		heading.appendChild(item.count);
		body.appendChild(heading);
		if (data.status === "Pending") body.appendChild(el("p", "small text-muted zc-reading", labels.reading));
		if (data.error) body.appendChild(el("p", "small text-danger zc-error", data.error));
		item.stage = el("div", "zc-stage");
		item.img = el("img");
		item.img.alt = data.label || data.material_code || "";
		item.img.src = data.original_file;
		item.img.addEventListener("load", () => drawBoxes(item));
		item.stage.appendChild(item.img);
		body.appendChild(item.stage);
		attachEditing(item);
		if (item.editable) {
			const bar = el("div", "mt-2");
			const button = el("button", "btn btn-primary btn-sm zc-confirm", labels.confirm);
			button.type = "button";
			button.addEventListener("click", () => confirm(item, button));
			bar.appendChild(button);
			body.appendChild(bar);
		}
		if (data.redacted_file) {
			const copy = el("div", "mt-3 zc-redacted");
			copy.appendChild(el("h6", "", labels.masked_copy));
			const img = el("img");
			img.alt = labels.masked_copy;
			img.src = data.redacted_file + "?v=" + encodeURIComponent(data.confirmed_at || "");
			copy.appendChild(img);
			body.appendChild(copy);
		}
		if (item.img.complete) drawBoxes(item);
	}

	async function confirm(item, button) {
		button.disabled = true;
		try {
			const boxes = item.boxes.map((b) => ({
				x: Math.round(b.x),
				y: Math.round(b.y),
				w: Math.round(b.w),
				h: Math.round(b.h),
				label: b.label,
				source: b.source,
			}));
			const data = await call("confirm", { redaction: item.data.name, boxes: JSON.stringify(boxes) });
			data.label = item.data.label;
			render(data);
			say(labels.confirmed, "success");
		} catch (error) {
			say(error.message, "danger");
			button.disabled = false;
		}
	}

	function progress(view) {
		const pending = view.items.filter((i) => i.status === "Pending").length;
		root.querySelector(".zc-progress").classList.toggle("d-none", !pending);
		const text = root.querySelector(".zc-progress-text");
		text.classList.toggle("d-none", !pending);
		text.textContent = pending ? labels.reading + " (" + pending + "/" + view.items.length + ")" : "";
	}

	async function poll() {
		try {
			const view = await call("status", { application }, "GET");
			for (const data of view.items) {
				const known = items[data.name];
				if (!known || known.data.status !== data.status) render(data);
			}
			progress(view);
			if (view.pending) setTimeout(poll, 2000);
		} catch (error) {
			say(error.message, "danger");
			setTimeout(poll, 5000);
		}
	}

	const view = JSON.parse(document.getElementById("zc-view").textContent);
	view.items.forEach(render);
	progress(view);
	if (view.pending) setTimeout(poll, 1500);
	window.addEventListener("resize", () => Object.values(items).forEach(drawBoxes));
})();
