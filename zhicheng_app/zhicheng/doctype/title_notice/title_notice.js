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
