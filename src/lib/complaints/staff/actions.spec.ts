import { describe, expect, it } from 'vitest';
import { ACTION_FROM } from '../status';
import { STAFF_ACTIONS, parseAction, schemas } from './actions';
import { countdown } from './countdown';

const form = (o: Record<string, string>) => {
	const fd = new FormData();
	for (const [k, v] of Object.entries(o)) fd.set(k, v);
	return fd;
};
const ID = '6f1c2a9e-2d4b-4c1e-9a7b-3e5f6a7b8c9d';

describe('the staff action table', () => {
	it('declares a schema, an SQL function and a label for every action, the statuses as status.ts', () => {
		expect(Object.keys(STAFF_ACTIONS).sort()).toEqual(Object.keys(schemas).sort());
		for (const [name, a] of Object.entries(STAFF_ACTIONS)) {
			expect(a.rpc).toMatch(/^[a-z_]+$/);
			expect(a.label()).not.toBe('');
			if (name in ACTION_FROM)
				expect(a.from).toEqual(ACTION_FROM[name as keyof typeof ACTION_FROM]);
		}
	});

	it('refuses a short reason with its message key, and sends nothing', () => {
		expect(parseAction('return', form({ reason: 'Sai' }))).toEqual({
			ok: false,
			fields: { reason: 'complaints_err_reason' }
		});
		expect(
			parseAction('forward', form({ to_unit: 'x', reason: 'Không thuộc thẩm quyền' }))
		).toEqual({
			ok: false,
			fields: { to_unit: 'complaints_staff_err_choose' }
		});
		expect(parseAction('extend', form({ reason: 'Phải xác minh nhiều nơi' }))).toMatchObject({
			ok: false,
			fields: { complexity: 'complaints_staff_err_choose' }
		});
	});

	it('maps valid fields to the SQL arguments', () => {
		const c = parseAction('classify', form({ kind: 'petition', subject: 'coercion', note: ' ' }));
		expect(c.ok).toBe(true);
		if (c.ok)
			expect(STAFF_ACTIONS.classify.args(ID, c.value, {})).toEqual({
				p_id: ID,
				p_kind: 'petition',
				p_subject: 'coercion',
				p_in_competence: false,
				p_note: null
			});
		const r = parseAction(
			'resolve',
			form({ outcome: 'upheld', summary: 'Hủy quyết định kê biên.' })
		);
		expect(r.ok).toBe(true);
		if (r.ok)
			expect(STAFF_ACTIONS.resolve.args(ID, r.value, { attachmentId: ID })).toMatchObject({
				p_outcome: 'upheld',
				p_decision_attachment: ID
			});
	});
});

describe('the deadline countdown', () => {
	it('says working days left, due today, or overdue, and nothing for a deadline that no longer runs', () => {
		expect(countdown(null)).toBeNull();
		expect(countdown(5)).toEqual({ tone: 'neutral', text: 'còn 5 ngày làm việc' });
		expect(countdown(3)).toEqual({ tone: 'warning', text: 'còn 3 ngày làm việc' });
		expect(countdown(0)).toEqual({ tone: 'warning', text: 'đến hạn hôm nay' });
		expect(countdown(-2)).toEqual({ tone: 'error', text: 'quá hạn 2 ngày làm việc' });
	});
});
