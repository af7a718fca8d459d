// The applicant's web form: zh captions for Frappe's controls, the material checklist, the
// precheck with its findings beside the fields, saving a draft and submitting. The server checks
// everything again (scope, editability by state, the precheck on submit).
//
// This file is rendered by Jinja with the web form's context (services/portal.py).

Object.assign(frappe._messages, {{ portal_messages }});
const zhicheng_portal = {{ portal_settings }};
// Frappe's date picker reads its language from the desk's boot, which a web form does not have
frappe.boot.user = Object.assign({ language: frappe.boot.lang, last_selected_values: {} }, frappe.boot.user);

(function () {
	const previous = frappe.init_client_script;
	// Frappe's WebForm.make() runs init_client_script and then calls web_form.after_load
	frappe.init_client_script = () => {
		previous && previous();
		const form = frappe.web_form;
		form.handle_success = (data) => zhicheng_after_save(form, data);
		form.after_load = () => zhicheng_setup(form);
	};
})();

const ZC_SEVERITIES = ["Blocking", "Warning", "Info"];
const zc_esc = (text) => frappe.utils.escape_html(text == null ? "" : String(text));

function zhicheng_setup(form) {
	const name = form.doc && form.doc.name;
	zhicheng_add_styles();
	zhicheng_set_materials(form, zhicheng_portal.materials || []);
	form.on("notice", (field, value) => zhicheng_load_materials(form, value));
	if (form.fields_dict.attachments) {
		form.fields_dict.attachments.$wrapper.before('<div class="zc-checklist"></div>');
		form.fields_dict.attachments.$wrapper.on("change", () => zhicheng_render_checklist(form));
	}
	zhicheng_render_checklist(form);
	$(".web-form-wrapper").before('<div class="zc-messages"></div><div class="zc-precheck-summary"></div>');

	const actions = $(".web-form-footer .right-area");
	const precheck = $(`<button type="button" class="btn btn-default btn-sm ml-2 zc-precheck-btn">${__("Precheck")}</button>`);
	precheck.on("click", () => zhicheng_precheck(form));
	actions.find(".submit-btn").before(precheck);
	if (name && zhicheng_portal.submit_action) {
		const label = zhicheng_portal.submit_action === "Resubmit" ? __("Resubmit Application") : __("Submit Application");
		const submit = $(`<button type="button" class="btn btn-primary btn-sm ml-2 zc-submit-btn">${label}</button>`);
		submit.on("click", () => zhicheng_submit(form));
		actions.append(submit);
		actions.find(".submit-btn").removeClass("btn-primary").addClass("btn-default");
	}
	const notice = form.fields_dict.notice;
	if (notice && notice.df.read_only && zhicheng_portal.notice_title) {
		// fixed since the submission: show the notice by its title, not its code
		notice.df.formatter = () => zc_esc(zhicheng_portal.notice_title);
		notice.refresh();
	}
	const returned = zhicheng_portal.returned;
	if (returned) {
		const deadline = returned.deadline ? `<div>${zc_esc(__("Resubmit by {0} (Beijing time)", [returned.deadline]))}</div>` : "";
		$(".zc-messages").append(`<div class="zc-notice zc-badge-orange zc-returned">
			<strong>${__("Returned for revision")}</strong>（${zc_esc(returned.at)}）
			<div style="white-space: pre-wrap">${zc_esc(returned.reasons)}</div>${deadline}</div>`);
	}
	const params = frappe.utils.get_query_params();
	if (params.saved) {
		zhicheng_notice(__("Saved as a draft; not submitted yet."), "green");
	}
	if (params.precheck) {
		zhicheng_precheck(form);
	}
}

function zhicheng_add_styles() {
	$("head").append(`<style>
		.zc-finding { margin-top: 4px; padding: 4px 8px; border-radius: 4px; font-size: 13px; }
		.zc-finding-Blocking { background: #fdecec; color: #a61b1b; }
		.zc-finding-Warning { background: #fff4e0; color: #8a5300; }
		.zc-finding-Info { background: #eaf2fd; color: #1d4f91; }
		.zc-finding .zc-clause { color: #6b7280; font-size: 12px; }
		.zc-precheck-summary > div, .zc-checklist > div, .zc-notice { margin-bottom: 16px; padding: 12px 16px; border-radius: 8px; border: 1px solid #e5e7eb; }
		.zc-checklist li { margin: 2px 0; }
		.zc-badge { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 12px; margin-left: 4px; }
		.zc-badge-red { background: #fdecec; color: #a61b1b; }
		.zc-badge-green { background: #e6f6ec; color: #16703c; }
		.zc-badge-gray { background: #f3f4f6; color: #4b5563; }
		.zc-badge-orange { background: #fff4e0; color: #8a5300; }
		.web-form .grid-heading-row .row-index { white-space: nowrap; }
	</style>`);
}

function zhicheng_notice(message, colour) {
	$(".zc-notice:not(.zc-returned)").remove();
	$(".zc-messages").append(`<div class="zc-notice zc-badge-${colour}">${zc_esc(message)}</div>`);
}

// ------------------------------------------------------------------ materials
function zhicheng_set_materials(form, materials) {
	const field = form.fields_dict.attachments;
	if (!field) return;
	form.zc_materials = materials;
	const labels = Object.fromEntries(materials.map((m) => [m.code, m.label]));
	const grid = field.grid;
	grid.update_docfield_property("material_code", "options", [
		{ value: "", label: "" },
		...materials.map((m) => ({ value: m.code, label: m.label })),
	]);
	// the row shows the material's caption, never its code, and the file's name, not its path
	grid.update_docfield_property("material_code", "formatter", (value) => zc_esc(labels[value] || value || ""));
	grid.update_docfield_property("file", "formatter", (value) => {
		if (!value) return "";
		const file_name = decodeURIComponent(String(value).split("/").pop());
		return `<a href="${zc_esc(value)}" target="_blank">${zc_esc(file_name)}</a>`;
	});
	grid.refresh();
	zhicheng_render_checklist(form);
}

function zhicheng_load_materials(form, notice) {
	if (!notice) return zhicheng_set_materials(form, []);
	frappe
		.call({ method: "zhicheng_app.api.portal.materials", args: { notice } })
		.then((r) => zhicheng_set_materials(form, r.message || []));
}

function zhicheng_render_checklist(form, required_codes) {
	const box = $(".zc-checklist");
	if (!box.length) return;
	if (required_codes) form.zc_required = new Set(required_codes);
	const materials = form.zc_materials || [];
	if (!materials.length) {
		box.html(`<div class="text-muted">${__("Choose the notice first")}</div>`);
		return;
	}
	const rows = form.fields_dict.attachments.grid.get_data() || [];
	const uploaded = new Set(rows.filter((r) => r.file && r.material_code).map((r) => r.material_code));
	const items = materials
		.map((m) => {
			const required = form.zc_required
				? form.zc_required.has(m.code)
					? `<span class="zc-badge zc-badge-red">${__("Required")}</span>`
					: `<span class="zc-badge zc-badge-gray">${__("If applicable")}</span>`
				: "";
			const state = uploaded.has(m.code)
				? `<span class="zc-badge zc-badge-green">${__("Uploaded")}</span>`
				: `<span class="zc-badge zc-badge-gray">${__("Not uploaded")}</span>`;
			const clause = m.clause ? ` <span class="zc-clause text-muted small">（${zc_esc(m.clause)}）</span>` : "";
			return `<li>${zc_esc(m.label)}${clause}${required}${state}</li>`;
		})
		.join("");
	box.html(`<div><strong>${__("Materials to upload")}</strong><ul class="mb-0">${items}</ul></div>`);
}

// ------------------------------------------------------------------ precheck
function zhicheng_form_values(form) {
	const name = form.doc && form.doc.name;
	if (name && !frappe.form_dirty) return name;
	return Object.assign({}, form.doc, form.get_values(true) || {}, { doctype: "Title Application" });
}

function zhicheng_precheck(form) {
	return frappe
		.call({
			method: "zhicheng_app.api.portal.precheck",
			args: { application: zhicheng_form_values(form) },
			freeze: true,
			freeze_message: __("Checking..."),
		})
		.then((r) => zhicheng_show_findings(form, r.message));
}

function zhicheng_show_findings(form, result) {
	$(".zc-finding").remove();
	const general = [];
	for (const finding of result.findings) {
		const field = finding.form_field && form.fields_dict[finding.form_field];
		const clause = finding.seed_ref ? ` <span class="zc-clause">（${zc_esc(finding.seed_ref)}）</span>` : "";
		const html = `<div class="zc-finding zc-finding-${finding.severity}" data-rule="${zc_esc(finding.rule_id)}">
			<strong>${zc_esc(finding.severity_label)}</strong>：${zc_esc(finding.message)}${clause}</div>`;
		if (field && field.$wrapper && field.$wrapper.is(":visible")) {
			field.$wrapper.append(html);
			finding.placed = true;
		} else {
			general.push(html);
		}
	}
	const count = (severity) => result.findings.filter((f) => f.severity === severity).length;
	const headline = result.ok
		? `<div class="zc-badge-green"><strong>${__("Nothing blocks the submission.")}</strong> `
		: `<div class="zc-badge-red"><strong>${__("Fix the problems marked beside the fields, then submit again.")}</strong> `;
	const counts = __("{0} blocking, {1} warnings, {2} notes", [count("Blocking"), count("Warning"), count("Info")]);
	const rest = general.length ? `<div class="mt-2">${__("About the application as a whole")}${general.join("")}</div>` : "";
	$(".zc-precheck-summary").html(`${headline}${zc_esc(counts)}${rest}</div>`);
	zhicheng_render_checklist(form, (result.required_materials || []).map((m) => m.code));
	const first = $(".zc-finding-Blocking").first();
	$("html, body").animate({ scrollTop: (first.length ? first : $(".zc-precheck-summary")).offset().top - 120 }, 200);
}

// ------------------------------------------------------------------ save and submit
function zhicheng_after_save(form, data) {
	if (form.zc_submit_after_save) {
		form.zc_submit_after_save = false;
		return zhicheng_submit(form, data.name);
	}
	window.location.href = `/title-application/${encodeURIComponent(data.name)}/edit?saved=1`;
}

function zhicheng_submit(form, saved_name) {
	const name = saved_name || form.doc.name;
	if (frappe.form_dirty && !saved_name) {
		// save first; zhicheng_after_save submits once the draft is stored
		form.zc_submit_after_save = true;
		return form.save();
	}
	return frappe
		.call({
			method: "zhicheng_app.api.portal.submit",
			args: { application: name },
			freeze: true,
			freeze_message: __("Submitting..."),
		})
		.then((r) => {
			const result = r.message;
			if (!result.ok) {
				if (saved_name) {
					// the page shows the draft before this save: reload it with the findings
					window.location.href = `/title-application/${encodeURIComponent(name)}/edit?saved=1&precheck=1`;
					return;
				}
				zhicheng_show_findings(form, result);
				return;
			}
			window.location.href = `${result.url}?submitted=1`;
		});
}
