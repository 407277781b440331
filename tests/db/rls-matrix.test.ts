/**
 * RLS matrix: for every table and view in schema `public`, for every actor, what select / insert /
 * update / delete really do through supabase-js against the stand-in.
 *
 * HOW TO ADD YOUR TABLES (feature helpers): create `tests/db/rls-matrix/<feature>.ts` exporting
 * `export const entries: RlsEntry[] = [...]` — one entry per table or view, shape and outcome
 * vocabulary documented in `tests/db/rls-matrix/types.ts`:
 *
 *   {
 *     relation: 'complaints',
 *     seed: async (f) => { ...insert rows with f.service... },      // optional
 *     scope: (q) => q.like('summary', 'rls-matrix%'),              // optional
 *     select: actors('none', { anon: 'denied', admin: 'all',
 *                              complaint_hn1: { where: (q) => q.eq('unit_id', UNITS.HN_KV1) } }),
 *     insert: { row: (f, actor) => ({ ... }), expect: actors('denied') },
 *     update: { target: async (f) => ({ id }), patch: { status: 'x' }, expect: actors('denied') },
 *     delete: { skip: 'rows are never deleted' },
 *   }
 *
 * This file imports every `rls-matrix/*.ts` (except types.ts). It fails when a table or view has no
 * entry (or two), when a table has RLS disabled, when a view is not `security_invoker` without a
 * stated reason, and when an entry names a relation that does not exist.
 * Actors: anon; a freshly signed-up citizen; reception / complaint / procedure officer and unit
 * head of HN-KV1 and of GL-KV1; the head of THADS TP Hà Nội (lanhdao.hn); admin.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { anonClient, serviceClient, signIn } from './helpers';
import {
	ACTORS,
	ACTOR_EMAILS,
	type Actor,
	type Fixtures,
	type Query,
	type RlsEntry,
	type SelectOutcome,
	type WriteOutcome
} from './rls-matrix/types';

const modules = import.meta.glob<{ entries: RlsEntry[] }>(
	['./rls-matrix/*.ts', '!./rls-matrix/types.ts'],
	{
		eager: true
	}
);
const entries: RlsEntry[] = Object.values(modules).flatMap((m) => m.entries ?? []);

type CatalogRow = {
	relation: string;
	kind: string;
	rls_enabled: boolean;
	security_invoker: boolean;
};

let service: SupabaseClient;
const clients = {} as Record<Actor, SupabaseClient>;
let counter = 0;
const runId = Math.random().toString(36).slice(2, 8);
const fixtures: Fixtures = {
	service: undefined as unknown as SupabaseClient,
	unique: (prefix = 'x') => `${prefix}${runId}${(counter++).toString(36)}`,
	citizenId: ''
};

let catalog: CatalogRow[] = [];

beforeAll(async () => {
	service = fixtures.service = serviceClient();
	const { data, error } = await service.rpc('rls_catalog');
	if (error) throw new Error(`rls_catalog failed: ${JSON.stringify(error)}`);
	catalog = data as CatalogRow[];

	clients.anon = anonClient();
	const citizen = anonClient();
	const { data: signUp, error: signUpError } = await citizen.auth.signUp({
		email: `citizen-${runId}@example.test`,
		password: 'Citizen@2026'
	});
	if (signUpError || !signUp.user || !signUp.session)
		throw new Error(`citizen sign-up failed: ${signUpError?.message}`);
	clients.citizen = citizen;
	fixtures.citizenId = signUp.user.id;
	for (const [actor, email] of Object.entries(ACTOR_EMAILS))
		clients[actor as Actor] = await signIn(email);
});

describe('catalog', () => {
	it('every table and view in public has exactly one matrix entry', () => {
		const counts = new Map<string, number>();
		for (const e of entries) counts.set(e.relation, (counts.get(e.relation) ?? 0) + 1);
		const missing = catalog.filter((r) => !counts.has(r.relation)).map((r) => r.relation);
		const doubled = [...counts].filter(([, n]) => n > 1).map(([r]) => r);
		// Names in the message: vitest truncates long arrays in the diff.
		expect(missing, `relations without an RLS matrix entry: ${missing.join(', ')}`).toEqual([]);
		expect(doubled, `relations with more than one entry: ${doubled.join(', ')}`).toEqual([]);
	});

	it('every entry names an existing table or view', () => {
		const known = new Set(catalog.map((r) => r.relation));
		expect(entries.map((e) => e.relation).filter((r) => !known.has(r))).toEqual([]);
	});

	it('every table has row level security enabled', () => {
		expect(
			catalog.filter((r) => r.kind === 'table' && !r.rls_enabled).map((r) => r.relation)
		).toEqual([]);
	});

	it('every view applies the caller\u2019s RLS (security_invoker) unless its entry says why not', () => {
		const reasons = new Map(entries.map((e) => [e.relation, e.securityDefinerView]));
		expect(
			catalog
				.filter((r) => r.kind === 'view' && !r.security_invoker && !reasons.get(r.relation))
				.map((r) => r.relation)
		).toEqual([]);
	});

	it('there are no materialized views or foreign tables in public (RLS cannot protect them)', () => {
		expect(
			catalog.filter((r) => r.kind !== 'table' && r.kind !== 'view').map((r) => r.relation)
		).toEqual([]);
	});
});

const describeOutcome = (o: SelectOutcome | WriteOutcome) =>
	typeof o === 'object' ? ('where' in o ? 'the rows of its units' : `error ${o.error}`) : String(o);

async function count(client: SupabaseClient, entry: RlsEntry, extra?: (q: Query) => Query) {
	let q: Query = client.from(entry.relation).select('*');
	if (entry.scope) q = entry.scope(q);
	if (extra) q = extra(q);
	const { data, error } = await q;
	return { rows: (data as unknown[] | null)?.length ?? 0, error };
}

async function readTarget(entry: RlsEntry, match: Record<string, string | number>) {
	const { data, error } = await service.from(entry.relation).select('*').match(match);
	if (error) throw new Error(`service read failed: ${JSON.stringify(error)}`);
	return (data as Record<string, unknown>[])[0];
}

async function countTarget(entry: RlsEntry, match: Record<string, string | number>) {
	const { count, error } = await service
		.from(entry.relation)
		.select('*', { count: 'exact', head: true })
		.match(match);
	if (error) throw new Error(`service count failed: ${JSON.stringify(error)}`);
	return count;
}

function expectWriteError(
	outcome: WriteOutcome,
	error: { code?: string; message?: string } | null
) {
	if (outcome === 'ok' || outcome === 'filtered') {
		expect(error, `unexpected error ${JSON.stringify(error)}`).toBeNull();
	} else if (outcome === 'denied') {
		expect(error?.code, `expected 42501, got ${JSON.stringify(error)}`).toBe('42501');
	} else {
		expect(error?.code, `expected ${outcome.error}, got ${JSON.stringify(error)}`).toBe(
			outcome.error
		);
	}
}

for (const entry of entries) {
	describe(entry.relation, () => {
		beforeAll(async () => {
			await entry.seed?.(fixtures);
		});

		for (const actor of ACTORS) {
			const sel = entry.select[actor];
			it(`${actor} selecting sees: ${describeOutcome(sel)}`, async () => {
				const got = await count(clients[actor], entry);
				if (sel === 'denied') {
					expect(got.error?.code, JSON.stringify(got.error)).toBe('42501');
					return;
				}
				expect(got.error, JSON.stringify(got.error)).toBeNull();
				if (sel === 'none') expect(got.rows).toBe(0);
				else if (sel === 'some') expect(got.rows).toBeGreaterThan(0);
				else if (typeof sel === 'number') expect(got.rows).toBe(sel);
				else {
					const want = await count(service, entry, sel === 'all' ? undefined : sel.where);
					expect(want.error).toBeNull();
					expect(got.rows).toBe(want.rows);
				}
			});
		}

		const ins = entry.insert;
		if ('skip' in ins) it.skip(`insert: ${ins.skip}`, () => {});
		else
			for (const actor of ACTORS)
				it(`${actor} inserting: ${describeOutcome(ins.expect[actor])}`, async () => {
					const row = await ins.row(fixtures, actor);
					const { error } = await clients[actor].from(entry.relation).insert(row);
					expectWriteError(ins.expect[actor], error);
				});

		const upd = entry.update;
		if ('skip' in upd) it.skip(`update: ${upd.skip}`, () => {});
		else
			for (const actor of ACTORS)
				it(`${actor} updating: ${describeOutcome(upd.expect[actor])}`, async () => {
					const outcome = upd.expect[actor];
					const match = await upd.target(fixtures, actor);
					const before = await readTarget(entry, match);
					// The filter selects exactly one existing row (else 'row unchanged' could hold
					// vacuously for a row that is not there).
					expect(await countTarget(entry, match), 'update target exists').toBe(1);
					const { error } = await clients[actor]
						.from(entry.relation)
						.update(upd.patch)
						.match(match);
					expectWriteError(outcome, error);
					const after = await readTarget(entry, match);
					const pick = (row: Record<string, unknown> | undefined) =>
						Object.keys(upd.patch).map((k) => JSON.stringify(row?.[k]));
					if (outcome === 'ok')
						expect(pick(after), 'patch applied').toEqual(
							Object.values(upd.patch).map((v) => JSON.stringify(v))
						);
					else expect(pick(after), 'row unchanged').toEqual(pick(before));
				});

		const del = entry.delete;
		if ('skip' in del) it.skip(`delete: ${del.skip}`, () => {});
		else
			for (const actor of ACTORS)
				it(`${actor} deleting: ${describeOutcome(del.expect[actor])}`, async () => {
					const outcome = del.expect[actor];
					const match = await del.target(fixtures, actor);
					const { error } = await clients[actor].from(entry.relation).delete().match(match);
					expectWriteError(outcome, error);
					expect(await readTarget(entry, match), 'row still there').toEqual(
						outcome === 'ok' ? undefined : expect.anything()
					);
				});
	});
}
