// The stand-in's HTTP server: routes /rest/v1, /auth/v1, /storage/v1 (plus /health and the
// stand-in-only /__standin endpoints) over one database adapter.

import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { openDatabase, migrate, projectRoot } from './db.js';
import { loadCatalog } from './rest/catalog.js';
import { handleRest } from './rest/index.js';
import { handleAuth, createRateLimiter } from './auth.js';
import { handleStorage } from './storage.js';
import { ApiError, send, credentials, readBody, parseJson, CORS_HEADERS } from './http.js';
import { verifyJwt, apiKeys, newSecret } from './jwt.js';

const API_ROLES = new Set(['anon', 'authenticated', 'service_role']);

/**
 * @typedef {{
 *   port?: number,
 *   host?: string,
 *   dataDir?: string,
 *   databaseUrl?: string,
 *   jwtSecret?: string,
 *   quiet?: boolean,
 *   allowSqlEndpoint?: boolean,
 *   timeoutMs?: number,
 *   jwtExpiry?: number,
 *   seed?: boolean,
 *   root?: string,
 *   autoconfirm?: boolean,
 *   otpCooldownMs?: number,
 *   signInLimits?: { perIp?: number, windowMs?: number },
 *   authRateLimits?: Partial<import('./auth.js').AuthRateLimits>,
 *   sbForwardedFor?: boolean,
 * }} StandInOptions
 */

/**
 * The `[auth]` settings of supabase/config.toml the stand-in's Auth follows, as `supabase start`
 * hands them to GoTrue: `minimum_password_length` (GoTrue's default 6) and
 * `enable_anonymous_sign_ins` (default false). A missing file means the defaults.
 * @param {string} root
 */
async function readAuthConfig(root) {
	let text = '';
	try {
		text = await readFile(path.join(root, 'supabase', 'config.toml'), 'utf8');
	} catch {
		// No config: GoTrue's defaults.
	}
	const auth = /^\[auth\]\s*$([\s\S]*?)(?=^\[)/m.exec(text + '\n[end]')?.[1] ?? '';
	const min = /^\s*minimum_password_length\s*=\s*(\d+)/m.exec(auth)?.[1];
	const anon = /^\s*enable_anonymous_sign_ins\s*=\s*(true|false)/m.exec(auth)?.[1];
	return { minPasswordLength: min ? Number(min) : 6, anonymousSignIns: anon === 'true' };
}

/**
 * Start the stand-in: open the database, apply bootstrap + migrations + seeds, listen.
 * @param {StandInOptions} [opts]
 */
export async function startStandIn(opts = {}) {
	const {
		port = 54321,
		host = '127.0.0.1',
		quiet = false,
		allowSqlEndpoint = false,
		timeoutMs = 15000,
		jwtExpiry = 3600,
		seed = true
	} = opts;
	const log = quiet ? () => {} : (/** @type {string} */ m) => console.log(`[stand-in] ${m}`);
	const db = await openDatabase({ dataDir: opts.dataDir, databaseUrl: opts.databaseUrl });
	try {
		await migrate(db, { root: opts.root, log, seed });
	} catch (e) {
		await db.close();
		throw e;
	}

	// The JWT secret lives in the database so keys stay valid across restarts on either target.
	let secret = opts.jwtSecret;
	if (!secret) {
		const { rows } = await db.query(
			`select value from auth.standin_config where key = 'jwt_secret'`
		);
		secret = rows[0]?.value;
		if (!secret) {
			secret = newSecret();
			await db.query(
				`insert into auth.standin_config (key, value) values ('jwt_secret', $1) on conflict (key) do nothing`,
				[secret]
			);
			secret = (await db.query(`select value from auth.standin_config where key = 'jwt_secret'`))
				.rows[0].value;
		}
	}
	const jwtSecret = /** @type {string} */ (secret);
	const keys = apiKeys(jwtSecret);
	// Role names, to answer a JWT naming a role that does not exist as PostgreSQL would (22023).
	const dbRoles = new Set(
		(await db.query('select rolname from pg_roles')).rows.map((r) => String(r.rolname))
	);

	/** @type {import('./rest/catalog.js').Catalog | null} */
	let catalog = null;
	/** @type {Promise<import('./rest/catalog.js').Catalog> | null} */
	let loading = null;
	let lastMissReload = 0;
	const catalogApi = {
		get: async () => catalog ?? catalogApi.reload(),
		/** Reload because a request named something unknown; throttled so bad requests cannot
		 * turn every call into a catalog scan. */
		reloadOnMiss: async () => {
			if (catalog && Date.now() - lastMissReload < 1000) return catalog;
			lastMissReload = Date.now();
			return catalogApi.reload();
		},
		reload: async () => {
			// Coalesce concurrent reloads into one catalog query.
			loading ??= loadCatalog((sql) => db.query(sql)).then(
				(c) => ((catalog = c), (loading = null), c),
				(e) => ((loading = null), Promise.reject(e))
			);
			return loading;
		}
	};
	await catalogApi.reload();

	/**
	 * One transaction per request: role and JWT claims as PostgREST sets them, read-only for
	 * GET/HEAD (PostgREST runs those in read-only transactions too), rolled back on any error.
	 * @template T
	 * @param {{ role: string, claims: Record<string, any> }} auth
	 * @param {import('node:http').IncomingMessage} req
	 * @param {(tx: import('./db.js').Tx) => Promise<T>} fn
	 * @param {{ readOnly?: boolean }} [o]
	 */
	/**
	 * Per-role statement time-outs as Supabase sets them (`alter role anon set statement_timeout =
	 * '3s'`, authenticated 8 s; bootstrap.sql). PostgREST applies the impersonated role's settings in
	 * each request's transaction; so does runAs. On PostgreSQL the server cancels the statement
	 * (57014); PGlite does not enforce statement_timeout inside WASM, so there the stand-in's own
	 * guard fires at the role's time-out and answers 57014 as well. The server-wide `timeoutMs`
	 * stays as the last resort (504 PGRST003).
	 * @type {Map<string, number>}
	 */
	const roleTimeouts = new Map();
	try {
		const { rows } = await db.query(
			`select r.rolname, c.setting from pg_roles r, unnest(r.rolconfig) as c(setting)
			  where r.rolname in ('anon', 'authenticated', 'service_role')
			    and c.setting like 'statement\\_timeout=%'`
		);
		for (const r of rows) {
			const v = String(r.setting).slice('statement_timeout='.length);
			const m = /^(\d+)\s*(ms|s|min)?$/.exec(v);
			if (m)
				roleTimeouts.set(
					r.rolname,
					Number(m[1]) * ({ ms: 1, s: 1000, min: 60_000 }[m[2] ?? 'ms'] ?? 1)
				);
		}
	} catch {
		// No role settings: the server-wide time-out applies.
	}

	/**
	 * The address the gateway saw, appended to x-forwarded-for (like Supabase's gateway and
	 * nginx's $proxy_add_x_forwarded_for) and set as x-real-ip: SQL can key per-client limits on
	 * the last hop, which a caller cannot forge.
	 * @param {import('node:http').IncomingMessage} req
	 */
	const forwardedHeaders = (req) => {
		const headers = Object.fromEntries(
			Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')])
		);
		const peer = (req.socket.remoteAddress ?? '').replace(/^::ffff:(?=\d+\.)/, '');
		if (peer) {
			headers['x-forwarded-for'] = headers['x-forwarded-for']
				? `${headers['x-forwarded-for']}, ${peer}`
				: peer;
			headers['x-real-ip'] = peer;
		}
		return headers;
	};

	/**
	 * One transaction per request: role and JWT claims as PostgREST sets them, read-only for
	 * GET/HEAD (PostgREST runs those in read-only transactions too), rolled back on any error.
	 * @template T
	 * @param {{ role: string, claims: Record<string, any> }} auth
	 * @param {import('node:http').IncomingMessage} req
	 * @param {(tx: import('./db.js').Tx) => Promise<T>} fn
	 * @param {{ readOnly?: boolean }} [o]
	 */
	const runAs = (auth, req, fn, o = {}) => {
		const roleMs = roleTimeouts.get(auth.role);
		const statementMs = roleMs ? Math.min(roleMs, timeoutMs) : timeoutMs;
		return db.transaction(
			async (tx) => {
				await tx.query(
					`select set_config('role', $1, true), set_config('request.jwt.claims', $2, true),
            set_config('request.jwt.claim.sub', $3, true), set_config('request.jwt.claim.role', $1, true),
            set_config('request.method', $4, true), set_config('request.path', $5, true),
            set_config('request.headers', $6, true), set_config('statement_timeout', $7, true)`,
					[
						auth.role,
						JSON.stringify(auth.claims),
						typeof auth.claims.sub === 'string' ? auth.claims.sub : '',
						req.method ?? 'GET',
						(req.url ?? '/').split('?')[0],
						JSON.stringify(forwardedHeaders(req)),
						String(statementMs)
					]
				);
				return fn(tx);
			},
			{
				// PostgreSQL cancels at statementMs itself (57014); PGlite needs the guard there.
				timeoutMs: db.kind === 'pglite' ? statementMs : timeoutMs,
				statementTimeout: roleMs !== undefined && statementMs < timeoutMs,
				readOnly: o.readOnly
			}
		);
	};

	// GoTrue's per-IP limits (config.toml [auth.rate_limit]); `signInLimits` is the older option name.
	const legacy = opts.signInLimits ?? {};
	const windowMs = legacy.windowMs ?? 5 * 60 * 1000;
	const limiter = createRateLimiter({ windowMs });
	/** @type {import('./auth.js').AuthRateLimits} */
	const rateLimits = {
		windowMs,
		signInSignUps: legacy.perIp ?? 30,
		tokenRefresh: 150,
		tokenVerifications: 30,
		mfaPerMinute: 15,
		...opts.authRateLimits
	};
	const sweeper = setInterval(() => limiter.sweep(), 60_000);
	sweeper.unref();

	const authConfig = await readAuthConfig(opts.root ?? projectRoot);
	let baseUrl = '';
	const authCtx = {
		minPasswordLength: authConfig.minPasswordLength,
		anonymousSignIns: authConfig.anonymousSignIns,
		db,
		secret: jwtSecret,
		url: () => baseUrl,
		jwtExpiry,
		timeoutMs,
		limiter,
		rateLimits,
		// Supabase's `security_sb_forwarded_for_enabled`: Sb-Forwarded-For from a secret-key caller.
		sbForwardedFor: opts.sbForwardedFor ?? true,
		serviceKey: keys.serviceKey,
		otpCooldownMs: opts.otpCooldownMs ?? 60_000,
		autoconfirm: opts.autoconfirm ?? true
	};
	const restCtx = { catalog: catalogApi, runAs, maxBodyBytes: 10 * 1024 * 1024 };
	const storageCtx = { runAs, secret: jwtSecret, maxUploadBytes: 50 * 1024 * 1024 };

	/**
	 * Gateway checks (Supabase's API gateway, then PostgREST's JWT check): an apikey that is one
	 * of the project keys, and a valid JWT (Authorization bearer, else the apikey itself).
	 * @param {import('node:http').IncomingMessage} req
	 * @param {URL} url
	 * @param {'rest' | 'storage'} service
	 * @returns {{ role: string, claims: Record<string, any> } | null}
	 */
	function resolveAuth(req, url, service) {
		const cred = credentials(req, url);
		if (service === 'rest') {
			if (!cred.apikey) {
				throw new ApiError(401, {
					message: 'No API key found in request',
					hint: 'No `apikey` request header or url param was found.'
				});
			}
			if (
				cred.apikey !== keys.anonKey &&
				cred.apikey !== keys.serviceKey &&
				!verifyJwt(cred.apikey, jwtSecret).ok
			) {
				throw new ApiError(401, {
					message: 'Invalid API key',
					hint: 'Double check your Supabase `anon` or `service_role` API key.'
				});
			}
		}
		if (
			service === 'rest' &&
			cred.hasAuthHeader &&
			!cred.bearer &&
			/^\s*bearer\s*$/i.test(String(req.headers.authorization))
		) {
			// PostgREST 14 Auth/Jwt.hs parseToken "" → EmptyAuthHeader.
			const message = 'Empty JWT is sent in Authorization header';
			throw new ApiError(
				401,
				{ code: 'PGRST301', details: null, hint: null, message },
				{ 'www-authenticate': `Bearer error="invalid_token", error_description="${message}"` }
			);
		}
		// Storage reads the JWT from Authorization alone (storage src/http/plugins/jwt.ts); the
		// apikey header is the gateway's business, not a token to it.
		const token = service === 'storage' ? cred.bearer : (cred.bearer ?? cred.apikey);
		if (!token) return null;
		const v = verifyJwt(token, jwtSecret);
		if (!v.ok) {
			if (service === 'storage') {
				// ERRORS.AccessDenied(<jose's message>): HTTP 400, statusCode 403 in the body.
				throw new ApiError(400, {
					statusCode: '403',
					code: 'AccessDenied',
					error: 'Unauthorized',
					message:
						v.reason === 'expired'
							? '"exp" claim timestamp check failed'
							: v.reason === 'signature'
								? 'signature verification failed'
								: 'Invalid Compact JWS'
				});
			}
			const code = v.reason === 'expired' ? 'PGRST303' : 'PGRST301';
			// PostgREST 14's wording (Error.hs JwtDecodeErr): a signature no key verifies is
			// jose-jwt's KeyError.
			const signature = v.reason === 'signature';
			const message = signature ? 'No suitable key or wrong key type' : v.message;
			throw new ApiError(
				401,
				{
					code,
					details: signature ? 'None of the keys was able to decode the JWT' : null,
					hint: null,
					message
				},
				{ 'www-authenticate': `Bearer error="invalid_token", error_description="${message}"` }
			);
		}
		const role = typeof v.claims.role === 'string' ? v.claims.role : 'anon';
		if (!API_ROLES.has(role) && !dbRoles.has(role)) {
			// PostgREST's `set local role` fails with 22023, which it answers with 401 (Error.hs).
			throw new ApiError(
				401,
				{ code: '22023', details: null, hint: null, message: `role "${role}" does not exist` },
				{ 'www-authenticate': 'Bearer' }
			);
		}
		if (!API_ROLES.has(role)) {
			throw new ApiError(401, {
				code: 'PGRST301',
				details: null,
				hint: 'The Supabase stand-in accepts the roles anon, authenticated and service_role.',
				message: `JWT role "${role}" is not allowed`
			});
		}
		return { role, claims: v.claims };
	}

	/**
	 * Stand-in-only endpoints: POST /__standin/sql (tests; only with allowSqlEndpoint) and
	 * GET /__standin/mailbox (the dev mailbox). Both need the service-role key.
	 * @param {import('node:http').IncomingMessage} req
	 * @param {import('node:http').ServerResponse} res
	 * @param {URL} url
	 */
	async function handleStandIn(req, res, url) {
		const cred = credentials(req, url);
		const token = cred.bearer ?? cred.apikey;
		const v = token ? verifyJwt(token, jwtSecret) : null;
		if (!v || !v.ok || v.claims.role !== 'service_role') {
			return send(res, 401, {
				code: 'standin_unauthorized',
				message: 'The service-role key is required'
			});
		}
		if (url.pathname === '/__standin/mailbox' && req.method === 'GET') {
			const limit = Math.min(Number(url.searchParams.get('limit')) || 100, 1000);
			const recipient = url.searchParams.get('recipient');
			const { rows } = await db.query(
				`select coalesce(json_agg(m order by m.id desc), '[]')::text as body from (
           select id, created_at, channel, recipient, subject, body from auth.mail_outbox
           where $1::text is null or recipient = $1 order by id desc limit $2) m`,
				[recipient, limit]
			);
			return send(res, 200, rows[0].body);
		}
		if (url.pathname === '/__standin/sql' && req.method === 'POST') {
			if (!allowSqlEndpoint) {
				return send(res, 404, {
					code: 'standin_disabled',
					message:
						'POST /__standin/sql is enabled only when the stand-in is started with allowSqlEndpoint (tests)'
				});
			}
			const parsed = parseJson(await readBody(req, 10 * 1024 * 1024));
			if (!parsed.ok || typeof parsed.value?.sql !== 'string') {
				return send(res, 400, {
					code: 'standin_bad_request',
					message: 'Body must be {"sql": "...", "params"?: [...]}'
				});
			}
			const { sql, params } = parsed.value;
			try {
				const rows = await db.transaction(
					async (tx) => {
						if (Array.isArray(params)) return (await tx.query(sql, params)).rows;
						await tx.exec(sql);
						return [];
					},
					{ timeoutMs }
				);
				await catalogApi.reload();
				return send(res, 200, { rows });
			} catch (e) {
				const err = /** @type {any} */ (e);
				return send(res, 400, {
					code: err.code ?? 'standin_error',
					message: err.message,
					details: err.detail ?? null,
					hint: err.hint ?? null
				});
			}
		}
		return send(res, 404, {
			code: 'not_found',
			message: `No stand-in endpoint ${req.method} ${url.pathname}`
		});
	}

	/**
	 * @param {import('node:http').IncomingMessage} req
	 * @param {import('node:http').ServerResponse} res
	 */
	async function route(req, res) {
		/** @type {URL} */
		let url;
		try {
			url = new URL(req.url ?? '/', 'http://standin.local');
		} catch {
			return send(res, 400, {
				code: 'PGRST100',
				details: null,
				hint: null,
				message: 'Malformed request URL'
			});
		}
		const p = url.pathname;
		if (req.method === 'OPTIONS')
			return send(res, 204, null, { 'access-control-max-age': '86400' });
		if (p === '/health' || p === '/rest/v1/' || p === '/rest/v1') {
			// Answered without the database queue, so a slow request never hides liveness.
			if (p === '/health') {
				return send(res, 200, {
					status: 'ok',
					target: db.kind,
					queue: { running: db.queue.running, pending: db.queue.pending }
				});
			}
			const tables = catalog ? [...catalog.relations.keys()].sort() : [];
			return send(res, 200, {
				swagger: '2.0',
				info: { title: 'Supabase stand-in (PostgREST subset)', version: 'standin' },
				paths: Object.fromEntries(tables.map((t) => [`/${t}`, {}]))
			});
		}
		if (p.startsWith('/rest/v1/')) {
			let auth;
			try {
				auth = /** @type {{ role: string, claims: Record<string, any> }} */ (
					resolveAuth(req, url, 'rest')
				);
			} catch (e) {
				const err = /** @type {ApiError} */ (e);
				req.resume();
				return send(res, err.status, err.body, err.headers);
			}
			// The gateway takes `?apikey=` as the key and does not pass it on (Kong's key-auth with
			// hide_credentials), so PostgREST never reads it as a filter.
			url.searchParams.delete('apikey');
			return handleRest(restCtx, req, res, url, p.slice('/rest/v1'.length), auth);
		}
		if (p.startsWith('/auth/v1/')) {
			const cred = credentials(req, url);
			if (!cred.apikey && !p.startsWith('/auth/v1/health')) {
				req.resume();
				return send(res, 401, {
					message: 'No API key found in request',
					hint: 'No `apikey` request header or url param was found.'
				});
			}
			return handleAuth(authCtx, req, res, url, p.slice('/auth/v1'.length), {
				bearer: cred.bearer ?? null,
				apikey: cred.apikey ?? null
			});
		}
		if (p.startsWith('/storage/v1/')) {
			// A missing or invalid JWT is refused by the routes that need one (AccessDenied); public
			// objects and signed URLs carry their own proof, as Storage's allowInvalidJwt routes.
			let auth = null;
			/** @type {ApiError | null} */
			let authError = null;
			try {
				auth = resolveAuth(req, url, 'storage');
			} catch (e) {
				authError = /** @type {ApiError} */ (e);
			}
			return handleStorage(
				storageCtx,
				req,
				res,
				url,
				p.slice('/storage/v1'.length),
				auth,
				authError
			);
		}
		if (p.startsWith('/__standin/')) return handleStandIn(req, res, url);
		req.resume();
		return send(res, 404, {
			message: `The Supabase stand-in has no route ${p} (it serves /rest/v1, /auth/v1, /storage/v1)`
		});
	}

	const server = http.createServer(
		{ maxHeaderSize: 16 * 1024, requestTimeout: timeoutMs * 4 },
		(req, res) => {
			// A response must come even if the handler is stuck behind a long PGlite statement.
			const timer = setTimeout(() => {
				send(res, 504, {
					code: 'PGRST003',
					details: null,
					hint: null,
					message: `The Supabase stand-in did not answer within ${timeoutMs} ms`
				});
			}, timeoutMs + 1000);
			res.on('close', () => clearTimeout(timer));
			route(req, res).catch((e) => {
				if (!quiet) console.error('[stand-in] unhandled error', e);
				send(res, 500, {
					code: 'PGRSTX00',
					details: null,
					hint: null,
					message: `Supabase stand-in internal error: ${e?.message ?? e}`
				});
			});
		}
	);
	server.keepAliveTimeout = 65_000;
	server.on('clientError', (_err, socket) => {
		// Malformed HTTP or oversized headers: answer 400/431 instead of crashing or hanging.
		if (socket.writable) {
			const tooBig = /** @type {any} */ (_err).code === 'HPE_HEADER_OVERFLOW';
			socket.end(
				`HTTP/1.1 ${tooBig ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`
			);
		} else socket.destroy();
	});

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => resolve(undefined));
	});
	const addr = /** @type {import('node:net').AddressInfo} */ (server.address());
	baseUrl = `http://${host}:${addr.port}`;
	log(`listening on ${baseUrl} (${db.kind})`);

	let stopped = false;
	return {
		url: baseUrl,
		anonKey: keys.anonKey,
		serviceKey: keys.serviceKey,
		jwtSecret,
		target: db.kind,
		db,
		async stop() {
			if (stopped) return;
			stopped = true;
			clearInterval(sweeper);
			const closed = new Promise((resolve) => server.close(() => resolve(undefined)));
			server.closeAllConnections?.();
			await closed;
			await db.close();
		}
	};
}

export { CORS_HEADERS };
