// Copyright (c) 2026, zhicheng_app developers
// License: MIT. See license.txt

// The HR bureau of the unit's region approves or refuses a unit's registration (单位注册).

frappe.ui.form.on("Unit Registration", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.status !== "Awaiting Review" || !frm.perm[0].write) return;
		frm.add_custom_button(__("Approve the Registration"), () =>
			frappe.confirm(__("Create the unit {0} and let its HR log in?", [frm.doc.unit_name]), () =>
				zhicheng_review_registration(frm, "approve", frm.doc.review_note || "")
			)
		);
		frm.add_custom_button(__("Refuse the Registration"), () =>
			frappe.prompt(
				[{ fieldname: "note", fieldtype: "Small Text", label: __("Review Note"), reqd: 1 }],
				(values) => zhicheng_review_registration(frm, "refuse", values.note),
				__("Refuse the Registration"),
				__("Refuse")
			)
		);
	},
});

function zhicheng_review_registration(frm, action, note) {
	frappe
		.call({
			method: "zhicheng_app.api.unit_registration." + action,
			type: "POST",
			args: { registration: frm.doc.name, note },
			freeze: true,
		})
		.then(() => frm.reload_doc());
}
