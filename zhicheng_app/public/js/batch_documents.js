// Copyright (c) 2026, zhicheng_app developers
// License: MIT. See license.txt

// Batch documents started from a form (a unit's 公示, a notice's 公示情况报告 and 任职资格文件):
// the job runs in the background, its progress bar shows on the form, and the form says when the
// file is ready or, in Chinese, why the job failed.

frappe.provide("zhicheng.batch");

zhicheng.batch.listen = function (frm) {
	const mine = (data) => data.doctype === frm.doctype && data.name === frm.doc.name;
	frappe.realtime.off("zhicheng_batch_done");
	frappe.realtime.on("zhicheng_batch_done", (data) => {
		if (!mine(data)) return;
		frappe.hide_progress();
		frappe.show_alert({ message: __("The document is ready: {0}", [data.file_name]), indicator: "green" });
		frm.reload_doc();
		if (data.file_url) window.open(data.file_url, "_blank");
	});
	frappe.realtime.off("zhicheng_batch_failed");
	frappe.realtime.on("zhicheng_batch_failed", (data) => {
		if (!mine(data)) return;
		frappe.hide_progress();
		frappe.msgprint({ title: __("The documents could not be generated"), message: data.message, indicator: "red" });
	});
};

zhicheng.batch.start = function (frm, job, notice) {
	return frappe
		.call({
			method: "zhicheng_app.api.documents.start_batch",
			type: "POST",
			args: { job, name: frm.doc.name, notice: notice || "" },
		})
		.then(() =>
			frappe.show_alert({ message: __("The document is being generated in the background"), indicator: "blue" })
		);
};
