// .env merging for the CLI: set the stand-in's variables, keep every other line as it is.

import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';

/**
 * Set KEY=value lines in an env file, keeping comments and other variables untouched; keys not
 * present yet are appended.
 * @param {string} file
 * @param {Record<string, string>} vars
 */
export async function mergeEnv(file, vars) {
	const lines = existsSync(file) ? (await readFile(file, 'utf8')).split('\n') : [];
	const seen = new Set();
	const out = lines.map((line) => {
		const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line);
		const key = m?.[1];
		if (key && Object.prototype.hasOwnProperty.call(vars, key)) {
			seen.add(key);
			return `${key}=${vars[key]}`;
		}
		return line;
	});
	while (out.length && out[out.length - 1] === '') out.pop();
	for (const [k, v] of Object.entries(vars)) if (!seen.has(k)) out.push(`${k}=${v}`);
	await writeFile(file, out.join('\n') + '\n');
}
