import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { Refusal, offices, schedules, vnToday } from '$lib/reception/server/reception';
import {
	type ScheduleRow,
	closureSchema,
	fieldErrors,
	headDaySchema,
	scheduleRowSchema
} from '$lib/reception/schema';

/** Schedule management for the staff member's unit: weekly hours, closures, head's days. */
export const load: PageServerLoad = async ({ locals }) => {
	const unitId = locals.staff!.unit_id;
	const [office, data] = await Promise.all([
		offices.byId(locals.supabase, unitId),
		schedules.read(locals.supabase, unitId, vnToday())
	]);
	return { office, today: vnToday(), ...data };
};

async function call<T>(form: string, f: () => Promise<T>) {
	try {
		return { ok: true as const, value: await f() };
	} catch (e) {
		if (e instanceof Refusal)
			return { ok: false as const, failure: fail(400, { form, errors: { form: e.code } }) };
		throw e;
	}
}

export const actions: Actions = {
	weekly: async ({ request, locals }) => {
		const fd = await request.formData();
		const rows: ScheduleRow[] = [];
		const errors: Record<string, string> = {};
		for (let d = 1; d <= 7; d++) {
			for (const p of [0, 1]) {
				const k = `w${d}_${p}`;
				const start = String(fd.get(`${k}_start`) ?? '').trim();
				const end = String(fd.get(`${k}_end`) ?? '').trim();
				if (!start && !end) continue;
				const r = scheduleRowSchema.safeParse({
					weekday: d,
					start_time: start,
					end_time: end,
					slot_minutes: fd.get(`${k}_slot`),
					capacity: fd.get(`${k}_cap`)
				});
				if (!r.success)
					errors[`${k}_start`] =
						Object.values(fieldErrors(r.error))[0] ?? 'reception_error_invalid_schedule';
				else rows.push(r.data);
			}
		}
		if (Object.keys(errors).length) return fail(400, { form: 'weekly', errors });
		const r = await call('weekly', () =>
			schedules.save(locals.supabase, locals.staff!.unit_id, rows)
		);
		if (!r.ok) return r.failure;
		return { form: 'weekly', flagged: r.value.flagged };
	},
	closure: async ({ request, locals }) => {
		const fd = await request.formData();
		const parsed = closureSchema.safeParse({ day: fd.get('day'), reason: fd.get('reason') });
		if (!parsed.success) return fail(400, { form: 'closure', errors: fieldErrors(parsed.error) });
		const r = await call('closure', () =>
			schedules.addClosure(
				locals.supabase,
				locals.staff!.unit_id,
				parsed.data.day,
				parsed.data.reason
			)
		);
		if (!r.ok) return r.failure;
		return { form: 'closure', flagged: r.value.flagged };
	},
	removeClosure: async ({ request, locals }) => {
		const id = String((await request.formData()).get('id') ?? '');
		const r = await call('closure', () => schedules.removeClosure(locals.supabase, id));
		if (!r.ok) return r.failure;
		return { form: 'closure' };
	},
	headDay: async ({ request, locals }) => {
		const fd = await request.formData();
		const parsed = headDaySchema.safeParse({
			day: fd.get('day'),
			start_time: fd.get('start_time'),
			end_time: fd.get('end_time'),
			head_name: fd.get('head_name') ?? ''
		});
		if (!parsed.success) return fail(400, { form: 'head', errors: fieldErrors(parsed.error) });
		const r = await call('head', () =>
			schedules.saveHeadDay(locals.supabase, locals.staff!.unit_id, parsed.data)
		);
		if (!r.ok) return r.failure;
		return { form: 'head', savedHead: true };
	},
	removeHeadDay: async ({ request, locals }) => {
		const id = String((await request.formData()).get('id') ?? '');
		const r = await call('head', () => schedules.removeHeadDay(locals.supabase, id));
		if (!r.ok) return r.failure;
		return { form: 'head' };
	}
};
