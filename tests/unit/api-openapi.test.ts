/**
 * The API's contract (issue 19): the document is valid OpenAPI 3.1, its schemas compile as JSON
 * Schema 2020-12, and it cannot change without the version and the changelog changing.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { openApiDocument } from '$lib/api/openapi';
import { API_VERSION } from '$lib/api/version';

const root = path.resolve(import.meta.dirname, '..', '..');
// The validator's own Ajv (a dependency of @seriousme/openapi-schema-validator), draft 2020-12.
const requireFromValidator = createRequire(
	createRequire(import.meta.url).resolve('@seriousme/openapi-schema-validator')
);
const { Ajv2020 } = requireFromValidator('ajv/dist/2020.js');
const addFormats = requireFromValidator('ajv-formats').default;

/** The document as served, with a fixed server so the hash does not depend on the host. */
const doc = () => openApiDocument('https://thads.example');

/** Canonical JSON (sorted keys), so the hash depends on content only. */
function canonical(v: unknown): string {
	if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
	if (v && typeof v === 'object')
		return `{${Object.keys(v)
			.sort()
			.map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
			.join(',')}}`;
	return JSON.stringify(v);
}

describe('the OpenAPI document of /api/v1', () => {
	it('is a valid OpenAPI 3.1 document', async () => {
		const validator = new Validator();
		const result = await validator.validate(doc());
		expect(result.errors ?? []).toEqual([]);
		expect(result.valid).toBe(true);
		expect(validator.version).toBe('3.1');
	});

	it('has component schemas that compile as JSON Schema 2020-12', () => {
		const ajv = new Ajv2020({ strict: false, allErrors: true });
		addFormats(ajv);
		const d = doc() as { components: { schemas: Record<string, object> } };
		ajv.addSchema({ $id: 'https://thads.example/openapi.json', ...d }, 'doc');
		for (const name of Object.keys(d.components.schemas)) {
			expect(() => ajv.getSchema(`doc#/components/schemas/${name}`), name).not.toThrow();
			expect(ajv.getSchema(`doc#/components/schemas/${name}`), name).toBeTruthy();
		}
	});

	it('changes only together with its version and a changelog entry', () => {
		const hash = createHash('sha256').update(canonical(doc())).digest('hex');
		const [pinnedVersion, pinnedHash] = readFileSync(
			path.join(root, 'docs/api/openapi.sha256'),
			'utf8'
		)
			.trim()
			.split(/\s+/);
		const changelog = readFileSync(path.join(root, 'docs/api/CHANGELOG.md'), 'utf8');
		expect(
			changelog.includes(`## ${API_VERSION}`),
			`docs/api/CHANGELOG.md has no "## ${API_VERSION}" entry`
		).toBe(true);
		if (hash !== pinnedHash) {
			expect(
				pinnedVersion,
				`The OpenAPI document changed (sha256 ${hash}). Raise API_VERSION in src/lib/api/version.ts, ` +
					`add a "## <version>" entry to docs/api/CHANGELOG.md, then write "<version> ${hash}" ` +
					'to docs/api/openapi.sha256.'
			).not.toBe(API_VERSION);
			expect.fail(
				`Document changed: write "${API_VERSION} ${hash}" to docs/api/openapi.sha256 (version raised, changelog entry present).`
			);
		}
		expect(pinnedVersion).toBe(API_VERSION);
	});
});
