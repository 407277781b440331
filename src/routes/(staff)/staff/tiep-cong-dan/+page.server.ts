import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { Refusal, desk, offices, vnToday } from '$lib/reception/server/reception';
import {
	fieldErrors,
	normalizeBookingCode,
	parseRepresentatives,
	walkInSchema
} from '$lib/reception/schema';
import { waitingCount } from '$lib/reception/status';

/** Today's desk for the staff member's own unit. */
export const load: PageServerLoad = async ({ locals }) => {
	const unitId = locals.staff!.unit_id;
	const today = vnToday();
	const [office, list] = await Promise.all([
		offices.byId(locals.supabase, unitId),
		desk.day(locals.supabase, unitId, today)
	]);
	const count = (s: string) => list.filter((b) => b.status === s).length;
	return {
		office,
		today,
		list,
		waiting: waitingCount(list),
		counts: {
			booked: count('booked'),
			arrived: count('checked_in') + count('waiting'),
			in_progress: count('in_progress'),
			done: count('done'),
			no_show: count('no_show')
		}
	};
};

const str = (fd: FormData, k: string) => String(fd.get(k) ?? '').slice(0, 5000);

async function run<T>(form: string, f: () => Promise<T>) {
	try {
		return { ok: true as const, value: await f() };
	} catch (e) {
		if (e instanceof Refusal)
			return { ok: false as const, failure: fail(400, { form, error: e.code }) };
		throw e;
	}
}

export const actions: Actions = {
	/** Check in by typed or scanned code. */
	checkin: async ({ request, locals }) => {
		const raw = str(await request.formData(), 'code');
		const code = normalizeBookingCode(raw);
		if (!code) return fail(400, { form: 'checkin', error: 'invalid_code', code: raw });
		const r = await run('checkin', () => desk.checkIn(locals.supabase, code));
		if (!r.ok) return r.failure;
		return { form: 'checkin', done: { name: r.value.full_name, queue: r.value.queue_no } };
	},
	/** A walk-in: a free place today, else the waiting list. */
	walkin: async ({ request, locals }) => {
		const fd = await request.formData();
		const values = {
			full_name: str(fd, 'full_name'),
			phone: str(fd, 'phone'),
			cccd: str(fd, 'cccd'),
			people_count: str(fd, 'people_count') || '1',
			representatives: str(fd, 'representatives'),
			topic: str(fd, 'topic'),
			case_number: str(fd, 'case_number')
		};
		const parsed = walkInSchema.safeParse({
			...values,
			phone: values.phone || undefined,
			cccd: values.cccd || undefined,
			case_number: values.case_number || undefined,
			representatives: parseRepresentatives(values.representatives),
			consent_oral: fd.get('consent_oral') === 'on'
		});
		if (!parsed.success)
			return fail(400, { form: 'walkin', values, errors: fieldErrors(parsed.error) });
		const r = await run('walkin', () => desk.walkIn(locals.supabase, parsed.data));
		if (!r.ok) return r.failure;
		return {
			form: 'walkin',
			walkIn: { name: r.value.full_name, queue: r.value.queue_no, starts_at: r.value.starts_at }
		};
	},
	start: async ({ request, locals }) => {
		const id = str(await request.formData(), 'id');
		const r = await run('list', () => desk.start(locals.supabase, id));
		if (!r.ok) return r.failure;
		return { form: 'list' };
	},
	noshow: async ({ request, locals }) => {
		const id = str(await request.formData(), 'id');
		const r = await run('list', () => desk.noShow(locals.supabase, id));
		if (!r.ok) return r.failure;
		return { form: 'list' };
	}
};
