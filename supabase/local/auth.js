// /auth/v1 — the GoTrue subset the app uses: password sign-in and sign-up, refresh-token
// rotation, email/phone OTP (codes go to the stand-in's outbox, auth.mail_outbox), user GET/PUT,
// logout, and the admin user API. Users live in auth.users with GoTrue's own columns and bcrypt
// hashes from pgcrypto, so seed files that insert users directly work the same as on Supabase.
//
// Error bodies follow GoTrue: with the `X-Supabase-Api-Version: 2024-01-01` request header (which
// auth-js always sends) `{ code: '<error_code>', message }`, otherwise the legacy
// `{ code: <status>, error_code, msg }`. auth-js turns either into AuthApiError with `.code`.

import { randomBytes, randomInt, randomUUID, createHash } from 'node:crypto';
import { ApiError, send, readBody, parseJson, safeDecode } from './http.js';
import { signJwt, verifyJwt } from './jwt.js';

const API_VERSION = '2024-01-01';

/**
 * @typedef {{
 *   db: import('./db.js').Adapter,
 *   secret: string,
 *   url: () => string,
 *   jwtExpiry: number,
 *   timeoutMs: number,
 *   limiter: ReturnType<typeof createRateLimiter>,
 *   otpCooldownMs: number,
 *   autoconfirm: boolean,
 * }} AuthContext
 */

/**
 * @param {number} status
 * @param {string} code GoTrue error_code
 * @param {string} message
 * @param {Record<string, unknown>} [extra]
 */
export function authError(status, code, message, extra = {}) {
	return new ApiError(status, { __gotrue: true, code, message, ...extra });
}

/**
 * Sliding-window counters, in memory (a restart forgets them, as a GoTrue restart would).
 * @param {{ windowMs: number, perIdentity: number, perIp: number }} opts
 */
export function createRateLimiter({ windowMs, perIdentity, perIp }) {
	/** @type {Map<string, number[]>} */
	const hits = new Map();
	/** @type {Map<string, number>} */
	const cooldowns = new Map();
	/** @param {string} key */
	const recent = (key) => {
		const now = Date.now();
		const list = (hits.get(key) ?? []).filter((t) => now - t < windowMs);
		hits.set(key, list);
		return list;
	};
	return {
		perIdentity,
		perIp,
		/** @param {string} key */
		inCooldown: (key) => (cooldowns.get(key) ?? 0) > Date.now(),
		/** @param {string} key @param {number} ms */
		cooldown: (key, ms) => void (ms > 0 && cooldowns.set(key, Date.now() + ms)),
		/** @param {string} key @param {number} max */
		exceeded: (key, max) => recent(key).length >= max,
		/** @param {string} key */
		hit: (key) => void recent(key).push(Date.now()),
		/** @param {string} key */
		reset: (key) => void hits.delete(key),
		/** Drop stale keys (called from a timer). */
		sweep: () => {
			for (const k of [...hits.keys()]) if (recent(k).length === 0) hits.delete(k);
			for (const [k, until] of cooldowns) if (until <= Date.now()) cooldowns.delete(k);
		}
	};
}

/** Send an auth error in the shape the request's API version expects. */
/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {ApiError} err
 */
export function sendAuthError(req, res, err) {
	const { __gotrue, code, message, ...extra } = /** @type {any} */ (err.body);
	const versioned = String(req.headers['x-supabase-api-version'] ?? '') >= API_VERSION;
	const body = versioned
		? { code, message, ...extra }
		: { code: err.status, error_code: code, msg: message, ...extra };
	send(res, err.status, body, { 'x-supabase-api-version': API_VERSION, ...err.headers });
}

const USER_COLUMNS = `u.id, u.aud, u.role, u.email, u.email_confirmed_at, u.phone, u.phone_confirmed_at,
  u.confirmation_sent_at, u.confirmed_at, u.last_sign_in_at, u.raw_app_meta_data, u.raw_user_meta_data,
  u.created_at, u.updated_at, u.banned_until, u.is_anonymous, u.encrypted_password, u.deleted_at,
  coalesce((select json_agg(json_build_object(
      'identity_id', i.id, 'id', i.provider_id, 'user_id', i.user_id, 'identity_data', i.identity_data,
      'provider', i.provider, 'last_sign_in_at', i.last_sign_in_at, 'created_at', i.created_at,
      'updated_at', i.updated_at, 'email', i.email) order by i.created_at)
    from auth.identities i where i.user_id = u.id), '[]'::json)::text as identities_json`;

/** GoTrue's user JSON. @param {any} u */
function userJson(u) {
	/** @param {unknown} v */
	const ts = (v) =>
		v === null || v === undefined ? undefined : v instanceof Date ? v.toISOString() : String(v);
	/** @param {unknown} v */
	const obj = (v) => (typeof v === 'string' ? JSON.parse(v) : (v ?? {}));
	return {
		id: u.id,
		aud: u.aud ?? 'authenticated',
		role: u.role ?? 'authenticated',
		email: u.email ?? '',
		email_confirmed_at: ts(u.email_confirmed_at),
		phone: u.phone ?? '',
		phone_confirmed_at: ts(u.phone_confirmed_at),
		confirmation_sent_at: ts(u.confirmation_sent_at),
		confirmed_at: ts(u.confirmed_at),
		last_sign_in_at: ts(u.last_sign_in_at),
		app_metadata: obj(u.raw_app_meta_data),
		user_metadata: obj(u.raw_user_meta_data),
		identities: JSON.parse(u.identities_json ?? '[]'),
		created_at: ts(u.created_at),
		updated_at: ts(u.updated_at),
		banned_until: ts(u.banned_until),
		is_anonymous: !!u.is_anonymous
	};
}

/**
 * @param {import('./db.js').Tx} tx
 * @param {string} where SQL condition on `u` with $1
 * @param {unknown[]} params
 */
async function findUser(tx, where, params) {
	const { rows } = await tx.query(
		`select ${USER_COLUMNS} from auth.users u where ${where} and u.deleted_at is null limit 1`,
		params
	);
	return rows[0] ?? null;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** E.164-ish, stored without '+' like GoTrue. @param {string} p */
const normPhone = (p) => p.replace(/[\s\-()+]/g, '');

/** @param {string} token */
const hashToken = (token) => createHash('sha256').update(token).digest('hex');

/**
 * Issue a session: a row in auth.sessions, a refresh token, and an access token whose claims
 * match GoTrue's.
 * @param {AuthContext} ctx
 * @param {import('./db.js').Tx} tx
 * @param {any} user row from findUser
 * @param {string} method amr method (password, otp, …)
 * @param {{ sessionId?: string, parent?: string }} [opts]
 */
async function issueSession(ctx, tx, user, method, opts = {}) {
	const sessionId = opts.sessionId ?? randomUUID();
	if (!opts.sessionId) {
		await tx.query(
			`insert into auth.sessions (id, user_id, created_at, updated_at, aal) values ($1, $2, now(), now(), 'aal1')`,
			[sessionId, user.id]
		);
	} else {
		await tx.query(
			`update auth.sessions set refreshed_at = now(), updated_at = now() where id = $1`,
			[sessionId]
		);
	}
	const refresh = randomBytes(9).toString('base64url'); // 12 chars, like GoTrue's
	await tx.query(
		`insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
     values ('00000000-0000-0000-0000-000000000000', $1, $2, false, now(), now(), $3, $4)`,
		[refresh, user.id, opts.parent ?? null, sessionId]
	);
	const u = userJson(user);
	const iat = Math.floor(Date.now() / 1000);
	const exp = iat + ctx.jwtExpiry;
	const claims = {
		iss: `${ctx.url()}/auth/v1`,
		sub: u.id,
		aud: u.aud,
		exp,
		iat,
		email: u.email,
		phone: u.phone,
		app_metadata: u.app_metadata,
		user_metadata: u.user_metadata,
		role: u.role,
		aal: 'aal1',
		amr: [{ method, timestamp: iat }],
		session_id: sessionId,
		is_anonymous: u.is_anonymous
	};
	return {
		access_token: signJwt(claims, ctx.secret),
		token_type: 'bearer',
		expires_in: ctx.jwtExpiry,
		expires_at: exp,
		refresh_token: refresh,
		user: u
	};
}

/**
 * Create a user row and its identity (as GoTrue does on sign-up / admin create).
 * @param {import('./db.js').Tx} tx
 * @param {{ email?: string | null, phone?: string | null, password?: string | null, emailConfirmed: boolean, phoneConfirmed: boolean, userMeta?: object, appMeta?: object, role?: string }} u
 */
async function createUser(tx, u) {
	const id = randomUUID();
	const provider = u.email ? 'email' : 'phone';
	const appMeta = { provider, providers: [provider], ...(u.appMeta ?? {}) };
	await tx.query(
		`insert into auth.users (instance_id, id, aud, role, email, phone, encrypted_password, email_confirmed_at,
       phone_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at, confirmation_token,
       recovery_token, email_change_token_new, email_change, is_anonymous)
     values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', $2, $3, $4,
       case when $5::text is null then '' else extensions.crypt($5::text, extensions.gen_salt('bf')) end,
       case when $6::boolean then now() end, case when $7::boolean then now() end, $8::jsonb, $9::jsonb,
       now(), now(), '', '', '', '', false)`,
		[
			id,
			u.role ?? 'authenticated',
			u.email ?? null,
			u.phone ?? null,
			u.password ?? null,
			u.emailConfirmed && !!u.email,
			u.phoneConfirmed && !!u.phone,
			JSON.stringify(appMeta),
			JSON.stringify(u.userMeta ?? {})
		]
	);
	await tx.query(
		`insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
     values ($1, $4::uuid, $2::jsonb, $3, now(), now(), now())`,
		[
			id,
			JSON.stringify({
				sub: id,
				...(u.email ? { email: u.email } : { phone: u.phone }),
				email_verified: u.emailConfirmed && !!u.email,
				phone_verified: u.phoneConfirmed && !!u.phone
			}),
			provider,
			id
		]
	);
	return /** @type {any} */ (await findUser(tx, 'u.id = $1', [id]));
}

/**
 * Record an outgoing message in the stand-in's outbox (read by the dev mailbox).
 * @param {import('./db.js').Tx} tx
 * @param {string} channel
 * @param {string} recipient
 * @param {string} subject
 * @param {string} body
 */
async function outbox(tx, channel, recipient, subject, body) {
	await tx.query(
		`insert into auth.mail_outbox (channel, recipient, subject, body) values ($1, $2, $3, $4)`,
		[channel, recipient, subject, body]
	);
}

/** @param {string} password */
function checkPassword(password) {
	if (typeof password !== 'string' || password.length < 6) {
		throw authError(422, 'weak_password', 'Password should be at least 6 characters.', {
			weak_password: { reasons: ['length'] }
		});
	}
	if (password.length > 72) {
		throw authError(422, 'weak_password', 'Password cannot be longer than 72 characters', {
			weak_password: { reasons: ['length'] }
		});
	}
}

/**
 * Verify the bearer token of a user request (GET/PUT /user, logout).
 * @param {AuthContext} ctx
 * @param {string | null} bearer
 */
function requireUserClaims(ctx, bearer) {
	if (!bearer)
		throw authError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
	const v = verifyJwt(bearer, ctx.secret);
	if (!v.ok) {
		throw authError(
			403,
			'bad_jwt',
			`invalid JWT: unable to parse or verify signature, ${v.message}`
		);
	}
	if (typeof v.claims.sub !== 'string' || !v.claims.sub) {
		throw authError(403, 'bad_jwt', 'invalid claim: missing sub claim');
	}
	return v.claims;
}

/**
 * @param {AuthContext} ctx
 * @param {string | null} bearer
 */
function requireAdmin(ctx, bearer) {
	const v = bearer ? verifyJwt(bearer, ctx.secret) : null;
	if (!v || !v.ok) {
		throw authError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
	}
	if (v.claims.role !== 'service_role' && v.claims.role !== 'supabase_admin') {
		throw authError(403, 'not_admin', 'User not allowed');
	}
}

/** @param {import('node:http').IncomingMessage} req */
function clientIp(req) {
	return req.socket.remoteAddress ?? 'unknown';
}

/**
 * @param {AuthContext} ctx
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 * @param {string} subpath after /auth/v1
 * @param {{ bearer: string | null }} cred
 */
export async function handleAuth(ctx, req, res, url, subpath, cred) {
	try {
		const method = req.method ?? 'GET';
		const path = subpath.replace(/\/+$/, '') || '/';
		/** @param {unknown} body @param {Record<string, string>} [headers] */
		const ok = (body, headers = {}) =>
			send(res, 200, body, { 'x-supabase-api-version': API_VERSION, ...headers });
		/** @template T @param {(tx: import('./db.js').Tx) => Promise<T>} fn */
		const tx = (fn) => ctx.db.transaction(fn, { timeoutMs: ctx.timeoutMs });

		if (path === '/health' && method === 'GET')
			return ok({
				version: 'supabase-standin',
				name: 'GoTrue',
				description: 'Supabase stand-in auth'
			});
		if (path === '/settings' && method === 'GET') {
			return ok({
				external: { email: true, phone: true },
				disable_signup: false,
				mailer_autoconfirm: ctx.autoconfirm,
				phone_autoconfirm: ctx.autoconfirm,
				sms_provider: 'standin-outbox'
			});
		}
		if (path === '/.well-known/jwks.json' && method === 'GET') return ok({ keys: [] });

		const body =
			method === 'GET' || method === 'DELETE'
				? await readAuthBody(req, true)
				: await readAuthBody(req, false);

		if (path === '/token' && method === 'POST') {
			const grant = url.searchParams.get('grant_type');
			if (grant === 'password') return ok(await passwordGrant(ctx, req, body, tx));
			if (grant === 'refresh_token') return ok(await refreshGrant(ctx, body, tx));
			throw authError(
				400,
				'validation_failed',
				`unsupported_grant_type: the Supabase stand-in supports grant_type=password and refresh_token, not "${grant}"`
			);
		}
		if (path === '/signup' && method === 'POST') return ok(await signup(ctx, req, body, tx));
		if (path === '/otp' && method === 'POST') return ok(await sendOtp(ctx, body, tx));
		if (path === '/verify' && method === 'POST') return ok(await verifyOtp(ctx, body, tx));
		if (path === '/user' && (method === 'GET' || method === 'PUT')) {
			const claims = requireUserClaims(ctx, cred.bearer);
			return ok(await userEndpoint(ctx, method, claims, body, tx));
		}
		if (path === '/logout' && method === 'POST') {
			const claims = requireUserClaims(ctx, cred.bearer);
			const scope = url.searchParams.get('scope') ?? 'global';
			await tx(async (t) => {
				if (scope === 'local')
					await t.query('delete from auth.sessions where id = $1', [claims.session_id ?? null]);
				else if (scope === 'others')
					await t.query('delete from auth.sessions where user_id = $1 and id is distinct from $2', [
						claims.sub,
						claims.session_id ?? null
					]);
				else await t.query('delete from auth.sessions where user_id = $1', [claims.sub]);
			});
			return send(res, 204, null, { 'x-supabase-api-version': API_VERSION });
		}
		if (path === '/recover' && method === 'POST') {
			throw authError(
				501,
				'not_implemented',
				'Password recovery e-mails are not supported by the Supabase stand-in; use OTP sign-in or the admin API'
			);
		}
		const adminMatch = /^\/admin\/users(?:\/([^/]+))?$/.exec(path);
		if (adminMatch) {
			requireAdmin(ctx, cred.bearer);
			const r = await adminUsers(
				ctx,
				method,
				adminMatch[1]
					? safeDecode(adminMatch[1], (m) => authError(404, 'user_not_found', m))
					: null,
				url,
				body,
				tx
			);
			return ok(r.body, r.headers);
		}
		throw authError(
			404,
			'not_found',
			`The Supabase stand-in does not implement ${method} /auth/v1${path}`
		);
	} catch (e) {
		const err = toAuthError(e);
		sendAuthError(req, res, err);
	}
}

/** @param {unknown} e */
function toAuthError(e) {
	if (e instanceof ApiError && /** @type {any} */ (e.body).__gotrue) return e;
	if (e instanceof ApiError) return authError(e.status, 'validation_failed', e.message);
	const err = /** @type {any} */ (e);
	if (err?.name === 'TimeoutError')
		return authError(
			504,
			'request_timeout',
			'Processing this request timed out, please retry after a moment.'
		);
	if (err?.code === '23503')
		return authError(500, 'unexpected_failure', `Database error deleting user: ${err.message}`);
	return authError(
		500,
		'unexpected_failure',
		`Supabase stand-in auth error: ${err?.message ?? String(e)}`
	);
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {boolean} optional
 * @returns {Promise<Record<string, any>>}
 */
async function readAuthBody(req, optional) {
	let buf;
	try {
		buf = await readBody(req, 1024 * 1024);
	} catch (e) {
		if (/** @type {any} */ (e).tooLarge)
			throw authError(413, 'request_too_large', 'Request body too large');
		throw e;
	}
	const parsed = parseJson(buf);
	if (!parsed.ok) throw authError(400, 'bad_json', 'Could not parse request body as JSON');
	if (parsed.value === undefined) {
		if (optional) return {};
		return {};
	}
	if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) {
		throw authError(400, 'bad_json', 'Request body must be a JSON object');
	}
	return parsed.value;
}

/**
 * grant_type=password, with failed-attempt limits per e-mail/phone and per IP.
 * @param {AuthContext} ctx
 * @param {import('node:http').IncomingMessage} req
 * @param {Record<string, any>} body
 * @param {<T>(fn: (tx: import('./db.js').Tx) => Promise<T>) => Promise<T>} tx
 */
async function passwordGrant(ctx, req, body, tx) {
	const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : null;
	const phone = typeof body.phone === 'string' ? normPhone(body.phone) : null;
	const password = body.password;
	if ((!email && !phone) || typeof password !== 'string') {
		throw authError(400, 'validation_failed', 'missing email or phone');
	}
	const idKey = `signin:${email ?? phone}`;
	const ipKey = `signin-ip:${clientIp(req)}`;
	if (
		ctx.limiter.exceeded(idKey, ctx.limiter.perIdentity) ||
		ctx.limiter.exceeded(ipKey, ctx.limiter.perIp)
	) {
		throw authError(429, 'over_request_rate_limit', 'Request rate limit reached');
	}
	return tx(async (t) => {
		const user = email
			? await findUser(t, 'lower(u.email) = $1', [email])
			: await findUser(t, 'u.phone = $1', [phone]);
		const { rows } = user
			? await t.query(
					`select encrypted_password = extensions.crypt($1, encrypted_password) as ok from auth.users where id = $2 and coalesce(encrypted_password, '') <> ''`,
					[password, user.id]
				)
			: { rows: [] };
		if (!user || !rows[0]?.ok) {
			ctx.limiter.hit(idKey);
			ctx.limiter.hit(ipKey);
			throw authError(400, 'invalid_credentials', 'Invalid login credentials');
		}
		if (user.banned_until && new Date(user.banned_until) > new Date())
			throw authError(400, 'user_banned', 'User is banned');
		if (email && !user.email_confirmed_at)
			throw authError(400, 'email_not_confirmed', 'Email not confirmed');
		if (!email && !user.phone_confirmed_at)
			throw authError(400, 'phone_not_confirmed', 'Phone not confirmed');
		await t.query(
			'update auth.users set last_sign_in_at = now(), updated_at = now() where id = $1',
			[user.id]
		);
		user.last_sign_in_at = new Date().toISOString();
		return issueSession(ctx, t, user, 'password');
	});
}

/**
 * grant_type=refresh_token with rotation. A revoked token reused within 10 s (two tabs refreshing
 * at once) gets the session's current token, like GoTrue's reuse interval; later reuse fails.
 * @param {AuthContext} ctx
 * @param {Record<string, any>} body
 * @param {<T>(fn: (tx: import('./db.js').Tx) => Promise<T>) => Promise<T>} tx
 */
async function refreshGrant(ctx, body, tx) {
	const token = body.refresh_token;
	if (typeof token !== 'string' || !token)
		throw authError(400, 'validation_failed', 'refresh_token required');
	return tx(async (t) => {
		const { rows } = await t.query(
			`select id, user_id, revoked, session_id, extract(epoch from now() - updated_at) as age from auth.refresh_tokens where token = $1`,
			[token]
		);
		const rt = rows[0];
		if (!rt || !rt.session_id)
			throw authError(
				400,
				'refresh_token_not_found',
				'Invalid Refresh Token: Refresh Token Not Found'
			);
		if (rt.revoked && Number(rt.age) > 10) {
			throw authError(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used');
		}
		const user = await findUser(t, 'u.id = $1', [rt.user_id]);
		if (!user)
			throw authError(
				400,
				'refresh_token_not_found',
				'Invalid Refresh Token: Refresh Token Not Found'
			);
		if (user.banned_until && new Date(user.banned_until) > new Date())
			throw authError(400, 'user_banned', 'User is banned');
		await t.query(
			'update auth.refresh_tokens set revoked = true, updated_at = now() where id = $1 and not revoked',
			[rt.id]
		);
		return issueSession(ctx, t, user, 'token_refresh', { sessionId: rt.session_id, parent: token });
	});
}

/**
 * @param {AuthContext} ctx
 * @param {import('node:http').IncomingMessage} req
 * @param {Record<string, any>} body
 * @param {<T>(fn: (tx: import('./db.js').Tx) => Promise<T>) => Promise<T>} tx
 */
async function signup(ctx, req, body, tx) {
	const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : null;
	const phone = typeof body.phone === 'string' ? normPhone(body.phone) : null;
	if (!email && !phone)
		throw authError(400, 'validation_failed', 'To signup, please provide your email');
	if (email && !EMAIL_RE.test(email))
		throw authError(400, 'validation_failed', 'Unable to validate email address: invalid format');
	checkPassword(body.password);
	const ipKey = `signup-ip:${clientIp(req)}`;
	if (ctx.limiter.exceeded(ipKey, ctx.limiter.perIp * 3))
		throw authError(429, 'over_request_rate_limit', 'Request rate limit reached');
	ctx.limiter.hit(ipKey);
	return tx(async (t) => {
		const existing = email
			? await findUser(t, 'lower(u.email) = $1', [email])
			: await findUser(t, 'u.phone = $1', [phone]);
		if (existing) throw authError(422, 'user_already_exists', 'User already registered');
		const user = await createUser(t, {
			email,
			phone,
			password: body.password,
			emailConfirmed: ctx.autoconfirm,
			phoneConfirmed: ctx.autoconfirm,
			userMeta: typeof body.data === 'object' && body.data ? body.data : {}
		});
		if (!ctx.autoconfirm) {
			// Confirmation by OTP: the code goes to the outbox; the response has no session.
			await issueOtp(
				t,
				user,
				email ? 'email' : 'sms',
				/** @type {string} */ (email ?? phone),
				'Confirm your signup'
			);
			return userJson(user);
		}
		await t.query('update auth.users set last_sign_in_at = now() where id = $1', [user.id]);
		return issueSession(ctx, t, user, 'password');
	});
}

/**
 * @param {import('./db.js').Tx} t
 * @param {any} user
 * @param {'email' | 'sms'} channel
 * @param {string} recipient
 * @param {string} subject
 */
async function issueOtp(t, user, channel, recipient, subject) {
	const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
	await t.query(
		`insert into auth.standin_otps (user_id, channel, recipient, code_hash, expires_at) values ($1, $2, $3, $4, now() + interval '1 hour')`,
		[user.id, channel, recipient, hashToken(code)]
	);
	await outbox(t, channel, recipient, subject, `Mã xác thực / Your code: ${code}`);
	return code;
}

/**
 * POST /otp — e-mail or SMS one-time code. GoTrue answers the same whether or not the address
 * exists only when create_user is true; with create_user false an unknown address is refused.
 * @param {AuthContext} ctx
 * @param {Record<string, any>} body
 * @param {<T>(fn: (tx: import('./db.js').Tx) => Promise<T>) => Promise<T>} tx
 */
async function sendOtp(ctx, body, tx) {
	const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : null;
	const phone = typeof body.phone === 'string' ? normPhone(body.phone) : null;
	if (!email && !phone)
		throw authError(
			400,
			'validation_failed',
			'Only an email address or phone number should be provided'
		);
	if (email && !EMAIL_RE.test(email))
		throw authError(400, 'validation_failed', 'Unable to validate email address: invalid format');
	if (phone && !/^\d{8,15}$/.test(phone))
		throw authError(400, 'validation_failed', 'Invalid phone number format (E.164 required)');
	const recipient = /** @type {string} */ (email ?? phone);
	const key = `otp:${recipient}`;
	if (ctx.limiter.inCooldown(key)) {
		throw authError(
			429,
			email ? 'over_email_send_rate_limit' : 'over_sms_send_rate_limit',
			`For security purposes, you can only request this after ${Math.ceil(ctx.otpCooldownMs / 1000)} seconds.`
		);
	}
	const createUserFlag = body.create_user !== false;
	const out = await tx(async (t) => {
		let user = email
			? await findUser(t, 'lower(u.email) = $1', [email])
			: await findUser(t, 'u.phone = $1', [phone]);
		if (!user) {
			if (!createUserFlag) throw authError(422, 'otp_disabled', 'Signups not allowed for otp');
			user = await createUser(t, {
				email,
				phone,
				emailConfirmed: false,
				phoneConfirmed: false,
				userMeta: typeof body.data === 'object' && body.data ? body.data : {}
			});
		}
		await issueOtp(t, user, email ? 'email' : 'sms', recipient, 'Your login code');
		return email ? {} : { message_id: randomUUID() };
	});
	ctx.limiter.cooldown(key, ctx.otpCooldownMs);
	return out;
}

/**
 * POST /verify {type, email|phone, token}. Five wrong codes burn the outstanding codes.
 * @param {AuthContext} ctx
 * @param {Record<string, any>} body
 * @param {<T>(fn: (tx: import('./db.js').Tx) => Promise<T>) => Promise<T>} tx
 */
async function verifyOtp(ctx, body, tx) {
	if (body.token_hash) {
		throw authError(
			400,
			'validation_failed',
			'token_hash verification (e-mail links) is not supported by the Supabase stand-in; verify the 6-digit code'
		);
	}
	const type = String(body.type ?? '');
	const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : null;
	const phone = typeof body.phone === 'string' ? normPhone(body.phone) : null;
	const token = typeof body.token === 'string' ? body.token.trim() : '';
	const emailTypes = ['email', 'magiclink', 'signup', 'invite', 'recovery', 'email_change'];
	const phoneTypes = ['sms', 'phone_change'];
	if (!(email && emailTypes.includes(type)) && !(phone && phoneTypes.includes(type))) {
		throw authError(
			400,
			'validation_failed',
			`Verify requires a verification type (${[...emailTypes, ...phoneTypes].join(', ')}) with the matching email or phone`
		);
	}
	const recipient = /** @type {string} */ (email ?? phone);
	const failKey = `verify:${recipient}`;
	return tx(async (t) => {
		const { rows } = await t.query(
			`select id, user_id from auth.standin_otps
       where recipient = $1 and code_hash = $2 and used_at is null and expires_at > now()
       order by created_at desc limit 1`,
			[recipient, hashToken(token)]
		);
		if (!rows[0]) {
			ctx.limiter.hit(failKey);
			if (ctx.limiter.exceeded(failKey, 5)) {
				await t.query(
					'update auth.standin_otps set used_at = now() where recipient = $1 and used_at is null',
					[recipient]
				);
				ctx.limiter.reset(failKey);
			}
			throw authError(403, 'otp_expired', 'Token has expired or is invalid');
		}
		await t.query(
			'update auth.standin_otps set used_at = now() where recipient = $1 and used_at is null',
			[recipient]
		);
		await t.query(
			`update auth.users set ${email ? 'email_confirmed_at' : 'phone_confirmed_at'} = coalesce(${email ? 'email_confirmed_at' : 'phone_confirmed_at'}, now()),
         last_sign_in_at = now(), updated_at = now() where id = $1`,
			[rows[0].user_id]
		);
		ctx.limiter.reset(failKey);
		const user = await findUser(t, 'u.id = $1', [rows[0].user_id]);
		return issueSession(ctx, t, user, 'otp');
	});
}

/**
 * GET/PUT /user
 * @param {AuthContext} ctx
 * @param {string} method
 * @param {Record<string, any>} claims
 * @param {Record<string, any>} body
 * @param {<T>(fn: (tx: import('./db.js').Tx) => Promise<T>) => Promise<T>} tx
 */
async function userEndpoint(ctx, method, claims, body, tx) {
	return tx(async (t) => {
		if (claims.session_id) {
			const s = await t.query('select 1 from auth.sessions where id = $1', [claims.session_id]);
			if (s.rows.length === 0)
				throw authError(
					403,
					'session_not_found',
					'Session from session_id claim in JWT does not exist'
				);
		}
		const user = await findUser(t, 'u.id = $1', [claims.sub]);
		if (!user) throw authError(403, 'user_not_found', 'User from sub claim in JWT does not exist');
		if (method === 'GET') return userJson(user);
		if (body.password !== undefined) {
			checkPassword(body.password);
			await t.query(
				`update auth.users set encrypted_password = extensions.crypt($1, extensions.gen_salt('bf')), updated_at = now() where id = $2`,
				[body.password, user.id]
			);
		}
		if (body.data !== undefined) {
			if (typeof body.data !== 'object' || body.data === null)
				throw authError(400, 'validation_failed', 'data must be an object');
			await t.query(
				`update auth.users set raw_user_meta_data = coalesce(raw_user_meta_data, '{}'::jsonb) || $1::jsonb, updated_at = now() where id = $2`,
				[JSON.stringify(body.data), user.id]
			);
		}
		if (typeof body.email === 'string' && body.email.toLowerCase() !== (user.email ?? '')) {
			const email = body.email.trim().toLowerCase();
			if (!EMAIL_RE.test(email))
				throw authError(
					400,
					'validation_failed',
					'Unable to validate email address: invalid format'
				);
			if (await findUser(t, 'lower(u.email) = $1', [email]))
				throw authError(
					422,
					'email_exists',
					'A user with this email address has already been registered'
				);
			// The stand-in applies the change directly (no double-confirmation e-mails).
			await t.query('update auth.users set email = $1, updated_at = now() where id = $2', [
				email,
				user.id
			]);
		}
		return userJson(await findUser(t, 'u.id = $1', [user.id]));
	});
}

/**
 * /admin/users[/id]
 * @param {AuthContext} ctx
 * @param {string} method
 * @param {string | null} id
 * @param {URL} url
 * @param {Record<string, any>} body
 * @param {<T>(fn: (tx: import('./db.js').Tx) => Promise<T>) => Promise<T>} tx
 * @returns {Promise<{ body: unknown, headers?: Record<string, string> }>}
 */
async function adminUsers(ctx, method, id, url, body, tx) {
	if (id !== null && !/^[0-9a-f-]{36}$/i.test(id))
		throw authError(404, 'user_not_found', 'User not found');
	if (!id && method === 'POST') {
		const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : null;
		const phone = typeof body.phone === 'string' ? normPhone(body.phone) : null;
		if (email && !EMAIL_RE.test(email))
			throw authError(400, 'validation_failed', 'Unable to validate email address: invalid format');
		if (body.password !== undefined) checkPassword(body.password);
		return {
			body: await tx(async (t) => {
				if (email && (await findUser(t, 'lower(u.email) = $1', [email]))) {
					throw authError(
						422,
						'email_exists',
						'A user with this email address has already been registered'
					);
				}
				if (phone && (await findUser(t, 'u.phone = $1', [phone]))) {
					throw authError(
						422,
						'phone_exists',
						'A user with this phone number has already been registered'
					);
				}
				const user = await createUser(t, {
					email,
					phone,
					password: body.password ?? null,
					emailConfirmed: !!body.email_confirm,
					phoneConfirmed: !!body.phone_confirm,
					userMeta: body.user_metadata ?? body.data ?? {},
					appMeta: body.app_metadata ?? {},
					role: typeof body.role === 'string' ? body.role : undefined
				});
				return userJson(user);
			})
		};
	}
	if (!id && method === 'GET') {
		const page = Math.max(1, Number(url.searchParams.get('page')) || 1);
		const perPage = Math.min(1000, Math.max(1, Number(url.searchParams.get('per_page')) || 50));
		return tx(async (t) => {
			const total = Number(
				(await t.query('select count(*)::int as n from auth.users where deleted_at is null'))
					.rows[0].n
			);
			const { rows } = await t.query(
				`select ${USER_COLUMNS} from auth.users u where u.deleted_at is null order by u.created_at, u.id limit $1 offset $2`,
				[perPage, (page - 1) * perPage]
			);
			const lastPage = Math.max(1, Math.ceil(total / perPage));
			const base = `${ctx.url()}/auth/v1/admin/users`;
			const links = [];
			if (page < lastPage) links.push(`<${base}?page=${page + 1}&per_page=${perPage}>; rel="next"`);
			links.push(`<${base}?page=${lastPage}&per_page=${perPage}>; rel="last"`);
			return {
				body: { users: rows.map(userJson), aud: 'authenticated' },
				headers: { 'x-total-count': String(total), link: links.join(', ') }
			};
		});
	}
	if (id && method === 'GET') {
		return tx(async (t) => {
			const user = await findUser(t, 'u.id = $1', [id]);
			if (!user) throw authError(404, 'user_not_found', 'User not found');
			return { body: userJson(user) };
		});
	}
	if (id && method === 'PUT') {
		return tx(async (t) => {
			const user = await findUser(t, 'u.id = $1', [id]);
			if (!user) throw authError(404, 'user_not_found', 'User not found');
			if (body.password !== undefined) {
				checkPassword(body.password);
				await t.query(
					`update auth.users set encrypted_password = extensions.crypt($1, extensions.gen_salt('bf')) where id = $2`,
					[body.password, id]
				);
			}
			if (typeof body.email === 'string')
				await t.query('update auth.users set email = $1 where id = $2', [
					body.email.trim().toLowerCase(),
					id
				]);
			if (typeof body.phone === 'string')
				await t.query('update auth.users set phone = $1 where id = $2', [
					normPhone(body.phone),
					id
				]);
			if (body.email_confirm === true)
				await t.query(
					'update auth.users set email_confirmed_at = coalesce(email_confirmed_at, now()) where id = $1',
					[id]
				);
			if (body.phone_confirm === true)
				await t.query(
					'update auth.users set phone_confirmed_at = coalesce(phone_confirmed_at, now()) where id = $1',
					[id]
				);
			if (body.user_metadata && typeof body.user_metadata === 'object') {
				await t.query(
					`update auth.users set raw_user_meta_data = coalesce(raw_user_meta_data, '{}'::jsonb) || $1::jsonb where id = $2`,
					[JSON.stringify(body.user_metadata), id]
				);
			}
			if (body.app_metadata && typeof body.app_metadata === 'object') {
				await t.query(
					`update auth.users set raw_app_meta_data = coalesce(raw_app_meta_data, '{}'::jsonb) || $1::jsonb where id = $2`,
					[JSON.stringify(body.app_metadata), id]
				);
			}
			if (typeof body.ban_duration === 'string') {
				if (body.ban_duration === 'none')
					await t.query('update auth.users set banned_until = null where id = $1', [id]);
				else {
					const m = /^(\d+)h$/.exec(body.ban_duration);
					if (!m)
						throw authError(
							400,
							'validation_failed',
							'ban_duration: the stand-in accepts "none" or "<hours>h"'
						);
					await t.query(
						`update auth.users set banned_until = now() + make_interval(hours => $1::int) where id = $2`,
						[Number(m[1]), id]
					);
					await t.query('delete from auth.sessions where user_id = $1', [id]);
				}
			}
			await t.query('update auth.users set updated_at = now() where id = $1', [id]);
			return { body: userJson(await findUser(t, 'u.id = $1', [id])) };
		});
	}
	if (id && method === 'DELETE') {
		return tx(async (t) => {
			const user = await findUser(t, 'u.id = $1', [id]);
			if (!user) throw authError(404, 'user_not_found', 'User not found');
			if (body.should_soft_delete) {
				await t.query(
					`update auth.users set deleted_at = now(), email = null, phone = null, encrypted_password = '' where id = $1`,
					[id]
				);
				await t.query('delete from auth.sessions where user_id = $1', [id]);
			} else {
				await t.query('delete from auth.users where id = $1', [id]);
			}
			return { body: userJson(user) };
		});
	}
	throw authError(
		405,
		'method_not_allowed',
		`${method} is not supported on /admin/users by the Supabase stand-in`
	);
}
