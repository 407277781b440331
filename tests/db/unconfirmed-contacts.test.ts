// Citizens never see an office phone nobody confirmed (issue 13 B: demo data never looks like real
// contact data): the citizen views of a letter, a booking and an application leave it out until an
// admin confirms the office's contact data (units.contact_confirmed).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SupabaseClient } from '@supabase/supabase-js';
import { anonClient, serviceClient } from './helpers';

const GL_KV1_CODE = 'GL-KV1';
let anon: SupabaseClient;
let service: SupabaseClient;
let unit: { id: string; phone: string | null; contact_confirmed: boolean };

async function fileLetter() {
	const { data, error } = await anon.rpc('submit_complaint', {
		idempotency_key: randomUUID(),
		payload: {
			kind: 'petition',
			unit_id: unit.id,
			consent: true,
			content: 'Đề nghị cơ quan cho biết số điện thoại để liên hệ về việc thi hành án.',
			request: 'Trả lời bằng tin nhắn',
			filer: { full_name: 'Người hỏi số điện thoại', phone: `09${Date.now() % 100_000_000}` }
		}
	});
	expect(error).toBeNull();
	return (data as { code: string; secret: string }[])[0]!;
}

const shownPhone = async (code: string, secret: string) => {
	const { data, error } = await anon.rpc('get_complaint_by_code', { code, secret });
	expect(error).toBeNull();
	return (data as { unit: { phone: string | null } }).unit.phone;
};

beforeAll(async () => {
	anon = anonClient();
	service = serviceClient();
	const { data, error } = await service
		.from('units')
		.select('id, phone, contact_confirmed')
		.eq('code', GL_KV1_CODE)
		.single();
	expect(error).toBeNull();
	unit = data!;
});

afterAll(async () => {
	await service
		.from('units')
		.update({ contact_confirmed: unit.contact_confirmed })
		.eq('id', unit.id);
});

describe('office phones shown to citizens', () => {
	it('leaves out a demo phone nobody confirmed, and shows it once an admin confirms it', async () => {
		expect(unit.phone).not.toBeNull();
		expect(unit.contact_confirmed).toBe(false);
		const letter = await fileLetter();
		expect(await shownPhone(letter.code, letter.secret)).toBeNull();

		const { error } = await service
			.from('units')
			.update({ contact_confirmed: true })
			.eq('id', unit.id);
		expect(error).toBeNull();
		expect(await shownPhone(letter.code, letter.secret)).toBe(unit.phone);
	});
});
