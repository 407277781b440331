/**
 * The API's problem responses (issue 19) after its message lookup moved to the server's one t()
 * (issue 17.4): titles, details and field messages, in both languages, must stay word for word
 * what the API answered before. The snapshots were taken from the old lookup.
 */
import { describe, expect, it } from 'vitest';
import { problem } from '../../src/lib/api/server/http';

const body = async (lang: string, code: string, errors?: { field: string; code: string }[]) => {
	const request = new Request('https://thads.example/api/v1/x', {
		headers: { 'accept-language': lang }
	});
	const response = problem(request, 400, code, { errors });
	return { language: response.headers.get('content-language'), ...(await response.json()) };
};

describe('problem()', () => {
	it('answers with the same texts in Vietnamese and English', async () => {
		const cases = [
			['not_found'], // the API's own title and detail
			['already_rated'], // a procedures_err_* detail
			['invalid_unit'], // a reception_error_* detail
			['invalid_input'], // the API's own (a reception message wants a {field} the API has not)
			['outcome_invalid'], // a complaints_error_* detail
			['no_such_code'], // the generic detail with the code
			[
				'invalid_request',
				[
					{ field: 'a', code: 'api_error_required' },
					{ field: 'b', code: 'apply_title' },
					{ field: 'c', code: 'no_such_key' }
				]
			]
		] as const;
		const answers = [];
		for (const lang of ['vi', 'en-GB,en;q=0.9', 'fr, en;q=0.5, vi;q=0.8'])
			for (const [code, errors] of cases)
				answers.push(await body(lang, code, errors ? [...errors] : undefined));
		// No message is sent with a blank it cannot fill.
		expect(JSON.stringify(answers)).not.toMatch(/undefined|\{\w+\}/);
		expect(answers).toMatchSnapshot();
	});
});
