import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, apiTypes } from '../scripts/api-types.js';
import { openApiDocument } from './openapi.js';

describe('the API document', () => {
  it("is the web app's types: packages/web/src/api-types.gen.ts is what it generates (else: npm run api-types)", async () => {
    expect(await readFile(API_TYPES_FILE, 'utf8')).toBe(await apiTypes());
  }, 30_000);

  it('has closed schemas that a strict JSON Schema compiler accepts, each field required unless said otherwise', () => {
    const doc = openApiDocument('1');
    const ajv = new Ajv2020({ strict: true, formats: { 'date-time': true, date: true, binary: true } });
    ajv.addKeyword('components');
    ajv.addSchema({ $id: 'glimpse', components: doc.components });
    for (const name of Object.keys(doc.components.schemas)) {
      expect(() => ajv.compile({ $ref: `glimpse#/components/schemas/${name}` }), name).not.toThrow();
      const schema = doc.components.schemas[name as keyof typeof doc.components.schemas] as {
        additionalProperties?: boolean;
      };
      expect(schema.additionalProperties, name).toBe(false);
    }
    // Every operation says what any status it does not list means.
    for (const ops of Object.values(doc.paths))
      for (const op of Object.values(ops) as { responses: Record<string, unknown> }[])
        expect(op.responses['default']).toBeDefined();
  });
});
