// The staff home's counts (issue 18.9): public.staff_home_counts() runs under the caller's own
// row-level security, so each role counts only its own unit's files (a head also the units below,
// an admin every unit), and parts a role does not cover are null. The desk's "call next" (18.11):
// numbers are called in queue order, each once, audited; only the desk may call.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { isStandIn, signIn, sql } from './helpers';

interface Counts {
	today: string;
	complaints: { overdue: number; due_soon: number } | null;
	applications: { overdue: number; due_soon: number } | null;
	desk: { booked_today: number; not_arrived: number; waiting: number; done: number } | null;
	messages: { dead: number } | null;
}

const EMAILS = {
	complaintsHN1: 'khieunai.hn1@thads.local',
	complaintsGL1: 'khieunai.gl1@thads.local',
	proceduresHN1: 'motcua.hn1@thads.local',
	proceduresGL1: 'motcua.gl1@thads.local',
	receptionHN1: 'tiepdan.hn1@thads.local',
	receptionGL1: 'tiepdan.gl1@thads.local',
	headHN1: 'truongphong.hn1@thads.local',
	headHN: 'lanhdao.hn@thads.local',
	admin: 'admin@thads.local',
	legal: 'phapche@thads.local'
} as const;
type Who = keyof typeof EMAILS;

const clients = {} as Record<Who, SupabaseClient>;

async function counts(who: Who): Promise<Counts> {
	const { data, error } = await clients[who].rpc('staff_home_counts');
	if (error) throw error;
	return data as Counts;
}

/** The units a member's queues list: their own; a head's subtree; every unit for an admin. */
async function unitsOf(who: Who): Promise<string[]> {
	const rows = await sql<{ id: string }>(
		`with recursive me as (select unit_id, roles from public.staff where email = $1),
		 tree as (
		   select u.id from public.units u, me
		    where u.id = me.unit_id or 'admin' = any (me.roles)
		   union
		   select u.id from public.units u join tree t on u.parent_id = t.id, me
		    where 'unit_head' = any (me.roles)
		 ) select id from tree`,
		[EMAILS[who]]
	);
	return rows.map((r) => r.id);
}

/** The same counts, computed as the database owner over exactly the given units. */
async function expectedComplaints(units: string[]) {
	const [row] = await sql<{ overdue: number; due_soon: number }>(
		`select count(*) filter (where due < t.today)::int as overdue,
		        count(*) filter (where due between t.today and t.today + 3)::int as due_soon
		   from (select case when status = 'received' then accept_due else resolve_due end as due
		           from public.complaints
		          where status in ('received', 'accepted', 'verifying', 'dialogue')
		            and unit_id = any ($1::uuid[])) c,
		        (select private.vn_today() as today) t`,
		[units]
	);
	return row!;
}

async function expectedApplications(units: string[]) {
	const [row] = await sql<{ overdue: number; due_soon: number }>(
		`select count(*) filter (where is_overdue)::int as overdue,
		        count(*) filter (where is_due_soon)::int as due_soon
		   from public.application_inbox where unit_id = any ($1::uuid[])`,
		[units]
	);
	return row!;
}

async function unitId(who: Who): Promise<string> {
	const [row] = await sql<{ unit_id: string }>(
		'select unit_id from public.staff where email = $1',
		[EMAILS[who]]
	);
	return row!.unit_id;
}

describe.runIf(isStandIn())('staff home counts', () => {
	beforeAll(async () => {
		await Promise.all(
			(Object.keys(EMAILS) as Who[]).map(async (w) => {
				clients[w] = await signIn(EMAILS[w]);
			})
		);
	});

	it('a complaint officer counts the overdue and due-soon complaints of their own unit only', async () => {
		for (const who of ['complaintsHN1', 'complaintsGL1'] as const) {
			const c = await counts(who);
			expect(c.complaints).toEqual(await expectedComplaints([await unitId(who)]));
			expect(c.applications).toBeNull();
			expect(c.desk).toBeNull();
			expect(c.messages).toBeNull();
		}
		// Not vacuous: the demo data has an overdue complaint at HN-KV1 (KN-HNAA-2222); the next test
		// shows another unit's change does not reach this count.
		expect((await counts('complaintsHN1')).complaints!.overdue).toBeGreaterThan(0);
	});

	it('moving a Gia Lai complaint past its deadline changes the Gia Lai count, not Hà Nội', async () => {
		const gl = await unitId('complaintsGL1');
		const [target] = await sql<{ id: string; accept_due: string; resolve_due: string | null }>(
			`select id, accept_due::text, resolve_due::text from public.complaints
			  where unit_id = $1 and status = 'received' order by received_at limit 1`,
			[gl]
		);
		expect(target, 'the demo data has a received complaint at GL-KV1').toBeTruthy();
		const before = { gl: await counts('complaintsGL1'), hn: await counts('complaintsHN1') };
		const wasOverdue = target!.accept_due < before.gl.today;
		await sql(`update public.complaints set accept_due = $2::date where id = $1`, [
			target!.id,
			wasOverdue ? before.gl.today : '2020-01-02'
		]);
		try {
			const after = { gl: await counts('complaintsGL1'), hn: await counts('complaintsHN1') };
			expect(after.gl.complaints!.overdue).toBe(
				before.gl.complaints!.overdue + (wasOverdue ? -1 : 1)
			);
			expect(after.hn.complaints).toEqual(before.hn.complaints);
		} finally {
			await sql(`update public.complaints set accept_due = $2::date where id = $1`, [
				target!.id,
				target!.accept_due
			]);
		}
	});

	it('a one-stop officer counts the applications of their own unit only', async () => {
		for (const who of ['proceduresHN1', 'proceduresGL1'] as const) {
			const c = await counts(who);
			expect(c.applications).toEqual(await expectedApplications([await unitId(who)]));
			expect(c.complaints).toBeNull();
			expect(c.desk).toBeNull();
		}
		// HS-HNAD-2222 is overdue at HN-KV1 in the demo data.
		expect((await counts('proceduresHN1')).applications!.overdue).toBeGreaterThan(0);
	});

	it("a reception officer counts today's appointments and queue of their own desk only", async () => {
		const hn = await unitId('receptionHN1');
		const before = {
			hn: (await counts('receptionHN1')).desk!,
			gl: (await counts('receptionGL1')).desk!
		};
		const w = await clients.receptionHN1.rpc('add_walk_in', {
			payload: { full_name: 'Người chờ tại quầy', topic: 'hoi_vu_viec' }
		});
		expect(w.error).toBeNull();
		const after = {
			hn: (await counts('receptionHN1')).desk!,
			gl: (await counts('receptionGL1')).desk!
		};
		expect(after.hn.booked_today).toBe(before.hn.booked_today + 1);
		expect(after.hn.waiting).toBe(before.hn.waiting + 1);
		expect(after.gl).toEqual(before.gl);
		const [own] = await sql<{ n: number }>(
			`select count(*)::int as n from public.bookings
			  where unit_id = $1 and day = private.reception_today() and status <> 'cancelled'`,
			[hn]
		);
		expect(after.hn.booked_today).toBe(own!.n);
		const c = await counts('receptionHN1');
		expect(c.complaints).toBeNull();
		expect(c.applications).toBeNull();
		expect(c.messages).toBeNull();
	});

	it('a unit head counts their unit and the units below it, and the messages given up', async () => {
		for (const who of ['headHN1', 'headHN', 'admin'] as const) {
			const units = await unitsOf(who);
			const c = await counts(who);
			expect(c.complaints).toEqual(await expectedComplaints(units));
			expect(c.applications).toEqual(await expectedApplications(units));
			const [dead] = await sql<{ n: number }>(
				`select least(count(*), 500)::int as n from public.notifications
				  where status = 'dead' and (unit_id = any ($1::uuid[])
				        or (unit_id is null and $2))`,
				[units, who === 'admin']
			);
			expect(c.messages).toEqual({ dead: dead!.n });
		}
		// The province head sees more than the one khu vực office under them.
		const province = await counts('headHN');
		const office = await counts('headHN1');
		expect(province.complaints!.overdue).toBeGreaterThanOrEqual(office.complaints!.overdue);
		expect((await unitsOf('headHN')).length).toBeGreaterThan((await unitsOf('headHN1')).length);
	});

	it('the legal officer has no queue: every part is null', async () => {
		const c = await counts('legal');
		expect(c).toMatchObject({ complaints: null, applications: null, desk: null, messages: null });
	});

	it('anon may not call it', async () => {
		const [row] = await sql<{ anon: boolean }>(
			`select has_function_privilege('anon', 'public.staff_home_counts()', 'execute') as anon`,
			[]
		);
		expect(row!.anon).toBe(false);
	});
});

describe.runIf(isStandIn())('call next at the desk', () => {
	beforeAll(async () => {
		for (const w of ['receptionHN1', 'complaintsHN1'] as const)
			clients[w] ??= await signIn(EMAILS[w]);
	});

	it('calls the waiting numbers in queue order, each once, and audits each call', async () => {
		const add = async (name: string) => {
			const r = await clients.receptionHN1.rpc('add_walk_in', {
				payload: { full_name: name, topic: 'hoi_vu_viec' }
			});
			expect(r.error).toBeNull();
			return r.data as { id: string; queue_no: number };
		};
		const first = await add('Người thứ nhất');
		const second = await add('Người thứ hai');
		expect(second.queue_no).toBeGreaterThan(first.queue_no);
		const called: { id: string; queue_no: number }[] = [];
		for (let i = 0; i < 200; i++) {
			const r = await clients.receptionHN1.rpc('call_next_visitor');
			if (r.error) {
				expect(r.error.message).toBe('queue_empty');
				break;
			}
			called.push(r.data as { id: string; queue_no: number });
		}
		const numbers = called.map((c) => c.queue_no);
		expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
		expect(new Set(numbers).size).toBe(numbers.length);
		expect(numbers.indexOf(first.queue_no)).toBeLessThan(numbers.indexOf(second.queue_no));
		expect(numbers.indexOf(first.queue_no)).toBeGreaterThanOrEqual(0);
		// Only the number goes back to the caller: no name, phone or code.
		expect(Object.keys(called[0]!).sort()).toEqual(['id', 'queue_no']);
		const audit = await sql<{ action: string; after: { queue_no: number } }>(
			`select action, after from public.audit_events where entity_id = $1 and action = 'call'`,
			[first.id]
		);
		expect(audit).toHaveLength(1);
		expect(audit[0]!.after.queue_no).toBe(first.queue_no);
	});

	it('an officer who is not at the desk may not call', async () => {
		const r = await clients.complaintsHN1.rpc('call_next_visitor');
		expect(r.error?.message).toBe('not_allowed');
	});
});
