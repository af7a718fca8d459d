// Copyright (c) 2026, zhicheng_app developers
// License: MIT. See license.txt

// Batch documents of a notice (公示情况报告, 任职资格文件): generated in the background with a
// progress bar; the result is attached to the notice privately.

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
		frappe.realtime.off("zhicheng_batch_done");
		frappe.realtime.on("zhicheng_batch_done", (data) => {
			if (data.doctype !== frm.doctype || data.name !== frm.doc.name) return;
			frappe.hide_progress();
			frappe.show_alert({ message: __("The document is ready: {0}", [data.file_name]), indicator: "green" });
			frm.reload_doc();
			if (data.file_url) window.open(data.file_url, "_blank");
		});
	},
});

function zhicheng_notice_batch(frm, job) {
	frappe
		.call({
			method: "zhicheng_app.api.documents.start_batch",
			type: "POST",
			args: { job, name: frm.doc.name },
		})
		.then(() => frappe.show_alert({ message: __("The document is being generated in the background"), indicator: "blue" }));
}
