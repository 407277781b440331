/** Targets (chỉ tiêu) về việc and về tiền per unit and work year, set by the head of a unit above or an admin. */
import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { targetSchema } from '$lib/stats/schema';
import { targetableUnits, visibleUnits } from '$lib/stats/server/load';
import { requireStaff } from '$lib/stats/server/params';
import { workYearOf } from '$lib/stats/periods';
import { vnYearMonth } from '$lib/vn-time';

function currentWorkYear(now = new Date()) {
	return workYearOf(vnYearMonth(now));
}

export const load: PageServerLoad = async (event) => {
	const staff = requireStaff(event);
	const sb = event.locals.supabase;
	const nam = Number(event.url.searchParams.get('nam'));
	const workYear = Number.isInteger(nam) && nam >= 2000 && nam <= 2100 ? nam : currentWorkYear();
	const units = targetableUnits(await visibleUnits(sb, staff), staff);
	const ids = units.map((u) => u.id);
	const { data: rows, error } = ids.length
		? await sb
				.from('enforcement_targets')
				.select('unit_id, work_year, cases_target, money_target, set_at')
				.in('unit_id', ids)
				.in('work_year', [workYear, workYear - 1])
		: { data: [], error: null };
	if (error) throw error;
	const target = (unitId: string, year: number) =>
		(rows ?? []).find((r) => r.unit_id === unitId && r.work_year === year) ?? null;
	return {
		workYear,
		currentWorkYear: currentWorkYear(),
		units: units.map((u) => ({
			...u,
			target: target(u.id, workYear),
			lastYear: target(u.id, workYear - 1)
		}))
	};
};

export const actions: Actions = {
	default: async (event) => {
		requireStaff(event);
		const form = Object.fromEntries(await event.request.formData()) as Record<string, string>;
		const parsed = targetSchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, {
				unitId: form.unit_id ?? '',
				values: form,
				errors: parsed.error.issues.map((i) => ({
					field: String(i.path[0] ?? ''),
					reason: i.message
				}))
			});
		}
		const t = parsed.data;
		const { error } = await event.locals.supabase.rpc('set_enforcement_target', {
			p_unit_id: t.unit_id,
			p_work_year: t.work_year,
			p_cases_target: Number(t.cases_target),
			p_money_target: Number(t.money_target)
		});
		if (error)
			return fail(error.message === 'not_allowed' ? 403 : 400, {
				unitId: t.unit_id,
				values: form,
				errors: [{ field: '', reason: `stats_errors_${error.message}` }]
			});
		redirect(303, `${event.url.pathname}?nam=${t.work_year}&da-luu=${t.unit_id}#u-${t.unit_id}`);
	}
};
