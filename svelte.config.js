import nodeAdapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { copyFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/**
 * The largest request body the app accepts unless the host sets BODY_SIZE_LIMIT. adapter-node's
 * own default (512K) refuses any real phone photo or scan; a citizen's application may carry
 * several documents of up to 10 MB each in one request (the no-JavaScript form and the offline
 * outbox post them together), and each file is still checked against the 10 MB limit.
 */
export const DEFAULT_BODY_SIZE_LIMIT = '64M';

/**
 * adapter-node, with the body limit's default baked into the build: `node build` (npm start, the
 * e2e server, the Dockerfile, any Node host) then accepts real files without every launcher having
 * to remember the variable. adapter-node reads BODY_SIZE_LIMIT when its handler module loads,
 * so the default must be set before that module is imported: build/index.js becomes a short
 * entry that sets it, makes the server compress rendered HTML (src/node/compress-html.js: the
 * adapter only serves the build's own files compressed) and imports the adapter's server
 * (build/server.js).
 * @param {Parameters<typeof nodeAdapter>[0]} [options]
 * @returns {import('@sveltejs/kit').Adapter}
 */
function adapter(options = {}) {
	const base = nodeAdapter(options);
	return {
		...base,
		async adapt(builder) {
			await base.adapt(builder);
			const out = options.out ?? 'build';
			renameSync(`${out}/index.js`, `${out}/server.js`);
			if (existsSync(`${out}/index.js.map`)) {
				renameSync(`${out}/index.js.map`, `${out}/server.js.map`);
				const server = readFileSync(`${out}/server.js`, 'utf8');
				writeFileSync(
					`${out}/server.js`,
					server.replace('sourceMappingURL=index.js.map', 'sourceMappingURL=server.js.map')
				);
			}
			const prefix = options.envPrefix ?? '';
			copyFileSync('src/node/compress-html.js', `${out}/compress-html.js`);
			writeFileSync(
				`${out}/index.js`,
				`// Written by svelte.config.js: the body limit's default, compressed HTML, then adapter-node's server.\n` +
					`import { installHtmlCompression } from './compress-html.js';\n` +
					`process.env.${prefix}BODY_SIZE_LIMIT ||= ${JSON.stringify(DEFAULT_BODY_SIZE_LIMIT)};\n` +
					`installHtmlCompression();\n` +
					`await import('./server.js');\n`
			);
		}
	};
}

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// Nonces for SSR pages, hashes for prerendered ones: no 'unsafe-inline' scripts.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'frame-ancestors': ['none'],
				'form-action': ['self'],
				'base-uri': ['self'],
				'object-src': ['none']
			}
		},
		serviceWorker: { register: false },
		router: { resolution: 'server' }
	}
};

export default config;
