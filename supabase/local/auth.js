// /auth/v1 — the GoTrue subset the app uses: password sign-in and sign-up, refresh-token
// rotation, email/phone OTP (codes go to the stand-in's outbox, auth.mail_outbox), user GET/PUT,
// logout, and the admin user API. Users live in auth.users with GoTrue's own columns and bcrypt
// hashes from pgcrypto, so seed files that insert users directly work the same as on Supabase.
//
// Error bodies follow GoTrue: with the `X-Supabase-Api-Version: 2024-01-01` request header (which
// auth-js always sends) `{ code: '<error_code>', message }`, otherwise the legacy
// `{ code: <status>, error_code, msg }`. auth-js turns either into AuthApiError with `.code`.

import { randomBytes, randomInt, randomUUID, createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { renderSVG } from 'uqr';
import { ApiError, send, readBody, parseJson, safeDecode } from './http.js';
import { signJwt, verifyJwt } from './jwt.js';
import { newTotpSecret, totpUri, verifyTotp } from './totp.js';

const API_VERSION = '2024-01-01';

/**
 * @typedef {{
 *   db: import('./db.js').Adapter,
 *   secret: string,
 *   url: () => string,
 *   jwtExpiry: number,
 *   timeoutMs: number,
 *   limiter: ReturnType<typeof createRateLimiter>,
 *   rateLimits: AuthRateLimits,
 *   sbForwardedFor: boolean,
 *   serviceKey: string,
 *   otpCooldownMs: number,
 *   autoconfirm: boolean,
 *   minPasswordLength?: number,
 *   anonymousSignIns?: boolean,
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
 * GoTrue's per-IP limits (Supabase config.toml `[auth.rate_limit]`): requests per `windowMs`
 * (5 minutes) from one IP address, counted whether they succeed or not. There is no per-account
 * lock-out (GoTrue has none): a lock-out per e-mail would let anyone lock a known account.
 * @typedef {{
 *   windowMs: number,
 *   signInSignUps: number,
 *   tokenRefresh: number,
 *   tokenVerifications: number,
 *   mfaPerMinute: number,
 * }} AuthRateLimits
 */

/**
 * Sliding-window counters, in memory (a restart forgets them, as a GoTrue restart would).
 * @param {{ windowMs: number }} opts
 */
export function createRateLimiter({ windowMs }) {
	/** @type {Map<string, number[]>} */
	const hits = new Map();
	/** @type {Map<string, number>} */
	const cooldowns = new Map();
	/** @param {string} key @param {number} [w] */
	const recent = (key, w = windowMs) => {
		const now = Date.now();
		const list = (hits.get(key) ?? []).filter((t) => now - t < Math.max(w, windowMs));
		hits.set(key, list);
		return list.filter((t) => now - t < w);
	};
	return {
		/** @param {string} key */
		inCooldown: (key) => (cooldowns.get(key) ?? 0) > Date.now(),
		/** @param {string} key @param {number} ms */
		cooldown: (key, ms) => void (ms > 0 && cooldowns.set(key, Date.now() + ms)),
		/** @param {string} key @param {number} max @param {number} [w] window (ms) */
		exceeded: (key, max, w) => recent(key, w).length >= max,
		/** @param {string} key */
		hit: (key) => {
			recent(key);
			hits.get(key)?.push(Date.now());
		},
		/**
		 * Count one request and say whether it is over `max` in the window (GoTrue counts every
		 * request against the limit, refused ones included).
		 * @param {string} key @param {number} max @param {number} [w]
		 */
		take: (key, max, w) => {
			const over = recent(key, w).length >= max;
			hits.get(key)?.push(Date.now());
			return over;
		},
		/** @param {string} key */
		reset: (key) => void hits.delete(key),
		/** Drop stale keys (called from a timer). */
		sweep: () => {
			for (const k of [...hits.keys()]) if (recent(k, windowMs * 12).length === 0) hits.delete(k);
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
  u.confirmation_sent_at, u.confirmed_at, u.invited_at, u.last_sign_in_at, u.raw_app_meta_data, u.raw_user_meta_data,
  u.created_at, u.updated_at, u.banned_until, u.is_anonymous, u.encrypted_password, u.deleted_at,
  coalesce((select json_agg(json_build_object(
      'identity_id', i.id, 'id', i.provider_id, 'user_id', i.user_id, 'identity_data', i.identity_data,
      'provider', i.provider, 'last_sign_in_at', i.last_sign_in_at, 'created_at', i.created_at,
      'updated_at', i.updated_at, 'email', i.email) order by i.created_at)
    from auth.identities i where i.user_id = u.id), '[]'::json)::text as identities_json,
  coalesce((select json_agg(json_build_object(
      'id', f.id, 'friendly_name', coalesce(f.friendly_name, ''), 'factor_type', f.factor_type,
      'status', f.status, 'created_at', f.created_at, 'updated_at', f.updated_at,
      'last_challenged_at', f.last_challenged_at) order by f.created_at)
    from auth.mfa_factors f where f.user_id = u.id), '[]'::json)::text as factors_json`;

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
		// GoTrue: json:"invited_at,omitempty".
		...(u.invited_at ? { invited_at: ts(u.invited_at) } : {}),
		last_sign_in_at: ts(u.last_sign_in_at),
		app_metadata: obj(u.raw_app_meta_data),
		user_metadata: obj(u.raw_user_meta_data),
		identities: JSON.parse(u.identities_json ?? '[]'),
		// GoTrue omits `factors` when the user has none (json:"factors,omitempty").
		...(u.factors_json && u.factors_json !== '[]' ? { factors: JSON.parse(u.factors_json) } : {}),
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

// GoTrue's validateEmail (mail.go): at most 255 characters, in the format of badoux/checkmail's
// ValidateFormat (the version GoTrue pins): a dotless domain passes, a label starting with '-' not.
const EMAIL_RE =
	/^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
/** @param {string} email */
function validateEmail(email) {
	if (email.length > 255) throw authError(400, 'validation_failed', 'An email address is too long');
	if (!EMAIL_RE.test(email))
		throw authError(400, 'validation_failed', 'Unable to validate email address: invalid format');
}
/** GoTrue's validatePhone (phone.go): E.164 digits after formatting. @param {string} phone */
function validatePhone(phone) {
	if (!/^[1-9]\d{1,14}$/.test(phone))
		throw authError(400, 'validation_failed', 'Invalid phone number format (E.164 required)');
}
/**
 * Go's strconv.ParseUint(s, 10, 64) as GoTrue's paginate uses it; its error text on failure.
 * @param {string} s
 */
function parseUint(s) {
	const q = JSON.stringify(s);
	if (!/^\d+$/.test(s)) return { error: `strconv.ParseUint: parsing ${q}: invalid syntax` };
	if (BigInt(s) > 18446744073709551615n)
		return { error: `strconv.ParseUint: parsing ${q}: value out of range` };
	return { value: Number(s) };
}
/** E.164-ish, stored without '+' like GoTrue. @param {string} p */
const normPhone = (p) => p.replace(/[\s\-()+]/g, '');

/** @param {string} token */
const hashToken = (token) => createHash('sha256').update(token).digest('hex');

/** amr methods that make a session aal2 (GoTrue's AMRClaim.IsAAL2Claim). */
const AAL2_METHODS = new Set(['totp', 'mfa/totp', 'mfa/phone', 'mfa/webauthn']);

/**
 * A session's authentication methods (auth.mfa_amr_claims), newest first, and the assurance
 * level they give — computed as GoTrue's Session.CalculateAALAndAMR does.
 * @param {import('./db.js').Tx} tx
 * @param {string} sessionId
 */
async function sessionAmr(tx, sessionId) {
	const { rows } = await tx.query(
		`select authentication_method as method, floor(extract(epoch from updated_at))::bigint as ts
     from auth.mfa_amr_claims where session_id = $1 order by updated_at desc`,
		[sessionId]
	);
	const amr = rows.map((r) => ({ method: String(r.method), timestamp: Number(r.ts) }));
	const aal = amr.some((a) => AAL2_METHODS.has(a.method)) ? 'aal2' : 'aal1';
	return { amr, aal };
}

/**
 * Record that a session was authenticated by `method` (GoTrue's AddClaimToSession: one row per
 * method, its time updated when used again).
 * @param {import('./db.js').Tx} tx
 * @param {string} sessionId
 * @param {string} method
 */
async function addAmrClaim(tx, sessionId, method) {
	await tx.query(
		`insert into auth.mfa_amr_claims (session_id, created_at, updated_at, authentication_method, id)
     values ($1, now(), now(), $2, gen_random_uuid())
     on conflict (session_id, authentication_method) do update set updated_at = now()`,
		[sessionId, method]
	);
}

/**
 * Issue a session: a row in auth.sessions, a refresh token, and an access token whose claims
 * match GoTrue's (`aal` and `amr` from the session's claims, so a refresh keeps aal2).
 * @param {AuthContext} ctx
 * @param {import('./db.js').Tx} tx
 * @param {any} user row from findUser
 * @param {string} method amr method of a new session (password, otp, …)
 * @param {{ sessionId?: string, parent?: string }} [opts]
 */
async function issueSession(ctx, tx, user, method, opts = {}) {
	const sessionId = opts.sessionId ?? randomUUID();
	if (!opts.sessionId) {
		await tx.query(
			`insert into auth.sessions (id, user_id, created_at, updated_at, aal) values ($1, $2, now(), now(), 'aal1')`,
			[sessionId, user.id]
		);
		await addAmrClaim(tx, sessionId, method);
	} else {
		await tx.query(
			`update auth.sessions set refreshed_at = now(), updated_at = now() where id = $1`,
			[sessionId]
		);
	}
	const { amr, aal } = await sessionAmr(tx, sessionId);
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
		aal,
		amr,
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

/**
 * GoTrue's checkPasswordStrength (internal/api/password.go) with config.toml's
 * `minimum_password_length` (GoTrue's default 6 when the file sets none).
 * @param {string} password
 * @param {number} [min]
 */
function checkPassword(password, min = 6) {
	if (typeof password !== 'string' || password.length < min) {
		throw authError(422, 'weak_password', `Password should be at least ${min} characters.`, {
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
		// GoTrue wraps golang-jwt v5's error text (internal/api/auth.go parseJWTClaims).
		const reason =
			v.reason === 'signature'
				? 'token signature is invalid: signature is invalid'
				: v.reason === 'expired'
					? 'token has invalid claims: token is expired'
					: v.reason === 'alg'
						? 'token is unverifiable: signing method is invalid'
						: 'token is malformed: token contains an invalid number of segments';
		throw authError(403, 'bad_jwt', `invalid JWT: unable to parse or verify signature, ${reason}`);
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

/**
 * The address GoTrue limits on: the peer, or — as Supabase does when IP address forwarding is on
 * (`security_sb_forwarded_for_enabled`) — the `Sb-Forwarded-For` header of a request made with the
 * project's secret key (here the service-role key; Supabase requires an `sb_secret_…` key). A
 * header from any other caller is ignored, so a browser cannot choose its own address.
 * @param {AuthContext} ctx
 * @param {import('node:http').IncomingMessage} req
 * @param {{ apikey?: string | null }} [cred]
 */
function clientIp(ctx, req, cred) {
	const fwd = req.headers['sb-forwarded-for'];
	if (
		ctx.sbForwardedFor &&
		typeof fwd === 'string' &&
		cred?.apikey &&
		cred.apikey === ctx.serviceKey
	) {
		const first = (fwd.split(',')[0] ?? '').trim();
		if (isIP(first)) return first.replace(/^::ffff:(?=\d+\.)/i, '');
	}
	return (req.socket.remoteAddress ?? 'unknown').replace(/^::ffff:(?=\d+\.)/i, '');
}

/** @param {AuthContext} ctx @param {string} key @param {number} max @param {number} [windowMs] */
function limitIp(ctx, key, max, windowMs) {
	if (ctx.limiter.take(key, max, windowMs))
		throw authError(429, 'over_request_rate_limit', 'Request rate limit reached');
}

/**
 * @param {AuthContext} ctx
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 * @param {string} subpath after /auth/v1
 * @param {{ bearer: string | null, apikey?: string | null }} cred
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
			const ip = clientIp(ctx, req, cred);
			if (grant === 'password') {
				limitIp(ctx, `token-password:${ip}`, ctx.rateLimits.signInSignUps);
				return ok(await passwordGrant(ctx, body, tx));
			}
			if (grant === 'refresh_token') {
				limitIp(ctx, `token-refresh:${ip}`, ctx.rateLimits.tokenRefresh);
				return ok(await refreshGrant(ctx, body, tx));
			}
			throw authError(
				400,
				'validation_failed',
				`unsupported_grant_type: the Supabase stand-in supports grant_type=password and refresh_token, not "${grant}"`
			);
		}
		if (path === '/signup' && method === 'POST') {
			limitIp(ctx, `signup:${clientIp(ctx, req, cred)}`, ctx.rateLimits.signInSignUps);
			return ok(await signup(ctx, body, tx));
		}
		if (path === '/otp' && method === 'POST') return ok(await sendOtp(ctx, body, tx));
		if (path === '/verify' && method === 'POST') {
			limitIp(ctx, `verify:${clientIp(ctx, req, cred)}`, ctx.rateLimits.tokenVerifications);
			return ok(await verifyOtp(ctx, body, tx));
		}
		const factorMatch = /^\/factors(?:\/([^/]+)(?:\/(challenge|verify))?)?$/.exec(path);
		if (factorMatch) {
			const claims = requireUserClaims(ctx, cred.bearer);
			const r = await factorsEndpoint(
				ctx,
				req,
				method,
				claims,
				factorMatch[1] ?? null,
				factorMatch[2] ?? null,
				body,
				tx,
				clientIp(ctx, req, cred)
			);
			return ok(r);
		}
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
			limitIp(ctx, `recover:${clientIp(ctx, req, cred)}`, ctx.rateLimits.signInSignUps);
			return ok(await recover(ctx, body, tx));
		}
		if (path === '/invite' && method === 'POST') {
			requireAdmin(ctx, cred.bearer);
			return ok(await invite(ctx, body, tx));
		}
		const adminFactorMatch = /^\/admin\/users\/([^/]+)\/factors(?:\/([^/]+))?$/.exec(path);
		if (adminFactorMatch) {
			requireAdmin(ctx, cred.bearer);
			return ok(
				await adminFactors(method, adminFactorMatch[1] ?? '', adminFactorMatch[2] ?? null, tx)
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
 * grant_type=password. Limited per IP in handleAuth (every request counts); no per-account
 * lock-out, as in GoTrue.
 * @param {AuthContext} ctx
 * @param {Record<string, any>} body
 * @param {<T>(fn: (tx: import('./db.js').Tx) => Promise<T>) => Promise<T>} tx
 */
async function passwordGrant(ctx, body, tx) {
	const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : null;
	const phone = typeof body.phone === 'string' ? normPhone(body.phone) : null;
	const password = body.password;
	if ((!email && !phone) || typeof password !== 'string') {
		throw authError(400, 'validation_failed', 'missing email or phone');
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
 * @param {Record<string, any>} body
 * @param {<T>(fn: (tx: import('./db.js').Tx) => Promise<T>) => Promise<T>} tx
 */
async function signup(ctx, body, tx) {
	const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : null;
	const phone = typeof body.phone === 'string' ? normPhone(body.phone) : null;
	if (!email && !phone) {
		// auth-js signInAnonymously() posts to /signup without e-mail or phone (signup.go).
		if (!ctx.anonymousSignIns)
			throw authError(422, 'anonymous_provider_disabled', 'Anonymous sign-ins are disabled');
		throw authError(
			422,
			'validation_failed',
			'The Supabase stand-in does not support anonymous sign-ins'
		);
	}
	if (email) validateEmail(email);
	checkPassword(body.password, ctx.minPasswordLength);
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
		const signedIn = await t.query(
			`update auth.users set last_sign_in_at = now() where id = $1 returning to_json(last_sign_in_at)#>>'{}' as at`,
			[user.id]
		);
		user.last_sign_in_at = signedIn.rows[0]?.at ?? new Date().toISOString();
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
	if (email) validateEmail(email);
	if (phone) validatePhone(phone);
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
 * POST /recover {email} — GoTrue's password recovery e-mail. The stand-in's e-mail carries a
 * 6-digit code (as GoTrue's template does with {{ .Token }}); verify it with type "recovery", then
 * PUT /user {password}. Answers {} whether or not the address exists (no account enumeration);
 * one e-mail per address per cooldown, as GoTrue's email rate limit.
 * @param {AuthContext} ctx
 * @param {Record<string, any>} body
 * @param {<T>(fn: (tx: import('./db.js').Tx) => Promise<T>) => Promise<T>} tx
 */
async function recover(ctx, body, tx) {
	const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : null;
	if (!email) throw authError(422, 'validation_failed', 'Password recovery requires an email');
	if (!EMAIL_RE.test(email))
		throw authError(400, 'validation_failed', 'Unable to validate email address: invalid format');
	const key = `recover:${email}`;
	if (ctx.limiter.inCooldown(key))
		throw authError(
			429,
			'over_email_send_rate_limit',
			`For security purposes, you can only request this after ${Math.ceil(ctx.otpCooldownMs / 1000)} seconds.`
		);
	await tx(async (t) => {
		const user = await findUser(t, 'lower(u.email) = $1', [email]);
		if (!user) return;
		await t.query('update auth.users set recovery_sent_at = now() where id = $1', [user.id]);
		await issueOtp(t, user, 'email', email, 'Đặt lại mật khẩu / Reset your password');
	});
	ctx.limiter.cooldown(key, ctx.otpCooldownMs);
	return {};
}

/**
 * POST /invite {email, data} (admin) — GoTrue's invitation: creates the user (e-mail not yet
 * confirmed, no password, invited_at set) and e-mails an invitation; 422 email_exists when the
 * address is taken. The stand-in's e-mail carries a 6-digit code: verify it with type "invite",
 * then PUT /user {password}.
 * @param {AuthContext} ctx
 * @param {Record<string, any>} body
 * @param {<T>(fn: (tx: import('./db.js').Tx) => Promise<T>) => Promise<T>} tx
 */
async function invite(ctx, body, tx) {
	const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : null;
	if (!email || !EMAIL_RE.test(email))
		throw authError(400, 'validation_failed', 'Unable to validate email address: invalid format');
	return tx(async (t) => {
		if (await findUser(t, 'lower(u.email) = $1', [email]))
			throw authError(
				422,
				'email_exists',
				'A user with this email address has already been registered'
			);
		const user = await createUser(t, {
			email,
			emailConfirmed: false,
			phoneConfirmed: false,
			userMeta: typeof body.data === 'object' && body.data ? body.data : {}
		});
		await t.query('update auth.users set invited_at = now() where id = $1', [user.id]);
		await issueOtp(t, user, 'email', email, 'Lời mời tham gia / You are invited');
		return userJson(await findUser(t, 'u.id = $1', [user.id]));
	});
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
	// GoTrue's verify validates the phone first (validatePhone: E.164 after formatting).
	if (phone !== null && phoneTypes.includes(type) && !/^[1-9]\d{1,14}$/.test(phone))
		throw authError(400, 'validation_failed', 'Invalid phone number format (E.164 required)');
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
			checkPassword(body.password, ctx.minPasswordLength);
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
			validateEmail(email);
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
		// adminUserCreate: e-mail or phone required, each validated as everywhere else; the
		// password is not held to the strength rules here (only bcrypt's 72-byte limit).
		if (!email && !phone)
			throw authError(
				400,
				'validation_failed',
				'Cannot create a user without either an email or phone'
			);
		if (email) validateEmail(email);
		if (phone) validatePhone(phone);
		if (typeof body.password === 'string' && Buffer.byteLength(body.password) > 72)
			throw authError(400, 'validation_failed', 'bcrypt: password length exceeds 72 bytes');
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
		// adminUsers: sort (created_at only, desc by default), then paginate (strconv.ParseUint;
		// pop's Paginate treats page < 1 as 1 and per_page < 1 as 20).
		let dir = 'desc';
		for (const v of url.searchParams.getAll('sort')) {
			const [field, d] = [v.split(' ')[0], v.includes(' ') ? v.slice(v.indexOf(' ') + 1) : null];
			if (field !== 'created_at')
				throw authError(
					400,
					'validation_failed',
					`Bad Sort Parameters: bad field for sort '${field}'`
				);
			if (d !== null && !['ASC', 'DESC'].includes(d.toUpperCase()))
				throw authError(
					400,
					'validation_failed',
					`Bad Sort Parameters: bad direction for sort '${d}', only 'asc' and 'desc' allowed`
				);
			dir = d === null ? 'desc' : d.toLowerCase();
		}
		/** @param {string} name @param {number} dflt */
		const pageParam = (name, dflt) => {
			const raw = url.searchParams.get(name) ?? '';
			if (raw === '') return dflt;
			const r = parseUint(raw);
			if (r.error)
				throw authError(400, 'validation_failed', `Bad Pagination Parameters: ${r.error}`);
			return /** @type {number} */ (r.value);
		};
		const page = Math.max(1, pageParam('page', 1));
		const perPage = pageParam('per_page', 50) || 20;
		return tx(async (t) => {
			const total = Number(
				(await t.query('select count(*)::int as n from auth.users where deleted_at is null'))
					.rows[0].n
			);
			const { rows } = await t.query(
				`select ${USER_COLUMNS} from auth.users u where u.deleted_at is null order by u.created_at ${dir}, u.id ${dir} limit $1 offset $2`,
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
				checkPassword(body.password, ctx.minPasswordLength);
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

/** GoTrue's MFA settings (config.toml [auth.mfa]) and fixed timings. */
const MFA = {
	maxEnrolledFactors: 10,
	maxVerifiedFactors: 10,
	/** An unverified factor is removed after this long (GoTrue's FactorExpiryDuration). */
	factorExpirySeconds: 300,
	/** A challenge must be answered within this long (ChallengeExpiryDuration). */
	challengeExpirySeconds: 300
};

/** GoTrue's factor JSON. @param {any} f */
function factorJson(f) {
	/** @param {unknown} v */
	const ts = (v) =>
		v === null || v === undefined ? undefined : v instanceof Date ? v.toISOString() : String(v);
	return {
		id: f.id,
		friendly_name: f.friendly_name ?? '',
		factor_type: f.factor_type,
		status: f.status,
		created_at: ts(f.created_at),
		updated_at: ts(f.updated_at),
		last_challenged_at: ts(f.last_challenged_at) ?? null
	};
}

/**
 * /factors, /factors/{id}, /factors/{id}/challenge, /factors/{id}/verify — TOTP MFA as GoTrue does
 * it (internal/api/mfa.go): enrol (an unverified factor with a secret, QR code and otpauth URI),
 * challenge (bound to the caller's IP, 5 minutes), verify (RFC 6238, ±1 step; the session becomes
 * aal2 with a `totp` amr entry, the user's other aal1 sessions end, other unverified factors go),
 * unenrol (a verified factor only from an aal2 session; its sessions fall back to aal1).
 * Challenge and verify are limited per IP (15 a minute).
 * @param {AuthContext} ctx
 * @param {import('node:http').IncomingMessage} req
 * @param {string} method
 * @param {Record<string, any>} claims
 * @param {string | null} factorId
 * @param {string | null} action
 * @param {Record<string, any>} body
 * @param {<T>(fn: (tx: import('./db.js').Tx) => Promise<T>) => Promise<T>} tx
 * @param {string} ip
 */
async function factorsEndpoint(ctx, req, method, claims, factorId, action, body, tx, ip) {
	if (factorId !== null && !/^[0-9a-f-]{36}$/i.test(factorId))
		throw authError(404, 'mfa_factor_not_found', 'Factor not found');
	if (action) limitIp(ctx, `mfa-${action}:${ip}`, ctx.rateLimits.mfaPerMinute, 60_000);
	return tx(async (t) => {
		const s = await t.query('select id, aal from auth.sessions where id = $1 and user_id = $2', [
			claims.session_id ?? null,
			claims.sub
		]);
		if (!s.rows[0])
			throw authError(
				403,
				'session_not_found',
				'Session from session_id claim in JWT does not exist'
			);
		const sessionId = String(s.rows[0].id);
		const { aal } = await sessionAmr(t, sessionId);
		const user = await findUser(t, 'u.id = $1', [claims.sub]);
		if (!user) throw authError(403, 'user_not_found', 'User from sub claim in JWT does not exist');
		if (user.is_anonymous) throw authError(403, 'user_is_anonymous', 'Anonymous user not allowed');

		if (factorId === null) {
			if (method !== 'POST')
				throw authError(405, 'method_not_allowed', `${method} /factors is not supported`);
			return enrolTotp(ctx, t, user, aal, body);
		}
		const { rows } = await t.query(
			'select * from auth.mfa_factors where id = $1 and user_id = $2',
			[factorId, user.id]
		);
		const factor = rows[0];
		if (!factor) throw authError(404, 'mfa_factor_not_found', 'Factor not found');

		if (!action && method === 'DELETE') {
			if (factor.status === 'verified' && aal !== 'aal2')
				throw authError(422, 'insufficient_aal', 'AAL2 required to unenroll verified factor');
			await t.query('delete from auth.mfa_factors where id = $1', [factor.id]);
			// DowngradeSessionsToAAL1: the sessions this factor raised lose their second factor.
			await t.query(
				`delete from auth.mfa_amr_claims c using auth.sessions s
         where c.session_id = s.id and s.factor_id = $1 and c.authentication_method = 'totp'`,
				[factor.id]
			);
			await t.query(
				`update auth.sessions set aal = 'aal1', factor_id = null where factor_id = $1`,
				[factor.id]
			);
			return { id: factor.id };
		}
		if (method !== 'POST' || !action)
			throw authError(405, 'method_not_allowed', `${method} is not supported on this factor path`);
		if (factor.factor_type !== 'totp')
			throw authError(
				422,
				'mfa_factor_type_unsupported',
				'The stand-in supports TOTP factors only'
			);

		if (action === 'challenge') {
			const id = randomUUID();
			await t.query(
				`insert into auth.mfa_challenges (id, factor_id, created_at, ip_address) values ($1, $2, now(), $3::inet)`,
				[id, factor.id, isIP(ip) ? ip : '0.0.0.0']
			);
			await t.query('update auth.mfa_factors set last_challenged_at = now() where id = $1', [
				factor.id
			]);
			return {
				id,
				type: 'totp',
				expires_at: Math.floor(Date.now() / 1000) + MFA.challengeExpirySeconds
			};
		}

		// verify
		if (typeof body.code !== 'string' || body.code === '')
			throw authError(400, 'validation_failed', 'Code needs to be non-empty');
		const ch = await t
			.query(
				`select id, verified_at, host(ip_address) as ip,
              created_at + make_interval(secs => $3) < now() as expired
       from auth.mfa_challenges where id = $1 and factor_id = $2`,
				[String(body.challenge_id ?? ''), factor.id, MFA.challengeExpirySeconds]
			)
			.catch(() => ({ rows: [] }));
		const challenge = ch.rows[0];
		if (!challenge)
			throw authError(
				422,
				'mfa_factor_not_found',
				'MFA factor with the provided challenge ID not found'
			);
		if (challenge.verified_at || (isIP(ip) && challenge.ip !== ip))
			throw authError(
				422,
				'mfa_ip_address_mismatch',
				'Challenge and verify IP addresses mismatch.'
			);
		if (challenge.expired) {
			await t.query('delete from auth.mfa_challenges where id = $1', [challenge.id]);
			throw authError(
				422,
				'mfa_challenge_expired',
				`MFA challenge ${challenge.id} has expired, verify against another challenge or create a new challenge.`
			);
		}
		if (!verifyTotp(String(factor.secret ?? ''), body.code.trim()))
			throw authError(422, 'mfa_verification_failed', 'Invalid TOTP code entered');

		await t.query('update auth.mfa_challenges set verified_at = now() where id = $1', [
			challenge.id
		]);
		if (factor.status !== 'verified')
			await t.query(
				`update auth.mfa_factors set status = 'verified', updated_at = now() where id = $1`,
				[factor.id]
			);
		await addAmrClaim(t, sessionId, 'totp');
		await t.query(
			`update auth.sessions set aal = 'aal2', factor_id = $2, updated_at = now() where id = $1`,
			[sessionId, factor.id]
		);
		// InvalidateSessionsWithAALLessThan(aal2): the user's other one-factor sessions end.
		await t.query(
			`delete from auth.sessions s where s.user_id = $1 and s.id <> $2
         and not exists (select 1 from auth.mfa_amr_claims c where c.session_id = s.id and c.authentication_method = 'totp')`,
			[user.id, sessionId]
		);
		// DeleteUnverifiedFactors of this type.
		await t.query(
			`delete from auth.mfa_factors where user_id = $1 and status = 'unverified' and factor_type = 'totp'`,
			[user.id]
		);
		// GrantRefreshTokenSwap: the session's current refresh token is replaced.
		const { rows: cur } = await t.query(
			`update auth.refresh_tokens set revoked = true, updated_at = now()
       where session_id = $1 and not revoked returning token`,
			[sessionId]
		);
		const fresh = await findUser(t, 'u.id = $1', [user.id]);
		return issueSession(ctx, t, fresh, 'totp', {
			sessionId,
			parent: cur[0]?.token ?? undefined
		});
	});
}

/**
 * POST /factors {factor_type: 'totp', friendly_name?, issuer?}
 * @param {AuthContext} ctx
 * @param {import('./db.js').Tx} t
 * @param {any} user
 * @param {string} aal
 * @param {Record<string, any>} body
 */
async function enrolTotp(ctx, t, user, aal, body) {
	if (body.factor_type !== 'totp')
		throw authError(
			400,
			'validation_failed',
			'factor_type needs to be totp (the stand-in supports TOTP factors only)'
		);
	const friendlyName = typeof body.friendly_name === 'string' ? body.friendly_name : '';
	// validateFactors: expired unverified factors go first.
	await t.query(
		`delete from auth.mfa_factors where user_id = $1 and status = 'unverified'
       and created_at < now() - make_interval(secs => $2)`,
		[user.id, MFA.factorExpirySeconds]
	);
	const { rows: factors } = await t.query(
		'select friendly_name, status from auth.mfa_factors where user_id = $1',
		[user.id]
	);
	if (factors.some((f) => (f.friendly_name ?? '') === friendlyName))
		throw authError(
			422,
			'mfa_factor_name_conflict',
			`A factor with the friendly name "${friendlyName}" for this user already exists`
		);
	const verified = factors.filter((f) => f.status === 'verified').length;
	if (factors.length >= MFA.maxEnrolledFactors || verified >= MFA.maxVerifiedFactors)
		throw authError(
			422,
			'too_many_enrolled_mfa_factors',
			'Maximum number of verified factors reached, unenroll to continue'
		);
	if (verified > 0 && aal !== 'aal2')
		throw authError(403, 'insufficient_aal', 'AAL2 required to enroll a new factor');

	let issuer = typeof body.issuer === 'string' && body.issuer ? body.issuer : '';
	if (!issuer) {
		try {
			issuer = new URL(ctx.url()).host;
		} catch {
			issuer = 'localhost';
		}
	}
	const secret = newTotpSecret();
	const uri = totpUri({ issuer, account: user.email ?? user.phone ?? user.id, secret });
	const id = randomUUID();
	await t.query(
		`insert into auth.mfa_factors (id, user_id, friendly_name, factor_type, status, created_at, updated_at, secret)
     values ($1, $2, $3, 'totp', 'unverified', now(), now(), $4)`,
		[id, user.id, friendlyName, secret]
	);
	return {
		id,
		type: 'totp',
		friendly_name: friendlyName,
		totp: { qr_code: renderSVG(uri, { ecc: 'H', border: 1 }), secret, uri }
	};
}

/**
 * /admin/users/{id}/factors[/{factor_id}] — GET lists, DELETE removes (an administrator resetting
 * a lost authenticator).
 * @param {string} method
 * @param {string} userId
 * @param {string | null} factorId
 * @param {<T>(fn: (tx: import('./db.js').Tx) => Promise<T>) => Promise<T>} tx
 */
export async function adminFactors(method, userId, factorId, tx) {
	if (!/^[0-9a-f-]{36}$/i.test(userId)) throw authError(404, 'user_not_found', 'User not found');
	if (factorId !== null && !/^[0-9a-f-]{36}$/i.test(factorId))
		throw authError(404, 'mfa_factor_not_found', 'Factor not found');
	return tx(async (t) => {
		const user = await findUser(t, 'u.id = $1', [userId]);
		if (!user) throw authError(404, 'user_not_found', 'User not found');
		if (factorId === null && method === 'GET') {
			const { rows } = await t.query(
				'select * from auth.mfa_factors where user_id = $1 order by created_at',
				[userId]
			);
			return rows.map(factorJson);
		}
		if (factorId !== null && method === 'DELETE') {
			const { rows } = await t.query(
				'delete from auth.mfa_factors where id = $1 and user_id = $2 returning *',
				[factorId, userId]
			);
			if (!rows[0]) throw authError(404, 'mfa_factor_not_found', 'Factor not found');
			await t.query(
				`update auth.sessions set aal = 'aal1', factor_id = null where factor_id = $1`,
				[factorId]
			);
			return factorJson(rows[0]);
		}
		throw authError(
			405,
			'method_not_allowed',
			`${method} is not supported on admin factors by the Supabase stand-in`
		);
	});
}
