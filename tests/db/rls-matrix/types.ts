/**
 * Shape of an RLS matrix entry. Every table and view in schema `public` needs exactly one entry
 * (in `foundation.ts` or a feature's `<feature>.ts` in this folder); `rls-matrix.test.ts` fails for
 * a relation without one, for a table without RLS enabled, and for an entry naming no relation.
 *
 * For every actor the test really tries each command through supabase-js against the stand-in and
 * compares the outcome with the entry.
 */
import type { SupabaseClient } from '@supabase/supabase-js';

/** Who tries. Unit staff are the demo users of supabase/seed.sql. */
export const ACTORS = [
	'anon', // no JWT (anon key only)
	'citizen', // a freshly signed-up auth user with no staff row
	'reception_hn1', // tiepdan.hn1@thads.local
	'complaint_hn1', // khieunai.hn1@thads.local
	'procedure_hn1', // motcua.hn1@thads.local
	'head_hn1', // truongphong.hn1@thads.local (unit_head of HN-KV1)
	'reception_gl1',
	'complaint_gl1',
	'procedure_gl1',
	'head_gl1',
	'head_hn', // lanhdao.hn@thads.local (unit_head of THADS TP Hà Nội: sees HN-KV1..3)
	'admin' // admin@thads.local
] as const;
export type Actor = (typeof ACTORS)[number];

/** Demo user e-mail per signed-in staff actor. */
export const ACTOR_EMAILS: Record<Exclude<Actor, 'anon' | 'citizen'>, string> = {
	reception_hn1: 'tiepdan.hn1@thads.local',
	complaint_hn1: 'khieunai.hn1@thads.local',
	procedure_hn1: 'motcua.hn1@thads.local',
	head_hn1: 'truongphong.hn1@thads.local',
	reception_gl1: 'tiepdan.gl1@thads.local',
	complaint_gl1: 'khieunai.gl1@thads.local',
	procedure_gl1: 'motcua.gl1@thads.local',
	head_gl1: 'truongphong.gl1@thads.local',
	head_hn: 'lanhdao.hn@thads.local',
	admin: 'admin@thads.local'
};

/** Fixed ids from supabase/seed.sql. */
export const UNITS = {
	CUC: '00000000-0000-4000-a000-000000000001',
	HN: '00000000-0000-4000-a000-000000000010',
	HN_KV1: '00000000-0000-4000-a000-000000000011',
	HN_KV2: '00000000-0000-4000-a000-000000000012',
	HN_KV3: '00000000-0000-4000-a000-000000000013',
	GL: '00000000-0000-4000-a000-000000000020',
	GL_KV1: '00000000-0000-4000-a000-000000000021',
	GL_KV2: '00000000-0000-4000-a000-000000000022',
	CT: '00000000-0000-4000-a000-000000000030',
	CT_KV1: '00000000-0000-4000-a000-000000000031'
} as const;

export const USERS = {
	admin: '00000000-0000-4000-b000-000000000001',
	head_hn: '00000000-0000-4000-b000-000000000010',
	reception_hn1: '00000000-0000-4000-b000-000000000011',
	complaint_hn1: '00000000-0000-4000-b000-000000000012',
	procedure_hn1: '00000000-0000-4000-b000-000000000013',
	head_hn1: '00000000-0000-4000-b000-000000000014',
	reception_gl1: '00000000-0000-4000-b000-000000000021',
	complaint_gl1: '00000000-0000-4000-b000-000000000022',
	procedure_gl1: '00000000-0000-4000-b000-000000000023',
	head_gl1: '00000000-0000-4000-b000-000000000024'
} as const;

export type Query = any; // a supabase-js filter builder (typing it precisely buys nothing here)

/** What an actor's `select('*')` (after the entry's `scope`) must return:
 * - `'denied'`: an error with code 42501 (no grant);
 * - `'none'`: no error, 0 rows (RLS hides everything);
 * - `'some'`: no error, at least one row;
 * - `'all'`: exactly as many rows as the service client sees;
 * - `{ where }`: exactly as many rows as the service client sees with this extra filter
 *   (e.g. `{ where: (q) => q.eq('unit_id', UNITS.HN_KV1) }`);
 * - a number: exactly that many rows. */
export type SelectOutcome =
	'denied' | 'none' | 'some' | 'all' | number | { where: (q: Query) => Query };

/** What an insert / update / delete by an actor must do:
 * - `'ok'`: no error, and the change is really there afterwards (checked with the service client);
 * - `'denied'`: error 42501 (no grant, or the row fails a `with check`);
 * - `'filtered'`: no error but nothing changes (update/delete: RLS `using` hides the row);
 * - `{ error: code }`: this SQLSTATE (e.g. `'P0001'` from a trigger), nothing changes. */
export type WriteOutcome = 'ok' | 'denied' | 'filtered' | { error: string };

export type PerActor<T> = Record<Actor, T>;

/** Build a complete per-actor record from a default and exceptions. */
export function actors<T>(fallback: T, except: Partial<Record<Actor, T>> = {}): PerActor<T> {
	return Object.fromEntries(
		ACTORS.map((a) => [a, a in except ? except[a] : fallback])
	) as PerActor<T>;
}

/** Handed to `seed`, `row` and `target`. */
export interface Fixtures {
	/** Service-role client (bypasses RLS). */
	service: SupabaseClient;
	/** A string unique within this test run, e.g. for codes and e-mails. */
	unique: (prefix?: string) => string;
	/** The signed-up citizen's user id. */
	citizenId: string;
}

/** A row to update or delete: the entry creates it (with the service client) for each actor, and
 * returns the filter that selects exactly it, e.g. `{ id }`. */
type Target = (f: Fixtures, actor: Actor) => Promise<Record<string, string | number>>;

export interface RlsEntry {
	/** Table or view name in schema public. */
	relation: string;
	/** Runs once before the checks (service client): make sure the rows the checks count exist. */
	seed?: (f: Fixtures) => Promise<void>;
	/** Narrows every select (actor's and service's) to the rows this entry reasons about. */
	scope?: (q: Query) => Query;
	select: PerActor<SelectOutcome>;
	/** `row` builds the row an actor tries to insert (fresh keys per actor). */
	insert:
		| {
				row: (
					f: Fixtures,
					actor: Actor
				) => Record<string, unknown> | Promise<Record<string, unknown>>;
				expect: PerActor<WriteOutcome>;
		  }
		| Skip;
	/** `patch`: 'ok' = afterwards the row holds the patch; any other outcome = the patched columns are unchanged. */
	update: { target: Target; patch: Record<string, unknown>; expect: PerActor<WriteOutcome> } | Skip;
	delete: { target: Target; expect: PerActor<WriteOutcome> } | Skip;
	/** Views only: a view must be `with (security_invoker = true)` so the caller's RLS applies;
	 * a view that deliberately runs with its owner's rights gives the reason here. */
	securityDefinerView?: string;
}

/** A command not checked, with the reason (e.g. views that are not updatable). */
interface Skip {
	skip: string;
}

/**
 * A view that is not updatable (aggregate, join, WITH): PostgreSQL refuses every write before any
 * grant is looked at, with 55000 "cannot insert into view" — for every actor, the admin included.
 * The cells are checked, not skipped. The target is an existing row of the view (read with the
 * service client) matched on `keys`; `seed` (or an earlier entry) must have made one.
 */
export function readOnlyView(
	relation: string,
	keys: string[]
): Pick<RlsEntry, 'insert' | 'update' | 'delete'> {
	const refused = actors<WriteOutcome>({ error: '55000' });
	const target: Target = async (f) => {
		const { data, error } = await f.service.from(relation).select(keys.join(',')).limit(1);
		if (error || !data?.length)
			throw new Error(`readOnlyView(${relation}): no row to target ${JSON.stringify(error)}`);
		const row = data[0] as unknown as Record<string, string | number>;
		return Object.fromEntries(keys.map((k) => [k, row[k]!]));
	};
	return {
		insert: { row: async (f) => ({ ...(await target(f, 'anon')) }), expect: refused },
		update: { target, patch: { [keys[0]!]: null }, expect: refused },
		delete: { target, expect: refused }
	};
}
