#!/usr/bin/env node
// `npm run depcheck`: the import rules in .dependency-cruiser.cjs over every
// TypeScript source outside client/. dependency-cruiser parses TypeScript 7
// sources with swc, which does not tell it which imports are type-only, so
// rules that allow them (`dependencyTypesNot: ['type-only']`) would also
// flag `import type`. This runs the cruise, then drops exactly those
// violations whose every import of the target is type-only in swc's own AST
// (`import type …`, or `import { type A, type B }`, which TypeScript erases).
// Exits 1 when a violation of severity error remains.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSync } from '@swc/core';
import depcruise from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

// Paths in the rules and the result are relative to the repository root.
process.chdir(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'));
const SOURCES = ['server', 'db', 'reports', 'test', 'bench'];
const config = createRequire(import.meta.url)('../.dependency-cruiser.cjs');

const options = await extractDepcruiseOptions('./.dependency-cruiser.cjs');
const typeOnlyAllowed = new Set(
  config.forbidden.filter((r) => r.to?.dependencyTypesNot?.includes('type-only')).map((r) => r.name),
);

const { output } = await depcruise.cruise(SOURCES, { ...options, validate: true }, undefined, { tsConfig: extractTSConfig('tsconfig.json') });

const asts = new Map();
function astOf(file) {
  if (!asts.has(file)) asts.set(file, parseSync(readFileSync(file, 'utf8'), { syntax: 'typescript', tsx: file.endsWith('.tsx') }));
  return asts.get(file);
}

/** The source file a relative specifier names (`./x.js` is `./x.ts` under NodeNext). */
function targetOf(from, specifier) {
  if (!specifier.startsWith('.')) return null;
  return path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier)).replace(/\.js$/, '.ts');
}

/** True when every import or re-export of `to` in `from` is erased at compile time. */
function onlyTypeImports(from, to) {
  const uses = astOf(from).body.filter(
    (n) => (n.type === 'ImportDeclaration' || n.type === 'ExportNamedDeclaration' || n.type === 'ExportAllDeclaration') && n.source && targetOf(from, n.source.value) === to,
  );
  if (!uses.length) return false;
  return uses.every((n) => n.typeOnly || (n.type !== 'ExportAllDeclaration' && n.specifiers.length > 0 && n.specifiers.every((s) => s.isTypeOnly)));
}

const allowed = (v) => typeOnlyAllowed.has(v.rule.name) && onlyTypeImports(v.from, v.to);
const kept = output.summary.violations.filter((v) => !allowed(v));
const dropped = output.summary.violations.length - kept.length;

for (const v of kept) {
  const target = v.cycle ? v.cycle.map((c) => c.name).join(' → ') : v.to;
  console.log(`  ${v.rule.severity} ${v.rule.name}: ${v.from} → ${target}`);
}
const errors = kept.filter((v) => v.rule.severity === 'error').length;
const { totalCruised, totalDependenciesCruised } = output.summary;
console.log(`${kept.length ? '\n✘' : '✔'} ${kept.length} dependency violations (${errors} errors) in ${totalCruised} modules, ${totalDependenciesCruised} dependencies` +
  (dropped ? `; ${dropped} type-only imports of other modules' entity types allowed` : ''));
process.exit(errors > 0 ? 1 : 0);
