/**
 * The procedure catalogue as the citizen pages read it: loaded from the procedure_catalogue view,
 * kept in memory (≤ 50 rows) and searched in memory by ../search.ts.
 *
 * Several app servers may run side by side (ARCHITECTURE.md rule 9), so the copy is checked
 * against the database's catalogue version (public.catalogue_version(), bumped by triggers on any
 * change to topics, procedures or versions) at most once a second: an admin's new version shows on
 * every server within about a second, for the price of a one-row read instead of the catalogue.
 */
import { createAnonClient } from '$lib/server/supabase';
import { buildIndex, search, type SearchIndex } from '../search';
import type { CatalogueEntry } from '../types';

/** How long a checked copy is trusted without asking the database again. */
const CHECK_MS = 1_000;
interface Cached {
	checkedAt: number;
	version: number | null;
	rows: CatalogueEntry[];
	index: SearchIndex<CatalogueEntry>;
}
let cache: Cached | null = null;
let loading: Promise<Cached> | null = null;

/** All active procedures with their current version, in catalogue order. */
export async function list(): Promise<CatalogueEntry[]> {
	return (await load()).rows;
}

/** The catalogue's version, or null when it cannot be read (then the copy is reloaded). */
async function currentVersion(): Promise<number | null> {
	const { data, error } = await createAnonClient().rpc('catalogue_version');
	return error || data === null || data === undefined ? null : Number(data);
}

async function load(): Promise<Cached> {
	if (cache && Date.now() - cache.checkedAt < CHECK_MS) return cache;
	// One check or reload at a time per process, however many requests arrive together.
	loading ??= (async (): Promise<Cached> => {
		const version = await currentVersion();
		if (cache && version !== null && version === cache.version) {
			cache.checkedAt = Date.now();
			return cache;
		}
		const { data, error } = await createAnonClient()
			.from('procedure_catalogue')
			.select('*')
			.order('sort', { ascending: true });
		if (error) throw error;
		// A view: every column is nullable to the generator, and fields/documents are jsonb.
		const rows = (data ?? []) as unknown as CatalogueEntry[];
		const fresh: Cached = { checkedAt: Date.now(), version, rows, index: buildIndex(rows) };
		cache = fresh;
		return fresh;
	})().finally(() => {
		loading = null;
	});
	return loading;
}

/** Procedures matching a query (diacritics and small typos forgiven), best first. */
export async function find(query: string): Promise<CatalogueEntry[]> {
	return search((await load()).index, query);
}

/** One procedure by its URL code, or null. */
export async function get(code: string): Promise<CatalogueEntry | null> {
	return (await load()).rows.find((r) => r.code === code) ?? null;
}

/** Forget this process's copy (other servers notice the version change by themselves). */
export function invalidate(): void {
	cache = null;
}
