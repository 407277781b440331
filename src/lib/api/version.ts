/**
 * The API's version. Change it (and add an entry to docs/api/CHANGELOG.md) whenever the document
 * changes: tests/unit/api-openapi.test.ts compares the document's hash with docs/api/openapi.sha256
 * and fails when the document changed but the version and the changelog did not.
 */
export const API_VERSION = '1.0.0';
