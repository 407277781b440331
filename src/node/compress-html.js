// Compressed HTML from the Node server (issue 18). adapter-node serves the build's files
// precompressed (.br/.gz), but sends rendered pages as they are: 13–33 kB of HTML per citizen
// first visit, a fifth of the 100 kB budget. svelte.config.js copies this file into build/ and
// build/index.js installs it before adapter-node's server starts; behind a proxy that compresses
// too, the proxy sees `Content-Encoding` and leaves the page alone.
import http from 'node:http';
import zlib from 'node:zlib';

/**
 * The encoding a request accepts, brotli first; null for none (or `br;q=0`-style refusals).
 * @param {string | undefined} header
 * @returns {'br' | 'gzip' | null}
 */
export function pickEncoding(header) {
	/** @type {Map<string, number>} */
	const q = new Map();
	for (const part of (header ?? '').toLowerCase().split(',')) {
		const [name, ...params] = part.trim().split(';');
		const weight = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
		if (name) q.set(name.trim(), weight === undefined ? 1 : Number(weight));
	}
	const ok = (/** @type {string} */ name) => (q.get(name) ?? q.get('*') ?? 0) > 0;
	if (ok('br')) return 'br';
	if (ok('gzip')) return 'gzip';
	return null;
}

/**
 * An http.ServerResponse that compresses HTML on the fly. Every write is flushed at once, so a page
 * that SvelteKit streams (promises resolved after the first bytes) still reaches the browser piece
 * by piece. Other types, responses already encoded, HEAD and bodiless statuses pass through.
 */
class CompressingResponse extends http.ServerResponse {
	/** @type {zlib.BrotliCompress | zlib.Gzip | null} */
	#zip = null;

	/**
	 * @param {number} status
	 * @param {...any} rest
	 */
	writeHead(status, ...rest) {
		// writeHead(status, [message], [headers]): fold object headers in first, to read them.
		const headers = rest.find((a) => a && typeof a === 'object' && !Array.isArray(a));
		if (headers && !this.headersSent) {
			for (const [k, v] of Object.entries(headers)) if (v !== undefined) this.setHeader(k, v);
			rest = rest.filter((a) => a !== headers);
		}
		if (!this.headersSent) this.#start(status);
		return super.writeHead(status, ...rest);
	}

	/** @param {number} status */
	#start(status) {
		const req = this.req;
		if (!req || req.method === 'HEAD' || status < 200 || status === 204 || status === 304) return;
		if (!/^text\/html\b/i.test(String(this.getHeader('content-type') ?? ''))) return;
		if (this.getHeader('content-encoding')) return;
		if (/\bno-transform\b/i.test(String(this.getHeader('cache-control') ?? ''))) return;
		const vary = String(this.getHeader('vary') ?? '');
		if (!/accept-encoding|\*/i.test(vary))
			this.setHeader('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
		const encoding = pickEncoding(req.headers['accept-encoding']);
		if (!encoding) return;
		this.setHeader('content-encoding', encoding);
		this.removeHeader('content-length');
		const zip =
			encoding === 'br'
				? zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } })
				: zlib.createGzip({ level: 6 });
		zip.on('data', (chunk) => {
			if (!this.destroyed) super.write(chunk);
		});
		zip.on('end', () => {
			if (!this.destroyed) super.end();
		});
		zip.on('error', () => this.destroy());
		this.#zip = zip;
	}

	/**
	 * @param {any} chunk
	 * @param {any} [encoding]
	 * @param {any} [callback]
	 */
	write(chunk, encoding, callback) {
		if (!this.headersSent) this.writeHead(this.statusCode);
		const zip = this.#zip;
		if (!zip) return super.write(chunk, encoding, callback);
		if (typeof encoding === 'function') [callback, encoding] = [encoding, undefined];
		zip.write(chunk, encoding ?? 'utf8');
		zip.flush(() => callback?.());
		return true;
	}

	/**
	 * @param {any} [chunk]
	 * @param {any} [encoding]
	 * @param {any} [callback]
	 */
	end(chunk, encoding, callback) {
		if (typeof chunk === 'function') [callback, chunk] = [chunk, undefined];
		if (typeof encoding === 'function') [callback, encoding] = [encoding, undefined];
		if (!this.headersSent) this.writeHead(this.statusCode);
		const zip = this.#zip;
		if (!zip) return super.end(chunk, encoding, callback);
		if (callback) this.once('finish', callback);
		if (chunk !== undefined && chunk !== null) zip.end(chunk, encoding ?? 'utf8');
		else zip.end();
		return this;
	}
}

/** CompressingResponse as the type http.createServer's ServerResponse option asks for. */
const Response = /** @type {typeof http.ServerResponse} */ (
	/** @type {unknown} */ (CompressingResponse)
);

/** Make every server created from now on (adapter-node's) use CompressingResponse. */
export function installHtmlCompression() {
	const createServer = http.createServer;
	/** @type {any} */ (http).createServer = (
		/** @type {any} */ options,
		/** @type {any} */ listener
	) =>
		typeof options === 'function' || options === undefined
			? createServer({ ServerResponse: Response }, options)
			: createServer({ ServerResponse: Response, ...options }, listener);
}
