// The page benches measure the production build: build it first when there is none.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { root } from '../e2e/serve.js';

export function ensureBuild() {
	if (existsSync(path.join(root, 'build', 'index.js'))) return;
	console.log('No build yet: running vite build…');
	const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
	const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
		cwd: root,
		stdio: 'inherit'
	});
	if (r.status !== 0) process.exit(r.status ?? 1);
}
