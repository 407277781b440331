/** The message channels and language a citizen chooses at filing (issue 14): what the shared
 * fieldset posts, carried between steps and sent to the database as `x-thads-messages`. */
import { describe, expect, it } from 'vitest';
import {
	messageChoiceFromForm,
	parseMessageChoiceHeader,
	readMessageChoice
} from '../../src/lib/messages/schema';

function form(entries: [string, string][]): FormData {
	const fd = new FormData();
	for (const [k, v] of entries) fd.append(k, v);
	return fd;
}

describe('message choice', () => {
	it('reads the fieldset: ticked channels, language; unticking everything is a choice too', () => {
		expect(
			messageChoiceFromForm(
				form([
					['msg_shown', '1'],
					['msg_channel', 'zalo'],
					['msg_channel', 'sms'],
					['msg_lang', 'en']
				])
			)
		).toBe('sms,zalo;en');
		expect(
			messageChoiceFromForm(
				form([
					['msg_shown', '1'],
					['msg_lang', 'vi']
				])
			)
		).toBe(';vi');
	});

	it('a form without the fieldset has no choice (the database default applies)', () => {
		expect(messageChoiceFromForm(form([['full_name', 'A']]))).toBe('');
		expect(readMessageChoice(form([]))).toBeNull();
	});

	it('refuses unknown channels and languages', () => {
		expect(
			readMessageChoice(
				form([
					['msg_shown', '1'],
					['msg_channel', 'fax'],
					['msg_lang', 'vi']
				])
			)
		).toBeNull();
		expect(readMessageChoice(form([['msg_lang', 'fr']]))).toBeNull();
		expect(parseMessageChoiceHeader('sms;de')).toBeNull();
		expect(parseMessageChoiceHeader("sms'--;vi")).toBeNull();
	});

	it('the hidden field of the check step carries the choice unchanged', () => {
		expect(messageChoiceFromForm(form([['messages', 'email,push;vi']]))).toBe('email,push;vi');
		expect(parseMessageChoiceHeader('push,email,email;en')).toEqual({
			channels: ['push', 'email'],
			lang: 'en'
		});
	});
});
