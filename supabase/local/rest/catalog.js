// The stand-in's "schema cache": tables, views and functions of the exposed schema (public),
// read from pg_catalog. Like PostgREST it is cached; unlike PostgREST it reloads by itself when a
// request names something it does not know (a migration or a test fixture may have added it),
// at most once per request, so new tables need no NOTIFY.

/**
 * @typedef {{ name: string, type: string, typeOid: number, nullable: boolean, hasDefault: boolean, generated: boolean, identityAlways: boolean, default: string | null }} Column
 * @typedef {{ name: string, kind: string, columns: Map<string, Column>, pk: string[] }} Relation
 * @typedef {{ name: string, type: string, mode: string, hasDefault: boolean }} FnArg
 * @typedef {{ name: string, oid: number, args: FnArg[], retset: boolean, retKind: 'void' | 'scalar' | 'composite', volatile: boolean, isTableFn: boolean }} Fn
 * @typedef {{ offences: import('./safeupdate.js').Offence[], calls: Set<string> }} FnBody
 * @typedef {{ relations: Map<string, Relation>, functions: Map<string, Fn[]>, bodies: Map<string, FnBody[]>, loadedAt: number }} Catalog
 */

import { scanBody } from './safeupdate.js';

const RAW_TYPES = ['bytea', 'json', 'jsonb', 'text', 'xml'];

const CATALOG_SQL = `
select json_build_object(
  'relations', coalesce((
    select json_agg(json_build_object(
      'name', c.relname,
      'kind', c.relkind,
      'columns', coalesce((
        select json_agg(json_build_object(
          'name', a.attname,
          'type', format_type(a.atttypid, a.atttypmod),
          'typeOid', a.atttypid,
          'nullable', not a.attnotnull,
          'hasDefault', a.atthasdef or a.attidentity <> '',
          'generated', a.attgenerated <> '',
          'identityAlways', a.attidentity = 'a',
          'default', case when a.attgenerated = '' then pg_get_expr(d.adbin, d.adrelid) end
        ) order by a.attnum)
        from pg_attribute a
        left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
        where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      ), '[]'::json),
      'pk', coalesce((
        select json_agg(a.attname order by array_position(i.indkey::int2[], a.attnum))
        from pg_index i
        join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
        where i.indrelid = c.oid and i.indisprimary
      ), '[]'::json)
    ))
    from pg_class c
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'v', 'm', 'f', 'p')
  ), '[]'::json),
  'functions', coalesce((
    select json_agg(json_build_object(
      'name', p.proname,
      'oid', p.oid,
      'retset', p.proretset,
      'rettype', p.prorettype,
      'rettypeKind', t.typtype,
      'rettypeName', t.typname,
      'volatile', p.provolatile = 'v',
      'nargs', p.pronargs,
      'ndefaults', p.pronargdefaults,
      'argNames', p.proargnames,
      'argModes', p.proargmodes,
      'inTypes', (select json_agg(format_type(x, null) order by o) from unnest(p.proargtypes::oid[]) with ordinality as u(x, o)),
      'allTypes', (select json_agg(format_type(x, null) order by o) from unnest(p.proallargtypes) with ordinality as u(x, o))
    ) order by p.proname, p.pronargs, p.oid)
    from pg_proc p
    join pg_type t on t.oid = p.prorettype
    where p.pronamespace = 'public'::regnamespace and p.prokind = 'f'
  ), '[]'::json),
  'bodies', coalesce((
    select json_agg(json_build_object(
      'key', n.nspname || '.' || p.proname,
      'body', case when p.prosqlbody is not null then pg_get_functiondef(p.oid) else p.prosrc end
    ))
    from pg_proc p
    join pg_namespace n on n.oid = p.pronamespace
    join pg_language l on l.oid = p.prolang
    where l.lanname in ('sql', 'plpgsql')
      and n.nspname not in ('pg_catalog', 'information_schema', 'auth', 'storage', 'extensions')
      and n.nspname not like 'pg\\_%'
  ), '[]'::json)
)::text as catalog`;

/**
 * @param {(sql: string) => Promise<{ rows: any[] }>} query
 * @returns {Promise<Catalog>}
 */
export async function loadCatalog(query) {
	const { rows } = await query(CATALOG_SQL);
	const raw = JSON.parse(rows[0].catalog);
	/** @type {Map<string, Relation>} */
	const relations = new Map();
	for (const r of raw.relations) {
		relations.set(r.name, {
			name: r.name,
			kind: r.kind,
			columns: new Map(r.columns.map((/** @type {Column} */ c) => [c.name, c])),
			pk: r.pk
		});
	}
	/** @type {Map<string, Fn[]>} */
	const functions = new Map();
	for (const f of raw.functions) {
		const modes = f.argModes ?? null;
		const names = f.argNames ?? [];
		const allTypes = f.allTypes ?? f.inTypes ?? [];
		/** @type {FnArg[]} */
		const args = [];
		let inIndex = 0;
		const total = modes ? modes.length : f.nargs;
		// Only input arguments (i, b, v) are call parameters; `t`/`o` are result columns.
		for (let i = 0; i < total; i++) {
			const mode = modes ? modes[i] : 'i';
			if (mode === 'o' || mode === 't') continue;
			args.push({
				name: names[i] ?? '',
				type: (f.inTypes ?? [])[inIndex] ?? allTypes[i],
				mode,
				hasDefault: inIndex >= f.nargs - f.ndefaults
			});
			inIndex++;
		}
		// PostgREST's schema cache leaves out trigger functions and those it cannot call: several
		// parameters without names, or one of a type other than bytea/json/jsonb/text/xml
		// (SchemaCache.hs funcsSqlQuery `callable`).
		if (f.rettypeName === 'trigger') continue;
		if (
			!f.argNames &&
			(args.length > 1 ||
				(args.length === 1 && !RAW_TYPES.includes(/** @type {FnArg} */ (args[0]).type)))
		)
			continue;
		const retKind =
			f.rettypeName === 'void'
				? 'void'
				: f.rettypeKind === 'c' || f.rettypeName === 'record'
					? 'composite'
					: 'scalar';
		const fn = {
			name: f.name,
			oid: f.oid,
			args,
			retset: f.retset,
			retKind: /** @type {Fn['retKind']} */ (retKind),
			volatile: f.volatile,
			isTableFn: !!modes && modes.includes('t')
		};
		const list = functions.get(f.name) ?? [];
		list.push(fn);
		functions.set(f.name, list);
	}
	// Function bodies of every schema the app owns, scanned once per load for pg-safeupdate.
	/** @type {Map<string, FnBody[]>} */
	const bodies = new Map();
	for (const b of raw.bodies) {
		const list = bodies.get(b.key) ?? [];
		list.push(scanBody(b.body ?? ''));
		bodies.set(b.key, list);
	}
	return { relations, functions, bodies, loadedAt: Date.now() };
}

/**
 * The first UPDATE/DELETE without WHERE in `start` or in a function it names (transitively), as
 * pg-safeupdate would refuse it if it ran. Unqualified names resolve to public (the functions
 * of this project qualify what they call: their search_path is empty).
 * @param {Catalog} cat
 * @param {string} start schema.name
 * @returns {{ fn: string, offence: import('./safeupdate.js').Offence } | null}
 */
export function findUnguardedDml(cat, start) {
	const seen = new Set([start]);
	const queue = [start];
	while (queue.length > 0) {
		const key = /** @type {string} */ (queue.shift());
		for (const b of cat.bodies.get(key) ?? []) {
			const offence = b.offences[0];
			if (offence) return { fn: key, offence };
			for (const c of b.calls) {
				const k = c.includes('.') ? c : `public.${c}`;
				if (!seen.has(k) && cat.bodies.has(k)) {
					seen.add(k);
					queue.push(k);
				}
			}
		}
	}
	return null;
}
