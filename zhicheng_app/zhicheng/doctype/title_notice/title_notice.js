// Copyright (c) 2026, zhicheng_app developers
// License: MIT. See license.txt

// Batch documents of a notice (公示情况报告, 任职资格文件): generated in the background with a
// progress bar; the file is attached privately to its Generated Document, which the bureaus read.

frappe.ui.form.on("Title Notice", {
	refresh(frm) {
		if (frm.is_new() || !frappe.model.can_print("Title Notice", frm)) return;
		const group = __("Documents");
		frm.add_custom_button(
			__("Publicity Situation Report with Roster"),
			() => zhicheng_notice_batch(frm, "publicity_report"),
			group
		);
		frm.add_custom_button(__("Qualification Document"), () => zhicheng_qualification_document(frm), group);
		if (frappe.user.has_role(["Committee Office", "Title Administrator"])) {
			frm.add_custom_button(__("Start the Results Publicity"), () => zhicheng_results_publicity(frm), __("Results"));
		}
	},
	onload(frm) {
		zhicheng.batch.listen(frm);
	},
});

function zhicheng_notice_batch(frm, job) {
	zhicheng.batch.start(frm, job);
}

// 任职资格文件: the issuing body enters its document number (文号); the certified applications not
// yet issued in another document are listed.
function zhicheng_qualification_document(frm) {
	frappe.prompt(
		[{ fieldname: "doc_no", fieldtype: "Data", label: __("Document Number"), reqd: 1 }],
		(values) =>
			frappe
				.call({
					method: "zhicheng_app.api.results.issue_qualification_document",
					type: "POST",
					args: { notice: frm.doc.name, doc_no: values.doc_no },
				})
				.then(() =>
					frappe.show_alert({ message: __("The document is being generated in the background"), indicator: "blue" })
				),
		__("Qualification Document"),
		__("Generate")
	);
}

// 会议公示: the applications that passed the meeting are publicised from today for the notice's
// working days; certification waits for its end.
function zhicheng_results_publicity(frm) {
	frappe.confirm(__("Start the results publicity of every application of this notice that passed the meeting?"), () =>
		frappe
			.call({ method: "zhicheng_app.api.results.start_results_publicity", type: "POST", args: { notice: frm.doc.name } })
			.then((r) =>
				frappe.msgprint(
					__("Results publicity of {0} applications from {1} to {2}", [r.message.started.length, r.message.start, r.message.end])
				)
			)
	);
}

// Deadlines: each window names the workflow states it closes once it has ended (Notice Window
// "Closes Applications In"), stored one per line as the workflow's state names and shown and
// chosen by their labels in the user's language. The server checks them against the workflow.
frappe.ui.form.on("Title Notice", {
	refresh(frm) {
		const grid = frm.fields_dict.windows?.grid;
		if (!grid) return;
		const formatter = (value) => frappe.utils.escape_html(zhicheng_state_labels(value).join("、"));
		grid.docfields.find((df) => df.fieldname === "closes_states").formatter = formatter; // new rows
		grid.update_docfield_property("closes_states", "formatter", formatter);
		grid.refresh();
	},
});

frappe.ui.form.on("Notice Window", {
	pick_states(frm, cdt, cdn) {
		const row = locals[cdt][cdn];
		// the workflow's states that have not ended an application, in its order (from the server)
		const states = frm.doc.__onload?.closable_states || [];
		const chosen = zhicheng_states(row.closes_states);
		const dialog = new frappe.ui.Dialog({
			title: __("Closes Applications In"),
			fields: [
				{
					fieldname: "states",
					fieldtype: "MultiCheck",
					columns: 2,
					sort_options: false,
					options: states.map((state) => ({
						label: __(state),
						value: state,
						checked: chosen.includes(state),
					})),
				},
			],
			primary_action_label: __("Choose States"),
			primary_action({ states: picked }) {
				frappe.model.set_value(cdt, cdn, "closes_states", (picked || []).join("\n"));
				dialog.hide();
			},
		});
		dialog.show();
	},
});

function zhicheng_states(value) {
	return (value || "")
		.split(/[\n,，、;；]+/)
		.map((s) => s.trim())
		.filter(Boolean);
}

function zhicheng_state_labels(value) {
	return zhicheng_states(value).map((state) => __(state));
}

// Copy for next year: a new notice with every date one year later; what the copy still needs
// reviewed (computed and stored by the server) is shown at the top of the copy's form.
const ZHICHENG_COPY_ROLES = ["Title Administrator", "System Manager"];

frappe.ui.form.on("Title Notice", {
	refresh(frm) {
		zhicheng_show_copy_review(frm);
		if (frm.is_new() || !frappe.user.has_role(ZHICHENG_COPY_ROLES)) return;
		frm.add_custom_button(__("Copy for next year"), () => zhicheng_copy_for_next_year(frm));
	},
});

function zhicheng_copy_review_lines(text) {
	return (text || "")
		.split("\n")
		.map((line) => line.replace(/^\d+\.\s*/, "").trim())
		.filter(Boolean);
}

function zhicheng_copy_review_html(lines) {
	const items = lines.map((line) => `<li>${frappe.utils.escape_html(line)}</li>`).join("");
	return `<ol class="zc-copy-review-list" style="margin: 6px 0 0; padding-left: 20px">${items}</ol>`;
}

function zhicheng_show_copy_review(frm) {
	const lines = zhicheng_copy_review_lines(frm.doc.copy_review);
	if (!frm.doc.copied_from || !lines.length) return;
	const name = frm.doc.name;
	// the source is cited by its 文号, else its title
	frappe.db.get_value("Title Notice", frm.doc.copied_from, ["doc_no", "title"]).then((r) => {
		if (frm.doc.name !== name) return;
		const source = (r && r.message) || {};
		const cited = source.doc_no || (source.title ? `《${source.title}》` : frm.doc.copied_from);
		const head = __("Copied from {0}. Still to review before the notice is published:", [
			frappe.utils.escape_html(cited),
		]);
		frm.dashboard.set_headline_alert(
			`<div class="zc-copy-review"><b>${head}</b>${zhicheng_copy_review_html(lines)}</div>`,
			"orange"
		);
	});
}

function zhicheng_copy_for_next_year(frm) {
	const message = __(
		"Copy {0} for the next year? Every date moves one year later, the document number is cleared and a list of what still needs review is shown.",
		[frappe.utils.escape_html(frm.doc.title || frm.doc.name)]
	);
	frappe.confirm(message, () => {
		frappe
			.call({
				method: "zhicheng_app.api.notice.copy_for_next_year",
				args: { notice: frm.doc.name },
				freeze: true,
				freeze_message: __("Copying the notice…"),
			})
			.then((r) => {
				const copy = r.message;
				frappe.set_route("Form", "Title Notice", copy.name).then(() => {
					frappe.msgprint({
						title: __("Copied for next year: still to review"),
						message: zhicheng_copy_review_html(zhicheng_copy_review_lines(copy.review.join("\n"))),
						indicator: "orange",
					});
				});
			});
	});
}
