// Copyright (c) 2026, zhicheng_app developers
// License: MIT. See license.txt

// The committee office opens the meeting (the experts can vote) and closes it (the count, each
// result through the workflow, the 评审表决结果 document).
frappe.ui.form.on("Review Meeting", {
	setup(frm) {
		frm.set_query("expert", "experts", () => ({ query: "zhicheng_app.services.review_meeting.expert_query" }));
	},
	refresh(frm) {
		if (frm.is_new() || !frappe.user.has_role("Committee Office")) return;
		const run = (method) =>
			frappe
				.call({ method: `zhicheng_app.services.review_meeting.${method}`, type: "POST", args: { name: frm.doc.name } })
				.then((r) => {
					if (method === "close_meeting" && r.message) {
						frappe.show_alert({
							message: __("The meeting is closed: {0} passed, {1} failed", [r.message.passed, r.message.failed]),
							indicator: "green",
						});
					}
					frm.reload_doc();
				});
		if (frm.doc.status === "Draft") {
			frm.add_custom_button(__("Open Meeting"), () => run("open_meeting")).addClass("btn-primary");
		}
		if (frm.doc.status === "Open") {
			frm.add_custom_button(__("Close Meeting"), () =>
				frappe.confirm(__("Close the meeting and write every result through the workflow?"), () => run("close_meeting"))
			).addClass("btn-primary");
		}
	},
});
