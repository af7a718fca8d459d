// Copyright (c) 2026, zhicheng_app developers
// License: MIT. See license.txt

// Paper intake desk: a keyboard-wedge scanner types the Code128 application number and Enter.

const ZC_INTAKE_INDICATOR = {
	received: "green",
	already_received: "orange",
	outside_window: "red",
	not_accepted: "red",
	unknown: "red",
};

frappe.pages["paper-intake"].on_page_load = function (wrapper) {
	const page = frappe.ui.make_app_page({
		parent: wrapper,
		title: __("Paper Intake"),
		single_column: true,
	});
	const $body = $(`
		<div class="zc-intake" style="max-width: 760px;">
			<p class="text-muted">${__("Scan the barcode on the paper form, or type the application number and press Enter.")}</p>
			<input type="text" class="form-control input-lg zc-intake-code" autocomplete="off"
				placeholder="${__("Application Number")}" style="font-size: 1.4em;">
			<div class="zc-intake-last" style="margin: 1em 0; font-size: 1.2em;"></div>
			<table class="table table-condensed zc-intake-log">
				<thead><tr><th>${__("Time")}</th><th>${__("Application Number")}</th><th>${__("Intake Result")}</th></tr></thead>
				<tbody></tbody>
			</table>
		</div>`).appendTo(page.main);
	const $input = $body.find(".zc-intake-code");
	let busy = false;

	function show(result) {
		const esc = frappe.utils.escape_html;
		const color = ZC_INTAKE_INDICATOR[result.status] || "gray";
		$body
			.find(".zc-intake-last")
			.html(`<span class="indicator-pill ${color}">${esc(__(result.status_label || result.status))}</span> ${esc(result.message || "")}`);
		$body
			.find(".zc-intake-log tbody")
			.prepend(
				`<tr><td>${esc(frappe.datetime.now_time())}</td><td>${esc(result.application || "")}</td>` +
					`<td><span class="indicator ${color}">${esc(result.message || "")}</span></td></tr>`
			);
		if (result.status !== "received") frappe.utils.play_sound("error");
	}

	$input.on("keydown", (e) => {
		if (e.key !== "Enter") return;
		e.preventDefault();
		const code = ($input.val() || "").trim();
		$input.val("");
		if (!code || busy) return;
		busy = true;
		frappe
			.call({ method: "zhicheng_app.api.documents.receive_paper", args: { code } })
			.then((r) => show(r.message))
			.always(() => {
				busy = false;
				$input.trigger("focus");
			});
	});
	wrapper.zc_focus = () => setTimeout(() => $input.trigger("focus"), 100);
	wrapper.zc_focus();
};

frappe.pages["paper-intake"].on_page_show = function (wrapper) {
	if (wrapper.zc_focus) wrapper.zc_focus();
};
