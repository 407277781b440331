// Shared set-up for the conformance suite: fixture tables (created through the stand-in's SQL
// endpoint, or expected to exist on a real project — see fixtures.sql) and a known data set
// written through the API with the service key, so the same reset works on both.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isStandIn, serviceClient, sql } from '../helpers';

const FIXTURES_SQL = readFileSync(
	fileURLToPath(new URL('./fixtures.sql', import.meta.url)),
	'utf8'
);

const ITEMS = [
	{
		name: 'apple',
		category: 'fruit',
		qty: 5,
		price: 1.5,
		tags: ['red', 'sweet'],
		data: { origin: 'VN', grade: 1 }
	},
	{
		name: 'banana',
		category: 'fruit',
		qty: 12,
		price: 0.25,
		tags: ['yellow'],
		data: { origin: 'PH', grade: 2 }
	},
	{ name: 'carrot', category: 'vegetable', qty: 0, price: 0.8, tags: ['orange'], data: null },
	{
		name: 'durian',
		category: 'fruit',
		qty: 1,
		price: 9.99,
		tags: [],
		data: { origin: 'VN', grade: 3 }
	},
	{
		name: 'eggplant',
		category: 'vegetable',
		qty: 7,
		price: null,
		tags: ['purple'],
		data: { origin: 'TH' }
	},
	{
		name: 'fig, dried',
		category: null,
		qty: 3,
		price: 4,
		tags: ['brown'],
		data: { note: 'a,b(c)' }
	}
];

let created = false;

/** Create the fixtures once per run (stand-in) or check they exist (real project). */
export async function ensureFixtures(): Promise<{ ok: true } | { ok: false; reason: string }> {
	if (isStandIn()) {
		if (!created) {
			await sql(FIXTURES_SQL);
			created = true;
		}
		return { ok: true };
	}
	const { error } = await serviceClient().from('zz_conformance_items').select('id').limit(1);
	if (error)
		return {
			ok: false,
			reason:
				'fixtures missing on this project: run tests/db/conformance/fixtures.sql in its SQL editor'
		};
	return { ok: true };
}

/** Reset zz_conformance_items to ITEMS (via the API) and return the rows with their ids. */
export async function resetItems() {
	const db = serviceClient();
	const del1 = await db.from('zz_conformance_children').delete().gte('id', 0);
	if (del1.error) throw new Error(JSON.stringify(del1.error));
	const del = await db.from('zz_conformance_items').delete().gte('id', 0);
	if (del.error) throw new Error(JSON.stringify(del.error));
	const { data, error } = await db.from('zz_conformance_items').insert(ITEMS).select().order('id');
	if (error) throw new Error(JSON.stringify(error));
	return data as Array<
		(typeof ITEMS)[number] & { id: number; created_at: string; owner_id: string | null }
	>;
}

const DROP_SQL = `
delete from storage.objects where bucket_id = 'zz-conformance';
delete from storage.buckets where id = 'zz-conformance';
drop policy if exists "zz users read own folder" on storage.objects;
drop policy if exists "zz users write own folder" on storage.objects;
drop policy if exists "zz users delete own folder" on storage.objects;
drop view if exists public.zz_conformance_view;
drop function if exists public.zz_conformance_add(int, int), public.zz_conformance_by_category(text),
  public.zz_conformance_pairs(int), public.zz_conformance_fail(text), public.zz_conformance_noop(),
  public.zz_conformance_whoami(), public.zz_conformance_log(text), public.zz_conformance_secret(),
  public.zz_conformance_sleep(float), public.zz_conformance_wipe(), public.zz_conformance_wipe_all(),
  public.zz_conformance_payment(), public.zz_conformance_over(int), public.zz_conformance_over(text),
  public.zz_conformance_over(int, int), public.zz_conformance_raw_text(text),
  public.zz_conformance_raw_xml(xml), public.zz_conformance_raw_bytea(bytea),
  public.zz_conformance_label(public.zz_conformance_items), public.zz_conformance_pick(int),
  public.zz_conformance_pick(int, int);
drop table if exists public.zz_conformance_children, public.zz_conformance_items,
  public.zz_conformance_inbox, public.zz_conformance_locked;
`;

/**
 * Remove the fixtures again (stand-in only), so suites that inspect the whole public schema
 * (the RLS matrix) never see them, whatever order the files run in.
 */
export async function dropFixtures() {
	if (!isStandIn()) return;
	await sql(DROP_SQL);
	created = false;
}
