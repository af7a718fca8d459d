// Copyright (c) 2026, zhicheng_app developers
// License: MIT. See license.txt

const SEVERITY_ORDER = ["Blocking", "Warning", "Info"];
const SEVERITY_INDICATOR = { Blocking: "red", Warning: "orange", Info: "blue" };
// Read-only fields that hold a stored choice: the unit's ownership and level copied from the unit
const STORED_CHOICES = ["unit_ownership", "unit_location"];

// A workflow state is shown in the user's language, also to those who may not open the Workflow
// State records (Frappe translates a link's value only for users who may read its target)
frappe.form.link_formatters["Workflow State"] = (value) => (value ? __(value) : value);

frappe.ui.form.on("Title Application", {
	setup(frm) {
		const fields = frappe.meta.docfield_map[frm.doctype] || {};
		for (const fieldname of STORED_CHOICES) {
			if (fields[fieldname]) fields[fieldname].formatter = (value) => (value ? __(value) : value);
		}
	},
	refresh(frm) {
		frm.add_custom_button(__("Precheck"), () => zhicheng_precheck(frm));
	},
	before_workflow_action(frm) {
		// A return states every reason at once, a refused confirmation (不予确认) its reason: ask
		// for it and save it first
		const ask = REASON_ACTIONS[frm.selected_workflow_action];
		if (!ask) return;
		// Frappe freezes the page before this hook: lift it while the dialog asks, and freeze
		// again for the save and the action (Frappe unfreezes once the action is done). A
		// cancelled dialog leaves the page as it was.
		frappe.dom.unfreeze();
		return new Promise((resolve, reject) => {
			frappe.prompt(
				{
					fieldname: "reasons",
					fieldtype: "Small Text",
					label: ask.label(),
					reqd: 1,
					description: ask.description(),
				},
				(values) => {
					frappe.dom.freeze();
					frm.set_value(ask.field, values.reasons);
					frm.save().then(resolve, (error) => {
						frappe.dom.unfreeze();
						reject(error);
					});
				},
				ask.title(),
				ask.primary()
			);
		});
	},
});

// The workflow actions that need a reason first: the field it is saved in and the dialog's words
const REASON_ACTIONS = {
	"Return for Revision": {
		field: "return_reasons",
		label: () => __("Return Reasons"),
		description: () => __("Every reason for this return, stated at once; required to return the application"),
		title: () => __("Return for Revision"),
		primary: () => __("Return"),
	},
	"Refuse Confirmation": {
		field: "not_confirmed_reason",
		label: () => __("Reason Not Confirmed"),
		description: () =>
			__("Why the application is not confirmed; the applicant reads it (阿地人社传〔2024〕6号 四、（二）)"),
		title: () => __("Refuse Confirmation"),
		primary: () => __("Not Confirmed"),
	},
};

function zhicheng_precheck(frm) {
	frappe
		.call({
			method: "zhicheng_app.api.precheck.precheck",
			args: { application: frm.is_new() || frm.is_dirty() ? frm.doc : frm.doc.name },
			freeze: true,
			freeze_message: __("Checking the application against the notice..."),
		})
		.then((r) => show_findings(r.message));
}

function show_findings(result) {
	const esc = frappe.utils.escape_html;
	const groups = SEVERITY_ORDER.map((severity) => {
		const items = result.findings.filter((f) => f.severity === severity);
		if (!items.length) return "";
		const rows = items
			.map(
				(f) =>
					`<li>${esc(f.message)} <span class="text-muted small">（${esc(f.seed_ref)} · ${esc(f.rule_id)}）</span></li>`
			)
			.join("");
		return `<h5><span class="indicator-pill ${SEVERITY_INDICATOR[severity]}">${__(severity)}</span> ${items.length}</h5><ul>${rows}</ul>`;
	});
	const materials = (result.required_materials || [])
		.map((m) => `<li>${esc(m.label)} <span class="text-muted small">（${esc(m.seed_ref)}）</span></li>`)
		.join("");
	const deadlines = (result.deadlines || [])
		.map((d) => `<li>${esc(d.label)}：${esc(d.at || "")}</li>`)
		.join("");
	const summary = result.ok
		? `<p class="text-success">${__("No blocking problem found.")}</p>`
		: `<p class="text-danger">${__("Blocking problems must be fixed before you can submit.")}</p>`;
	const fee = result.fee && result.fee.amount != null ? `<p>${__("Fee")}：${esc(String(result.fee.amount))}</p>` : "";
	const defense = result.defense && result.defense.required
		? `<p>${__("Defense")}：${esc(result.defense.reason || "")}</p>`
		: "";
	frappe.msgprint({
		title: __("Precheck"),
		wide: true,
		message:
			summary +
			groups.join("") +
			fee +
			defense +
			(materials ? `<h5>${__("Required Materials")}</h5><ul>${materials}</ul>` : "") +
			(deadlines ? `<h5>${__("Deadlines")}</h5><ul>${deadlines}</ul>` : ""),
	});
}

// ---------------------------------------------------------------- documents (issue 5)
// Download the application's documents as Word or PDF; each carries a QR code for /verify and
// a Code128 of the application number for the paper intake desk. Print permission is checked
// on the server.

frappe.ui.form.on("Title Application", {
	refresh(frm) {
		if (frm.is_new() || !frappe.model.can_print("Title Application", frm)) return;
		frm.add_custom_button(__("Download Document"), () => zhicheng_download_dialog(frm), __("Documents"));
	},
});

function zhicheng_download_dialog(frm) {
	frappe
		.call({
			method: "zhicheng_app.api.documents.available",
			args: { doctype: frm.doctype, name: frm.doc.name },
		})
		.then((r) => {
			const kinds = r.message || [];
			if (!kinds.length) {
				frappe.msgprint(__("No document is available for this record"));
				return;
			}
			const dialog = new frappe.ui.Dialog({
				title: __("Download Document"),
				fields: [
					{
						fieldname: "kind",
						fieldtype: "Select",
						label: __("Document"),
						reqd: 1,
						options: kinds.map((k) => ({ value: k.kind, label: k.title })),
						default: kinds[0].kind,
					},
					{
						fieldname: "file_format",
						fieldtype: "Select",
						label: __("File Format"),
						reqd: 1,
						options: [
							{ value: "docx", label: __("Word (.docx)") },
							{ value: "pdf", label: "PDF" },
						],
						default: "docx",
					},
				],
				primary_action_label: __("Download"),
				primary_action(values) {
					dialog.hide();
					frappe
						.call({
							method: "zhicheng_app.api.documents.generate",
							type: "POST",
							args: { kind: values.kind, doctype: frm.doctype, name: frm.doc.name, file_format: values.file_format },
							freeze: true,
							freeze_message: __("Generating the document..."),
						})
						.then((res) => {
							window.open(res.message.file_url, "_blank");
							frm.reload_doc();
						});
				},
			});
			dialog.show();
		});
}
