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
		zhicheng.batch.listen(frm);
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
		(values) => zhicheng.batch.start(frm, "unit_publicity", values.notice),
		__("All Publicity Notices"),
		__("Start")
	);
}
