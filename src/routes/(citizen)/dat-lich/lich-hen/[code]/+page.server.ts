import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { localizeHref } from '$lib/paraglide/runtime';
import { createAnonClient } from '$lib/server/supabase';
import { Refusal, bookings, slots, vnToday } from '$lib/reception/server/reception';
import { recallSecret } from '$lib/reception/server/citizen';
import { normalizeBookingCode } from '$lib/reception/schema';
import { addDays, groupByDay } from '$lib/reception/slots';
import { qrPath } from '$lib/reception/qr';
import { smsSentTo } from '$lib/tracking/server/sms';

/** The booking page: confirmation right after booking (?moi=1), later view / cancel / reschedule.
    The secret comes from the httpOnly cookie set when booking or when it was typed in. */
export const load: PageServerLoad = async ({ params, cookies, url, setHeaders }) => {
	const code = normalizeBookingCode(params.code);
	if (!code) error(404);
	const secret = recallSecret(cookies, code);
	if (!secret) redirect(303, localizeHref(`/dat-lich/lich-hen?ma=${code}`));
	const client = createAnonClient();
	let booking;
	try {
		booking = await bookings.read(client, code, secret);
	} catch (e) {
		if (e instanceof Refusal) redirect(303, localizeHref(`/dat-lich/lich-hen?ma=${code}`));
		throw e;
	}
	setHeaders({ 'Cache-Control': 'private, no-store' });
	const wantsReschedule = url.searchParams.has('doi') || booking.needs_reschedule;
	let days = null;
	let selectedDay = null;
	if (wantsReschedule && booking.status === 'booked') {
		const today = vnToday();
		days = groupByDay(await slots.list(client, booking.unit_id, today, addDays(today, 30)));
		selectedDay =
			days.find((d) => d.day === url.searchParams.get('ngay')) ??
			days.find((d) => d.places_left > 0) ??
			null;
	}
	const isNew = url.searchParams.has('moi');
	return {
		booking,
		// Shown on the confirmation and on this device's own page: the citizen needs it to manage.
		secret,
		isNew,
		// Whether the outbox holds an SMS with the code: the confirmation says so only then.
		smsTo: isNew ? await smsSentTo(booking.code) : undefined,
		// ?huy=1: the one confirmation step before cancelling (a page, so it works without JS).
		askCancel: url.searchParams.has('huy') && booking.can_change,
		done: url.searchParams.get('xong'),
		qr: qrPath(booking.code),
		days:
			days?.map((d) => ({ day: d.day, places_left: d.places_left, with_head: d.with_head })) ??
			null,
		selectedDay
	};
};

export const actions: Actions = {
	huy: async ({ params, cookies, request }) => {
		const code = normalizeBookingCode(params.code);
		const secret = code && recallSecret(cookies, code);
		if (!code || !secret) error(404);
		// Only from the confirmation step: a stray tap on an old form asks first.
		if ((await request.formData()).get('xac_nhan') !== 'co')
			redirect(303, localizeHref(`/dat-lich/lich-hen/${code}?huy=1`));
		try {
			await bookings.cancel(createAnonClient(), code, secret);
		} catch (e) {
			if (e instanceof Refusal) return fail(400, { error: e.code });
			throw e;
		}
		redirect(303, localizeHref(`/dat-lich/lich-hen/${code}?xong=huy`));
	},
	doi: async ({ params, cookies, request }) => {
		const code = normalizeBookingCode(params.code);
		const secret = code && recallSecret(cookies, code);
		if (!code || !secret) error(404);
		const gio = String((await request.formData()).get('gio') ?? '');
		if (Number.isNaN(Date.parse(gio))) return fail(400, { error: 'invalid_slot' });
		try {
			await bookings.reschedule(createAnonClient(), code, secret, new Date(gio).toISOString());
		} catch (e) {
			if (e instanceof Refusal) return fail(400, { error: e.code });
			throw e;
		}
		redirect(303, localizeHref(`/dat-lich/lich-hen/${code}?xong=doi`));
	}
};
