// Writes the web app's wire types (packages/web/src/api-types.gen.ts) from the API's OpenAPI document, with
// openapi-typescript. `--check` writes nothing and fails when the file is not what the document gives (the unit
// test does the same), so the document stays the one source of the types.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';
import { openApiDocument } from '../src/openapi.js';

export const API_TYPES_FILE = fileURLToPath(new URL('../../web/src/api-types.gen.ts', import.meta.url));

/** The generated file's text. The version is left out, so a release does not change the types. */
export async function apiTypes(): Promise<string> {
  // The document is built in memory; openapi-typescript wants a plain JSON object (no functions, no undefined).
  const doc = JSON.parse(JSON.stringify(openApiDocument('0')));
  const ast = await openapiTS(doc, { immutable: true, alphabetize: true, silent: true });
  const text =
    '// Generated from the API document (packages/http-koa/src/openapi.ts) by `npm run api-types`; do not edit.\n' +
    astToString(ast);
  return format(text, { ...(await resolveConfig(API_TYPES_FILE)), filepath: API_TYPES_FILE });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = await apiTypes();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(API_TYPES_FILE, 'utf8');
    } catch {
      // no file yet: it differs
    }
    if (current !== text) {
      console.error(`${API_TYPES_FILE} is not what the API document gives; run npm run api-types.`);
      process.exit(1);
    }
  } else {
    writeFileSync(API_TYPES_FILE, text);
    console.log(`wrote ${API_TYPES_FILE}`);
  }
}
