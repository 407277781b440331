/**
 * POST /api/v1/partner/applications — a partner files an application it received (the national
 * portal, a provincial one-stop system). Key in `Authorization: Bearer`, `Idempotency-Key` header
 * required: a retried request gets the first answer (200, `replayed: true`), a different request
 * under the same key is refused (409). The officer's queue shows the application on the partner
 * channel; status changes reach the partner's webhook.
 */
import * as S from '$lib/api/schemas';
import { ApiProblem, fieldProblems, handle, sendJson } from '$lib/api/server/http';
import { authenticate, submitApplication } from '$lib/api/server/partner';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = handle(async ({ request }) => {
	const partner = await authenticate(request, 'applications:submit');
	const idem = S.idempotencyKeySchema.safeParse(request.headers.get('idempotency-key') ?? '');
	if (!idem.success)
		throw new ApiProblem(400, 'idempotency_key_required', [
			{ field: 'Idempotency-Key', code: idem.error.issues[0]!.message }
		]);
	if (!(request.headers.get('content-type') ?? '').includes('application/json'))
		throw new ApiProblem(400, 'invalid_request', [{ field: '(body)', code: 'api_error_json' }]);
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		throw new ApiProblem(400, 'invalid_request', [{ field: '(body)', code: 'api_error_json' }]);
	}
	const parsed = S.PartnerApplicationInput.safeParse(body);
	if (!parsed.success)
		throw new ApiProblem(400, 'invalid_request', fieldProblems(parsed.error, body));
	const answer = await submitApplication(partner, parsed.data, idem.data);
	return sendJson(request, S.PartnerSubmission, answer, {
		status: answer.replayed ? 200 : 201
	});
});
