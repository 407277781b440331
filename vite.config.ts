import { sveltekit } from '@sveltejs/kit/vite';
import tailwindcss from '@tailwindcss/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import path from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

type ChunkingContext = { getModuleInfo(id: string): { isEntry: boolean } | null };

/**
 * Fewer, larger browser chunks for the citizen pages (issue 5: ≤ 60 KB gzip of JavaScript a page).
 * Left to itself the bundler makes one chunk per set of pages sharing a module: dozens of 0.1–2 KB
 * files per page, each paying its own gzip overhead. Three groups:
 * - `shell`: what every page loads anyway — SvelteKit's client, the Svelte runtime, and everything
 *   the root layout, the root error page and the app entry import statically;
 * - `citizen`: what the citizen layout imports statically (loaded by every citizen page anyway);
 * - `ui`: the form components of $lib/ui. A page using one of them now loads all (≈ 6 KB gzip in
 *   one file), which costs less than the separate small files did; display-only components stay
 *   out of it.
 * Paraglide messages are never grouped (see below). Code loaded on demand (`import()`) is not
 * followed, so it stays in its own chunks. Measure with tests/bench/citizen-js.bench.js.
 */
function citizenChunks(): Plugin {
	const kit = path.resolve('node_modules/@sveltejs/kit/src/runtime/client/entry.js');
	const generated = path.resolve('.svelte-kit/generated/client-optimized');
	const shellRoots = [
		kit,
		`${generated}/app.js`,
		path.resolve('src/routes/+layout.svelte'),
		path.resolve('src/routes/+error.svelte'),
		// The root layout's update prompt stays in the shell, so it pulls no other chunk (left
		// alone, its Button brought the whole `ui` chunk).
		path.resolve('src/lib/ui/UpdatePrompt.svelte')
	];
	const citizenRoots = [path.resolve('src/routes/(citizen)/+layout.svelte')];
	type Info = { importedIds: readonly string[]; isEntry: boolean } | null;
	const closure = (roots: string[], info: (id: string) => Info, skip: Set<string>) => {
		const seen = new Set<string>();
		const stack = [...roots];
		while (stack.length) {
			const id = stack.pop()!;
			if (seen.has(id) || skip.has(id)) continue;
			const i = info(id);
			if (!i) continue;
			seen.add(id);
			stack.push(...i.importedIds);
		}
		return seen;
	};
	let groups: Map<string, string> | null = null;
	return {
		name: 'thads-citizen-chunks',
		apply: 'build',
		// includeDependenciesRecursively: false (below) needs entries that may gain exports; SvelteKit
		// asks for 'strict'. A page node exporting one more binding changes nothing for the router.
		options(options) {
			if (this.environment?.name !== 'client') return null;
			return { ...options, preserveEntrySignatures: 'allow-extension' };
		},
		outputOptions(options) {
			// Only the browser build of the app (not the server build, not the service worker).
			if (typeof options.entryFileNames !== 'string') return null;
			if (!options.entryFileNames.includes('immutable/')) return null;
			groups = null;
			const groupOf = (id: string, ctx: ChunkingContext) => {
				if (!groups) {
					const info = (m: string) => ctx.getModuleInfo(m) as Info;
					const shell = closure(shellRoots, info, new Set());
					const citizen = closure(citizenRoots, info, shell);
					groups = new Map();
					for (const m of citizen) groups.set(m, 'citizen');
					for (const m of shell) groups.set(m, 'shell');
				}
				// Entries keep their own (now tiny) chunk. Paraglide messages stay with the pages that
				// use them: capturing the `m` namespace would ship every message of the app.
				if (ctx.getModuleInfo(id)?.isEntry || id.includes('/src/lib/paraglide/messages'))
					return null;
				return groups.get(id) ?? null;
			};
			return {
				...options,
				codeSplitting: {
					// A captured module's dependencies stay where automatic splitting puts them. With the
					// default (true) the groups captured `messages.js`, and through its `m` namespace every
					// message of the app — staff screens' included, 1,816 modules, 520 kB — into the shell
					// chunk of every page. Only message modules are left outside the groups, and they have
					// no side effects, so their order of execution cannot matter.
					includeDependenciesRecursively: false,
					groups: [
						{ name: (id, ctx) => (groupOf(id, ctx) === 'shell' ? 'shell' : null), priority: 2 },
						{ name: (id, ctx) => (groupOf(id, ctx) === 'citizen' ? 'citizen' : null), priority: 1 },
						{
							// The form components (and their helpers) most citizen pages use together.
							name: 'ui',
							test: (id) =>
								/[\\/]src[\\/]lib[\\/]ui[\\/]/.test(id) &&
								!/(DataTable|EmptyState|StatusBadge|LinkButton|FileField|index)\.(svelte|ts)$/.test(
									id
								)
						}
					]
				}
			};
		}
	};
}

export default defineConfig({
	plugins: [
		tailwindcss(),
		paraglideVitePlugin({
			project: './src/lib/i18n/project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['url', 'cookie', 'baseLocale']
		}),
		sveltekit(),
		citizenChunks()
	],
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.ts', 'src/**/*.spec.ts'],
					environment: 'node'
				}
			},
			{
				extends: true,
				test: {
					name: 'db',
					include: ['tests/db/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['tests/db/global-setup.ts'],
					testTimeout: 30000,
					hookTimeout: 120000,
					fileParallelism: false
				}
			}
		]
	}
});
