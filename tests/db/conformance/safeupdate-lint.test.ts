/** Migration lint for pg-safeupdate (issue 16 item 2): on Supabase an UPDATE or DELETE without
 * WHERE fails with 21000 whenever PostgREST's session parses it — inside functions too. Every
 * function the migrations leave behind is scanned (the live catalog, so a later migration's
 * redefinition is what counts), plus the scanner's own cases so the lint cannot pass vacuously. */
import { describe, expect, it } from 'vitest';
import { isStandIn, sql } from '../helpers';
import { unguardedDml } from '../../../supabase/local/rest/safeupdate.js';

describe('safeupdate scanner', () => {
	it.each([
		['delete from t;', ['DELETE']],
		['update t set a = 1 returning a into x;', ['UPDATE']],
		['delete from t where true;', []],
		['update t set a = (select b from u where u.id = 1);', ['UPDATE']],
		['update t set (a, b) = (select 1, 2) where id = 3', []],
		['with d as (delete from t returning *) select * from d', ['DELETE']],
		['with d as (delete from t where x returning *) select count(*) from d where y', []],
		[
			'select 1 from t for update; insert into t values (1) on conflict (id) do update set a = 1;',
			[]
		],
		[
			"if tg_op = 'DELETE' then delete from t where id = old.id; end if; update x set a = 1;",
			['UPDATE']
		],
		["execute 'delete from t'; perform 1; -- delete from t\n/* update t set a = 1 */", []],
		['delete from t using u', ['DELETE']],
		['update t set a = 1 from u where t.id = u.id', []]
	])('%s', (body, kinds) => {
		expect(unguardedDml(body).map((o) => o.kind)).toEqual(kinds);
	});
});

describe.skipIf(!isStandIn())('functions left by the migrations', () => {
	it('have no UPDATE/DELETE without WHERE (Supabase refuses them with 21000 at run time)', async () => {
		// Supabase's own schemas (auth, storage, extensions) run outside PostgREST's session rules or
		// are not ours; zz_conformance_* are the conformance fixtures, one of which is such a
		// statement on purpose.
		const fns = await sql<{ fn: string; body: string }>(
			`select n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' as fn,
			        case when p.prosqlbody is not null then pg_get_functiondef(p.oid) else p.prosrc end as body
			   from pg_proc p join pg_namespace n on n.oid = p.pronamespace join pg_language l on l.oid = p.prolang
			  where l.lanname in ('sql', 'plpgsql')
			    and n.nspname not in ('pg_catalog', 'information_schema', 'auth', 'storage', 'extensions')
			    and n.nspname not like 'pg\\_%' and p.proname not like 'zz\\_conformance\\_%'`,
			[]
		);
		expect(fns.length).toBeGreaterThan(50);
		const offences = fns.flatMap((f) =>
			unguardedDml(f.body).map((o) => `${f.fn} line ${o.line}: ${o.kind} without WHERE`)
		);
		expect(offences).toEqual([]);
	});
});
