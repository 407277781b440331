import { describe, expect, it } from 'vitest';
import { signJwt, verifyJwt } from '../../supabase/local/jwt.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('stand-in JWT verification', () => {
	it('accepts the token it signed', () => {
		const token = signJwt(
			{ sub: 'u1', role: 'authenticated' },
			'secret-of-at-least-32-characters!!'
		);
		expect(verifyJwt(token, 'secret-of-at-least-32-characters!!').ok).toBe(true);
	});

	it('refuses every other spelling of the signature, including ones that decode to the same bytes', () => {
		const secret = 'secret-of-at-least-32-characters!!';
		const token = signJwt({ sub: 'u1', role: 'authenticated' }, secret);
		const last = token.at(-1);
		for (const c of ALPHABET) {
			if (c === last) continue;
			expect(verifyJwt(token.slice(0, -1) + c, secret).ok, `last character ${c}`).toBe(false);
		}
	});
});
