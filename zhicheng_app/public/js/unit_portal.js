// The employer unit's portal pages (单位职称申报): the list of the unit's applications and the page
// of one application. Every action calls a whitelisted method of zhicheng_app.api.unit_portal (or
// the app's document endpoints and Frappe's upload_file); the server checks everything. The texts
// come from the page (translated on the server).

(function () {
	"use strict";

	const PORTAL = "zhicheng_app.api.unit_portal.";
	const API = "/api/method/" + PORTAL;
	const root = document.querySelector(".zc-unit-portal");
	if (!root) return;
	const labels = JSON.parse(document.getElementById("zc-labels").textContent || "{}");
	root.querySelector(".zc-message").addEventListener("click", (event) => event.currentTarget.classList.add("d-none"));

	function format(text, ...args) {
		return String(text).replace(/\{(\d+)\}/g, (match, i) => (args[i] !== undefined ? args[i] : match));
	}

	function show(message, kind) {
		const box = root.querySelector(".zc-message");
		box.className = "alert zc-message alert-" + (kind || "info");
		box.textContent = message;
		clearTimeout(show.timer);
		if (kind === "info") {
			show.timer = setTimeout(() => box.classList.add("d-none"), 8000);
		}
	}

	function htmlToText(html) {
		const marked = String(html).replace(/<br\s*\/?>|<\/li>|<\/p>/gi, "\n");
		return new DOMParser().parseFromString(marked, "text/html").body.textContent.trim();
	}

	// The messages of a failed response: Frappe's _server_messages, else its message or exception.
	function errorText(data) {
		const texts = [];
		try {
			for (const raw of JSON.parse(data._server_messages || "[]")) {
				const item = typeof raw === "string" ? JSON.parse(raw) : raw;
				if (item && item.message) texts.push(htmlToText(item.message));
			}
		} catch (e) {
			// not the usual shape: fall through
		}
		if (!texts.length && typeof data.message === "string") texts.push(htmlToText(data.message));
		if (!texts.length && data.exception) texts.push(htmlToText(String(data.exception).replace(/^[\w.]+:\s*/, "")));
		return texts.join("\n") || labels.error;
	}

	function form(args) {
		const body = new FormData();
		for (const [key, value] of Object.entries(args || {})) {
			if (value === undefined || value === null) continue;
			if (value instanceof Blob) body.append(key, value, value.name);
			else body.append(key, typeof value === "object" ? JSON.stringify(value) : value);
		}
		return body;
	}

	// ``body``: a FormData to send as it is (a whole form), else ``args`` are sent
	async function request(url, args, method, body) {
		const options = { method: method || "POST", headers: { Accept: "application/json" } };
		if (options.method === "GET") {
			url += "?" + new URLSearchParams(args || {}).toString();
		} else {
			options.headers["X-Frappe-CSRF-Token"] = (window.frappe && frappe.csrf_token) || "";
			options.body = body || form(args);
		}
		try {
			return await fetch(url, options);
		} catch (error) {
			throw new Error(labels.network); // no answer at all: the browser's own text is English
		}
	}

	// A whitelisted method by its dotted path; its "message", or an Error with the server's text.
	async function callMethod(path, args, httpMethod) {
		const response = await request("/api/method/" + path, args, httpMethod);
		const data = await response.json().catch(() => ({}));
		if (!response.ok) throw new Error(errorText(data));
		return data.message;
	}

	const call = (method, args, httpMethod) => callMethod(PORTAL + method, args, httpMethod);

	// The name a download response gives its file. Frappe passes the name through a
	// "unicode-escape" decoding, which turns UTF-8 into one character per byte: undo that.
	function downloadName(response, fallback) {
		const header = response.headers.get("Content-Disposition") || "";
		let name = "";
		const extended = header.match(/filename\*=UTF-8''([^;]+)/i);
		if (extended) name = decodeURIComponent(extended[1]);
		else {
			const plain = header.match(/filename="?([^";]+)"?/i);
			if (plain) name = plain[1];
		}
		if (name && [...name].every((ch) => ch.charCodeAt(0) < 256)) {
			try {
				name = new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from([...name], (ch) => ch.charCodeAt(0)));
			} catch (e) {
				// already readable
			}
		}
		return name || fallback;
	}

	async function download(url, args, fallbackName) {
		show(labels.generating, "info");
		const response = await request(url, args, "POST");
		const type = response.headers.get("Content-Type") || "";
		if (!response.ok || type.includes("application/json")) {
			const data = await response.json().catch(() => ({}));
			throw new Error(errorText(data));
		}
		const blob = await response.blob();
		const name = downloadName(response, fallbackName);
		const link = document.createElement("a");
		link.href = URL.createObjectURL(blob);
		link.download = name;
		document.body.appendChild(link);
		link.click();
		link.remove();
		setTimeout(() => URL.revokeObjectURL(link.href), 60000);
		show(format(labels.downloaded, name), "success");
	}

	function guard(handler) {
		return async function (event) {
			const button = event.currentTarget;
			button.disabled = true;
			try {
				await handler.call(this, event);
			} catch (error) {
				show(error.message || labels.error, "danger");
			} finally {
				button.disabled = false;
			}
		};
	}

	function on(selector, handler) {
		root.querySelectorAll(selector).forEach((el) => el.addEventListener("click", guard(handler)));
	}

	// ------------------------------------------------------------ the list of applications
	function initList() {
		const selectAll = root.querySelector(".zc-select-all");
		if (selectAll) {
			selectAll.addEventListener("change", () => {
				root.querySelectorAll(".zc-select").forEach((box) => (box.checked = selectAll.checked));
			});
		}
		on(".zc-download-selected", async () => {
			const names = [...root.querySelectorAll(".zc-select:checked")].map((box) => box.value);
			if (!names.length) throw new Error(labels.select_first);
			const documentSelect = root.querySelector("#zc-document");
			await download(
				API + "download_documents",
				{
					document: documentSelect.value,
					applications: names,
					file_format: root.querySelector("#zc-format").value,
				},
				documentSelect.selectedOptions[0].textContent + ".zip"
			);
		});
		initPaperStage();
		const unit = root.dataset.unit;
		if (!unit) return;
		const list = root.querySelector(".zc-unit-files");
		async function refreshFiles() {
			const files = await call("unit_files", { unit }, "GET");
			list.replaceChildren();
			if (!files.length) {
				const item = document.createElement("li");
				item.className = "text-muted";
				item.textContent = labels.no_files;
				list.appendChild(item);
			}
			for (const file of files) {
				const item = document.createElement("li");
				const link = document.createElement("a");
				link.href = file.file_url;
				link.target = "_blank";
				link.textContent = file.file_name;
				item.append(link, " " + String(file.creation).slice(0, 16));
				list.appendChild(item);
			}
			return files;
		}
		refreshFiles().catch((error) => show(error.message, "danger"));
		on(".zc-start-batch", async () => {
			const before = (await refreshFiles()).map((f) => f.name);
			await callMethod("zhicheng_app.api.documents.start_batch", { job: "unit_publicity", name: unit });
			show(labels.batch_started, "info");
			for (let i = 0; i < 60; i++) {
				await new Promise((resolve) => setTimeout(resolve, 3000));
				const files = await refreshFiles();
				const fresh = files.find((f) => !before.includes(f.name));
				if (fresh) {
					show(format(labels.batch_done, fresh.file_name), "success");
					return;
				}
			}
		});
	}

	// ------------------------------------------------------------ 004's paper stage (四、（二）)
	function initPaperStage() {
		const card = (event) => event.currentTarget.closest(".zc-paper-stage");
		const target = (box) => ({ unit: box.dataset.unit, notice: box.dataset.notice });
		on(".zc-save-republicity", async (event) => {
			const box = card(event);
			const result = await call("save_republicity", {
				...target(box),
				republicity_start: box.querySelector(".zc-republicity-start").value,
				republicity_end: box.querySelector(".zc-republicity-end").value,
				republicity_objection: box.querySelector(".zc-republicity-objection").checked ? 1 : 0,
				republicity_notes: box.querySelector(".zc-republicity-notes").value,
			});
			show(format(labels.republicity_saved, result.count), "success");
		});
		on(".zc-submit-paper", async (event) => {
			const box = card(event);
			if (!window.confirm(labels.confirm_paper)) return;
			const result = await call("submit_paper", target(box));
			show(format(labels.paper_sent, result.applications.length), "success");
			setTimeout(() => window.location.reload(), 1500);
		});
		on(".zc-download-paper", async (event) => {
			const box = card(event);
			const select = box.querySelector(".zc-paper-document");
			await download(
				API + "download_paper",
				{ ...target(box), document: select.value, file_format: box.querySelector(".zc-paper-format").value },
				select.selectedOptions[0].textContent + ".zip"
			);
		});
	}

	// ------------------------------------------------------------ one application
	function initApplication() {
		const application = root.dataset.application;
		const reload = () => window.location.reload();
		const value = (selector) => {
			const el = root.querySelector(selector);
			return el ? el.value : undefined;
		};

		const start = root.querySelector("#zc-publicity-start");
		const hint = root.querySelector(".zc-earliest-end");
		if (start && hint) {
			start.addEventListener("change", async () => {
				if (!start.value) return;
				try {
					const proposal = await call("propose_publicity_end", { application, start: start.value }, "GET");
					hint.textContent = proposal.message;
					hint.dataset.earliest = proposal.earliest_end || "";
					const end = root.querySelector("#zc-publicity-end");
					if (proposal.earliest_end && (!end.value || end.value < proposal.earliest_end)) {
						end.value = proposal.earliest_end;
					}
				} catch (error) {
					show(error.message, "danger");
				}
			});
		}
		on(".zc-save-publicity", async () => {
			await call("save_publicity", {
				application,
				publicity_start: value("#zc-publicity-start"),
				publicity_end: value("#zc-publicity-end"),
				publicity_notes: value("#zc-publicity-notes"),
			});
			show(labels.saved, "success");
			reload();
		});

		on(".zc-add-objection", async () => {
			await call("add_objection", {
				application,
				received_on: value("#zc-objection-received"),
				raised_by: value("#zc-objection-raised-by"),
				content: value("#zc-objection-content"),
			});
			show(labels.saved, "success");
			reload();
		});
		on(".zc-add-results-objection", async () => {
			await call("add_results_objection", {
				application,
				received_on: value("#zc-results-objection-received"),
				raised_by: value("#zc-results-objection-raised-by"),
				contact: value("#zc-results-objection-contact"),
				content: value("#zc-results-objection-content"),
			});
			show(labels.objection_recorded, "success");
			reload();
		});
		on(".zc-handle-objection", async (event) => {
			const row = event.currentTarget.closest("tr");
			await call("handle_objection", {
				objection: row.dataset.objection,
				status: row.querySelector(".zc-objection-outcome").value,
				handling: row.querySelector(".zc-objection-handling").value,
			});
			show(labels.saved, "success");
			reload();
		});

		on(".zc-download", async (event) => {
			const button = event.currentTarget;
			const row = button.closest("tr");
			const fileFormat = button.dataset.format;
			const fallback = row.querySelector(".zc-document-title").textContent.trim() + "." + fileFormat;
			if (row.dataset.perPerson === "1") {
				await download(
					"/api/method/zhicheng_app.api.documents.download",
					{ kind: row.dataset.kind, doctype: "Title Application", name: application, file_format: fileFormat },
					fallback
				);
			} else {
				await download(
					API + "download_documents",
					{ document: row.dataset.document, applications: [application], file_format: fileFormat },
					fallback
				);
			}
		});

		const fileInput = root.querySelector("#zc-scan-file");
		const fileName = root.querySelector(".zc-file-name");
		if (fileInput && fileName) {
			fileInput.addEventListener("change", () => {
				fileName.textContent = fileInput.files.length ? fileInput.files[0].name : fileName.dataset.empty;
			});
		}
		on(".zc-upload-scan", async () => {
			const input = root.querySelector("#zc-scan-file");
			if (!input.files.length) throw new Error(labels.choose_file);
			const response = await request("/api/method/upload_file", {
				file: input.files[0],
				doctype: "Title Application",
				docname: application,
				is_private: 1,
				method: "zhicheng_app.api.unit_portal.upload_signed_scan",
				application,
				document: value("#zc-scan-document"),
			});
			const data = await response.json().catch(() => ({}));
			if (!response.ok) throw new Error(errorText(data));
			show(format(labels.uploaded, data.message.file_name), "success");
			reload();
		});

		const confirmBox = root.querySelector(".zc-confirm-recommend");
		on(".zc-recommend", async () => confirmBox.classList.remove("d-none"));
		on(".zc-cancel", async () => confirmBox.classList.add("d-none"));
		on(".zc-confirm", async () => {
			const result = await call("recommend", { application });
			show(format(labels.recommended, result.state_label), "success");
			setTimeout(reload, 800);
		});
		on(".zc-return", async () => {
			const reason = (value("#zc-return-reason") || "").trim();
			if (!reason) throw new Error(labels.reason_required);
			await call("return_to_applicant", { application, reason });
			show(labels.returned, "success");
			setTimeout(reload, 800);
		});
	}

	// ------------------------------------------------------------ a unit's registration
	function initRegistration() {
		const formEl = root.querySelector(".zc-register-form");
		const licence = root.querySelector("#zc-licence");
		const licenceName = root.querySelector(".zc-file-name");
		licence.addEventListener("change", () => {
			licenceName.textContent = licence.files.length ? licence.files[0].name : licenceName.dataset.empty;
		});
		on(".zc-register", async () => {
			if (root.querySelector("#zc-password").value !== root.querySelector("#zc-password-again").value) {
				throw new Error(labels.password_mismatch);
			}
			const response = await request("/api/method/zhicheng_app.api.unit_registration.register", null, "POST", new FormData(formEl));
			const data = await response.json().catch(() => ({}));
			if (!response.ok) throw new Error(errorText(data));
			formEl.reset();
			licenceName.textContent = licenceName.dataset.empty;
			show(labels.submitted, "success");
		});
	}

	if (root.classList.contains("zc-unit-register")) initRegistration();
	if (root.classList.contains("zc-unit-list")) initList();
	if (root.classList.contains("zc-unit-application")) initApplication();
	root.dataset.ready = "1"; // the buttons work from here on
})();
