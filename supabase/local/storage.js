// /storage/v1 — the Supabase Storage subset the app uses: buckets, upload (multipart as
// storage-js sends it, or a raw body), download, signed URLs, remove, list.
//
// Like Supabase Storage, every object operation goes through `storage.objects` under the
// caller's role and JWT claims, so the project's storage RLS policies decide; bucket limits are
// read as the owner (Storage reads them as superuser too). Object bytes are kept in the database
// (`storage.standin_blobs`, owner-only) rather than on disk: one code path for PGlite and
// PostgreSQL, and a failed request's bytes vanish with its rolled-back transaction.
//
// Errors follow Storage's renderer: body `{ statusCode: '<code>', code, error, message }`, HTTP
// status 400 for every client error (Storage's userStatusCode), size (413) and type (415) included
// (supabase/storage src/internal/errors/storage-error.ts, src/http/error-handler.ts).

import { createHash, randomUUID } from 'node:crypto';
import { ApiError, send, readBody, parseJson, safeDecode } from './http.js';
import { signJwt, verifyJwt } from './jwt.js';

/**
 * @typedef {import('./rest/index.js').Auth} Auth
 * @typedef {{
 *   runAs: <T>(auth: Auth, req: import('node:http').IncomingMessage, fn: (tx: import('./db.js').Tx) => Promise<T>, opts?: { readOnly?: boolean }) => Promise<T>,
 *   secret: string,
 *   maxUploadBytes: number,
 * }} StorageContext
 */

/**
 * @param {number} statusCode Storage's statusCode (body)
 * @param {string} code
 * @param {string} message
 * @param {{ error?: string, http?: number }} [opts]
 */
function storageError(statusCode, code, message, opts = {}) {
	const http = opts.http ?? (statusCode >= 500 ? statusCode : 400);
	return new ApiError(http, {
		statusCode: String(statusCode),
		code,
		error: opts.error ?? code,
		message
	});
}

const ERR = {
	noBucket: () =>
		storageError(404, 'NoSuchBucket', 'Bucket not found', { error: 'Bucket not found' }),
	noKey: () => storageError(404, 'NoSuchKey', 'Object not found', { error: 'not_found' }),
	duplicate: () =>
		storageError(409, 'KeyAlreadyExists', 'The resource already exists', { error: 'Duplicate' }),
	bucketExists: () =>
		storageError(409, 'BucketAlreadyExists', 'The resource already exists', { error: 'Duplicate' }),
	// HTTP 400 like every Storage client error; the 413/415 are in the body only (codes.ts).
	tooLarge: () =>
		storageError(413, 'EntityTooLarge', 'The object exceeded the maximum allowed size', {
			error: 'Payload too large'
		}),
	/** @param {string} m */
	mime: (m) =>
		storageError(415, 'InvalidMimeType', `mime type ${m} is not supported`, {
			error: 'invalid_mime_type'
		}),
	/** @param {string} m */
	denied: (m) => storageError(403, 'AccessDenied', m, { error: 'Unauthorized' }),
	/** @param {string} m */
	jwt: (m) => storageError(400, 'InvalidJWT', m),
	/** @param {string} k */
	invalidKey: (k) => storageError(400, 'InvalidKey', `Invalid key: ${k}`),
	/** @param {string} m */
	invalid: (m) => storageError(400, 'InvalidRequest', m),
	notEmpty: () => storageError(409, 'InvalidRequest', 'The bucket you tried to delete is not empty')
};

// Storage's isValidKey / isValidBucketName character sets.
const KEY_RE = /^(\w|\/|!|-|\.|\*|'|\(|\)| |&|\$|@|=|;|:|\+|,|\?)*$/;
const BUCKET_RE = /^(\w|!|-|\.|\*|'|\(|\)| |&|\$|@|=|;|:|\+|,|\?)*$/;

/**
 * Map a database error raised under the caller's role to Storage's answer.
 * @param {unknown} e
 */
function fromDbError(e) {
	if (e instanceof ApiError) return e;
	const err = /** @type {any} */ (e);
	if (err?.name === 'TimeoutError')
		return storageError(544, 'DatabaseTimeout', err.message, { http: 504 });
	if (err?.code === '42501')
		return ERR.denied(
			/row-level security/.test(err.message ?? '')
				? 'new row violates row-level security policy'
				: err.message
		);
	if (err?.code === '23505') return ERR.duplicate();
	if (err?.code === '23503')
		return storageError(404, 'InvalidRequest', 'The related resource does not exist');
	if (
		typeof err?.code === 'string' &&
		/^[0-9A-Z]{5}$/.test(err.code) &&
		!err.code.startsWith('XX')
	) {
		return storageError(400, 'DatabaseError', err.message);
	}
	return storageError(
		500,
		'InternalError',
		`Supabase stand-in storage error: ${err?.message ?? String(e)}`
	);
}

/** '10MB' / '1GB' / 1048576 → bytes. @param {unknown} v */
function parseSize(v) {
	if (v === null || v === undefined) return null;
	if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return Math.floor(v);
	const m = typeof v === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(v) : null;
	if (!m)
		throw storageError(
			400,
			'InvalidRequest',
			'Invalid file size format, hint: use 20GB / 20MB / 30KB / 3B'
		);
	const mult = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9 }[(m[2] ?? 'b').toLowerCase()] ?? 1;
	return Math.floor(Number(m[1]) * /** @type {number} */ (mult));
}

/**
 * A multipart/form-data body as storage-js sends it (string fields plus the file), read with
 * Node's own WHATWG `Response.formData()` (undici) rather than a hand-written parser.
 * @param {Buffer} buf
 * @param {string} contentType the request's header, with its boundary
 */
export async function parseMultipart(buf, contentType) {
	let form;
	try {
		form = await new Response(new Uint8Array(buf), {
			headers: { 'content-type': contentType }
		}).formData();
	} catch {
		throw ERR.invalid('Malformed multipart body');
	}
	/** @type {Record<string, string>} */
	const fields = {};
	/** @type {{ data: Buffer, contentType: string, filename: string | null } | null} */
	let file = null;
	for (const [name, value] of form) {
		if (typeof value === 'string') fields[name] ??= value;
		else if (!file) {
			file = {
				data: Buffer.from(await value.arrayBuffer()),
				contentType: value.type || 'application/octet-stream',
				filename: value.name ?? null
			};
		}
	}
	return { fields, file };
}

/** @param {string} mime @param {string[] | null} allowed */
function mimeAllowed(mime, allowed) {
	if (!allowed || allowed.length === 0) return true;
	const base = (mime.split(';')[0] ?? '').trim().toLowerCase();
	return allowed.some((a) => {
		const x = a.toLowerCase();
		return x === base || (x.endsWith('/*') && base.startsWith(x.slice(0, -1)));
	});
}

/**
 * Run fn as the database owner inside the request transaction, then switch back to the
 * caller's role: used for bucket limits and blob bytes, which no API role can touch.
 * @template T
 * @param {import('./db.js').Tx} tx
 * @param {string} role
 * @param {() => Promise<T>} fn
 */
async function asOwner(tx, role, fn) {
	await tx.query('reset role');
	try {
		return await fn();
	} finally {
		await tx.query(`select set_config('role', $1, true)`, [role]);
	}
}

/**
 * @param {StorageContext} ctx
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 * @param {string} subpath after /storage/v1
 * @param {Auth | null} auth null when the request carries no usable credentials (public/signed reads)
 * @param {ApiError | null} [authError] why the Authorization JWT was refused, if it was
 */
export async function handleStorage(ctx, req, res, url, subpath, auth, authError = null) {
	try {
		const method = req.method ?? 'GET';
		const parts = subpath
			.split('/')
			.filter(Boolean)
			.map((p) => safeDecode(p, (m) => ERR.invalid(m)));
		const [head, ...rest] = parts;
		/** @param {number} i */
		const at = (i) => objParts[i] ?? '';

		if (head === 'bucket')
			return await bucketRoutes(ctx, req, res, method, rest, requireAuth(auth, authError));
		if (head !== 'object')
			throw storageError(
				404,
				'InvalidRequest',
				`The Supabase stand-in does not implement ${method} /storage/v1${subpath}`,
				{ http: 404 }
			);

		const [kind, ...objParts] = rest;
		// Routes without credentials first: public objects and signed URLs carry their own proof.
		if (kind === 'public' && (method === 'GET' || method === 'HEAD')) {
			return await download(ctx, req, res, at(0), objParts.slice(1).join('/'), null, 'public');
		}
		if (kind === 'sign' && (method === 'GET' || method === 'HEAD')) {
			return await downloadSigned(ctx, req, res, url, at(0), objParts.slice(1).join('/'));
		}
		if (kind === 'upload' && objParts[0] === 'sign' && method === 'PUT') {
			return await uploadSigned(ctx, req, res, url, at(1), objParts.slice(2).join('/'));
		}
		const a = requireAuth(auth, authError);
		if (kind === 'sign' && method === 'POST')
			return await createSignedUrls(ctx, req, res, objParts, a);
		if (kind === 'upload' && objParts[0] === 'sign' && method === 'POST') {
			return await createUploadUrl(ctx, req, res, at(1), objParts.slice(2).join('/'), a);
		}
		if (kind === 'list' && method === 'POST') return await list(ctx, req, res, at(0), a);
		if (kind === 'authenticated' && (method === 'GET' || method === 'HEAD')) {
			return await download(ctx, req, res, at(0), objParts.slice(1).join('/'), a, 'authenticated');
		}
		if (kind === 'info' && method === 'GET')
			return await info(ctx, req, res, at(0), objParts.slice(1).join('/'), a);
		if (kind === 'move' || kind === 'copy' || kind === 'list-v2') {
			throw storageError(
				501,
				'InvalidRequest',
				`The Supabase stand-in does not implement /object/${kind}`,
				{ http: 501 }
			);
		}
		// /object/<bucket>/<path>
		const bucket = kind ?? '';
		const path = objParts.join('/');
		if (method === 'DELETE' && !path) return await remove(ctx, req, res, bucket, a);
		if (!bucket || !path) throw ERR.invalid('Bucket and object path are required');
		if (method === 'POST' || method === 'PUT')
			return await upload(ctx, req, res, bucket, path, a, method);
		if (method === 'GET' || method === 'HEAD')
			return await download(ctx, req, res, bucket, path, a, 'authenticated');
		if (method === 'DELETE') {
			await runRemove(ctx, req, bucket, [path], a);
			return send(res, 200, { message: 'Successfully deleted' });
		}
		throw storageError(405, 'InvalidRequest', `Method ${method} not allowed`, { http: 405 });
	} catch (e) {
		const err = fromDbError(e);
		send(res, err.status, err.body, err.headers);
	}
}

/**
 * Routes without allowInvalidJwt: no Authorization is jose's "Invalid Compact JWS" for an empty
 * token, as AccessDenied (storage src/http/plugins/jwt.ts).
 * @param {Auth | null} auth
 * @param {ApiError | null} authError
 */
function requireAuth(auth, authError) {
	if (authError) throw authError;
	if (!auth) throw ERR.denied('Invalid Compact JWS');
	return auth;
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {number} limit
 */
async function readJson(req, limit = 1024 * 1024) {
	let buf;
	try {
		buf = await readBody(req, limit);
	} catch (e) {
		if (/** @type {any} */ (e).tooLarge) throw ERR.tooLarge();
		throw e;
	}
	const parsed = parseJson(buf);
	if (!parsed.ok) throw ERR.invalid('Body is not valid JSON');
	const v = parsed.value ?? {};
	if (typeof v !== 'object' || v === null || Array.isArray(v))
		throw ERR.invalid('Body must be a JSON object');
	return /** @type {Record<string, any>} */ (v);
}

/**
 * Storage serialises timestamps through JavaScript Dates: UTC, milliseconds, `Z`.
 * @param {unknown} v Postgres timestamptz text
 */
const isoZ = (v) => (v === null || v === undefined ? null : new Date(String(v)).toISOString());

const BUCKET_COLS = `id, name, owner, public, file_size_limit, allowed_mime_types, created_at, updated_at, owner_id`;
/** @param {any} b */
const bucketJson = (b) => ({
	id: b.id,
	name: b.name,
	owner: b.owner ?? '',
	public: !!b.public,
	file_size_limit: b.file_size_limit === null ? null : Number(b.file_size_limit),
	allowed_mime_types: b.allowed_mime_types ?? null,
	created_at: isoZ(b.created_at),
	updated_at: isoZ(b.updated_at),
	type: 'STANDARD'
});

/**
 * @param {StorageContext} ctx
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} method
 * @param {string[]} rest
 * @param {Auth} auth
 */
async function bucketRoutes(ctx, req, res, method, rest, auth) {
	const id = rest[0];
	if (!id && method === 'GET') {
		const rows = await ctx.runAs(
			auth,
			req,
			async (tx) =>
				(
					await tx.query(
						`select ${BUCKET_COLS}, to_json(created_at)#>>'{}' as created_at, to_json(updated_at)#>>'{}' as updated_at from storage.buckets order by name`
					)
				).rows,
			{ readOnly: true }
		);
		return send(res, 200, rows.map(bucketJson));
	}
	if (!id && method === 'POST') {
		const body = await readJson(req);
		const name =
			typeof body.name === 'string' ? body.name : typeof body.id === 'string' ? body.id : '';
		const bid = typeof body.id === 'string' ? body.id : name;
		if (!name || name.length > 100 || !BUCKET_RE.test(name) || !BUCKET_RE.test(bid)) {
			throw storageError(400, 'InvalidBucketName', 'Bucket name invalid', {
				error: 'Invalid Input'
			});
		}
		const limit = parseSize(body.file_size_limit ?? body.fileSizeLimit);
		const mimes = body.allowed_mime_types ?? body.allowedMimeTypes ?? null;
		if (mimes !== null && (!Array.isArray(mimes) || mimes.some((m) => typeof m !== 'string'))) {
			throw ERR.invalid('allowed_mime_types must be an array of strings');
		}
		await ctx.runAs(auth, req, async (tx) => {
			try {
				await tx.query(
					`insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types, owner, owner_id) values ($1, $2, $3, $4, $5, $6, $7)`,
					[
						bid,
						name,
						!!body.public,
						limit,
						mimes,
						isUuid(auth.claims.sub) ? auth.claims.sub : null,
						auth.claims.sub ?? null
					]
				);
			} catch (e) {
				if (/** @type {any} */ (e).code === '23505') throw ERR.bucketExists();
				throw e;
			}
		});
		return send(res, 200, { name: bid });
	}
	if (id && rest.length === 1 && method === 'GET') {
		const row = await ctx.runAs(
			auth,
			req,
			async (tx) =>
				(
					await tx.query(
						`select ${BUCKET_COLS}, to_json(created_at)#>>'{}' as created_at, to_json(updated_at)#>>'{}' as updated_at from storage.buckets where id = $1`,
						[id]
					)
				).rows[0],
			{ readOnly: true }
		);
		if (!row) throw ERR.noBucket();
		return send(res, 200, bucketJson(row));
	}
	if (id && rest.length === 1 && method === 'PUT') {
		const body = await readJson(req);
		const limit =
			body.file_size_limit === undefined && body.fileSizeLimit === undefined
				? undefined
				: parseSize(body.file_size_limit ?? body.fileSizeLimit);
		const mimes = body.allowed_mime_types ?? body.allowedMimeTypes;
		const n = await ctx.runAs(auth, req, async (tx) => {
			const r = await tx.query(
				`with u as (update storage.buckets set
           public = coalesce($2, public),
           file_size_limit = case when $3::boolean then $4::bigint else file_size_limit end,
           allowed_mime_types = case when $5::boolean then $6::text[] else allowed_mime_types end,
           updated_at = now()
         where id = $1 returning 1) select count(*)::int as n from u`,
				[
					id,
					typeof body.public === 'boolean' ? body.public : null,
					limit !== undefined,
					limit ?? null,
					mimes !== undefined,
					mimes ?? null
				]
			);
			return Number(r.rows[0].n);
		});
		if (n === 0) throw ERR.noBucket();
		return send(res, 200, { message: 'Successfully updated' });
	}
	if (id && rest.length === 1 && method === 'DELETE') {
		await ctx.runAs(auth, req, async (tx) => {
			const objs = await asOwner(
				tx,
				auth.role,
				async () =>
					(await tx.query('select 1 from storage.objects where bucket_id = $1 limit 1', [id])).rows
			);
			if (objs.length) throw ERR.notEmpty();
			const r = await tx.query(
				'with d as (delete from storage.buckets where id = $1 returning 1) select count(*)::int as n from d',
				[id]
			);
			if (Number(r.rows[0].n) === 0) throw ERR.noBucket();
		});
		return send(res, 200, { message: 'Successfully deleted' });
	}
	if (id && rest[1] === 'empty' && method === 'POST') {
		await ctx.runAs(auth, req, async (tx) => {
			const b = await tx.query('select 1 from storage.buckets where id = $1', [id]);
			if (!b.rows.length) throw ERR.noBucket();
			await tx.query('delete from storage.objects where bucket_id = $1', [id]);
		});
		return send(res, 200, { message: 'Successfully emptied' });
	}
	throw storageError(
		405,
		'InvalidRequest',
		`The Supabase stand-in does not implement ${method} /bucket/${rest.join('/')}`,
		{ http: 405 }
	);
}

/** @param {unknown} v */
const isUuid = (v) =>
	typeof v === 'string' &&
	/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

/**
 * Read the upload body: multipart (storage-js with Blob/File/FormData) or raw bytes.
 * @param {StorageContext} ctx
 * @param {import('node:http').IncomingMessage} req
 */
async function readUpload(ctx, req) {
	let buf;
	try {
		buf = await readBody(req, ctx.maxUploadBytes);
	} catch (e) {
		if (/** @type {any} */ (e).tooLarge) throw ERR.tooLarge();
		throw e;
	}
	const ct = String(req.headers['content-type'] ?? '');
	if (/^multipart\/form-data;.*boundary=/i.test(ct)) {
		const { fields, file } = await parseMultipart(buf, ct);
		if (!file) throw storageError(400, 'InvalidRequest', 'No content provided');
		/** @type {Record<string, unknown> | null} */
		let userMeta = null;
		if (fields.metadata) {
			try {
				userMeta = JSON.parse(fields.metadata);
			} catch {
				throw ERR.invalid('metadata must be JSON');
			}
		}
		return {
			data: file.data,
			mime: file.contentType,
			cacheControl: fields.cacheControl ?? '3600',
			userMeta
		};
	}
	/** @type {Record<string, unknown> | null} */
	let userMeta = null;
	const xm = req.headers['x-metadata'];
	if (typeof xm === 'string') {
		try {
			userMeta = JSON.parse(Buffer.from(xm, 'base64').toString('utf8'));
		} catch {
			throw ERR.invalid('x-metadata must be base64 JSON');
		}
	}
	const cc = String(req.headers['cache-control'] ?? 'max-age=3600').replace(/^max-age=/, '');
	return { data: buf, mime: ct || 'application/octet-stream', cacheControl: cc, userMeta };
}

/**
 * Insert or update the storage.objects row as the caller (RLS decides), then store the bytes.
 * @param {import('./db.js').Tx} tx
 * @param {Auth} auth
 * @param {{ bucket: string, path: string, upsert: boolean, update: boolean, data: Buffer, mime: string, cacheControl: string, userMeta: Record<string, unknown> | null, owner: string | null }} o
 */
async function writeObject(tx, auth, o) {
	const bucket = await asOwner(
		tx,
		auth.role,
		async () =>
			(
				await tx.query(
					'select id, file_size_limit, allowed_mime_types from storage.buckets where id = $1',
					[o.bucket]
				)
			).rows[0]
	);
	if (!bucket) throw ERR.noBucket();
	if (bucket.file_size_limit !== null && o.data.length > Number(bucket.file_size_limit))
		throw ERR.tooLarge();
	if (!mimeAllowed(o.mime, bucket.allowed_mime_types)) throw ERR.mime(o.mime);
	const etag = `"${createHash('md5').update(o.data).digest('hex')}"`;
	const now = new Date().toISOString();
	const metadata = JSON.stringify({
		eTag: etag,
		size: o.data.length,
		mimetype: o.mime,
		cacheControl: `max-age=${o.cacheControl}`,
		lastModified: now,
		contentLength: o.data.length,
		httpStatusCode: 200
	});
	const ownerUuid = isUuid(o.owner) ? o.owner : null;
	let id = randomUUID();
	if (o.update) {
		// PUT: the object must exist and be updatable by the caller.
		const r = await tx.query(
			`update storage.objects set metadata = $3::jsonb, user_metadata = $4::jsonb, updated_at = now(), last_accessed_at = now(), version = $5
       where bucket_id = $1 and name = $2 returning id`,
			[o.bucket, o.path, metadata, o.userMeta ? JSON.stringify(o.userMeta) : null, randomUUID()]
		);
		if (!r.rows[0]) throw ERR.noKey();
		id = r.rows[0].id;
	} else if (o.upsert) {
		const r = await tx.query(
			`insert into storage.objects (id, bucket_id, name, owner, owner_id, metadata, user_metadata, version)
       values ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8)
       on conflict (bucket_id, name) do update set metadata = excluded.metadata, user_metadata = excluded.user_metadata,
         owner = excluded.owner, owner_id = excluded.owner_id, version = excluded.version, updated_at = now(), last_accessed_at = now()
       returning id`,
			[
				id,
				o.bucket,
				o.path,
				ownerUuid,
				o.owner,
				metadata,
				o.userMeta ? JSON.stringify(o.userMeta) : null,
				randomUUID()
			]
		);
		id = r.rows[0].id;
	} else {
		// No RETURNING of row values: a plain upload needs only an INSERT policy, as on Supabase.
		await tx.query(
			`insert into storage.objects (id, bucket_id, name, owner, owner_id, metadata, user_metadata, version)
       values ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8)`,
			[
				id,
				o.bucket,
				o.path,
				ownerUuid,
				o.owner,
				metadata,
				o.userMeta ? JSON.stringify(o.userMeta) : null,
				randomUUID()
			]
		);
	}
	await asOwner(tx, auth.role, () =>
		tx.query(
			`insert into storage.standin_blobs (object_id, data) values ($1, $2) on conflict (object_id) do update set data = excluded.data`,
			[id, o.data]
		)
	);
	return id;
}

/**
 * POST (create; x-upsert: true to overwrite) or PUT (update) /object/<bucket>/<path>.
 * @param {StorageContext} ctx
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} bucket
 * @param {string} path
 * @param {Auth} auth
 * @param {string} method
 */
async function upload(ctx, req, res, bucket, path, auth, method) {
	if (!KEY_RE.test(path) || path.split('/').some((s) => s === '' || s === '.' || s === '..'))
		throw ERR.invalidKey(`${bucket}/${path}`);
	const body = await readUpload(ctx, req);
	const upsert = String(req.headers['x-upsert'] ?? 'false') === 'true';
	const id = await ctx.runAs(auth, req, (tx) =>
		writeObject(tx, auth, {
			bucket,
			path,
			upsert,
			update: method === 'PUT',
			...body,
			owner: auth.claims.sub ?? null
		})
	);
	return send(res, 200, { Id: id, Key: `${bucket}/${path}` });
}

/**
 * @param {StorageContext} ctx
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} bucket
 * @param {string} path
 * @param {Auth | null} auth null → public bucket read
 * @param {'public' | 'authenticated'} mode
 */
async function download(ctx, req, res, bucket, path, auth, mode) {
	if (!bucket || !path) throw ERR.noKey();
	const anon = { role: 'anon', claims: { role: 'anon' } };
	const obj = await ctx.runAs(
		auth ?? anon,
		req,
		async (tx) => {
			let row;
			if (mode === 'public') {
				row = await asOwner(tx, 'anon', async () => {
					const b = (await tx.query('select public from storage.buckets where id = $1', [bucket]))
						.rows[0];
					if (!b) throw ERR.noBucket();
					if (!b.public) throw ERR.noKey();
					return (
						await tx.query(
							'select id, metadata from storage.objects where bucket_id = $1 and name = $2',
							[bucket, path]
						)
					).rows[0];
				});
			} else {
				row = (
					await tx.query(
						'select id, metadata from storage.objects where bucket_id = $1 and name = $2',
						[bucket, path]
					)
				).rows[0];
			}
			if (!row) throw ERR.noKey();
			const data = await asOwner(
				tx,
				(auth ?? anon).role,
				async () =>
					(await tx.query('select data from storage.standin_blobs where object_id = $1', [row.id]))
						.rows[0]?.data
			);
			return {
				metadata: typeof row.metadata === 'string' ? JSON.parse(row.metadata) : row.metadata,
				data
			};
		},
		{ readOnly: true }
	);
	sendObject(req, res, obj.metadata, obj.data);
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {any} metadata
 * @param {Uint8Array | undefined} data
 */
function sendObject(req, res, metadata, data) {
	const buf = data ? Buffer.from(data) : Buffer.alloc(0);
	// `?download[=name]` asks for an attachment, as Storage answers it (storage-js `download` option).
	const query = new URL(req.url ?? '/', 'http://x').searchParams;
	const download = query.get('download');
	/** @type {Record<string, string | number>} */
	const extra = {};
	if (download !== null) {
		const name =
			download || (String(req.url ?? '').split('?')[0] ?? '').split('/').pop() || 'download';
		extra['content-disposition'] =
			`attachment; filename="${encodeURIComponent(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`;
	}
	const headers = {
		...extra,
		// Never let a browser second-guess the stored type (an HTML "image" would run as a page).
		'x-content-type-options': 'nosniff',
		'content-type': metadata?.mimetype ?? 'application/octet-stream',
		'content-length': buf.length,
		'cache-control': metadata?.cacheControl ?? 'no-cache',
		etag: metadata?.eTag ?? '',
		'last-modified': metadata?.lastModified
			? new Date(metadata.lastModified).toUTCString()
			: new Date().toUTCString(),
		'access-control-allow-origin': '*'
	};
	res.writeHead(200, headers);
	res.end(req.method === 'HEAD' ? undefined : buf);
}

/**
 * POST /object/sign/<bucket>/<path> {expiresIn} → {signedURL}; POST /object/sign/<bucket> {expiresIn, paths} → [...]
 * The caller must be able to select the object (RLS), as on Supabase.
 * @param {StorageContext} ctx
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string[]} objParts
 * @param {Auth} auth
 */
async function createSignedUrls(ctx, req, res, objParts, auth) {
	const body = await readJson(req);
	const bucket = objParts[0];
	const expiresIn = Number(body.expiresIn);
	if (!Number.isFinite(expiresIn) || expiresIn < 1)
		throw ERR.invalid('expiresIn must be a positive number of seconds');
	const single = objParts.length > 1;
	const paths = single ? [objParts.slice(1).join('/')] : body.paths;
	if (!Array.isArray(paths) || paths.some((p) => typeof p !== 'string'))
		throw ERR.invalid('paths must be an array of strings');
	const visible = await ctx.runAs(
		auth,
		req,
		async (tx) =>
			new Set(
				(
					await tx.query(
						'select name from storage.objects where bucket_id = $1 and name = any($2::text[])',
						[bucket, paths]
					)
				).rows.map((r) => r.name)
			),
		{ readOnly: true }
	);
	const now = Math.floor(Date.now() / 1000);
	/** @param {string} p */
	const signed = (p) => {
		const token = signJwt(
			{ url: `${bucket}/${p}`, iat: now, exp: now + Math.floor(expiresIn) },
			ctx.secret
		);
		return `/object/sign/${encodeURIComponent(bucket ?? '')}/${p.split('/').map(encodeURIComponent).join('/')}?token=${token}`;
	};
	if (single) {
		if (!visible.has(paths[0])) throw ERR.noKey();
		return send(res, 200, { signedURL: signed(paths[0]) });
	}
	return send(
		res,
		200,
		paths.map((p) =>
			visible.has(p)
				? { error: null, path: p, signedURL: signed(p) }
				: {
						error: 'Either the object does not exist or you do not have access to it',
						path: p,
						signedURL: null
					}
		)
	);
}

/**
 * GET /object/sign/<bucket>/<path>?token=… — the token is the proof; read as owner.
 * @param {StorageContext} ctx
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 * @param {string} bucket
 * @param {string} path
 */
async function downloadSigned(ctx, req, res, url, bucket, path) {
	const token = url.searchParams.get('token');
	if (!token) throw ERR.invalid('Missing token query parameter');
	const v = verifyJwt(token, ctx.secret);
	if (!v.ok) throw ERR.jwt(v.reason === 'expired' ? 'jwt expired' : 'invalid signature');
	if (v.claims.url !== `${bucket}/${path}`) throw ERR.jwt('Invalid token: url mismatch');
	const svc = { role: 'service_role', claims: { role: 'service_role' } };
	const obj = await ctx.runAs(
		svc,
		req,
		async (tx) => {
			const row = (
				await tx.query(
					'select id, metadata from storage.objects where bucket_id = $1 and name = $2',
					[bucket, path]
				)
			).rows[0];
			if (!row) throw ERR.noKey();
			const data = await asOwner(
				tx,
				'service_role',
				async () =>
					(await tx.query('select data from storage.standin_blobs where object_id = $1', [row.id]))
						.rows[0]?.data
			);
			return {
				metadata: typeof row.metadata === 'string' ? JSON.parse(row.metadata) : row.metadata,
				data
			};
		},
		{ readOnly: true }
	);
	sendObject(req, res, obj.metadata, obj.data);
}

/**
 * POST /object/upload/sign/<bucket>/<path> → {url, token}: a one-off upload URL. The caller must
 * be allowed to insert there, checked when the upload happens with the caller's identity in the token.
 * @param {StorageContext} ctx
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} bucket
 * @param {string} path
 * @param {Auth} auth
 */
async function createUploadUrl(ctx, req, res, bucket, path, auth) {
	if (!bucket || !path || !KEY_RE.test(path)) throw ERR.invalidKey(`${bucket}/${path}`);
	// Like Storage, check now that the caller may create this object: try the insert under the
	// caller's role, then roll it back.
	const probeOk = new Error('probe ok');
	const upsert = String(req.headers['x-upsert'] ?? '') === 'true';
	try {
		await ctx.runAs(auth, req, async (tx) => {
			const b = await asOwner(
				tx,
				auth.role,
				async () =>
					(await tx.query('select id from storage.buckets where id = $1', [bucket])).rows[0]
			);
			if (!b) throw ERR.noBucket();
			await tx.query(
				`insert into storage.objects (bucket_id, name, owner, owner_id) values ($1, $2, $3, $4)${upsert ? ' on conflict (bucket_id, name) do update set updated_at = now()' : ''}`,
				[bucket, path, isUuid(auth.claims.sub) ? auth.claims.sub : null, auth.claims.sub ?? null]
			);
			throw probeOk;
		});
	} catch (e) {
		if (e !== probeOk) throw e;
	}
	const now = Math.floor(Date.now() / 1000);
	const token = signJwt(
		{
			url: `${bucket}/${path}`,
			upsert,
			owner: auth.claims.sub ?? null,
			role: auth.role,
			iat: now,
			exp: now + 7200
		},
		ctx.secret
	);
	return send(res, 200, { url: `/object/upload/sign/${bucket}/${path}?token=${token}`, token });
}

/**
 * PUT /object/upload/sign/<bucket>/<path>?token=…
 * @param {StorageContext} ctx
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 * @param {string} bucket
 * @param {string} path
 */
async function uploadSigned(ctx, req, res, url, bucket, path) {
	const token = url.searchParams.get('token');
	const v = token ? verifyJwt(token, ctx.secret) : null;
	if (!v || !v.ok)
		throw ERR.jwt(v && !v.ok && v.reason === 'expired' ? 'jwt expired' : 'invalid signature');
	if (v.claims.url !== `${bucket}/${path}`) throw ERR.jwt('Invalid token: url mismatch');
	const body = await readUpload(ctx, req);
	const auth = {
		role: v.claims.role ?? 'anon',
		claims: { role: v.claims.role ?? 'anon', ...(v.claims.owner ? { sub: v.claims.owner } : {}) }
	};
	const id = await ctx.runAs(auth, req, (tx) =>
		writeObject(tx, auth, {
			bucket,
			path,
			upsert: !!v.claims.upsert,
			update: false,
			...body,
			owner: v.claims.owner ?? null
		})
	);
	return send(res, 200, { Key: `${bucket}/${path}`, Id: id });
}

/**
 * @param {StorageContext} ctx
 * @param {import('node:http').IncomingMessage} req
 * @param {string} bucket
 * @param {string[]} prefixes
 * @param {Auth} auth
 */
async function runRemove(ctx, req, bucket, prefixes, auth) {
	return ctx.runAs(auth, req, async (tx) => {
		const { rows } = await tx.query(
			`with d as (delete from storage.objects where bucket_id = $1 and name = any($2::text[]) returning *)
       select coalesce(json_agg(json_build_object('bucket_id', bucket_id, 'name', name, 'owner', owner, 'owner_id', owner_id,
         'id', id, 'updated_at', updated_at, 'created_at', created_at, 'last_accessed_at', last_accessed_at,
         'metadata', metadata, 'user_metadata', user_metadata, 'version', version)), '[]')::text as body from d`,
			[bucket, prefixes]
		);
		return rows[0].body;
	});
}

/**
 * DELETE /object/<bucket> {prefixes: [...]}: removes the named objects the caller may delete.
 * @param {StorageContext} ctx
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} bucket
 * @param {Auth} auth
 */
async function remove(ctx, req, res, bucket, auth) {
	const body = await readJson(req);
	const prefixes = body.prefixes;
	if (
		!Array.isArray(prefixes) ||
		prefixes.length === 0 ||
		prefixes.some((p) => typeof p !== 'string')
	) {
		throw ERR.invalid('prefixes must be a non-empty array of object paths');
	}
	if (prefixes.length > 1000) throw ERR.invalid('At most 1000 prefixes per request');
	return send(res, 200, await runRemove(ctx, req, bucket, prefixes, auth));
}

/**
 * POST /object/list/<bucket> {prefix, limit, offset, sortBy, search}: one folder level, like
 * storage.search(): sub-folders appear as entries with id null.
 * @param {StorageContext} ctx
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} bucket
 * @param {Auth} auth
 */
async function list(ctx, req, res, bucket, auth) {
	const body = await readJson(req);
	let prefix = typeof body.prefix === 'string' ? body.prefix.replace(/^\/+|\/+$/g, '') : '';
	if (prefix) prefix += '/';
	const limit = Math.min(Math.max(Number(body.limit) || 100, 1), 1000);
	const offset = Math.max(Number(body.offset) || 0, 0);
	const search = typeof body.search === 'string' ? body.search.toLowerCase() : '';
	const column = ['name', 'created_at', 'updated_at', 'last_accessed_at'].includes(
		body.sortBy?.column
	)
		? body.sortBy.column
		: 'name';
	const desc = String(body.sortBy?.order ?? 'asc').toLowerCase() === 'desc';
	const rows = await ctx.runAs(
		auth,
		req,
		async (tx) =>
			(
				await tx.query(
					`select name, id, to_json(updated_at)#>>'{}' as updated_at, to_json(created_at)#>>'{}' as created_at, to_json(last_accessed_at)#>>'{}' as last_accessed_at, metadata
           from storage.objects where bucket_id = $1 and left(name, length($2)) = $2 order by name limit 10000`,
					[bucket, prefix]
				)
			).rows,
		{ readOnly: true }
	);
	/** @type {Map<string, any>} */
	const entries = new Map();
	for (const r of rows) {
		const restName = r.name.slice(prefix.length);
		const slash = restName.indexOf('/');
		if (slash >= 0) {
			const folder = restName.slice(0, slash);
			if (!entries.has(folder))
				entries.set(folder, {
					name: folder,
					id: null,
					updated_at: null,
					created_at: null,
					last_accessed_at: null,
					metadata: null
				});
		} else {
			entries.set(restName, {
				...r,
				created_at: isoZ(r.created_at),
				updated_at: isoZ(r.updated_at),
				last_accessed_at: isoZ(r.last_accessed_at),
				name: restName,
				metadata: typeof r.metadata === 'string' ? JSON.parse(r.metadata) : r.metadata
			});
		}
	}
	let out = [...entries.values()].filter((e) => !search || e.name.toLowerCase().startsWith(search));
	out.sort((a, b) => {
		const av = a[column] ?? '';
		const bv = b[column] ?? '';
		return (av < bv ? -1 : av > bv ? 1 : 0) * (desc ? -1 : 1);
	});
	out = out.slice(offset, offset + limit);
	return send(res, 200, out);
}

/**
 * GET /object/info/<bucket>/<path>
 * @param {StorageContext} ctx
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {string} bucket
 * @param {string} path
 * @param {Auth} auth
 */
async function info(ctx, req, res, bucket, path, auth) {
	const row = await ctx.runAs(
		auth,
		req,
		async (tx) =>
			(
				await tx.query(
					`select id, name, bucket_id, version, to_json(created_at)#>>'{}' as created_at, to_json(updated_at)#>>'{}' as updated_at, metadata, user_metadata
           from storage.objects where bucket_id = $1 and name = $2`,
					[bucket, path]
				)
			).rows[0],
		{ readOnly: true }
	);
	if (!row) throw ERR.noKey();
	const md = typeof row.metadata === 'string' ? JSON.parse(row.metadata) : (row.metadata ?? {});
	return send(res, 200, {
		id: row.id,
		name: row.name,
		version: row.version,
		bucket_id: row.bucket_id,
		size: md.size,
		content_type: md.mimetype,
		cache_control: md.cacheControl,
		etag: md.eTag,
		// The user metadata given at upload, `{}` when none was (Storage's getObjectInfo).
		metadata:
			(typeof row.user_metadata === 'string' ? JSON.parse(row.user_metadata) : row.user_metadata) ??
			{},
		created_at: isoZ(row.created_at),
		last_modified: isoZ(row.updated_at)
	});
}
