import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, apiTypes } from '../scripts/api-types.js';
import { DOCS_PAGE_CSP, docsPage, openApiDocument } from './openapi.js';

interface Operation {
  operationId?: string;
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, unknown> };
  responses: Record<string, { description?: string; content?: Record<string, unknown> }>;
}

function operations(doc = openApiDocument('1')) {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops as Record<string, Operation>).map(([method, op]) => ({ path, method, op })),
  );
}

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
    for (const { op } of operations(doc)) expect(op.responses['default']).toBeDefined();
  });

  it('names every operation with a unique camelCase operationId', () => {
    const ids = operations().map(({ method, path, op }) => {
      expect(op.operationId, `${method} ${path}`).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      return op.operationId;
    });
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('lists every status explicitly, each with a description, and an Error body for every error', () => {
    for (const { method, path, op } of operations()) {
      const at = `${method.toUpperCase()} ${path}`;
      const statuses = Object.keys(op.responses);
      // From the guards and the key check, before any route: 403 always, 401 but for the liveness probe.
      expect(statuses, at).toContain('403');
      expect(statuses, at).toContain('500');
      if (path !== '/health') expect(statuses, at).toContain('401');
      if (method === 'get' && path !== '/health') expect(statuses, at).toContain('302');
      // Input that the route validates: its query parameters, the media id, the body.
      const query = (op.parameters ?? []).some((p) => p.in === 'query');
      const mediaId = path.startsWith('/media/{id}');
      if (query || mediaId || op.requestBody) expect(statuses, at).toContain('400');
      if (op.requestBody) expect(statuses, at).toEqual(expect.arrayContaining(['408', '413', '415']));
      for (const [status, response] of Object.entries(op.responses)) {
        // A failure says when it happens.
        expect(response.description?.length, `${at} ${status}`).toBeGreaterThan(/^[345]/.test(status) ? 20 : 2);
        // Readiness answers 503 with its checks; Node's 408 comes with no body.
        if (/^[45]/.test(status) && status !== '408' && !(at === 'GET /ready' && status === '503'))
          expect(response.content, `${at} ${status}`).toEqual({
            'application/json': { schema: { $ref: '#/components/schemas/Error' } },
          });
      }
    }
  });

  it('lists the statuses testers found missing: 400 for a thumbnail size, 415 for a form sent to POST /scans', () => {
    const doc = openApiDocument('1');
    expect(doc.paths['/media/{id}/thumbnail'].get.responses[400].description).toMatch(/size=100/);
    expect(doc.paths['/scans'].post.responses[415].description).toMatch(/form/);
    expect(doc.paths['/media/{id}/frame'].get.responses[400].description).toMatch(/past the end/);
    expect(Object.keys(doc.paths['/media/{id}/frame'].get.responses)).toContain('304');
    expect(Object.keys(doc.paths['/media/{id}/file'].get.responses)).toEqual(expect.arrayContaining(['206', '416']));
  });
});

describe('the docs page', () => {
  const doc = openApiDocument('1.2.3');
  const page = docsPage(doc);

  it('shows every operation, every parameter and every schema, with a table of contents', () => {
    for (const { path, op } of operations(doc)) {
      expect(page).toContain(`<code>${op.operationId}</code>`);
      expect(page).toContain(`href="#op-${op.operationId}"`);
      expect(page).toContain(`id="op-${op.operationId}"`);
      expect(page).toContain(`/api/v1${path.replace(/&/g, '&amp;')}`);
      for (const p of op.parameters ?? []) expect(page, `${op.operationId} ${p.name}`).toContain(`>${p.name}</code>`);
      for (const status of Object.keys(op.responses)) expect(page).toContain(`>${status}</span>`);
    }
    for (const name of Object.keys(doc.components.schemas)) {
      expect(page).toContain(`id="schema-${name}"`);
      expect(page).toContain(`<a href="#schema-${name}">${name}</a>`);
    }
    expect(page).toMatch(/<nav class="toc"/);
    // Field lists: a nested field, its type, and what is allowed.
    expect(page).toMatch(/<code>thumbnailUrl<\/code> string <span class="tag">required<\/span>/);
    expect(page).toContain('one of <code>incremental</code>, <code>reindex</code>');
  });

  it('is self-contained and works under its Content-Security-Policy: no scripts, no style attributes, its one stylesheet hashed', () => {
    expect(page).not.toMatch(/<script|<link|<img|<iframe|\sstyle=|\son[a-z]+=|url\(|@import/i);
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
    const styles = [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    expect(styles).toHaveLength(1);
    const hash = createHash('sha256').update(styles[0]!).digest('base64');
    expect(DOCS_PAGE_CSP).toContain(`style-src 'sha256-${hash}'`);
    expect(DOCS_PAGE_CSP).toMatch(/default-src 'none'/);
    expect(styles[0]).toMatch(/prefers-color-scheme:dark/);
    expect(styles[0]).toMatch(/max-width:640px/);
  });

  it('escapes what the document says, hostile or not', () => {
    const hostile = structuredClone(openApiDocument('<b>1</b>'));
    const evil = `<script>alert("x")</script><img src=x onerror='alert(1)'> & more`;
    hostile.paths['/search'].get.description = evil;
    hostile.paths['/search'].get.summary = evil;
    hostile.paths['/search'].get.parameters[0]!.description = evil;
    hostile.paths['/search'].get.responses[200].description = evil;
    (hostile.components.schemas.Place.properties as Record<string, unknown>)['</code><script>x</script>'] = {
      type: 'string',
      description: evil,
      enum: ['<i>a</i>'],
    };
    const html = docsPage(hostile);
    expect(html).not.toMatch(/<script|<img|<b>1|<i>a/);
    expect(html).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=&#39;alert(1)&#39;&gt; &amp; more',
    );
    expect(html).toContain('&lt;/code&gt;&lt;script&gt;x&lt;/script&gt;');
    expect(html).toContain('<code>&lt;i&gt;a&lt;/i&gt;</code>');
    expect(html).toContain('&lt;b&gt;1&lt;/b&gt;');
  });
});
