// The staff home lists today's next three expected visitors (issue 18.9). It asks the database for
// those three only — booked, in slot order, `limit 3`, the three columns it shows — not for the
// desk's whole day (every column of up to 1,000 bookings) to keep three of them.
import { describe, expect, it } from 'vitest';
import { load } from '../../src/routes/(staff)/staff/+page.server';

type Call = [string, ...unknown[]];

/** A Supabase client stand-in: records the bookings query and answers it with `rows`. */
function recordingClient(rows: Record<string, unknown>[]) {
	const calls: Call[] = [];
	const query: Record<string, unknown> = {};
	for (const name of ['select', 'eq', 'not', 'order', 'limit', 'gte', 'lte', 'in', 'is']) {
		query[name] = (...args: unknown[]) => {
			calls.push([name, ...args]);
			return query;
		};
	}
	query.then = (ok: (v: unknown) => unknown) => ok({ data: rows, error: null });
	const client = {
		rpc: async () => ({
			data: {
				today: '2026-12-07',
				complaints: null,
				applications: null,
				desk: { booked_today: 5, not_arrived: 5, waiting: 0, done: 0 },
				messages: null
			},
			error: null
		}),
		from: (table: string) => {
			calls.push(['from', table]);
			return query;
		}
	};
	return { client, calls };
}

describe('staff home: next appointments', () => {
	it('reads only the three booked visitors it shows', async () => {
		const { client, calls } = recordingClient([
			{ starts_at: '2026-12-07T01:00:00Z', tracking_code: 'A1', full_name: 'Một' },
			{ starts_at: '2026-12-07T01:30:00Z', tracking_code: 'A2', full_name: 'Hai' },
			{ starts_at: '2026-12-07T02:00:00Z', tracking_code: null, full_name: 'Ba' }
		]);
		const staff = { unit_id: 'u1', roles: ['reception'] };
		const out = (await load({ locals: { staff, supabase: client } } as never)) as {
			next: unknown[];
		};
		expect(calls).toContainEqual(['from', 'bookings']);
		expect(calls).toContainEqual(['eq', 'status', 'booked']);
		expect(calls).toContainEqual(['limit', 3]);
		const select = calls.find((c) => c[0] === 'select');
		expect(
			String(select?.[1])
				.split(',')
				.map((s) => s.trim())
				.sort()
		).toEqual(['full_name', 'starts_at', 'tracking_code']);
		expect(out.next).toEqual([
			{ time: '2026-12-07T01:00:00Z', code: 'A1', name: 'Một' },
			{ time: '2026-12-07T01:30:00Z', code: 'A2', name: 'Hai' },
			{ time: '2026-12-07T02:00:00Z', code: null, name: 'Ba' }
		]);
	});
});
