/** The unit directory (issue 13, part B): every unit, current and former, to list, add and edit. */
import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireStaff } from '$lib/stats/server/params';
import { UNIT_COLUMNS, unitRow, unitSchema, type UnitRow } from '$lib/admin/units';

export const load: PageServerLoad = async (event) => {
	requireStaff(event);
	const { data, error } = await event.locals.supabase
		.from('units')
		.select(UNIT_COLUMNS)
		.order('level')
		.order('code');
	if (error) throw error;
	return { units: (data ?? []) as UnitRow[] };
};

type Issue = { field: string; reason: string };

export const actions: Actions = {
	save: async (event) => {
		requireStaff(event);
		const form = Object.fromEntries(await event.request.formData()) as Record<string, string>;
		const key = form.id || 'new';
		const parsed = unitSchema.safeParse(form);
		if (!parsed.success)
			return fail(400, {
				key,
				values: form,
				errors: parsed.error.issues.map((i): Issue => ({
					field: String(i.path[0] ?? ''),
					reason: i.message
				}))
			});
		const v = parsed.data;
		const sb = event.locals.supabase;
		const row = unitRow(v);
		const { data, error } = v.id
			? await sb.from('units').update(row).eq('id', v.id).select('id')
			: await sb.from('units').insert(row).select('id');
		if (error || !data?.length) {
			const reason = !error
				? 'admin_err_not_allowed'
				: error.code === '23505'
					? 'admin_units_err_code_taken'
					: error.code === '42501'
						? 'admin_err_not_allowed'
						: error.code === '23514' || error.code === '23503'
							? 'admin_units_err_invalid'
							: 'admin_err_generic';
			return fail(error ? 400 : 403, {
				key,
				values: form,
				errors: [{ field: reason === 'admin_units_err_code_taken' ? 'code' : '', reason }]
			});
		}
		redirect(303, `${event.url.pathname}?da-luu=${data[0]!.id}#u-${data[0]!.id}`);
	}
};
