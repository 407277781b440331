// The stand-in's "schema cache": tables, views and functions of the exposed schema (public),
// read from pg_catalog. Like PostgREST it is cached; unlike PostgREST it reloads by itself when a
// request names something it does not know (a migration or a test fixture may have added it),
// at most once per request, so new tables need no NOTIFY.

/**
 * @typedef {{ name: string, type: string, typeOid: number, nullable: boolean, hasDefault: boolean, generated: boolean, identityAlways: boolean }} Column
 * @typedef {{ name: string, kind: string, columns: Map<string, Column>, pk: string[] }} Relation
 * @typedef {{ name: string, type: string, mode: string, hasDefault: boolean }} FnArg
 * @typedef {{ name: string, oid: number, args: FnArg[], retset: boolean, retKind: 'void' | 'scalar' | 'composite', volatile: boolean, isTableFn: boolean }} Fn
 * @typedef {{ relations: Map<string, Relation>, functions: Map<string, Fn[]>, loadedAt: number }} Catalog
 */

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
          'identityAlways', a.attidentity = 'a'
        ) order by a.attnum)
        from pg_attribute a
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
    ))
    from pg_proc p
    join pg_type t on t.oid = p.prorettype
    where p.pronamespace = 'public'::regnamespace and p.prokind = 'f'
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
	return { relations, functions, loadedAt: Date.now() };
}
