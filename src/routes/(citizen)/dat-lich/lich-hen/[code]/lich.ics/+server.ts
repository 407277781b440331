import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { createAnonClient } from '$lib/server/supabase';
import { Refusal, bookings } from '$lib/reception/server/reception';
import { recallSecret } from '$lib/reception/server/citizen';
import { normalizeBookingCode } from '$lib/reception/schema';
import { bookingIcs } from '$lib/reception/ics';
import { m } from '$lib/paraglide/messages.js';

/** "Add to calendar": the booking as an .ics file (secret from the device's cookie). */
export const GET: RequestHandler = async ({ params, cookies }) => {
	const code = normalizeBookingCode(params.code);
	const secret = code && recallSecret(cookies, code);
	if (!code || !secret) error(404);
	let b;
	try {
		b = await bookings.read(createAnonClient(), code, secret);
	} catch (e) {
		if (e instanceof Refusal) error(404);
		throw e;
	}
	if (!b.starts_at || !b.ends_at) error(404);
	const body = bookingIcs({
		code: b.code,
		starts_at: b.starts_at,
		ends_at: b.ends_at,
		summary: m.reception_ics_summary({ office: b.unit_name }),
		location: [b.unit_name, b.unit_address].filter(Boolean).join(', '),
		description: m.reception_ics_description({ code: b.code })
	});
	return new Response(body, {
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8',
			'Content-Disposition': `attachment; filename="${b.code}.ics"`,
			'Cache-Control': 'private, no-store'
		}
	});
};
