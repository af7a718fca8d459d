// Copyright (c) 2026, zhicheng_app developers
// License: MIT. See license.txt

// All publicity notices (公示) of a unit: per-person notices and the 004 batch notices, generated
// in the background with a progress bar; a .zip of them is attached to the unit privately.

frappe.ui.form.on("Employer Unit", {
	refresh(frm) {
		if (frm.is_new() || !frappe.model.can_print("Employer Unit", frm)) return;
		frm.add_custom_button(__("All Publicity Notices"), () => zhicheng_unit_publicity(frm), __("Documents"));
		if (frappe.model.can_create("Fee Payment")) {
			frm.add_custom_button(__("Record the Staff's Fees"), () => zhicheng_unit_fees(frm));
		}
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

// The fee desk records the fees a unit pays for all its staff: the unit's accepted applications
// awaiting their fee under a notice, one receipt number each; each application is recorded on its
// own and a refused one is listed with its reason.
function zhicheng_unit_fees(frm) {
	const api = "zhicheng_app.api.fees.";
	const dialog = new frappe.ui.Dialog({
		title: __("Record the Staff's Fees"),
		size: "large",
		fields: [
			{
				fieldname: "notice",
				fieldtype: "Link",
				options: "Title Notice",
				label: __("Notice"),
				reqd: 1,
				onchange: () => load(),
			},
			{ fieldname: "method", fieldtype: "Select", label: __("Payment Method"), reqd: 1 },
			{
				fieldname: "applications",
				fieldtype: "Table",
				label: __("Applications Awaiting the Fee"),
				cannot_add_rows: true,
				in_place_edit: true,
				data: [],
				fields: [
					{ fieldname: "application", fieldtype: "Data", label: __("Application"), in_list_view: 1, read_only: 1 },
					{ fieldname: "applicant_name", fieldtype: "Data", label: __("Applicant Name"), in_list_view: 1, read_only: 1 },
					{ fieldname: "fee_amount", fieldtype: "Currency", label: __("Fee"), in_list_view: 1, read_only: 1 },
					{ fieldname: "receipt_number", fieldtype: "Data", label: __("Receipt Number"), in_list_view: 1 },
				],
			},
		],
		primary_action_label: __("Record"),
		primary_action(values) {
			// the rows as edited in place (the grid's rows hold the documents the inputs write to)
			const receipts = {};
			const grid = dialog.get_field("applications").grid;
			(grid.grid_rows || []).forEach(({ doc }) => (receipts[doc.application] = doc.receipt_number || ""));
			frappe
				.call({
					method: api + "record_unit_payments",
					args: { unit: frm.doc.name, notice: values.notice, method: values.method, receipts },
					freeze: true,
				})
				.then(({ message }) => {
					dialog.hide();
					const esc = frappe.utils.escape_html;
					const done = message.recorded.map((r) => `<li>${esc(r.application)} → ${esc(r.payment)}</li>`);
					const failed = message.failed.map((r) => `<li>${esc(r.application)}：${esc(r.error)}</li>`);
					frappe.msgprint({
						title: __("Staff Fees Recorded"),
						indicator: failed.length ? "orange" : "green",
						message:
							`<p>${__("Recorded: {0}", [done.length])}</p><ul>${done.join("")}</ul>` +
							(failed.length ? `<p>${__("Refused: {0}", [failed.length])}</p><ul>${failed.join("")}</ul>` : ""),
					});
				});
		},
	});
	let loaded = null; // the notice whose applications the table shows (a Link field fires twice)
	function load() {
		const notice = dialog.get_value("notice");
		if (!notice || notice === loaded) return;
		loaded = notice;
		frappe.call({ method: api + "unit_awaiting_fee", args: { unit: frm.doc.name, notice } }).then(({ message }) => {
			const field = dialog.get_field("method");
			field.df.options = message.methods;
			field.refresh();
			dialog.set_value("method", message.methods.length ? message.methods[0].value : "");
			const table = dialog.get_field("applications");
			table.df.data = message.applications.map((row) => ({ ...row, receipt_number: "" }));
			table.grid.refresh();
		});
	}
	dialog.show();
}
