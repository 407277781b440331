/** RLS matrix entries for the foundation tables (supabase/migrations/202611260001xx_*). */
import { actors, UNITS, type Fixtures, type Query, type RlsEntry } from './types';

const HN_TREE = [UNITS.HN, UNITS.HN_KV1, UNITS.HN_KV2, UNITS.HN_KV3];

/** Select outcome for unit-scoped tables: own unit; unit heads their subtree; admins all. */
const byVisibleUnit = (column = 'unit_id') =>
	actors<RlsEntry['select'][keyof RlsEntry['select']]>('none', {
		anon: 'denied',
		reception_hn1: { where: (q) => q.eq(column, UNITS.HN_KV1) },
		complaint_hn1: { where: (q) => q.eq(column, UNITS.HN_KV1) },
		procedure_hn1: { where: (q) => q.eq(column, UNITS.HN_KV1) },
		head_hn1: { where: (q) => q.eq(column, UNITS.HN_KV1) },
		reception_gl1: { where: (q) => q.eq(column, UNITS.GL_KV1) },
		complaint_gl1: { where: (q) => q.eq(column, UNITS.GL_KV1) },
		procedure_gl1: { where: (q) => q.eq(column, UNITS.GL_KV1) },
		head_gl1: { where: (q) => q.eq(column, UNITS.GL_KV1) },
		head_hn: { where: (q) => q.in(column, HN_TREE) },
		admin: 'all'
	});

const RECEPTION_EVENTS =
	'reception_visit,booking,reception_closure,reception_head_day,reception_schedule';
/** audit_events: the unit's rows minus the areas the role does not work in. */
const auditByArea = () => {
	// Staff account events (roles, deactivation) are for administrators only.
	const hidden = {
		reception: '(complaint,application,staff)',
		complaint: `(${RECEPTION_EVENTS},application,staff)`,
		procedure: `(complaint,${RECEPTION_EVENTS},staff)`,
		head: '(staff)'
	};
	const of = (unit: string, area: keyof typeof hidden) => ({
		where: (q: Query) => q.eq('unit_id', unit).not('entity_type', 'in', hidden[area])
	});
	return actors<RlsEntry['select'][keyof RlsEntry['select']]>('none', {
		anon: 'denied',
		reception_hn1: of(UNITS.HN_KV1, 'reception'),
		complaint_hn1: of(UNITS.HN_KV1, 'complaint'),
		procedure_hn1: of(UNITS.HN_KV1, 'procedure'),
		head_hn1: of(UNITS.HN_KV1, 'head'),
		reception_gl1: of(UNITS.GL_KV1, 'reception'),
		complaint_gl1: of(UNITS.GL_KV1, 'complaint'),
		procedure_gl1: of(UNITS.GL_KV1, 'procedure'),
		head_gl1: of(UNITS.GL_KV1, 'head'),
		head_hn: { where: (q) => q.in('unit_id', HN_TREE).not('entity_type', 'in', '(staff)') },
		admin: 'all'
	});
};

/** Admin-only writes on a table everyone can read: anon has no grant, others are filtered. */
const adminOnlyInsert = actors<'ok' | 'denied'>('denied', { admin: 'ok' });
const adminOnlyChange = actors<'ok' | 'denied' | 'filtered'>('filtered', {
	anon: 'denied',
	admin: 'ok'
});

async function must<T>(p: PromiseLike<{ data: T; error: unknown }>): Promise<T> {
	const { data, error } = await p;
	if (error) throw new Error(`fixture failed: ${JSON.stringify(error)}`);
	return data;
}

async function newUnit(f: Fixtures) {
	const row = await must(
		f.service
			.from('units')
			.insert({
				parent_id: UNITS.HN,
				level: 'khu_vuc',
				code: f.unique('T').toUpperCase(),
				name: 'Phòng thử nghiệm'
			})
			.select('id')
			.single()
	);
	return { id: (row as { id: string }).id };
}

let holidayOffset = 0;
/** A date far in the future that no seed uses, different for every call. */
function freshHoliday() {
	const d = new Date(
		Date.UTC(2090, 0, 1) + (holidayOffset++ + Math.floor(Math.random() * 3000) * 40) * 86400000
	);
	return d.toISOString().slice(0, 10);
}

async function newStaffUser(f: Fixtures) {
	const email = `${f.unique('staff')}@example.test`;
	const { data, error } = await f.service.auth.admin.createUser({
		email,
		password: 'Thads@2026',
		email_confirm: true
	});
	if (error || !data.user) throw new Error(`createUser failed: ${JSON.stringify(error)}`);
	return { id: data.user.id, email };
}

async function newAuditEvent(f: Fixtures) {
	const row = await must(
		f.service
			.from('audit_events')
			.insert({ entity_type: 'rls_matrix', action: 'created', unit_id: UNITS.HN_KV1 })
			.select('id')
			.single()
	);
	return { id: (row as { id: number }).id };
}

const unitIds = [UNITS.HN_KV1, UNITS.HN_KV2, UNITS.GL_KV1, UNITS.CT_KV1, null];

export const entries: RlsEntry[] = [
	{
		relation: 'units',
		select: actors('all'),
		insert: {
			row: (f) => ({
				parent_id: UNITS.HN,
				level: 'khu_vuc',
				code: f.unique('N').toUpperCase(),
				name: 'Phòng mới'
			}),
			expect: adminOnlyInsert
		},
		update: { target: newUnit, patch: { phone: '024 0000 0000' }, expect: adminOnlyChange },
		delete: { target: newUnit, expect: adminOnlyChange }
	},
	{
		relation: 'staff',
		select: byVisibleUnit(),
		insert: {
			row: async (f) => {
				const u = await newStaffUser(f);
				return {
					user_id: u.id,
					unit_id: UNITS.HN_KV1,
					roles: ['reception'],
					full_name: 'Cán bộ mới',
					email: u.email
				};
			},
			expect: adminOnlyInsert
		},
		update: {
			target: async (f) => {
				const u = await newStaffUser(f);
				await must(
					f.service
						.from('staff')
						.insert({ user_id: u.id, unit_id: UNITS.HN_KV1, roles: [], full_name: 'Cán bộ thử' })
				);
				return { user_id: u.id };
			},
			patch: { full_name: 'Đã đổi tên' },
			expect: adminOnlyChange
		},
		delete: {
			target: async (f) => {
				const u = await newStaffUser(f);
				await must(
					f.service
						.from('staff')
						.insert({ user_id: u.id, unit_id: UNITS.GL_KV1, roles: [], full_name: 'Cán bộ thử' })
				);
				return { user_id: u.id };
			},
			expect: adminOnlyChange
		}
	},
	{
		relation: 'holidays',
		select: actors('all'),
		insert: {
			row: () => ({ day: freshHoliday(), name: 'Ngày nghỉ thử' }),
			expect: adminOnlyInsert
		},
		update: {
			target: async (f) => {
				const day = freshHoliday();
				await must(f.service.from('holidays').insert({ day, name: 'Ngày nghỉ thử' }));
				return { day };
			},
			patch: { name: 'Đã đổi' },
			expect: adminOnlyChange
		},
		delete: {
			target: async (f) => {
				const day = freshHoliday();
				await must(f.service.from('holidays').insert({ day, name: 'Ngày nghỉ thử' }));
				return { day };
			},
			expect: adminOnlyChange
		}
	},
	{
		relation: 'audit_events',
		seed: async (f) => {
			await must(
				f.service
					.from('audit_events')
					.insert(
						unitIds.map((unit_id) => ({ entity_type: 'rls_matrix', action: 'seeded', unit_id }))
					)
			);
		},
		// Of the units they see, staff read their own area's events only: complaint events are
		// for complaint staff, desk events for reception staff, application events for one-stop
		// staff (heads and admins: every area).
		select: auditByArea(),
		// Append-only: API roles have no INSERT/UPDATE/DELETE grant at all (private.audit() writes).
		insert: {
			row: () => ({ entity_type: 'rls_matrix', action: 'forged', unit_id: UNITS.HN_KV1 }),
			expect: actors('denied')
		},
		update: { target: newAuditEvent, patch: { note: 'tampered' }, expect: actors('denied') },
		delete: { target: newAuditEvent, expect: actors('denied') }
	},
	{
		relation: 'notifications',
		seed: async (f) => {
			await must(
				f.service
					.from('notifications')
					.insert({ channel: 'email', recipient: 'a@example.test', template: 'rls_matrix' })
			);
		},
		// Contact details of citizens: only the service role (the sender) reads the outbox.
		select: actors('denied'),
		insert: {
			row: () => ({ channel: 'sms', recipient: '0912345678', template: 'forged' }),
			expect: actors('denied')
		},
		update: {
			target: async (f) => {
				const row = await must(
					f.service
						.from('notifications')
						.insert({ channel: 'email', recipient: 'b@example.test', template: 'rls_matrix' })
						.select('id')
						.single()
				);
				return { id: (row as { id: number }).id };
			},
			patch: { status: 'sent' },
			expect: actors('denied')
		},
		delete: {
			target: async (f) => {
				const row = await must(
					f.service
						.from('notifications')
						.insert({ channel: 'email', recipient: 'c@example.test', template: 'rls_matrix' })
						.select('id')
						.single()
				);
				return { id: (row as { id: number }).id };
			},
			expect: actors('denied')
		}
	},
	{
		relation: 'tracking_codes',
		// Secret hashes never leave the database: no API role but service_role reaches the table.
		select: actors('denied'),
		insert: {
			row: () => ({
				code: 'KN-2222-2222',
				secret_hash: 'x',
				kind: 'complaint',
				ref_id: crypto.randomUUID()
			}),
			expect: actors('denied')
		},
		update: {
			target: async (f) => {
				const code = randomCode('HS');
				await must(
					f.service
						.from('tracking_codes')
						.insert({ code, secret_hash: 'x', kind: 'application', ref_id: crypto.randomUUID() })
				);
				return { code };
			},
			patch: { failed_attempts: 0, locked_until: null, secret_hash: 'y' },
			expect: actors('denied')
		},
		delete: {
			target: async (f) => {
				const code = randomCode('LH');
				await must(
					f.service
						.from('tracking_codes')
						.insert({ code, secret_hash: 'x', kind: 'booking', ref_id: crypto.randomUUID() })
				);
				return { code };
			},
			expect: actors('denied')
		}
	},
	{
		relation: 'attachments',
		seed: async (f) => {
			await must(
				f.service.from('attachments').insert(
					unitIds.map((unit_id) => ({
						owner_kind: 'rls_matrix',
						draft_key: crypto.randomUUID(),
						unit_id,
						path: `rls-matrix/${f.unique('seed')}.pdf`,
						file_name: 'don.pdf',
						mime_type: 'application/pdf',
						size_bytes: 1234
					}))
				)
			);
		},
		// The unit rule only: features narrow it further with restrictive policies of their own
		// (denunciation files: tests/db/complaints.test.ts), so this entry counts its own rows.
		scope: (q) => q.eq('owner_kind', 'rls_matrix'),
		// Admins see every unit's files, but not drafts linked to no unit yet.
		select: { ...byVisibleUnit(), admin: { where: (q) => q.not('unit_id', 'is', null) } },
		// Uploads go through the app server (service client) after validation.
		insert: {
			row: (f) => ({
				owner_kind: 'rls_matrix',
				draft_key: crypto.randomUUID(),
				unit_id: UNITS.HN_KV1,
				path: `rls-matrix/${f.unique('ins')}.pdf`,
				file_name: 'x.pdf',
				mime_type: 'application/pdf',
				size_bytes: 1
			}),
			expect: actors('denied')
		},
		update: { target: newAttachment, patch: { is_internal: true }, expect: actors('denied') },
		delete: { target: newAttachment, expect: actors('denied') }
	}
];

async function newAttachment(f: Fixtures) {
	const row = await must(
		f.service
			.from('attachments')
			.insert({
				owner_kind: 'rls_matrix',
				draft_key: crypto.randomUUID(),
				unit_id: UNITS.HN_KV1,
				path: `rls-matrix/${f.unique('t')}.pdf`,
				file_name: 'x.pdf',
				mime_type: 'application/pdf',
				size_bytes: 1
			})
			.select('id')
			.single()
	);
	return { id: (row as { id: string }).id };
}

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
function randomCode(prefix: string) {
	const pick = () =>
		Array.from({ length: 4 }, () => ALPHABET[Math.floor(Math.random() * ALPHABET.length)]).join('');
	return `${prefix}-${pick()}-${pick()}`;
}
