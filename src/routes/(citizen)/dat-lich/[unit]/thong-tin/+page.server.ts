import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '$lib/paraglide/runtime';
import { createAnonClient } from '$lib/server/supabase';
import { Refusal, bookings, offices, slots, vnToday } from '$lib/reception/server/reception';
import {
	readDetails,
	rememberSecret,
	toSchemaInput,
	type DetailsValues
} from '$lib/reception/server/citizen';
import { bookingDetailsSchema, fieldErrors } from '$lib/reception/schema';
import { addDays, alternatives, vnParts, type Slot } from '$lib/reception/slots';

const FIELD_ERRORS: Record<string, keyof DetailsValues> = {
	invalid_name: 'full_name',
	invalid_phone: 'phone',
	invalid_email: 'email',
	invalid_cccd: 'cccd',
	invalid_people_count: 'people_count',
	representatives_required: 'representatives',
	too_many_representatives: 'representatives',
	invalid_topic: 'topic',
	consent_required: 'consent',
	too_many_active_bookings: 'phone',
	rate_limited: 'phone'
};

async function findSlot(
	unitId: string,
	startsAt: string | null
): Promise<{ slot: Slot | null; all: Slot[] }> {
	const client = createAnonClient();
	const today = vnToday();
	const all = await slots.list(client, unitId, today, addDays(today, 30));
	if (!startsAt || Number.isNaN(Date.parse(startsAt))) return { slot: null, all };
	const iso = new Date(startsAt).toISOString();
	return { slot: all.find((s) => s.starts_at === iso) ?? null, all };
}

export const load: PageServerLoad = async ({ params, url, request, setHeaders }) => {
	const office = await offices.byCode(createAnonClient(), params.unit);
	if (!office) error(404);
	const gio = url.searchParams.get('gio');
	// "Tiếp tục" without a time: back to the day's times with the error summary (issue 18.8).
	const day = url.searchParams.get('ngay');
	if (!gio && request.method === 'GET') {
		const back = new URLSearchParams({ loi: 'choose_slot' });
		if (day && /^\d{4}-\d{2}-\d{2}$/.test(day)) back.set('ngay', day);
		redirect(303, localizeHref(`/dat-lich/${params.unit}?${back}`));
	}
	const { slot } = await findSlot(office.id, gio);
	// A missing or full slot is shown on the page (not redirected): load also runs after a failed
	// booking POST, whose page must keep the citizen's answers and offer alternatives.
	const slotProblem = !slot
		? gio
			? 'slot_full'
			: 'invalid_slot'
		: slot.places_left === 0
			? 'slot_full'
			: null;
	const backDay = gio && !Number.isNaN(Date.parse(gio)) ? vnParts(gio).day : null;
	setHeaders({ 'Cache-Control': 'no-store' });
	// One key per filled-in form: a double click or a replayed POST books once.
	return { office, slot, slotProblem, backDay, idempotencyKey: crypto.randomUUID() };
};

export const actions: Actions = {
	/** Validate the details and show "check your answers". */
	kiemtra: async ({ request }) => {
		const fd = await request.formData();
		const values = readDetails(fd);
		const parsed = bookingDetailsSchema.safeParse(toSchemaInput(values));
		if (!parsed.success)
			return fail(400, { step: 'edit' as const, values, errors: fieldErrors(parsed.error) });
		return { step: 'check' as const, values };
	},
	/** Back from "check your answers" to the form, answers kept. */
	sua: async ({ request }) => {
		const values = readDetails(await request.formData());
		return { step: 'edit' as const, values };
	},
	/** Book. On success the secret goes into a cookie and the citizen lands on the confirmation. */
	dat: async ({ request, params, cookies, url }) => {
		const fd = await request.formData();
		const values = readDetails(fd);
		const parsed = bookingDetailsSchema.safeParse(toSchemaInput(values));
		if (!parsed.success)
			return fail(400, { step: 'edit' as const, values, errors: fieldErrors(parsed.error) });
		// The channels and language chosen reach the database with the booking (stored with the consent).
		const client = createAnonClient(
			values.messages ? { 'x-thads-messages': values.messages } : undefined
		);
		const office = await offices.byCode(client, params.unit);
		if (!office) error(404);
		const gio = String(fd.get('gio') ?? '');
		const key = String(fd.get('key') ?? '');
		const startsAt = Number.isNaN(Date.parse(gio)) ? null : new Date(gio).toISOString();
		let result;
		try {
			result = await bookings.create(
				client,
				{ ...parsed.data, unit_id: office.id, starts_at: startsAt },
				/^[0-9a-f-]{36}$/.test(key) ? key : crypto.randomUUID()
			);
		} catch (e) {
			if (!(e instanceof Refusal)) throw e;
			if (
				['slot_full', 'slot_in_past', 'slot_not_found', 'day_closed', 'invalid_slot'].includes(
					e.code
				)
			) {
				const { all } = await findSlot(office.id, null);
				return fail(409, {
					step: 'full' as const,
					values,
					code: e.code,
					// A new key: the next attempt is a new booking, not a replay of the failed one.
					newKey: crypto.randomUUID(),
					alternatives: alternatives(all, startsAt ?? new Date().toISOString(), 4)
				});
			}
			const field = FIELD_ERRORS[e.code];
			return fail(400, { step: 'edit' as const, values, errors: { [field ?? 'form']: e.code } });
		}
		rememberSecret(cookies, url, result.code, result.secret);
		redirect(303, localizeHref(`/dat-lich/lich-hen/${result.code}?moi=1`));
	}
};
