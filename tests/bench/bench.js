// `npm run bench`: the citizen home page budget (home.js), then every tests/bench/*.bench.js that
// feature teams add, each in its own process. Exits non-zero when any of them does.
import './node22.js';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const files = [
	'home.js',
	...readdirSync(here)
		.filter((f) => f.endsWith('.bench.js'))
		.sort()
];
let failed = [];
for (const file of files) {
	console.log(`\n━━ bench: ${file} ━━`);
	const r = spawnSync(process.execPath, [path.join(here, file), ...process.argv.slice(2)], {
		stdio: 'inherit'
	});
	if (r.status !== 0) failed.push(file);
}
if (failed.length) {
	console.error(`\nOver budget or failed: ${failed.join(', ')}`);
	process.exit(1);
}
