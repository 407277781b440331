import { createAnonClient } from '$lib/server/supabase';

export interface UnitOption {
	id: string;
	name: string;
	province_name: string | null;
	level: string;
}

let cache: { at: number; rows: UnitOption[] } | null = null;

/** Units that receive applications today (provincial agencies and regional offices), cached 5 min. */
export async function receivingUnits(): Promise<UnitOption[]> {
	if (cache && Date.now() - cache.at < 300_000) return cache.rows;
	const { data, error } = await createAnonClient()
		.from('units')
		.select('id, name, province_name, level, valid_to')
		.in('level', ['tinh', 'khu_vuc'])
		.is('valid_to', null)
		.order('province_name')
		.order('name');
	if (error) throw error;
	cache = { at: Date.now(), rows: (data ?? []) as UnitOption[] };
	return cache.rows;
}
