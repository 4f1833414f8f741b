import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { API_TYPES_FILE, generateApiTypes } from '../../client/scripts/api-types.js';

describe('client API types', () => {
  it('When the types are generated from the routes again, then they match the committed client/src/api/schema.d.ts (else run `npm run gen:api-types`)', async () => {
    const fresh = await generateApiTypes();
    expect(readFileSync(API_TYPES_FILE, 'utf8') === fresh, 'client/src/api/schema.d.ts is stale: run `npm run gen:api-types` and commit it').to.equal(true);
  });
});
