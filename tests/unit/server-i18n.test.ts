import { describe, expect, it } from 'vitest';
import { hasMessage, t } from '../../src/lib/server/i18n';

describe('server t(key)', () => {
	it('translates any key of the catalogue, in the language asked', () => {
		expect(t('complaints_error_rate_limited', {}, undefined, 'vi')).toMatch(/[ạ-ỹ]/);
		expect(t('complaints_error_rate_limited', {}, undefined, 'en')).not.toBe(
			t('complaints_error_rate_limited', {}, undefined, 'vi')
		);
	});
	it("falls back to the area's generic sentence, then to the key", () => {
		expect(hasMessage('complaints_error_no_such_code')).toBe(false);
		expect(t('complaints_error_no_such_code', {}, 'complaints_error_generic', 'vi')).toBe(
			t('complaints_error_generic', {}, undefined, 'vi')
		);
		expect(t('complaints_error_no_such_code')).toBe('complaints_error_no_such_code');
	});
});
