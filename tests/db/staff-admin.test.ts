// Staff accounts in the agency's hands (issue 13, part B): an administrator manages the staff of
// its own unit and the units below it — a provincial administrator its khu vực offices only —;
// every change is audited with before and after; nobody deactivates or demotes themselves; a
// deactivated member loses all access at once; Auth invitations and password resets go through
// an e-mailed code (the stand-in implements GoTrue's /invite and /recover).
import { beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { randomUUID } from 'node:crypto';
import {
	anonClient,
	createTestUser,
	forwardingAuthClient,
	isStandIn,
	mailbox,
	serviceClient,
	signIn
} from './helpers';
import { UNITS, USERS } from './rls-matrix/types';

const service = serviceClient();
let cucAdmin: SupabaseClient;
let headHN: SupabaseClient;
let receptionHN1: SupabaseClient;
/** A provincial administrator of THADS TP Hà Nội (made for this file). */
let hnAdmin: { id: string; client: SupabaseClient; email: string; password: string };

async function newStaff(unit: string, roles: string[]) {
	const u = await createTestUser();
	const { error } = await service
		.from('staff')
		.insert({ user_id: u.id, unit_id: unit, roles, full_name: 'Cán bộ thử', email: u.email });
	if (error) throw error;
	return u;
}
const codeIn = (body: string) => /(\d{6})/.exec(body)?.[1] ?? '';

beforeAll(async () => {
	[cucAdmin, headHN, receptionHN1] = await Promise.all([
		signIn('admin@thads.local'),
		signIn('lanhdao.hn@thads.local'),
		signIn('tiepdan.hn1@thads.local')
	]);
	hnAdmin = await newStaff(UNITS.HN, ['admin']);
});

describe('who manages which staff', () => {
	it('roles on offer come from the database constraint', async () => {
		const { data, error } = await cucAdmin.rpc('staff_role_options');
		expect(error).toBeNull();
		expect(data).toEqual(
			expect.arrayContaining([
				'admin',
				'complaint_officer',
				'procedure_officer',
				'reception',
				'unit_head'
			])
		);
		expect((await anonClient().rpc('staff_role_options')).error?.code).toBe('42501');
	});

	it('a provincial admin manages its unit and its khu vực offices only', async () => {
		const { data } = await hnAdmin.client.rpc('managed_units');
		const ids = (data as { id: string; parent_id: string | null }[]).map((u) => u.id);
		expect(ids).toEqual(
			expect.arrayContaining([UNITS.HN, UNITS.HN_KV1, UNITS.HN_KV2, UNITS.HN_KV3])
		);
		// Nothing outside Hà Nội (other tests may add offices under HN: each one has HN as parent).
		for (const u of [UNITS.CUC, UNITS.GL, UNITS.GL_KV1, UNITS.CT, UNITS.CT_KV1])
			expect(ids).not.toContain(u);
		expect(
			(data as { id: string; parent_id: string | null }[]).every(
				(u) => u.id === UNITS.HN || u.parent_id === UNITS.HN
			)
		).toBe(true);
		const cuc = (await cucAdmin.rpc('managed_units')).data as { id: string }[];
		expect(cuc.map((u) => u.id)).toEqual(
			expect.arrayContaining([UNITS.HN_KV1, UNITS.GL_KV1, UNITS.CUC])
		);
		expect((await hnAdmin.client.rpc('staff_can_manage_unit', { p_unit: UNITS.HN_KV2 })).data).toBe(
			true
		);
		expect((await hnAdmin.client.rpc('staff_can_manage_unit', { p_unit: UNITS.GL_KV1 })).data).toBe(
			false
		);
		expect((await headHN.rpc('staff_can_manage_unit', { p_unit: UNITS.HN_KV1 })).data).toBe(false);
	});

	it('changes roles and unit inside its area, audited before → after; not outside it', async () => {
		const hn = await newStaff(UNITS.HN_KV1, ['reception']);
		const gl = await newStaff(UNITS.GL_KV1, ['reception']);
		const ok = await hnAdmin.client
			.from('staff')
			.update({ roles: ['reception', 'complaint_officer'], unit_id: UNITS.HN_KV2 })
			.eq('user_id', hn.id)
			.select('roles, unit_id');
		expect(ok.error).toBeNull();
		expect(ok.data).toEqual([{ roles: ['reception', 'complaint_officer'], unit_id: UNITS.HN_KV2 }]);
		const { data: trail } = await service
			.from('audit_events')
			.select('actor_id, action, unit_id, before, after')
			.eq('entity_type', 'staff')
			.eq('entity_id', hn.id)
			.order('id');
		const upd = trail!.filter((a) => a.action === 'update');
		expect(upd).toHaveLength(1);
		expect(upd[0]).toMatchObject({
			actor_id: hnAdmin.id,
			unit_id: UNITS.HN_KV2,
			before: { roles: ['reception'], unit_id: UNITS.HN_KV1 },
			after: { roles: ['reception', 'complaint_officer'], unit_id: UNITS.HN_KV2 }
		});
		// Moving someone out of its area, or touching another province's staff: refused.
		const out = await hnAdmin.client
			.from('staff')
			.update({ unit_id: UNITS.GL_KV1 })
			.eq('user_id', hn.id);
		expect(out.error?.code).toBe('42501');
		const other = await hnAdmin.client
			.from('staff')
			.update({ roles: ['admin'] })
			.eq('user_id', gl.id)
			.select('user_id');
		expect(other.data ?? []).toEqual([]);
		const u = await createTestUser();
		const ins = await hnAdmin.client
			.from('staff')
			.insert({ user_id: u.id, unit_id: UNITS.GL, roles: ['reception'], full_name: 'X' });
		expect(ins.error?.code).toBe('42501');
		expect(
			(await hnAdmin.client.rpc('staff_request_password_reset', { p_user_id: gl.id })).error
				?.message
		).toBe('not_allowed');
		// A role the database does not know is refused by its constraint.
		const bad = await hnAdmin.client
			.from('staff')
			.update({ roles: ['wizard'] })
			.eq('user_id', hn.id);
		expect(bad.error?.code).toBe('23514');
	});

	it('unit heads and officers change no staff; they do not read staff audit events', async () => {
		for (const c of [headHN, receptionHN1]) {
			const r = await c
				.from('staff')
				.update({ roles: ['admin'] })
				.eq('user_id', USERS.reception_hn1)
				.select('user_id');
			expect(r.data ?? []).toEqual([]);
			const a = await c.from('audit_events').select('id').eq('entity_type', 'staff');
			expect(a.data).toEqual([]);
		}
		const { data } = await cucAdmin
			.from('audit_events')
			.select('id')
			.eq('entity_type', 'staff')
			.limit(1);
		expect(data!.length).toBe(1);
	});

	it('nobody deactivates or demotes themselves', async () => {
		const a = await hnAdmin.client
			.from('staff')
			.update({ is_active: false })
			.eq('user_id', hnAdmin.id);
		expect(a.error?.message).toBe('cannot_deactivate_self');
		const b = await hnAdmin.client
			.from('staff')
			.update({ roles: ['unit_head'] })
			.eq('user_id', hnAdmin.id);
		expect(b.error?.message).toBe('cannot_demote_self');
	});

	it('a deactivated member loses access at once; the Auth ban ends the session and sign-in', async () => {
		const member = await newStaff(UNITS.HN_KV1, ['reception']);
		const before = await member.client.rpc('staff_can_manage_unit', { p_unit: UNITS.HN_KV1 });
		expect(before.error).toBeNull();
		const seen = await member.client.from('staff').select('user_id').eq('unit_id', UNITS.HN_KV1);
		expect(seen.data!.length).toBeGreaterThan(0);
		const off = await hnAdmin.client
			.from('staff')
			.update({ is_active: false })
			.eq('user_id', member.id)
			.select('is_active');
		expect(off.data).toEqual([{ is_active: false }]);
		// The database already refuses the member (same access token): no colleague is visible any more.
		const after = await member.client.from('staff').select('user_id').eq('unit_id', UNITS.HN_KV1);
		expect(seen.data!.length).toBeGreaterThan(1);
		expect(after.data).toEqual([{ user_id: member.id }]);
		const { data: trail } = await service
			.from('audit_events')
			.select('action, actor_id')
			.eq('entity_type', 'staff')
			.eq('entity_id', member.id);
		expect(trail).toContainEqual({ action: 'deactivate', actor_id: hnAdmin.id });
		// Auth: the ban (what the app does next) ends the session and refuses a new sign-in.
		const ban = await service.auth.admin.updateUserById(member.id, { ban_duration: '876000h' });
		expect(ban.error).toBeNull();
		const refreshed = await member.client.auth.refreshSession();
		// Refused because the ban ended the session (or, where sessions outlive a ban, for the ban).
		expect(['refresh_token_not_found', 'user_banned']).toContain(refreshed.error?.code);
		const again = await forwardingAuthClient().auth.signInWithPassword({
			email: member.email,
			password: member.password
		});
		expect(again.error?.code).toBe('user_banned');
	});
});

describe.runIf(isStandIn())(
	'invitation and password reset by e-mailed code (stand-in Auth)',
	() => {
		it('an invited address receives a code, verifies it as "invite" and sets a password', async () => {
			const email = `moi-${randomUUID().slice(0, 8)}@example.test`;
			const inv = await service.auth.admin.inviteUserByEmail(email, {
				data: { full_name: 'Người mời' }
			});
			expect(inv.error).toBeNull();
			expect(inv.data.user?.email).toBe(email);
			expect(inv.data.user?.invited_at).toBeTruthy();
			// No password yet: sign-in fails.
			const none = await forwardingAuthClient().auth.signInWithPassword({
				email,
				password: 'x'.repeat(12)
			});
			expect(none.error?.code).toBe('invalid_credentials');
			const dup = await service.auth.admin.inviteUserByEmail(email);
			expect(dup.error?.code).toBe('email_exists');
			// Only the service role may invite (GoTrue: 403 not_admin for the anon key).
			expect((await anonClient().auth.admin.inviteUserByEmail(`x-${email}`)).error?.status).toBe(
				403
			);

			const code = codeIn((await mailbox(email))[0]!.body);
			const auth = forwardingAuthClient().auth;
			const v = await auth.verifyOtp({ email, token: code, type: 'invite' });
			expect(v.error).toBeNull();
			expect((await auth.updateUser({ password: 'Mat-khau-moi-2026' })).error).toBeNull();
			const ok = await forwardingAuthClient().auth.signInWithPassword({
				email,
				password: 'Mat-khau-moi-2026'
			});
			expect(ok.error).toBeNull();
		});

		it('a reset code is e-mailed to an existing address only; the answer is the same for any address', async () => {
			const u = await createTestUser();
			const r = await forwardingAuthClient().auth.resetPasswordForEmail(u.email);
			expect(r.error).toBeNull();
			const unknown = await forwardingAuthClient().auth.resetPasswordForEmail(`no-${u.email}`);
			expect(unknown.error).toBeNull();
			expect(await mailbox(`no-${u.email}`)).toEqual([]);
			const code = codeIn((await mailbox(u.email))[0]!.body);
			const auth = forwardingAuthClient().auth;
			expect(
				(await auth.verifyOtp({ email: u.email, token: code, type: 'recovery' })).error
			).toBeNull();
			expect((await auth.updateUser({ password: 'Mat-khau-khac-2026' })).error).toBeNull();
			const old = await forwardingAuthClient().auth.signInWithPassword({
				email: u.email,
				password: u.password
			});
			expect(old.error?.code).toBe('invalid_credentials');
		});
	}
);
