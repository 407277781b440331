/** src/lib/database.types.ts must match the migrations: regenerate with `npm run types`. Runs
 * Supabase's generator (postgres-meta) against a throwaway database on the local PostgreSQL. */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../../supabase/local/gen-types.js', import.meta.url));

describe('generated database types', () => {
	it('are fresh (npm run types)', async () => {
		const result = await new Promise<{ code: number; out: string }>((resolve) => {
			execFile(
				process.execPath,
				[script, '--check'],
				{ timeout: 170_000 },
				(err, stdout, stderr) => {
					resolve({
						code: err ? Number((err as { code?: unknown }).code ?? 1) : 0,
						out: stdout + stderr
					});
				}
			);
		});
		expect(result.out).toContain('up to date');
		expect(result.code).toBe(0);
	}, 180_000);
});
