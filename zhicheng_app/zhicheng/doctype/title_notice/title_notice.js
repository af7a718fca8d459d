// Copyright (c) 2026, zhicheng_app developers
// License: MIT. See license.txt

// Batch documents of a notice (公示情况报告, 任职资格文件): generated in the background with a
// progress bar; the file is attached privately to its Generated Document, which the bureaus read.

frappe.ui.form.on("Title Notice", {
	refresh(frm) {
		if (frm.is_new() || !frappe.model.can_print("Title Notice", frm)) return;
		const group = __("Documents");
		frm.add_custom_button(
			__("Publicity Situation Report with Roster"),
			() => zhicheng_notice_batch(frm, "publicity_report"),
			group
		);
		frm.add_custom_button(__("Qualification Document"), () => zhicheng_notice_batch(frm, "qualification_document"), group);
	},
	onload(frm) {
		zhicheng.batch.listen(frm);
	},
});

function zhicheng_notice_batch(frm, job) {
	zhicheng.batch.start(frm, job);
}

// Deadlines: each window names the workflow states it closes once it has ended (Notice Window
// "Closes Applications In"), stored one per line as the workflow's state names and shown and
// chosen by their labels in the user's language. The server checks them against the workflow.
frappe.ui.form.on("Title Notice", {
	setup(frm) {
		frm.fields_dict.windows.grid.update_docfield_property("closes_states", "formatter", (value) =>
			frappe.utils.escape_html(zhicheng_state_labels(value).join("、"))
		);
	},
});

frappe.ui.form.on("Notice Window", {
	pick_states(frm, cdt, cdn) {
		const row = locals[cdt][cdn];
		frappe.model.with_doctype("Title Application", () => {
			frappe.workflow.setup("Title Application");
			const workflow = frappe.workflow.workflows["Title Application"];
			const states = (workflow?.states || []).map((s) => s.state);
			const chosen = zhicheng_states(row.closes_states);
			const dialog = new frappe.ui.Dialog({
				title: __("Closes Applications In"),
				fields: [
					{
						fieldname: "states",
						fieldtype: "MultiCheck",
						columns: 2,
						options: [...new Set(states)].map((state) => ({
							label: __(state),
							value: state,
							checked: chosen.includes(state),
						})),
					},
				],
				primary_action_label: __("Choose States"),
				primary_action({ states: picked }) {
					frappe.model.set_value(cdt, cdn, "closes_states", (picked || []).join("\n"));
					dialog.hide();
				},
			});
			dialog.show();
		});
	},
});

function zhicheng_states(value) {
	return (value || "")
		.split(/[\n,，、;；]+/)
		.map((s) => s.trim())
		.filter(Boolean);
}

function zhicheng_state_labels(value) {
	return zhicheng_states(value).map((state) => __(state));
}
