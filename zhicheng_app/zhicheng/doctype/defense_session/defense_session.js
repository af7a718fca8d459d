// Copyright (c) 2026, zhicheng_app developers
// License: MIT. See license.txt

// The committee office's defense session (答辩场次): schedule the applications listed, then
// record their scores or the panel's decisions.

frappe.ui.form.on("Defense Session", {
	notice(frm) {
		if (!frm.doc.notice) return;
		frappe
			.call({ method: "zhicheng_app.api.defense.default_mode", args: { notice: frm.doc.notice } })
			.then((r) => r.message && frm.set_value("mode", r.message));
	},
	refresh(frm) {
		frm.set_query("expert", "panel", () => ({ query: "zhicheng_app.api.defense.panel_experts" }));
		frm.set_query("application", "applications", () => ({
			filters: { notice: frm.doc.notice, workflow_state: "Fee Paid", defense_required: 1 },
		}));
		if (frm.is_new() || !frm.perm[1] || !frm.perm[1].write) return;
		if (frm.doc.status === "Cancelled") return;
		if (frm.doc.status !== "Results Recorded") {
			frm.add_custom_button(__("Schedule the Applications"), () =>
				zhicheng_defense_action(frm, "schedule")
			);
		}
		if (frm.doc.status === "Scheduled") {
			frm.add_custom_button(__("Record the Results"), () =>
				frappe.confirm(__("Record the defense results of the scheduled applications?"), () =>
					zhicheng_defense_action(frm, "record_results")
				)
			);
			frm.add_custom_button(
				__("Remove from the Defense"),
				() =>
					zhicheng_defense_reason(frm, "remove_application", [
						{
							fieldname: "application",
							fieldtype: "Select",
							label: __("Application"),
							reqd: 1,
							options: (frm.doc.applications || []).map((r) => r.application),
						},
					]),
				__("Change")
			);
			frm.add_custom_button(
				__("Cancel the Session"),
				() => zhicheng_defense_reason(frm, "cancel_session", []),
				__("Change")
			);
		}
	},
});

function zhicheng_defense_action(frm, action) {
	const run = () =>
		frappe
			.call({
				method: "zhicheng_app.api.defense." + action,
				type: "POST",
				args: { session: frm.doc.name },
				freeze: true,
			})
			.then((r) => {
				const refused = (r.message && r.message.refused) || [];
				if (refused.length) {
					frappe.msgprint({
						title: __("Not every application could be processed"),
						indicator: "orange",
						message: refused
							.map((x) => `${frappe.utils.escape_html(x.application)}: ${frappe.utils.escape_html(x.reason)}`)
							.join("<br>"),
					});
				}
				frm.reload_doc();
			});
	if (frm.is_dirty()) frm.save().then(run);
	else run();
}

// Cancelling the session or taking an application out of it needs the reason: the applicant is
// told it and it stays on the application's timeline.
function zhicheng_defense_reason(frm, action, fields) {
	const dialog = new frappe.ui.Dialog({
		title: action === "cancel_session" ? __("Cancel the Session") : __("Remove from the Defense"),
		fields: [
			...fields,
			{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 },
		],
		primary_action_label: action === "cancel_session" ? __("Cancel the Session") : __("Remove from the Defense"),
		primary_action(values) {
			frappe
				.call({
					method: "zhicheng_app.api.defense." + action,
					type: "POST",
					args: { session: frm.doc.name, ...values },
					freeze: true,
				})
				.then(() => {
					dialog.hide();
					frm.reload_doc();
				});
		},
	});
	dialog.show();
}
