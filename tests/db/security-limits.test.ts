/**
 * Security issue 12 — secrets and abuse limits, each test named after the attack it stops:
 * idempotency keys as a way to a citizen's secret (item 2), limits keyed on values the caller
 * chooses (item 8), tracking-code lockout as a denial of service (item 9), unbounded SQL from anon
 * (item 11, and the per-role statement time-outs of issue 16), grants on helpers (item 14).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import {
	anonClient,
	isStandIn,
	randomClientAddress,
	serviceClient,
	signIn,
	signClientAddress,
	sql,
	standin,
	draftAttachment,
	allDayOffice
} from './helpers';

const HN_KV1 = '00000000-0000-4000-a000-000000000011';
const PROC = 'xac-nhan-ket-qua-thi-hanh-an';
const randomPhone = () => `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
const randomCccd = () => `0010${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

const complaint = (over: Record<string, unknown> = {}) => ({
	kind: 'complaint',
	subject: 'coercion',
	unit_id: HN_KV1,
	consent: true,
	learned_on: new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10),
	content: 'Chấp hành viên kê biên nhầm tài sản của tôi, không phải của người phải thi hành án.',
	request: 'Hủy quyết định kê biên',
	filer: { full_name: 'Trần Văn Kiện', phone: randomPhone(), province: 'Hà Nội' },
	...over
});

type Filed = { code: string; secret: string; complaint_id: string; replayed: boolean };
async function fileComplaint(client: SupabaseClient, over = {}, key = randomUUID()) {
	const r = await client.rpc('submit_complaint', {
		payload: complaint(over),
		idempotency_key: key
	});
	return { ...r, row: (r.data as Filed[] | null)?.[0], key };
}

let service: SupabaseClient;
let officerHN1: SupabaseClient;
let headHN1: SupabaseClient;
let oneStopHN1: SupabaseClient;
let receptionHN1: SupabaseClient;
let unitId: string;

async function applicationPayload(key: string, applicant: Record<string, unknown>) {
	return {
		procedure_code: PROC,
		unit_id: HN_KV1,
		consent: true,
		applicant: { name: 'Trần Văn Bình', ...applicant },
		answers: { so_quyet_dinh_tha: '12/QĐ-THADS', tu_cach: 'duoc_thi_hanh' },
		documents: [
			{ attachment_id: await draftAttachment(key), document_key: 'don_de_nghi' },
			{ attachment_id: await draftAttachment(key), document_key: 'giay_to_tuy_than' }
		]
	};
}

/** The first bookable slot of the test office (open every day, all day, 10 places). */
async function nextSlot(offsetHours = 3) {
	const from = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
	const to = new Date(Date.now() + 10 * 86400_000).toISOString().slice(0, 10);
	const { data, error } = await anonClient().rpc('list_reception_slots', {
		p_unit_id: unitId,
		p_from: from,
		p_to: to
	});
	if (error) throw error;
	return (data as { starts_at: string; places_left: number }[]).filter(
		(s) => s.places_left > 0 && Date.parse(s.starts_at) > Date.now() + offsetHours * 3600_000
	);
}

function booking(client: SupabaseClient, startsAt: string, key: string | null = null, over = {}) {
	return client.rpc('book_reception', {
		payload: {
			unit_id: unitId,
			starts_at: startsAt,
			full_name: 'Nguyễn Văn Thử',
			phone: randomPhone(),
			people_count: 1,
			topic: 'khieu_nai',
			consent: true,
			...over
		},
		idempotency_key: key
	});
}

beforeAll(async () => {
	service = serviceClient();
	[officerHN1, headHN1, oneStopHN1, receptionHN1] = await Promise.all([
		signIn('khieunai.hn1@thads.local'),
		signIn('truongphong.hn1@thads.local'),
		signIn('motcua.hn1@thads.local'),
		signIn('tiepdan.hn1@thads.local')
	]);
	unitId = await allDayOffice(service, 'SL', 'Phòng thử nghiệm giới hạn', 'Số 2 đường Thử');
});

describe('item 2: idempotency keys are not a way to the citizen secret', () => {
	it('staff of the unit cannot read the idempotency keys of complaints, bookings or applications', async () => {
		const filed = await fileComplaint(anonClient());
		expect(filed.error).toBeNull();
		const slot = (await nextSlot())[0]!;
		expect((await booking(anonClient(), slot.starts_at, randomUUID())).error).toBeNull();
		for (const [who, table] of [
			[officerHN1, 'complaints'],
			[headHN1, 'complaints'],
			[receptionHN1, 'bookings'],
			[oneStopHN1, 'applications']
		] as const) {
			const { data, error } = await who
				.from(table)
				.select('id, idempotency_key')
				.not('idempotency_key', 'is', null)
				.limit(1);
			// Either the column is gone (error) or no row carries a key.
			expect(error !== null || (data ?? []).length === 0, `${table} exposes keys`).toBe(true);
		}
	});

	it('no table holds a citizen secret in clear after filing, booking or applying', async () => {
		const c = await fileComplaint(anonClient());
		const slot = (await nextSlot())[0]!;
		const b = await booking(anonClient(), slot.starts_at, randomUUID());
		const key = randomUUID();
		const a = await anonClient()
			.rpc('submit_application', {
				payload: await applicationPayload(key, { phone: randomPhone() }),
				idempotency_key: key
			})
			.single();
		const secrets = [
			c.row!.secret,
			(b.data as { secret: string }).secret,
			(a.data as { secret: string }).secret
		];
		if (!isStandIn()) return;
		const tables = await sql<{ t: string }>(
			`select format('%I.%I', n.nspname, c.relname) as t from pg_class c
			   join pg_namespace n on n.oid = c.relnamespace
			  where c.relkind = 'r' and n.nspname in ('public', 'private', 'auth')`,
			[]
		);
		for (const secret of secrets) expect(secret).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
		// One scan of each table for all three secrets: the whole database is read as text.
		const patterns = secrets.map((s) => `%${s}%`);
		const found: string[] = [];
		for (const { t } of tables) {
			const [row] = await sql<{ n: number }>(
				`select count(*)::int as n from ${t} x where x::text like any($1::text[])`,
				[patterns]
			);
			if (row!.n > 0) found.push(t);
		}
		expect(found, 'a secret was found in').toEqual([]);
	}, 120_000);

	it('a replay with the key answers the same secret while fresh, and no secret after 24 hours', async () => {
		const anon = anonClient();
		const first = await fileComplaint(anon);
		const again = await fileComplaint(anon, {}, first.key);
		expect(again.row).toMatchObject({
			code: first.row!.code,
			secret: first.row!.secret,
			replayed: true
		});
		if (!isStandIn()) return;
		await sql(
			`update private.idempotent_replies set created_at = created_at - interval '25 hours'`,
			[]
		);
		const late = await fileComplaint(anon, {}, first.key);
		expect(late.row).toBeUndefined();
		expect(late.error?.message).toBe('idempotency_key_expired');
		// The next submission wipes the stale replies (no secret material kept beyond a day).
		await fileComplaint(anon);
		const [left] = await sql<{ n: number }>(
			`select count(*)::int as n from private.idempotent_replies
			  where reply is not null and created_at < now() - interval '24 hours'`,
			[]
		);
		expect(left!.n).toBe(0);
	});

	it('a booking or an application replays its reply while fresh', async () => {
		const key = randomUUID();
		const slot = (await nextSlot())[0]!;
		const b1 = await booking(anonClient(), slot.starts_at, key);
		const b2 = await booking(anonClient(), slot.starts_at, key);
		expect(b2.data).toEqual(b1.data);
		const akey = randomUUID();
		const p = await applicationPayload(akey, { phone: randomPhone() });
		const a1 = await anonClient().rpc('submit_application', { payload: p, idempotency_key: akey });
		const a2 = await anonClient().rpc('submit_application', { payload: p, idempotency_key: akey });
		expect(a1.error).toBeNull();
		expect(a2.data).toEqual(a1.data);
	});
});

describe('item 8: per-client limits use the real client address', () => {
	it('changing payload.client_address does not escape the per-client filing limit', async () => {
		const anon = anonClient({ address: randomClientAddress() });
		for (let i = 0; i < 10; i++) {
			const r = await fileComplaint(anon, { client_address: `203.0.113.${i}` });
			expect(r.error).toBeNull();
		}
		const refused = await fileComplaint(anon, { client_address: '203.0.113.99' });
		expect(refused.error?.message).toBe('rate_limited');
		// Another citizen is not affected.
		expect((await fileComplaint(anonClient())).error).toBeNull();
	});

	it('a forged x-thads-client header (wrong key) is ignored: the gateway address counts', async () => {
		const url = `${standin().url}/rest/v1/rpc/submit_complaint`;
		const via = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
		let last = 0;
		let body: { message?: string } = {};
		for (let i = 0; i < 11; i++) {
			const forged = signClientAddress(
				randomClientAddress(),
				'not-the-key-not-the-key-not-the-key!'
			);
			const res = await fetch(url, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					apikey: standin().anonKey,
					'x-thads-client': forged,
					// A caller's own x-forwarded-for is kept, but the gateway appends the real peer.
					'x-forwarded-for': via
				},
				body: JSON.stringify({ payload: complaint(), idempotency_key: randomUUID() })
			});
			last = res.status;
			body = await res.json();
		}
		if (!isStandIn()) return;
		expect(last).toBe(400);
		expect(body.message).toBe('rate_limited');
		// Free the gateway's bucket (127.0.0.1) for other tests that call the API directly.
		await sql(
			`delete from private.rate_limits where key like '127.%' or key like '::1%' or key like '::ffff:%'`
		);
	});

	it('twenty junk petitions without phone or CCCD do not block such petitions nationwide', async () => {
		const anonymous = { full_name: 'Người dân', province: 'Hà Nội' };
		for (let i = 0; i < 21; i++) {
			const r = await fileComplaint(anonClient(), { kind: 'petition', filer: anonymous });
			expect(r.error?.message ?? null, `petition ${i + 1}`).toBeNull();
		}
	});

	it("six filings naming a stranger's e-mail send that address at most three e-mails", async () => {
		const email = `victim-${randomUUID().slice(0, 8)}@example.test`;
		for (let i = 0; i < 6; i++) {
			const r = await fileComplaint(anonClient(), {
				filer: { full_name: 'Người Lạ', phone: randomPhone(), email, province: 'Hà Nội' }
			});
			expect(r.error).toBeNull();
		}
		const { count } = await service
			.from('notifications')
			.select('id', { count: 'exact', head: true })
			.eq('recipient', email);
		expect(count).toBeGreaterThan(0);
		expect(count).toBeLessThanOrEqual(3);
	});

	it('slot hoarding with random phone numbers from one client is refused', async () => {
		const anon = anonClient({ address: randomClientAddress() });
		const slots = await nextSlot();
		const results: (string | null)[] = [];
		for (let i = 0; i < 6; i++) {
			const r = await booking(anon, slots[i]!.starts_at);
			results.push(r.error?.message ?? null);
		}
		expect(results.slice(0, 4)).toEqual([null, null, null, null]);
		expect(results.slice(4)).toEqual(['rate_limited', 'rate_limited']);
	});

	it('applications are limited per e-mail too, not only per CCCD or phone', async () => {
		const email = `nop-${randomUUID().slice(0, 8)}@example.test`;
		const results: (string | null)[] = [];
		for (let i = 0; i < 11; i++) {
			const key = randomUUID();
			const r = await anonClient().rpc('submit_application', {
				payload: await applicationPayload(key, {
					email,
					phone: randomPhone(),
					cccd: randomCccd()
				}),
				idempotency_key: key
			});
			results.push(r.error?.message ?? null);
		}
		expect(results.slice(0, 10).every((r) => r === null)).toBe(true);
		expect(results[10]).toBe('rate_limited');
	});

	it('applications from one client address with fresh identities are limited', async () => {
		const anon = anonClient({ address: randomClientAddress() });
		const results: (string | null)[] = [];
		for (let i = 0; i < 11; i++) {
			const key = randomUUID();
			const r = await anon.rpc('submit_application', {
				payload: await applicationPayload(key, { phone: randomPhone(), cccd: randomCccd() }),
				idempotency_key: key
			});
			results.push(r.error?.message ?? null);
		}
		expect(results[10]).toBe('rate_limited');
	});

	it('draft uploads from one client stop at 60 MB a day', async () => {
		const anon = anonClient({ address: randomClientAddress() });
		const claim = async (bytes: number) => {
			const { data, error } = await anon.rpc('claim_upload_quota', { p_bytes: bytes });
			expect(error).toBeNull();
			return data as boolean;
		};
		for (let i = 0; i < 6; i++) expect(await claim(10 * 1024 * 1024)).toBe(true);
		expect(await claim(1024 * 1024)).toBe(false);
		// Another client still may upload.
		expect(await anonClient().rpc('claim_upload_quota', { p_bytes: 1024 })).toMatchObject({
			data: true
		});
	});
});

describe('item 9: tracking codes cannot be locked by whoever knows them', () => {
	async function newComplaintCode() {
		const r = await fileComplaint(anonClient());
		expect(r.error).toBeNull();
		return r.row!;
	}
	const resolve = async (client: SupabaseClient, code: string, secret: string) => {
		const { data, error } = await client.rpc('resolve_tracking_code', { code, secret });
		expect(error).toBeNull();
		return data as unknown[];
	};

	it('a stranger guessing wrong secrets does not lock the owner out', async () => {
		const { code, secret } = await newComplaintCode();
		const stranger = anonClient({ address: randomClientAddress() });
		for (let i = 0; i < 8; i++) expect(await resolve(stranger, code, 'WRONG234')).toEqual([]);
		// The stranger is locked out of this code, even with the right secret…
		expect(await resolve(stranger, code, secret)).toEqual([]);
		// …the owner, from their own phone, is not.
		const owner = anonClient({ address: randomClientAddress() });
		expect(await resolve(owner, code, secret)).toHaveLength(1);
	});

	it('many clients together hit the per-code ceiling', async () => {
		const { code, secret } = await newComplaintCode();
		for (let i = 0; i < 100; i++) await resolve(anonClient(), code, 'WRONG234');
		expect(await resolve(anonClient(), code, secret)).toEqual([]);
	});

	it('one client guessing across many codes is stopped after 30 wrong secrets', async () => {
		const { code, secret } = await newComplaintCode();
		const prober = anonClient({ address: randomClientAddress() });
		for (let i = 0; i < 30; i++) {
			const fake = `KN-${String(i).padStart(2, '2').replace(/[01]/g, '9')}AB-CDEF`;
			await resolve(prober, fake, 'WRONG234');
		}
		expect(await resolve(prober, code, secret)).toEqual([]);
		expect(await resolve(anonClient(), code, secret)).toHaveLength(1);
	});

	it('direct calls of /rest/v1/rpc/resolve_tracking_code are limited per client too', async () => {
		const { code, secret } = await newComplaintCode();
		const direct = anonClient({ address: null });
		for (let i = 0; i < 6; i++) await resolve(direct, code, 'WRONG234');
		expect(await resolve(direct, code, secret)).toEqual([]);
		if (isStandIn())
			await sql(`delete from private.rate_limits where key like '%|127.%' or key like '%|::%'`);
	});

	it.runIf(isStandIn())(
		'an unknown code costs the same time as a known code with a wrong secret',
		async () => {
			const { code } = await newComplaintCode();
			// Four wrong secrets (below any lock), timed inside the database.
			const time = async (c: string) => {
				const [r] = await sql<{ ms: number }>(
					`select (extract(epoch from clock_timestamp() - s.t0) * 1000)::float8 as ms
					   from (select clock_timestamp() as t0) s,
					        lateral (select count(*) from generate_series(1, 4) g,
					                 lateral public.resolve_tracking_code($1, 'WRONG23' || g) r) x`,
					[c]
				);
				return r!.ms;
			};
			await time('KN-ZZZZ-ZZZX');
			// Alternating rounds and medians: a busy machine slows single calls at random.
			const knowns: number[] = [];
			const unknowns: number[] = [];
			for (let i = 0; i < 5; i++) {
				knowns.push(await time(code));
				unknowns.push(await time('KN-ZZZZ-ZZZY'));
			}
			const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
			const known = median(knowns);
			const unknown = median(unknowns);
			expect(known).toBeGreaterThan(4);
			expect(unknown).toBeGreaterThan(known * 0.5);
		}
	);
});

describe('item 11: unbounded SQL from anon', () => {
	it('working_days_add(start, 6000000) is refused at once with a coded error', async () => {
		// The coded error is the proof it was refused before counting: counting six million working
		// days would have run into anon's 3 s statement timeout (57014) instead.
		const { error } = await anonClient().rpc('working_days_add', {
			start: '2026-01-01',
			n: 6_000_000
		});
		expect(error?.message).toBe('working_days_out_of_range');
		const ok = await anonClient().rpc('working_days_add', { start: '2026-01-01', n: 3650 });
		expect(ok.error).toBeNull();
		const back = await anonClient().rpc('working_days_add', { start: '2026-01-01', n: -3651 });
		expect(back.error?.message).toBe('working_days_out_of_range');
	}, 30_000);

	it('working_days_between over more than 10 years is refused', async () => {
		const { error } = await anonClient().rpc('working_days_between', {
			a: '1900-01-01',
			b: '2900-01-01'
		});
		expect(error?.message).toBe('working_days_out_of_range');
		const ok = await anonClient().rpc('working_days_between', { a: '2020-01-01', b: '2029-12-31' });
		expect(ok.error).toBeNull();
	}, 30_000);

	it.runIf(isStandIn())(
		'anon statements are cut at 3 s and authenticated at 8 s (500, 57014) as on Supabase',
		async () => {
			const name = `test_sleep_${randomUUID().slice(0, 8)}`;
			await sql(
				`create function public.${name}(s double precision) returns boolean language sql as 'select pg_sleep(s) is not null';
				 grant execute on function public.${name}(double precision) to anon, authenticated`
			);
			try {
				// 57014 is the proof the statement was cut: the same 4.5 s sleep succeeds for staff.
				const slow = await anonClient().rpc(name, { s: 4.5 });
				expect(slow.error?.code).toBe('57014');
				expect(slow.status).toBe(500);
				const staff = await officerHN1.rpc(name, { s: 4.5 });
				expect(staff.error).toBeNull();
				const roles = await sql<{ rolname: string; cfg: string[] }>(
					`select rolname, rolconfig as cfg from pg_roles where rolname in ('anon', 'authenticated') order by 1`,
					[]
				);
				expect(roles).toEqual([
					{ rolname: 'anon', cfg: expect.arrayContaining(['statement_timeout=3s']) },
					{ rolname: 'authenticated', cfg: expect.arrayContaining(['statement_timeout=8s']) }
				]);
			} finally {
				// Let the statement still running in the database finish before dropping.
				await new Promise((r) => setTimeout(r, 1500));
				await sql(`drop function public.${name}(double precision)`);
			}
		},
		30_000
	);
});

describe('item 14: grants', () => {
	it.runIf(isStandIn())(
		'security definer helpers in private are executable by anon/authenticated only when a policy uses them',
		async () => {
			const rows = await sql<{ fn: string; role: string }>(
				`with used as (
				   select string_agg(coalesce(qual, '') || ' ' || coalesce(with_check, ''), ' ') as text
				     from pg_policies
				 )
				 select p.oid::regprocedure::text as fn, r.role
				   from pg_proc p join pg_namespace n on n.oid = p.pronamespace
				  cross join (values ('anon'), ('authenticated')) r(role)
				  where n.nspname = 'private' and p.prosecdef
				    and has_function_privilege(r.role, p.oid, 'execute')
				    and position('private.' || p.proname || '(' in (select text from used)) = 0
				  order by 1, 2`,
				[]
			);
			expect(rows).toEqual([]);
		}
	);

	it('anon cannot execute extend_denunciation_deadline (a staff-only function)', async () => {
		const { error } = await anonClient().rpc('extend_denunciation_deadline', {
			p_id: randomUUID(),
			p_complexity: 'complex',
			p_reason: 'Vụ việc phức tạp cần xác minh'
		});
		expect(error?.code).toBe('42501');
	});
});

afterAll(async () => {
	if (isStandIn()) await sql(`delete from private.rate_limits where bucket like 'notify_%'`);
});

describe('item 14: storage downloads', () => {
	it('a signed download link answers as an attachment that the browser must not sniff', async () => {
		const path = `test/${randomUUID()}.png`;
		const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');
		const up = await service.storage
			.from('attachments')
			.upload(path, html, { contentType: 'image/png' });
		expect(up.error).toBeNull();
		const { data, error } = await service.storage
			.from('attachments')
			.createSignedUrl(path, 60, { download: 'anh.png' });
		expect(error).toBeNull();
		const res = await fetch(data!.signedUrl);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		await service.storage.from('attachments').remove([path]);
	});
});
