// Checks answers of the running server against its own OpenAPI document: the status must be one the operation
// lists explicitly (its `default` does not count: a status the server answers that the document leaves out is a bug
// in the document), and a JSON body must match that response's schema exactly (the schemas are closed: a
// field renamed, added or dropped on either side fails). The web app's types are generated from the same document.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { openApiDocument } from '../packages/http-koa/src/openapi.js';

type Doc = ReturnType<typeof openApiDocument>;
interface Operation {
  operationId: string;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

const doc: Doc = openApiDocument('test');
const ajv = new Ajv2020({ allErrors: true, strict: true, formats: {} });
ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
ajv.addFormat('date', /^\d{4}-\d\d-\d\d$/);
ajv.addFormat('binary', () => true);
ajv.addKeyword('components'); // the document's own home of the schemas, which refer to each other inside it
ajv.addSchema({ $id: 'glimpse', components: doc.components });

const compiled = new Map<string, ValidateFunction>();
const seen = new Set<string>();
/** Paths of the document as patterns: `/media/{id}/file` matches `/media/abc/file`. */
const routes = Object.entries(doc.paths).map(([template, ops]) => ({
  template,
  pattern: new RegExp(`^/api/v1${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
  ops: ops as Record<string, Operation>,
}));

/**
 * Throws, saying what differs, unless `body` (parsed JSON, or undefined when the answer is not JSON) is what the
 * document says `method path` answers with `status`.
 */
export function checkAnswer(method: string, path: string, status: number, body: unknown): void {
  const bare = path.split('?')[0]!;
  const route = routes.find((r) => r.pattern.test(bare));
  if (!route) return; // not an API path (the web app, a guard's refusal of a foreign path)
  const op = route.ops[method.toLowerCase() === 'head' ? 'get' : method.toLowerCase()];
  if (!op) return; // a method the route does not have: the router's 405, an Error, checked below if JSON
  const response = op.responses[String(status)];
  if (!response)
    throw new Error(
      `${method} ${route.template} answered ${status}, which its operation ${op.operationId} does not list ` +
        `(it lists ${Object.keys(op.responses).join(', ')}): add it to packages/http-koa/src/openapi.ts`,
    );
  const schema = response.content?.['application/json']?.schema as { $ref?: string } | undefined;
  if (!schema || body === undefined) return;
  seen.add(`${method.toUpperCase()} ${route.template}`);
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    const target = schema.$ref ? { $ref: `glimpse${schema.$ref}` } : schema;
    validate = ajv.compile(JSON.parse(JSON.stringify(target).replaceAll('"#/components', '"glimpse#/components')));
    compiled.set(key, validate);
  }
  if (!validate(body))
    throw new Error(
      `${method} ${route.template} ${status} does not match the API document: ` +
        ajv.errorsText(validate.errors, { dataVar: 'body' }),
    );
}

/** The operations answering JSON that no checked answer has covered yet, as "METHOD /path". */
export function uncheckedOperations(): string[] {
  const out: string[] = [];
  for (const r of routes)
    for (const [method, op] of Object.entries(r.ops)) {
      const ok = Object.entries(op.responses).some(
        ([status, res]) => /^2/.test(status) && res.content?.['application/json'],
      );
      if (ok && !seen.has(`${method.toUpperCase()} ${r.template}`)) out.push(`${method.toUpperCase()} ${r.template}`);
    }
  return out;
}
