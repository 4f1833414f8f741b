/**
 * The import rules `npm run depcheck` (and so `npm test` and CI) enforces.
 * Layers, top to bottom: test/ and bench/ → server/ → reports/ and db/.
 * A layer may import the ones below it, never one above; db/ and reports/
 * are independent of each other and of every feature module.
 * TypeScript 7 has no JavaScript compiler API, so sources are parsed with swc;
 * type-only imports are kept (tsPreCompilationDeps) so cycles through types count.
 * swc does not mark imports as type-only, so test/dependency-check.mjs (what
 * `npm run depcheck` runs) applies `dependencyTypesNot: ['type-only']` itself.
 */
/** A server module's folder; files at server/ top level (composition root, entity list, routes, app, main) are not modules. */
const MODULE_FILE = '^server/([^/]+)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles (through values or types) tangle modules so that none can be understood, built or tested alone.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'db-knows-no-feature',
      severity: 'error',
      comment: 'db/ is the bottom layer: the app hands it its entities and migrations (server/entities.ts).',
      from: { path: '^db/' },
      to: { path: '^(server|reports|test|bench)/' },
    },
    {
      name: 'reports-only-draws',
      severity: 'error',
      comment: 'reports/ renders a plain weekly-report data object; the queries that build it live in server/weekly-reports.',
      from: { path: '^reports/' },
      to: { path: '^(server|db|test|bench)/' },
    },
    {
      name: 'server-not-above-tests',
      severity: 'error',
      comment: 'The application never imports its tests or benchmarks.',
      from: { path: '^server/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'modules-not-above-composition-root',
      severity: 'error',
      comment: 'A module receives what it uses by constructor; only the top-level server files and command-line entries may know the assembled app.',
      from: { path: MODULE_FILE, pathNot: '^server/[^/]+/cli\\.ts$' },
      to: { path: '^server/(composition-root|routes|app|main|background)\\.ts$' },
    },
    {
      name: 'no-other-modules-entities',
      severity: 'error',
      comment: 'Another module\'s tables are reached through its service or repository: importing its entity types is fine, its EntitySchema values are not.',
      from: { path: MODULE_FILE },
      to: { path: '^server/[^/]+/[^/]+\\.entity\\.ts$', pathNot: '^server/$1/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|client)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    parser: 'swc',
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.d.ts', '.js', '.mjs', '.cjs'],
    },
  },
};
