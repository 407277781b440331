// docs/deploy.md (issue 15, "How it is shown"): every command in its code blocks is either run by
// a test, named at the end of the line (`# run by <file> …`), or marked `# [needs a project]`.
// The named files must exist and mention the command, so a renamed script or a deleted test shows.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
const doc = readFileSync(path.join(root, 'docs', 'deploy.md'), 'utf8');

/** Lines of the ```sh blocks (indented ones inside lists too), without continuation lines. */
function commands(): string[] {
	const out: string[] = [];
	for (const block of doc.matchAll(/^[ \t]*```sh\n([\s\S]*?)^[ \t]*```/gm)) {
		for (const line of block[1]!.split('\n')) if (line.trim()) out.push(line.trim());
	}
	return out;
}

/** The words of a command that a test running it would mention (script, binary, path parts). */
function tokens(command: string): string[] {
	const stop = new Set(['npm', 'run', 'npx', 'node', 'curl', 'kill', 'fsS', 'http', 'of', 'pid']);
	return command
		.split(/[\s/:="'<>&-]+/)
		.filter((t) => t.length > 2 && !stop.has(t) && !/^\$|^\d|127\.0\.0\.1|…/.test(t));
}

describe('docs/deploy.md', () => {
	const all = commands();

	it('has commands', () => {
		expect(all.length).toBeGreaterThan(10);
	});

	for (const line of all) {
		it(`"${line.split('#')[0]!.trim()}" is run by a test or needs a project`, () => {
			const comment = line.includes('#') ? line.slice(line.indexOf('#') + 1) : '';
			const command = line.split('#')[0]!.trim();
			if (/\[needs a (project|container engine)\]/.test(comment) && !/run by/.test(comment)) return;
			const files = [...comment.matchAll(/run by ([^;,()]+?)(?=\s*(?:\(|;|,|$| and ))/g)]
				.map((m) => m[1]!.trim())
				.concat([...comment.matchAll(/ and ([\w./-]+\/[\w./-]+)/g)].map((m) => m[1]!));
			expect(
				files.length,
				`"${line}" says neither "run by <file>" nor "[needs a project]"`
			).toBeGreaterThan(0);
			const text = files
				.map((f) => {
					const file = path.join(root, f);
					expect(existsSync(file), `${f} exists`).toBe(true);
					return readFileSync(file, 'utf8');
				})
				.join('\n');
			const words = tokens(command);
			expect(
				words.some((w) => text.includes(w)),
				`${files.join(', ')} mention one of ${words.join(', ')}`
			).toBe(true);
		});
	}
});
