/** Writes client/src/api/schema.d.ts from the server's route definitions (see api-types.ts). */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { API_TYPES_FILE, generateApiTypes } from './api-types.js';

mkdirSync(path.dirname(API_TYPES_FILE), { recursive: true });
writeFileSync(API_TYPES_FILE, await generateApiTypes());
console.log(`wrote ${path.relative(process.cwd(), API_TYPES_FILE)}`);
