/**
 * Citizen tracking through the API: the same resolution, limits and views as /tra-cuu
 * ($lib/tracking/server: per-client limit shared by every server, per-code lock in SQL), shaped
 * into one Tracking answer without personal data (names, contents, phone numbers stay on the page
 * the citizen opens; a third-party tool holding the code needs only where the file stands).
 */
import type { z } from 'zod';
import { normaliseCode, normaliseSecret } from '$lib/tracking';
import { resolve, tooManyAttempts } from '$lib/tracking/server';
import { byCode as complaintByCode } from '$lib/complaints/server';
import { bookings } from '$lib/reception/server/reception';
import { getByCode as applicationByCode } from '$lib/procedures/server/applications';
import { createAnonClient } from '$lib/server/supabase';
import { ApiProblem } from './http';
import type * as S from '../schemas';

type Tracking = z.input<typeof S.Tracking>;
const iso = (v: string) => new Date(v).toISOString();

/** Status and timeline for code + secret (headers), or an ApiProblem (400, 404, 429). */
export async function track(
	rawCode: string | null,
	rawSecret: string | null,
	clientKey: string
): Promise<Tracking> {
	if (!rawCode || !rawSecret) throw new ApiProblem(400, 'tracking_credentials_required');
	const code = normaliseCode(rawCode);
	const secret = normaliseSecret(rawSecret);
	if (!code || !secret) throw new ApiProblem(404, 'tracking_not_found');
	if (await tooManyAttempts(clientKey))
		throw new ApiProblem(429, 'rate_limited', undefined, { 'retry-after': '600' });
	const found = await resolve(code, secret);
	// Same answer for an unknown code and a wrong secret, as on the page.
	if (!found) throw new ApiProblem(404, 'tracking_not_found');

	if (found.kind === 'complaint') {
		const c = await complaintByCode(code, secret).catch(() => null);
		if (!c) throw new ApiProblem(404, 'tracking_not_found');
		return {
			code,
			kind: 'complaint',
			status: c.status,
			status_category: c.status_category ?? null,
			unit_name: c.unit.name,
			received_at: iso(c.received_at),
			due: c.next_deadline?.due ?? null,
			completed_at: c.closed_at ? iso(c.closed_at) : c.resolved_at ? iso(c.resolved_at) : null,
			timeline: c.events.map((e) => ({
				at: iso(e.occurred_at),
				event: e.event,
				status: e.status_after ?? null,
				note: e.public_note ?? null
			}))
		};
	}
	if (found.kind === 'booking') {
		const b = await bookings.read(createAnonClient(), code, secret).catch(() => null);
		if (!b) throw new ApiProblem(404, 'tracking_not_found');
		return {
			code,
			kind: 'booking',
			status: b.status,
			status_category: null,
			unit_name: b.unit_name,
			received_at: iso(b.created_at),
			due: b.starts_at ? iso(b.starts_at) : b.day,
			completed_at: b.cancelled_at ? iso(b.cancelled_at) : null,
			timeline: [
				{ at: iso(b.created_at), event: 'booked', status: null, note: null },
				...(b.cancelled_at
					? [{ at: iso(b.cancelled_at), event: 'cancelled', status: 'cancelled', note: null }]
					: [])
			]
		};
	}
	const a = await applicationByCode(code, secret).catch(() => null);
	if (!a) throw new ApiProblem(404, 'tracking_not_found');
	return {
		code,
		kind: 'application',
		status: a.status,
		status_category: a.status_category ?? null,
		unit_name: a.unit_name,
		received_at: iso(a.received_at),
		due: a.due_date,
		completed_at: a.completed_at ? iso(a.completed_at) : a.returned_at ? iso(a.returned_at) : null,
		timeline: a.events.map((e) => ({
			at: iso(e.at),
			event: e.kind,
			status: e.status ?? null,
			note: e.note ?? null
		}))
	};
}
