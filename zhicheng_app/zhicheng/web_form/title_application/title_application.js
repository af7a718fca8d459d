frappe.ready(function () {
	// The server validates everything (identity, editability by state, the precheck on submit);
	// this adds the precheck and submit buttons to a saved application.
	frappe.web_form.after_load = () => {
		const name = frappe.web_form.doc && frappe.web_form.doc.name;
		if (!name) return;
		const actions = $(".web-form-footer .web-form-actions, .web-form-actions").first();
		const precheck = $(`<button class="btn btn-default btn-sm ml-2">${__("Precheck")}</button>`);
		const submit = $(`<button class="btn btn-primary btn-sm ml-2">${__("Submit Application")}</button>`);
		precheck.on("click", (e) => {
			e.preventDefault();
			frappe
				.call("zhicheng_app.api.precheck.precheck", { application: name })
				.then((r) => {
					const items = r.message.findings
						.map((f) => `<li>[${__(f.severity)}] ${frappe.utils.escape_html(f.message)}</li>`)
						.join("");
					frappe.msgprint({ title: __("Precheck"), message: `<ul>${items}</ul>` || __("No blocking problem found.") });
				});
		});
		submit.on("click", (e) => {
			e.preventDefault();
			frappe
				.call({ method: "zhicheng_app.api.application.submit", args: { application: name } })
				.then((r) => {
					frappe.msgprint(__("Submitted: {0}", [__(r.message.workflow_state)]));
					setTimeout(() => window.location.reload(), 1500);
				});
		});
		actions.append(precheck, submit);
	};
});
