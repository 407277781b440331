/**
 * The app servers' shared limiter (public.app_rate_limit over private.hit_rate_limit): limits live
 * in the database, so two servers behave as one (ARCHITECTURE.md rule 9).
 */
import { createServiceClient } from './supabase';

/**
 * One hit on the app servers' shared limiter (public.app_rate_limit): true while within `max` per
 * `perSeconds`. `weight: 0` only looks. On a database error the hit is allowed: the database's own
 * limits inside the SQL functions still hold.
 */
export async function appRateLimit(
	bucket: string,
	key: string,
	max: number,
	perSeconds: number,
	weight = 1
): Promise<boolean> {
	const { data, error } = await createServiceClient().rpc('app_rate_limit', {
		p_bucket: bucket,
		p_key: key.slice(0, 200),
		p_max: max,
		p_per_seconds: perSeconds,
		p_weight: weight
	});
	if (error) {
		console.error(`[rate-limit] ${bucket}: ${error.code ?? ''} ${error.message}`);
		return true;
	}
	return data !== false;
}
