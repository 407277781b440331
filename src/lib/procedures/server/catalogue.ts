/**
 * The procedure catalogue as the citizen pages read it: loaded from the procedure_catalogue view,
 * cached in memory for a minute (≤ 50 rows; an admin's new version shows up within that time),
 * and searched in memory by ../search.ts.
 */
import { createAnonClient } from '$lib/server/supabase';
import { buildIndex, search, type SearchIndex } from '../search';
import type { CatalogueEntry } from '../types';

const TTL_MS = 60_000;
let cache: { at: number; rows: CatalogueEntry[]; index: SearchIndex<CatalogueEntry> } | null = null;

/** All active procedures with their current version, in catalogue order. */
export async function list(): Promise<CatalogueEntry[]> {
	return (await load()).rows;
}

async function load() {
	if (cache && Date.now() - cache.at < TTL_MS) return cache;
	const { data, error } = await createAnonClient()
		.from('procedure_catalogue')
		.select('*')
		.order('sort', { ascending: true });
	if (error) throw error;
	const rows = (data ?? []) as CatalogueEntry[];
	cache = { at: Date.now(), rows, index: buildIndex(rows) };
	return cache;
}

/** Procedures matching a query (diacritics and small typos forgiven), best first. */
export async function find(query: string): Promise<CatalogueEntry[]> {
	return search((await load()).index, query);
}

/** One procedure by its URL code, or null. */
export async function get(code: string): Promise<CatalogueEntry | null> {
	return (await load()).rows.find((r) => r.code === code) ?? null;
}

/** Forget the cache (tests, after an admin publishes a version). */
export function invalidate(): void {
	cache = null;
}
