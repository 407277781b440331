// Imported first by every bench: they need Node 22 (supabase-js, the stand-in, type stripping of
// .ts modules). Under an older Node they used to print errors and then a figure from a broken run;
// now they stop here. Run them with `npm run bench` or `npx node tests/bench/<file>`.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
	console.error(
		`Benches need Node 22 or newer; this is Node ${process.versions.node}. ` +
			'Run `npm run bench` or `npx node tests/bench/<file>` (Node 22 is a dev dependency).'
	);
	process.exit(2);
}
