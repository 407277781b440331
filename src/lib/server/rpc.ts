/**
 * The one way server code calls an SQL function: `call(client, fn, args)`.
 *
 * - The function name and its arguments are checked against the generated schema
 *   (`src/lib/database.types.ts`, `npm run types`), so a renamed function or argument fails
 *   `npm run check`, not a citizen's request.
 * - Every failure becomes one `Refusal` carrying the coded error the SQL raised (`slot_full`,
 *   `rate_limited`, …). Pages turn `refusal.code` into a sentence with their area's messages.
 *
 * The mapping rule (was three slightly different rules in complaints, reception and procedures):
 *   - a snake_case message (`raise exception 'slot_full'`, errcode P0001 or other) → that code;
 *   - permission errors (42501, PostgREST's PGRST301) → `not_allowed`;
 *   - anything else → `unexpected`, logged with the database's code and message (never shown).
 */
import type { Database, Json } from '$lib/database.types';
import type { Db } from './supabase';

type Functions = Database['public']['Functions'];
export type FnName = keyof Functions;
/**
 * The generated argument types say `string` where SQL takes null just as well (postgres-meta
 * cannot know a parameter is nullable); the functions validate their inputs themselves.
 */
export type FnArgs<F extends FnName> = Functions[F]['Args'] extends infer A
	? A extends Record<string, unknown>
		? { [K in keyof A]: A[K] | null }
		: never
	: never;
export type FnResult<F extends FnName> = Functions[F]['Returns'];

/** A coded refusal from the database (or `unexpected`). `detail`: the SQL's DETAIL, if any. */
export class Refusal extends Error {
	constructor(
		readonly code: string,
		readonly detail?: string
	) {
		super(code);
		this.name = 'Refusal';
	}
}

interface DbError {
	code?: string;
	message?: string;
	details?: string | null;
}

const CODED = /^[a-z][a-z0-9_.]*$/;

/** The refusal for a PostgREST/PostgreSQL error (see the rule above). */
export function refusalOf(error: DbError | null | undefined): Refusal {
	const message = error?.message ?? '';
	if (CODED.test(message)) return new Refusal(message, error?.details ?? undefined);
	if (error?.code === '42501' || error?.code === 'PGRST301') return new Refusal('not_allowed');
	console.error('[rpc] unexpected database error', error?.code, message);
	return new Refusal('unexpected');
}

type UntypedRpc = {
	rpc(fn: string, args: unknown): PromiseLike<{ data: unknown; error: DbError | null }>;
};

/** Calls one SQL function; throws `Refusal` on any error. */
export async function call<F extends FnName>(
	client: Db,
	fn: F,
	args: FnArgs<F>
): Promise<FnResult<F>> {
	// The signature above is the check; supabase-js's own generic rpc() type cannot follow a
	// generic function name, so the call itself goes through the untyped view of the same client.
	const { data, error } = await (client as unknown as UntypedRpc).rpc(fn, args);
	if (error) throw refusalOf(error);
	return data as FnResult<F>;
}

/**
 * The code + secret functions answer null (never raise) for an unknown code, a wrong or a locked
 * secret, so the database keeps count of wrong secrets: null becomes `tracking_not_found`.
 */
export async function callByCode<F extends FnName>(
	client: Db,
	fn: F,
	args: FnArgs<F>
): Promise<NonNullable<FnResult<F>>> {
	const data = await call(client, fn, args);
	if (data === null || data === undefined) throw new Refusal('tracking_not_found');
	return data as NonNullable<FnResult<F>>;
}

/** The first row of a set-returning function, or null. */
export function firstRow<T>(data: T[] | T | null | undefined): T | null {
	if (Array.isArray(data)) return data[0] ?? null;
	return data ?? null;
}

/**
 * A jsonb result in the shape its SQL function documents. Interfaces are kept only for these:
 * the generator sees `Json`, not the object the function builds.
 */
export function jsonb<T>(value: Json | null | undefined): T {
	return value as unknown as T;
}
