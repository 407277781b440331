/**
 * The officer's complaint file in one call (`staff_complaint_file`, security invoker: the same
 * policies as the table reads it replaced). Opening it is logged for the citizen. A sealed file's
 * parties are never in it; the assigned officer or the head reveals them with `revealParties`.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { ComplaintError, errorCode } from '../server';

import type { StaffFile } from './types';

/** The file, or null when this officer may not see it (another unit's file looks missing). */
export async function read(supabase: SupabaseClient, id: string): Promise<StaffFile | null> {
	const { data, error } = await supabase.rpc('staff_complaint_file', { p_id: id });
	if (error) throw new ComplaintError(errorCode(error));
	return (data as StaffFile | null) ?? null;
}
