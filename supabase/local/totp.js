// TOTP (RFC 6238 over RFC 4226 HOTP) with node:crypto: what GoTrue uses for MFA factors
// (pquerna/otp: SHA-1, 6 digits, 30-second steps, a skew of one step either side, base32 secrets
// of 20 random bytes without padding). Also used by the tests to compute codes from a secret.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding. @param {Buffer} bytes */
export function base32Encode(bytes) {
	let bits = 0;
	let value = 0;
	let out = '';
	for (const byte of bytes) {
		value = (value << 8) | byte;
		bits += 8;
		while (bits >= 5) {
			out += ALPHABET[(value >>> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
	return out;
}

/** Decode base32 (case, spaces and padding ignored); null when it is not base32. @param {string} text */
export function base32Decode(text) {
	const clean = text.toUpperCase().replace(/[\s=-]/g, '');
	let bits = 0;
	let value = 0;
	const out = [];
	for (const ch of clean) {
		const i = ALPHABET.indexOf(ch);
		if (i < 0) return null;
		value = (value << 5) | i;
		bits += 5;
		if (bits >= 8) {
			out.push((value >>> (bits - 8)) & 255);
			bits -= 8;
		}
	}
	return Buffer.from(out);
}

/** A new secret: 20 random bytes in base32 (32 characters), like pquerna/otp's default. */
export function newTotpSecret() {
	return base32Encode(randomBytes(20));
}

/**
 * The code for `secret` at time step `counter` (RFC 4226, dynamic truncation).
 * @param {Buffer} key
 * @param {number} counter
 */
function hotp(key, counter) {
	const msg = Buffer.alloc(8);
	msg.writeBigUInt64BE(BigInt(counter));
	const mac = createHmac('sha1', key).update(msg).digest();
	const offset = (mac[mac.length - 1] ?? 0) & 15;
	const n = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
	return String(n).padStart(6, '0');
}

/**
 * The 6-digit code of a base32 secret at `now` (ms).
 * @param {string} secret
 * @param {number} [now]
 */
export function totpCode(secret, now = Date.now()) {
	const key = base32Decode(secret);
	if (!key) throw new Error('TOTP secret is not base32');
	return hotp(key, Math.floor(now / 30_000));
}

/**
 * Whether `code` is valid for `secret` at `now`, one 30-second step of skew either way.
 * @param {string} secret
 * @param {string} code
 * @param {number} [now]
 */
export function verifyTotp(secret, code, now = Date.now()) {
	const key = base32Decode(secret);
	if (!key || typeof code !== 'string' || !/^\d{6}$/.test(code)) return false;
	const step = Math.floor(now / 30_000);
	let ok = false;
	for (const s of [step - 1, step, step + 1]) {
		// Compare every candidate in constant time, and do not stop early.
		if (timingSafeEqual(Buffer.from(hotp(key, s)), Buffer.from(code))) ok = true;
	}
	return ok;
}

/**
 * The otpauth:// URI authenticator apps read (Key Uri Format), as pquerna/otp builds it.
 * @param {{ issuer: string, account: string, secret: string }} o
 */
export function totpUri({ issuer, account, secret }) {
	const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
	const q = new URLSearchParams({
		algorithm: 'SHA1',
		digits: '6',
		issuer,
		period: '30',
		secret
	});
	return `otpauth://totp/${label}?${q}`;
}

// `npm run totp [secret]`: print the current code (default: the demo staff accounts' key, see
// supabase/seeds/60_demo_mfa.sql) — for trying two-factor sign-in without an authenticator app.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const secret = process.argv[2] ?? 'THADSDEMOTOTPSECRETKEYAAAAAAAAAA';
	const left = 30 - (Math.floor(Date.now() / 1000) % 30);
	console.log(`${totpCode(secret)}  (valid for ${left} s more)`);
}
