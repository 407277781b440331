/**
 * Perform one officer action from the action table: parse the form with the action's schema
 * (field errors back to the form, nothing sent), then call its SQL function, which checks role,
 * unit, status and content again and answers with a coded refusal.
 */
import { fail } from '@sveltejs/kit';
import { Refusal, act } from '../server';
import { STAFF_ACTIONS, parseAction, type StaffActionName } from './actions';

/** What the officer typed, given back on a refusal (never files). */
function typed(fd: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [k, v] of fd) if (typeof v === 'string') values[k] = v.slice(0, 5000);
	return values;
}

/** The refusal of a failed call as the page shows it. */
function refusal(action: string, e: unknown, values: Record<string, string>) {
	const code = e instanceof Refusal ? e.code : 'generic';
	return fail(code === 'not_allowed' ? 403 : 400, { action, error: code, values });
}

/**
 * Parse and perform `name` on file `id`. `before` runs after a valid parse and before the SQL
 * call (the decision upload of `resolve`) and returns extra arguments.
 */
export async function perform<A extends StaffActionName>(
	supabase: Parameters<typeof act>[0],
	name: A,
	id: string,
	fd: FormData,
	before?: () => Promise<{ attachmentId?: string | null }>
) {
	const values = typed(fd);
	const parsed = parseAction(name, fd);
	if (!parsed.ok)
		return fail(400, { action: name, error: 'invalid_input', fields: parsed.fields, values });
	try {
		const extra = before ? await before() : {};
		const { rpc, args } = STAFF_ACTIONS[name];
		// The name is checked against the schema by the table's type; the arguments are built per
		// action from its zod output, so their shape is the table's promise, not the compiler's.
		await act(supabase, rpc, args(id, parsed.value, extra) as never);
		return { action: name, done: true as const };
	} catch (e) {
		return refusal(name, e, values);
	}
}
