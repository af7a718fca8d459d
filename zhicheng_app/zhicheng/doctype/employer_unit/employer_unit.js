// Copyright (c) 2026, zhicheng_app developers
// License: MIT. See license.txt

// All publicity notices (公示) of a unit: per-person notices and the 004 batch notices, generated
// in the background with a progress bar; a .zip of them is attached to the unit privately.

frappe.ui.form.on("Employer Unit", {
	refresh(frm) {
		if (frm.is_new() || !frappe.model.can_print("Employer Unit", frm)) return;
		frm.add_custom_button(__("All Publicity Notices"), () => zhicheng_unit_publicity(frm), __("Documents"));
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

function zhicheng_unit_publicity(frm) {
	frappe.prompt(
		[
			{
				fieldname: "notice",
				fieldtype: "Link",
				options: "Title Notice",
				label: __("Notice"),
				description: __("Leave empty for the applications of every notice"),
			},
		],
		(values) =>
			frappe
				.call({
					method: "zhicheng_app.api.documents.start_batch",
					type: "POST",
					args: { job: "unit_publicity", name: frm.doc.name, notice: values.notice || "" },
				})
				.then(() =>
					frappe.show_alert({ message: __("The document is being generated in the background"), indicator: "blue" })
				),
		__("All Publicity Notices"),
		__("Start")
	);
}
