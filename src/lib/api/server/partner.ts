/**
 * Partner access (issue 19): `Authorization: Bearer thads_pk_…`. The key is checked in the
 * database on every request (partner_key_check, service role: hashed, so a revoked key is refused
 * at once on every server), then the key's own rate limit (per key, per minute, shared by every
 * server through public.app_rate_limit).
 */
import type { z } from 'zod';
import { appRateLimit } from '$lib/server/rate-limit';
import { createServiceClient } from '$lib/server/supabase';
import { offices } from '$lib/reception/server/reception';
import { SQL_ERRORS } from '$lib/procedures/server/applications';
import { ApiProblem } from './http';
import type { PartnerApplicationInput } from '../schemas';

export interface PartnerKey {
	key_id: string;
	partner_id: string;
	partner_name: string;
	scopes: string[];
	rate_per_minute: number;
}

/** The partner behind the request's key, or an ApiProblem (401 unknown, 403 revoked/scope, 429). */
export async function authenticate(request: Request, scope: string): Promise<PartnerKey> {
	const key = request.headers
		.get('authorization')
		?.match(/^Bearer\s+(thads_pk_[a-z0-9]{1,100})$/)?.[1];
	if (!key)
		throw new ApiProblem(401, 'partner_key_required', undefined, {
			'www-authenticate': 'Bearer realm="thads-api"'
		});
	const { data, error } = await createServiceClient().rpc('partner_key_check', { p_key: key });
	if (error) throw error;
	const row = (data as (PartnerKey & { revoked: boolean })[])[0];
	if (!row)
		throw new ApiProblem(401, 'partner_key_invalid', undefined, {
			'www-authenticate': 'Bearer realm="thads-api", error="invalid_token"'
		});
	if (row.revoked) throw new ApiProblem(403, 'partner_key_revoked');
	if (!row.scopes.includes(scope)) throw new ApiProblem(403, 'partner_scope_missing');
	if (!(await appRateLimit('partner_key', row.key_id, row.rate_per_minute, 60)))
		throw new ApiProblem(429, 'rate_limited', undefined, { 'retry-after': '60' });
	return row;
}

const KNOWN = new Set<string>([
	...SQL_ERRORS,
	'partner_key_revoked',
	'partner_scope_missing',
	'idempotency_conflict'
]);

/** Files an application for the partner; the same Idempotency-Key gives the same answer. */
export async function submitApplication(
	partner: PartnerKey,
	input: z.output<typeof PartnerApplicationInput>,
	idempotencyKey: string
) {
	const service = createServiceClient();
	const office = await offices.byCode(service, input.office);
	if (!office)
		throw new ApiProblem(400, 'invalid_request', [{ field: 'office', code: 'api_error_office' }]);
	const { data, error } = await service.rpc('partner_submit_application', {
		p_key_id: partner.key_id,
		p_idempotency_key: idempotencyKey,
		p_payload: {
			procedure_code: input.procedure_code,
			unit_id: office.id,
			applicant: input.applicant,
			answers: input.answers
		}
	});
	if (error) {
		if (error.code === 'P0001' && KNOWN.has(error.message)) {
			const status =
				error.message === 'idempotency_conflict'
					? 409
					: error.message.startsWith('partner_')
						? 403
						: error.message === 'rate_limited'
							? 429
							: 400;
			throw new ApiProblem(status, error.message);
		}
		throw error;
	}
	return data as {
		code: string;
		secret: string;
		due_date: string;
		status: string;
		replayed: boolean;
	};
}
