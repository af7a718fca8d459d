// Copyright (c) 2026, zhicheng_app developers
// License: MIT. See license.txt

// A recorded payment is refunded from its form (with the reason); it is never edited.
frappe.ui.form.on("Fee Payment", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.status !== "Paid" || !frm.perm[0]?.write) return;
		frm.add_custom_button(__("Refund"), () => {
			frappe.prompt(
				[{ fieldname: "reason", fieldtype: "Small Text", label: __("Refund Reason"), reqd: 1 }],
				(values) =>
					frappe
						.call({
							method: "zhicheng_app.api.fees.refund",
							args: { payment: frm.doc.name, reason: values.reason },
							freeze: true,
						})
						.then(() => frm.reload_doc()),
				__("Refund"),
				__("Refund")
			);
		});
	},
});
