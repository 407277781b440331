/**
 * Lateness and the apology slip of an application, for its code holder (issue 18.7): reads
 * public.get_application_apology_by_code (20261207033000), which checks the secret like
 * get_application_by_code and counts wrong ones in the same lockout.
 */
import { createAnonClient } from '$lib/server/supabase';
import type { ApplicationLateness } from '../lateness';

/** Whether the application is late and its latest apology; null for a wrong code or secret. */
export async function latenessByCode(
	code: string,
	secret: string
): Promise<ApplicationLateness | null> {
	const { data, error } = await createAnonClient().rpc('get_application_apology_by_code', {
		code,
		secret
	});
	if (error) throw new Error(`get_application_apology_by_code: ${error.message}`);
	return (data as ApplicationLateness | null) ?? null;
}
