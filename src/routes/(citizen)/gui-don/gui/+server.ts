/**
 * JSON submission for the offline outbox (and the enhanced "Send" button): body
 * `{ values: <the form's flat fields> }`, idempotency key in `values.idempotency_key` (or the
 * `idempotency-key` header). A replay returns the same code and secret. Sets the receipt cookie
 * so the confirmation page can show them.
 */
import { json } from '@sveltejs/kit';
import { inputFromForm, validateComplaint } from '$lib/complaints/schema';
import { Refusal, submit } from '$lib/complaints/server';
import { setReceipt } from '$lib/complaints/server/receipt';
import { messageChoiceFromForm } from '$lib/messages/schema';
import { createAnonClient } from '$lib/server/supabase';
import type { RequestHandler } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const POST: RequestHandler = async ({ request, cookies }) => {
	const body = (await request.json().catch(() => null)) as {
		values?: Record<string, unknown>;
	} | null;
	if (!body?.values || typeof body.values !== 'object')
		return json({ error: 'invalid_payload' }, { status: 400 });
	const fd = new FormData();
	for (const [k, v] of Object.entries(body.values)) if (typeof v === 'string') fd.set(k, v);
	const key = request.headers.get('idempotency-key') ?? String(body.values.idempotency_key ?? '');
	if (!UUID.test(key)) return json({ error: 'invalid_idempotency_key' }, { status: 400 });
	const v = validateComplaint(inputFromForm(fd));
	if (!v.ok) return json({ error: 'invalid_input', errors: v.errors }, { status: 400 });
	try {
		const messages = messageChoiceFromForm(fd);
		const r = await submit(
			v.data,
			key,
			createAnonClient(messages ? { 'x-thads-messages': messages } : undefined)
		);
		setReceipt(cookies, {
			code: r.code,
			secret: r.secret,
			accept_due: r.accept_due,
			kind: v.data.kind,
			subject: v.data.subject
		});
		return json({ code: r.code, secret: r.secret, accept_due: r.accept_due, replayed: r.replayed });
	} catch (e) {
		const code = e instanceof Refusal ? e.code : 'generic';
		// A refused filing (too many in a short time) answers 403, not 429: the outbox keeps a 429
		// waiting as if offline, while a refusal makes the page post the form so the server shows
		// the Vietnamese message (complaints_error_rate_limited) with everything typed kept.
		const status = code === 'rate_limited' ? 403 : code.startsWith('invalid_') ? 400 : 503;
		return json({ error: code }, { status });
	}
};
