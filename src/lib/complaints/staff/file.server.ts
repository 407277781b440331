/**
 * The officer's complaint file in one call (`staff_complaint_file`, security invoker: the same
 * policies as the table reads it replaced). Opening it is logged for the citizen. A sealed file's
 * parties are never in it; the assigned officer or the head reveals them with `revealParties`.
 */
import type { Db } from '$lib/server/supabase';
import { call } from '$lib/server/rpc';

import type { StaffFile } from './types';

/** The file, or null when this officer may not see it (another unit's file looks missing). */
export async function read(supabase: Db, id: string): Promise<StaffFile | null> {
	const data = await call(supabase, 'staff_complaint_file', { p_id: id });
	return (data as unknown as StaffFile | null) ?? null;
}
