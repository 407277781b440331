// The Node server compresses rendered HTML (issue 18: 13–33 kB of uncompressed HTML per citizen first
// visit), streamed pages still arrive piece by piece, and everything else passes through untouched.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { installHtmlCompression, pickEncoding } from '../../src/node/compress-html.js';

// As build/index.js does: every server created from now on compresses its HTML.
installHtmlCompression();

let server: http.Server | null = null;
afterEach(async () => {
	server?.closeAllConnections();
	await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
	server = null;
});

async function start(handler: http.RequestListener) {
	const created = http.createServer(handler);
	server = created;
	await new Promise<void>((resolve) => created.listen(0, '127.0.0.1', resolve));
	return `http://127.0.0.1:${(created.address() as AddressInfo).port}`;
}

/** GET with a given Accept-Encoding; the raw (still encoded) body and the headers. */
function get(url: string, acceptEncoding: string | null, method = 'GET') {
	return new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer; status: number }>(
		(resolve, reject) => {
			const headers: Record<string, string> = {};
			if (acceptEncoding !== null) headers['accept-encoding'] = acceptEncoding;
			http
				.request(url, { method, headers, agent: false }, (res) => {
					const chunks: Buffer[] = [];
					res.on('data', (c) => chunks.push(c));
					res.on('end', () =>
						resolve({ headers: res.headers, body: Buffer.concat(chunks), status: res.statusCode! })
					);
				})
				.on('error', reject)
				.end();
		}
	);
}

const page = '<!doctype html><html><body>' + 'Thi hành án dân sự. '.repeat(500) + '</body></html>';

describe('pickEncoding', () => {
	it('prefers brotli, then gzip, and honours q=0', () => {
		expect(pickEncoding('gzip, deflate, br')).toBe('br');
		expect(pickEncoding('gzip')).toBe('gzip');
		expect(pickEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
		expect(pickEncoding('identity')).toBeNull();
		expect(pickEncoding(undefined)).toBeNull();
		expect(pickEncoding('*')).toBe('br');
	});
});

describe('CompressingResponse', () => {
	it('sends HTML as brotli or gzip, without a stale Content-Length, varying on Accept-Encoding', async () => {
		const url = await start((_req, res) => {
			res.setHeader('content-type', 'text/html; charset=utf-8');
			res.setHeader('content-length', Buffer.byteLength(page));
			res.writeHead(200);
			res.end(page);
		});
		const br = await get(url, 'gzip, deflate, br');
		expect(br.headers['content-encoding']).toBe('br');
		expect(br.headers['content-length']).toBeUndefined();
		expect(br.headers.vary).toMatch(/Accept-Encoding/);
		expect(br.body.length).toBeLessThan(Buffer.byteLength(page) / 5);
		expect(zlib.brotliDecompressSync(br.body).toString()).toBe(page);

		const gz = await get(url, 'gzip');
		expect(gz.headers['content-encoding']).toBe('gzip');
		expect(zlib.gunzipSync(gz.body).toString()).toBe(page);

		const plain = await get(url, null);
		expect(plain.headers['content-encoding']).toBeUndefined();
		expect(plain.body.toString()).toBe(page);
	});

	it('flushes each write, so a streamed page arrives before it is complete', async () => {
		let finish: () => void = () => {};
		const url = await start((_req, res) => {
			res.writeHead(200, { 'content-type': 'text/html' });
			res.write('<p>first part</p>');
			finish = () => res.end('<p>second part</p>');
		});
		const first = await new Promise<string>((resolve, reject) => {
			http
				.get(url, { headers: { 'accept-encoding': 'br' }, agent: false }, (res) => {
					const unzip = zlib.createBrotliDecompress();
					res.pipe(unzip);
					let text = '';
					unzip.on('data', (c) => {
						text += c;
						if (text.includes('first part')) resolve(text);
					});
				})
				.on('error', reject);
		});
		expect(first).toBe('<p>first part</p>');
		finish();
	});

	it('leaves other types, encoded bodies, HEAD and 304 alone', async () => {
		const url = await start((req, res) => {
			if (req.url === '/json') {
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end('{"a":1}');
			} else if (req.url === '/encoded') {
				res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
				res.end(zlib.gzipSync(page));
			} else if (req.url === '/not-modified') {
				res.writeHead(304, { 'content-type': 'text/html' });
				res.end();
			} else {
				res.writeHead(200, { 'content-type': 'text/html', 'content-length': page.length });
				res.end(req.method === 'HEAD' ? undefined : page);
			}
		});
		const json = await get(`${url}/json`, 'br');
		expect(json.headers['content-encoding']).toBeUndefined();
		expect(json.body.toString()).toBe('{"a":1}');
		const encoded = await get(`${url}/encoded`, 'br');
		expect(encoded.headers['content-encoding']).toBe('gzip');
		expect(zlib.gunzipSync(encoded.body).toString()).toBe(page);
		expect((await get(`${url}/not-modified`, 'br')).status).toBe(304);
		const head = await get(url, 'br', 'HEAD');
		expect(head.headers['content-encoding']).toBeUndefined();
		expect(head.headers['content-length']).toBe(String(page.length));
	});
});
