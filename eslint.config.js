// ESLint flat config: JS + TypeScript + Svelte, browser and Node globals.
// Formatting is Prettier's job (`npm run lint` runs both), so no stylistic rules here.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'.data/',
			'node_modules/',
			'src/lib/paraglide/',
			'src/lib/database.types.ts',
			'test-results/',
			'playwright-report/',
			'tests/e2e/screenshots/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// TypeScript already reports undefined names, with types in mind.
			'no-undef': 'off',
			// Links go through Paraglide's localizeHref() (English lives under /en), not resolve().
			'svelte/no-navigation-without-resolve': 'off',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		// Tests and the stand-in poke at untyped JSON on purpose.
		files: ['tests/**', 'supabase/local/**'],
		rules: { '@typescript-eslint/no-explicit-any': 'off' }
	},
	{
		files: ['src/service-worker.ts'],
		languageOptions: { globals: { ...globals.serviceworker } }
	}
);
