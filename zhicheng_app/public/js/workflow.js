// Copyright (c) 2026, zhicheng_app developers
// License: MIT. See license.txt

const WORKFLOW = "Title Application Approval";
// the switches of Title Application the shipped conditions test (zhicheng_app.rules.review_route)
const SWITCH_SECTION = "review_route_section";

frappe.ui.form.on("Workflow", {
	refresh(frm) {
		if (frm.doc.name !== WORKFLOW) return;
		frm.add_custom_button(__("Restore Default"), () => {
			frappe.confirm(__("Replace every state and transition with the shipped default?"), () =>
				frappe
					.call({ method: "zhicheng_app.workflows.restore_default" })
					.then(() => frm.reload_doc())
			);
		});
		show_switches(frm);
	},
});

function switch_fields() {
	// the Check fields of the section "After the Unit Recommends", then the defense switch
	const fields = frappe.get_meta("Title Application").fields;
	const start = fields.findIndex((df) => df.fieldname === SWITCH_SECTION);
	const switches = [];
	for (const df of fields.slice(start + 1)) {
		if (["Section Break", "Tab Break"].includes(df.fieldtype)) break;
		if (df.fieldtype === "Check") switches.push(df);
	}
	const defense = fields.find((df) => df.fieldname === "defense_required");
	if (defense) {
		switches.push({
			...defense,
			description: __(
				"Set by the system when the committee accepts the application, from the notice's defense rules"
			),
		});
	}
	return { section: fields[start], switches };
}

function show_switches(frm) {
	const wrapper = frm.fields_dict.transitions && $(frm.fields_dict.transitions.wrapper);
	if (!wrapper) return;
	frappe.model.with_doctype("Title Application", () => {
		const { section, switches } = switch_fields();
		if (!section || !switches.length) return;
		const esc = frappe.utils.escape_html;
		const rows = switches
			.map(
				(df) => `<tr>
					<td><code>doc.${esc(df.fieldname)}</code></td>
					<td>${esc(__(df.label))}</td>
					<td class="small">${esc(__(df.description || ""))}</td>
				</tr>`
			)
			.join("");
		wrapper.find(".zc-workflow-switches").remove();
		wrapper.append(`<div class="zc-workflow-switches mt-4">
			<p class="bold">${esc(__("Switches the conditions can test"))}</p>
			<p class="text-muted small">${esc(
				__(
					"Set by the system on every save of an application (its section “{0}”); a condition names one as doc. and the switch, e.g. doc.to_county_review",
					[__(section.label)]
				)
			)}</p>
			<table class="table table-bordered small">
				<thead><tr>
					<th>${esc(__("Condition"))}</th>
					<th>${esc(__("Switch"))}</th>
					<th>${esc(__("When it is on"))}</th>
				</tr></thead>
				<tbody>${rows}</tbody>
			</table>
		</div>`);
	});
}
