// HS256 JSON Web Tokens with node:crypto only (no dependency), as GoTrue and PostgREST use them
// with a project's legacy JWT secret.

import { createHmac, timingSafeEqual, randomBytes } from 'node:crypto';

/** @param {Buffer | string} buf */
const b64url = (buf) => Buffer.from(buf).toString('base64url');

/**
 * Sign claims with HS256.
 * @param {Record<string, unknown>} claims
 * @param {string} secret
 */
export function signJwt(claims, secret) {
	const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
	const payload = b64url(JSON.stringify(claims));
	const sig = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
	return `${header}.${payload}.${sig}`;
}

/**
 * @typedef {{ ok: true, claims: Record<string, any> } | { ok: false, reason: 'malformed' | 'alg' | 'signature' | 'expired', message: string }} VerifyResult
 */

/**
 * Verify an HS256 JWT: structure, algorithm (only HS256 — an `alg: none` or RS256 token signed
 * with the secret as a "public key" must not pass), signature (constant time), then exp/nbf with
 * a small clock skew allowance.
 * @param {string} token
 * @param {string} secret
 * @param {{ now?: number }} [opts] now in seconds
 * @returns {VerifyResult}
 */
export function verifyJwt(token, secret, { now = Math.floor(Date.now() / 1000) } = {}) {
	if (typeof token !== 'string' || token.length > 16384) {
		return { ok: false, reason: 'malformed', message: 'JWT is malformed' };
	}
	const parts = /** @type {[string, string, string]} */ (token.split('.'));
	if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) {
		return {
			ok: false,
			reason: 'malformed',
			message: 'Expected 3 parts in JWT; got ' + parts.length
		};
	}
	/** @type {any} */
	let header;
	/** @type {any} */
	let claims;
	try {
		header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
		claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
	} catch {
		return { ok: false, reason: 'malformed', message: 'JWT is malformed' };
	}
	if (!header || typeof header !== 'object' || header.alg !== 'HS256') {
		return { ok: false, reason: 'alg', message: 'Wrong or unsupported encoding algorithm' };
	}
	if (!claims || typeof claims !== 'object' || Array.isArray(claims)) {
		return { ok: false, reason: 'malformed', message: 'JWT claims are not an object' };
	}
	// Compare the encoded text, not decoded bytes: base64url's last character carries spare bits,
	// so a decoder accepts several spellings of one signature, and a tampered token must not pass.
	const expected = Buffer.from(
		createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest('base64url')
	);
	const given = Buffer.from(parts[2]);
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
		return { ok: false, reason: 'signature', message: 'JWSError JWSInvalidSignature' };
	}
	const skew = 30;
	if (claims.exp !== undefined && (typeof claims.exp !== 'number' || claims.exp + skew < now)) {
		return { ok: false, reason: 'expired', message: 'JWT expired' };
	}
	if (typeof claims.nbf === 'number' && claims.nbf - skew > now) {
		return { ok: false, reason: 'expired', message: 'JWT not yet valid' };
	}
	return { ok: true, claims };
}

/** A fresh random secret (base64url, 48 bytes → 64 chars, above GoTrue's 32-char minimum). */
export function newSecret() {
	return randomBytes(48).toString('base64url');
}

/**
 * The two long-lived API keys, same claims as Supabase's legacy anon / service_role keys.
 * @param {string} secret
 */
export function apiKeys(secret) {
	const iat = 1764115200; // fixed so keys only change when the secret does
	const exp = iat + 10 * 365 * 24 * 3600;
	return {
		anonKey: signJwt({ iss: 'supabase-standin', ref: 'local', role: 'anon', iat, exp }, secret),
		serviceKey: signJwt(
			{ iss: 'supabase-standin', ref: 'local', role: 'service_role', iat, exp },
			secret
		)
	};
}
