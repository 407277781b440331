/** Entry of one month's figures for the signed-in staff member's own unit, and approval by its head. */
import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import {
	entryKeySchema,
	figuresRowSchema,
	IMPORT_COLUMNS,
	rowConsistency,
	toSqlFigures,
	type FiguresRow
} from '$lib/stats/schema';
import { requireStaff } from '$lib/stats/server/params';

export const load: PageServerLoad = async (event) => {
	const staff = requireStaff(event);
	const sb = event.locals.supabase;
	const [{ data: unit }, { data: drafts }, { data: recent }] = await Promise.all([
		sb.from('units').select('id, code, name').eq('id', staff.unit_id).single(),
		sb
			.from('enforcement_reports')
			.select(
				'id, month, revision, entered_at, cases_finished, cases_with_conditions, money_finished, money_with_conditions'
			)
			.eq('unit_id', staff.unit_id)
			.eq('status', 'draft')
			.order('month', { ascending: false }),
		sb
			.from('enforcement_reports')
			.select('*')
			.eq('unit_id', staff.unit_id)
			.eq('status', 'approved')
			.order('month', { ascending: false })
			.limit(1)
	]);
	return {
		unit,
		drafts: drafts ?? [],
		last: (recent?.[0] ?? null) as Record<string, unknown> | null,
		isHead: staff.roles.includes('unit_head') || staff.roles.includes('admin'),
		columns: IMPORT_COLUMNS.filter((c) => c.column !== 'unit_code' && c.column !== 'month')
	};
};

export const actions: Actions = {
	save: async (event) => {
		const staff = requireStaff(event);
		const form = Object.fromEntries(await event.request.formData()) as Record<string, string>;
		const keys = entryKeySchema.safeParse(form);
		const figs = figuresRowSchema.safeParse(form);
		if (!keys.success || !figs.success) {
			const issues = [...(keys.error?.issues ?? []), ...(figs.error?.issues ?? [])];
			return fail(400, {
				values: form,
				errors: issues.map((i) => ({ field: String(i.path[0] ?? ''), reason: i.message }))
			});
		}
		const figures = figs.data as FiguresRow;
		const refuse = rowConsistency(figures, 0).filter((p) => p.severity === 'refuse');
		if (refuse.length) {
			return fail(400, {
				values: form,
				errors: refuse.map((p) => ({ field: p.column.split(', ')[0] ?? '', reason: p.reason }))
			});
		}
		const { error } = await event.locals.supabase.rpc('save_enforcement_report', {
			p_unit_id: staff.unit_id,
			p_month: keys.data.month,
			p_figures: toSqlFigures(figures),
			p_note: keys.data.note || null
		});
		if (error)
			return fail(400, {
				values: form,
				errors: [{ field: '', reason: `stats_errors_${error.message}` }]
			});
		redirect(303, `${event.url.pathname}?da-luu=${keys.data.month.slice(0, 7)}`);
	},
	approve: async (event) => {
		requireStaff(event);
		const id = String((await event.request.formData()).get('id') ?? '');
		const { error } = await event.locals.supabase.rpc('approve_enforcement_report', {
			p_report_id: id
		});
		if (error)
			return fail(400, { errors: [{ field: '', reason: `stats_errors_${error.message}` }] });
		redirect(303, `${event.url.pathname}?da-duyet=1`);
	}
};
