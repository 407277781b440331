/** Deadline rules (thời hạn theo luật): every staff member reads them, with their confirmation state; the legal officer or an admin confirms and adds versions. */
import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireStaff } from '$lib/stats/server/params';
import { confirmRuleSchema, newVersionSchema, type RuleRow } from '$lib/stats/rules';
import { vnToday } from '$lib/vn-time';

export const load: PageServerLoad = async (event) => {
	const staff = requireStaff(event);
	const { data, error } = await event.locals.supabase
		.from('deadline_rules')
		.select(
			'id, kind, instance, subject, purpose, start_event, length_days, day_unit, law, article, legal_basis, source_url, note, is_checked, confirmed_at, valid_from, valid_to'
		)
		.order('kind')
		.order('purpose')
		.order('subject')
		.order('valid_from');
	if (error) throw error;
	return {
		rules: (data ?? []) as RuleRow[],
		// The legal officer (cán bộ pháp chế) or an admin; the database checks the same (may_maintain_rules).
		canMaintain: staff.roles.includes('admin') || staff.roles.includes('legal_officer'),
		today: vnToday()
	};
};

type Issue = { field: string; reason: string };
const issues = (e: { issues: { path: PropertyKey[]; message: string }[] }): Issue[] =>
	e.issues.map((i) => ({ field: String(i.path[0] ?? ''), reason: i.message }));

export const actions: Actions = {
	confirm: async (event) => {
		requireStaff(event);
		const form = Object.fromEntries(await event.request.formData()) as Record<string, string>;
		const parsed = confirmRuleSchema.safeParse(form);
		if (!parsed.success)
			return fail(400, { action: 'confirm', ruleId: form.rule_id, errors: issues(parsed.error) });
		const { error } = await event.locals.supabase.rpc('confirm_deadline_rule', {
			p_rule_id: parsed.data.rule_id,
			p_source: parsed.data.source
		});
		if (error)
			return fail(error.message === 'not_allowed' ? 403 : 400, {
				action: 'confirm',
				ruleId: form.rule_id,
				errors: [{ field: '', reason: `stats_rules_err_${error.message}` }]
			});
		redirect(303, `${event.url.pathname}?da-luu=${parsed.data.rule_id}#r-${parsed.data.rule_id}`);
	},
	version: async (event) => {
		requireStaff(event);
		const form = Object.fromEntries(await event.request.formData()) as Record<string, string>;
		const parsed = newVersionSchema.safeParse(form);
		if (!parsed.success)
			return fail(400, { action: 'version', ruleId: form.rule_id, errors: issues(parsed.error) });
		const v = parsed.data;
		const { data, error } = await event.locals.supabase.rpc('add_deadline_rule_version', {
			p_rule_id: v.rule_id,
			p_valid_from: v.valid_from,
			p_length_days: v.length_days,
			p_day_unit: v.day_unit,
			p_article: v.article,
			p_legal_basis: v.legal_basis,
			p_source_url: v.source_url || null
		});
		if (error)
			return fail(error.message === 'not_allowed' ? 403 : 400, {
				action: 'version',
				ruleId: form.rule_id,
				errors: [{ field: '', reason: `stats_rules_err_${error.message}` }]
			});
		redirect(303, `${event.url.pathname}?da-luu=${data}#r-${data}`);
	}
};
