/** Holidays and swapped working days per year (issue 13, part B): list, add, edit, remove. */
import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireStaff } from '$lib/stats/server/params';
import {
	deleteHolidaySchema,
	holidayRow,
	holidaySchema,
	parseYear,
	type HolidayRow
} from '$lib/admin/holidays';
import { vnToday } from '$lib/vn-time';

export const load: PageServerLoad = async (event) => {
	requireStaff(event);
	const today = vnToday();
	const year = parseYear(event.url.searchParams.get('nam'), Number(today.slice(0, 4)));
	const { data, error } = await event.locals.supabase
		.from('holidays')
		.select('day, name, is_day_off, legal_basis, source_url, is_confirmed, confirmed_at')
		.gte('day', `${year}-01-01`)
		.lte('day', `${year}-12-31`)
		.order('day');
	if (error) throw error;
	return { year, holidays: (data ?? []) as HolidayRow[] };
};

type Issue = { field: string; reason: string };
const issues = (e: { issues: { path: PropertyKey[]; message: string }[] }): Issue[] =>
	e.issues.map((i) => ({ field: String(i.path[0] ?? ''), reason: i.message }));

const dbReason = (e: { code?: string; message: string }) =>
	e.code === '23505'
		? 'admin_holidays_err_exists'
		: e.code === '42501' || /row-level security/.test(e.message)
			? 'admin_err_not_allowed'
			: 'admin_err_generic';

export const actions: Actions = {
	save: async (event) => {
		requireStaff(event);
		const form = Object.fromEntries(await event.request.formData()) as Record<string, string>;
		const parsed = holidaySchema.safeParse(form);
		const key = form.original_day || 'new';
		if (!parsed.success) return fail(400, { key, values: form, errors: issues(parsed.error) });
		const v = parsed.data;
		const row = holidayRow(v);
		const sb = event.locals.supabase;
		const { data, error } = v.original_day
			? await sb.from('holidays').update(row).eq('day', v.original_day).select('day')
			: await sb.from('holidays').insert(row).select('day');
		if (error || !data?.length)
			return fail(error ? 400 : 403, {
				key,
				values: form,
				errors: [{ field: '', reason: error ? dbReason(error) : 'admin_err_not_allowed' }]
			});
		redirect(303, `${event.url.pathname}?nam=${v.day.slice(0, 4)}&da-luu=${v.day}#d-${v.day}`);
	},
	remove: async (event) => {
		requireStaff(event);
		const form = Object.fromEntries(await event.request.formData()) as Record<string, string>;
		const parsed = deleteHolidaySchema.safeParse(form);
		if (!parsed.success)
			return fail(400, { key: form.day, values: form, errors: issues(parsed.error) });
		const { data, error } = await event.locals.supabase
			.from('holidays')
			.delete()
			.eq('day', parsed.data.day)
			.select('day');
		if (error || !data?.length)
			return fail(403, {
				key: parsed.data.day,
				values: form,
				errors: [{ field: '', reason: error ? dbReason(error) : 'admin_err_not_allowed' }]
			});
		redirect(
			303,
			`${event.url.pathname}?nam=${parsed.data.day.slice(0, 4)}&da-xoa=${parsed.data.day}`
		);
	}
};
