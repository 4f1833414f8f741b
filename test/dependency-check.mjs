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
import { parseSync } from '@swc/core';
import depcruise from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

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
// The reporter recounts from the modules' dependencies, so the allowance is recorded there too.
for (const v of output.summary.violations.filter(allowed)) {
  const dep = output.modules.find((m) => m.source === v.from)?.dependencies.find((d) => d.resolved === v.to);
  if (!dep) continue;
  dep.rules = (dep.rules ?? []).filter((r) => r.name !== v.rule.name);
  if (!dep.rules.length) {
    delete dep.rules;
    dep.valid = true;
  }
}
const count = (severity) => kept.filter((v) => v.rule.severity === severity).length;
const result = {
  ...output,
  summary: { ...output.summary, violations: kept, error: count('error'), warn: count('warn'), info: count('info') },
};
const report = await depcruise.format(result, { outputType: 'err' });
process.stdout.write(report.output);
if (dropped) console.log(`(${dropped} type-only imports of other modules' entity types allowed)`);
process.exit(result.summary.error > 0 ? 1 : 0);
