// Copyright (c) 2026, zhicheng_app developers
// License: MIT. See license.txt

frappe.ui.form.on("Workflow", {
	refresh(frm) {
		if (frm.doc.name !== "Title Application Approval") return;
		frm.add_custom_button(__("Restore Default"), () => {
			frappe.confirm(__("Replace every state and transition with the shipped default?"), () =>
				frappe
					.call({ method: "zhicheng_app.workflows.restore_default" })
					.then(() => frm.reload_doc())
			);
		});
	},
});
