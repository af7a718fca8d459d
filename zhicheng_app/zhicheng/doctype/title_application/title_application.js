// Copyright (c) 2026, zhicheng_app developers
// License: MIT. See license.txt

const SEVERITY_ORDER = ["Blocking", "Warning", "Info"];
const SEVERITY_INDICATOR = { Blocking: "red", Warning: "orange", Info: "blue" };

frappe.ui.form.on("Title Application", {
	refresh(frm) {
		frm.add_custom_button(__("Precheck"), () => zhicheng_precheck(frm));
	},
});

function zhicheng_precheck(frm) {
	frappe
		.call({
			method: "zhicheng_app.api.precheck.precheck",
			args: { application: frm.is_new() || frm.is_dirty() ? frm.doc : frm.doc.name },
			freeze: true,
			freeze_message: __("Checking the application against the notice..."),
		})
		.then((r) => show_findings(r.message));
}

function show_findings(result) {
	const esc = frappe.utils.escape_html;
	const groups = SEVERITY_ORDER.map((severity) => {
		const items = result.findings.filter((f) => f.severity === severity);
		if (!items.length) return "";
		const rows = items
			.map(
				(f) =>
					`<li>${esc(f.message)} <span class="text-muted small">（${esc(f.seed_ref)} · ${esc(f.rule_id)}）</span></li>`
			)
			.join("");
		return `<h5><span class="indicator-pill ${SEVERITY_INDICATOR[severity]}">${__(severity)}</span> ${items.length}</h5><ul>${rows}</ul>`;
	});
	const materials = (result.required_materials || [])
		.map((m) => `<li>${esc(m.label)} <span class="text-muted small">（${esc(m.seed_ref)}）</span></li>`)
		.join("");
	const deadlines = (result.deadlines || [])
		.map((d) => `<li>${esc(d.label)}：${esc(d.at || "")}</li>`)
		.join("");
	const summary = result.ok
		? `<p class="text-success">${__("No blocking problem found.")}</p>`
		: `<p class="text-danger">${__("Blocking problems must be fixed before you can submit.")}</p>`;
	const fee = result.fee && result.fee.amount != null ? `<p>${__("Fee")}：${esc(String(result.fee.amount))}</p>` : "";
	const defense = result.defense && result.defense.required
		? `<p>${__("Defense")}：${esc(result.defense.reason || "")}</p>`
		: "";
	frappe.msgprint({
		title: __("Precheck"),
		wide: true,
		message:
			summary +
			groups.join("") +
			fee +
			defense +
			(materials ? `<h5>${__("Required Materials")}</h5><ul>${materials}</ul>` : "") +
			(deadlines ? `<h5>${__("Deadlines")}</h5><ul>${deadlines}</ul>` : ""),
	});
}
