// Copyright (c) 2026, zhicheng_app developers
// License: MIT. See license.txt

// On a notice's form the committee office builds the review packets of every accepted application
// in the background; the progress bar shows on the form and the form says when they are done.
frappe.ui.form.on("Title Notice", {
	refresh(frm) {
		if (frm.is_new() || !frappe.user.has_role("Committee Office")) return;
		frappe.realtime.off("zhicheng_packets_done");
		frappe.realtime.on("zhicheng_packets_done", (data) => {
			if (data.notice !== frm.doc.name) return;
			frappe.hide_progress();
			frappe.show_alert({
				message: __("Review packets built: {0} of {1}, failed: {2}", [data.built, data.total, data.failed]),
				indicator: data.failed ? "orange" : "green",
			});
		});
		frm.add_custom_button(
			__("Build Review Packets"),
			() =>
				frappe
					.call({
						method: "zhicheng_app.services.review_packets.start_notice_packets",
						type: "POST",
						args: { notice: frm.doc.name },
					})
					.then(() =>
						frappe.show_alert({ message: __("The review packets are being built in the background"), indicator: "blue" })
					),
			__("Review Packets")
		);
	},
});
