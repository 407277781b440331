/**
 * Which SQL functions the API roles can reach, asserted from the catalogue and by calling them.
 *
 * - anon: exactly the citizen-facing functions below. A new function that anon can execute (by
 *   PostgreSQL's default EXECUTE to PUBLIC, or a careless grant) fails here until it is added with
 *   its reason — most functions must be revoked from anon instead.
 * - a signed-in account that is not staff (Auth may hold citizens' accounts one day): every
 *   security definer function of `public` that anon may not call refuses it, or returns nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { createTestUser, isStandIn, sql } from './helpers';

/** Functions anon may execute, with why. Keep in sync on purpose: this list is the contract. */
const ANON: Record<string, string> = {
	// Filing (idempotent, rate-limited per client, consent recorded).
	submit_complaint: 'a citizen files a complaint, denunciation or petition',
	submit_application: 'a citizen files a one-stop application',
	book_reception: 'a citizen books a reception appointment',
	list_reception_slots: 'free slots of an office (public)',
	claim_upload_quota: 'per-client upload budget before a file is stored',
	// Code + secret: the holder of a receipt, counted by the tracking lockout.
	resolve_tracking_code: 'what a code is (after the secret is checked)',
	get_complaint_by_code: 'tracking a complaint',
	get_complaint_attachment_by_code: 'a citizen downloads their own attachment',
	add_complaint_documents_by_code: 'a citizen adds documents to their complaint',
	withdraw_complaint_by_code: 'a citizen withdraws their complaint',
	appeal_complaint_by_code: 'a citizen appeals to the second instance',
	get_booking_by_code: 'tracking a booking',
	cancel_booking_by_code: 'a citizen cancels their booking',
	reschedule_booking_by_code: 'a citizen moves their booking',
	get_application_by_code: 'tracking an application',
	get_application_result_by_code: 'a citizen downloads their result',
	get_application_apology_by_code:
		'a citizen sees that their application is late and its apology slip',
	add_application_documents_by_code: 'a citizen hands in requested documents',
	rate_application_by_code: 'a citizen rates the service',
	subscribe_push: 'a citizen asks for web push about their file (code + secret)',
	get_access_log_by_code: 'who opened my file (personal data law)',
	get_my_data_by_code: 'a copy of my data (personal data law)',
	request_erasure_by_code: 'a request to erase my data (personal data law)',
	// Public information, no personal data.
	catalogue_version: 'servers notice a catalogue change',
	public_enforcement_by_province: 'public statistics',
	public_enforcement_months: 'public statistics',
	complaint_deadline: 'legal deadlines are public',
	deadline_rule: 'legal deadlines are public',
	is_working_day: 'calendar',
	working_days_add: 'calendar (bounded)',
	working_days_between: 'calendar (bounded)'
};

describe.runIf(isStandIn())('function exposure', () => {
	let outsider: SupabaseClient;
	let definers: { name: string; args: string[] }[] = [];

	beforeAll(async () => {
		outsider = (await createTestUser()).client;
		definers = (
			await sql<{ name: string; args: string[] | null }>(
				`select p.proname as name,
				        array(select a from unnest(coalesce(p.proargnames, '{}'::text[])) with ordinality u(a, i)
				               where i <= p.pronargs) as args
				   from pg_proc p join pg_namespace n on n.oid = p.pronamespace
				  where n.nspname = 'public' and p.prosecdef and p.prokind = 'f'
				    and not has_function_privilege('anon', p.oid, 'execute')
				    and has_function_privilege('authenticated', p.oid, 'execute')
				  order by 1`,
				[]
			)
		).map((r) => ({ name: r.name, args: r.args ?? [] }));
	});

	it('anon executes exactly the citizen-facing functions of public', async () => {
		const rows = await sql<{ name: string }>(
			`select distinct p.proname as name
			   from pg_proc p join pg_namespace n on n.oid = p.pronamespace
			  where n.nspname = 'public' and has_function_privilege('anon', p.oid, 'execute')
			  order by 1`,
			[]
		);
		expect(rows.map((r) => r.name)).toEqual(Object.keys(ANON).sort());
	});

	it('anon executes nothing in private, auth or storage but what policies need', async () => {
		const rows = await sql<{ fn: string }>(
			`select p.oid::regprocedure::text as fn
			   from pg_proc p join pg_namespace n on n.oid = p.pronamespace
			  where n.nspname = 'private' and p.prosecdef
			    and has_function_privilege('anon', p.oid, 'execute')
			    and not exists (select 1 from pg_policies pol
			                     where position('private.' || p.proname || '(' in
			                           coalesce(pol.qual, '') || coalesce(pol.with_check, '')) > 0)
			  order by 1`,
			[]
		);
		expect(rows).toEqual([]);
	});

	it('there are staff functions to check (the query below is not vacuous)', () => {
		expect(definers.length).toBeGreaterThan(30);
	});

	it('a signed-in account that is not staff gets nothing from any staff function', async () => {
		const leaks: string[] = [];
		for (const fn of definers) {
			// Null for every argument: a function that checks the caller first refuses before it
			// looks at them; one that does not must still return nothing for nothing.
			const args = Object.fromEntries(fn.args.map((a) => [a, null]));
			const { data, error } = await outsider.rpc(fn.name, args);
			const empty =
				data === null ||
				(Array.isArray(data) && data.length === 0) ||
				(typeof data === 'object' && data !== null && Object.keys(data).length === 0);
			if (!error && !empty) leaks.push(`${fn.name} → ${JSON.stringify(data).slice(0, 120)}`);
		}
		expect(leaks).toEqual([]);
	});
});
