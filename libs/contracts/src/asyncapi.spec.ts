import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { asyncApiDocument } from './asyncapi';
import { ALL_EVENT_CONTRACTS } from './topology';

/** docs/asyncapi.json is generated from the contracts: `npm run asyncapi` rewrites it; this test fails when it is stale. */
const DOC = join(__dirname, '..', '..', '..', 'docs', 'asyncapi.json');

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a JSON document read back

describe('AsyncAPI document of the event contracts', () => {
  const doc = asyncApiDocument() as Json;
  const rendered = JSON.stringify(doc, null, 2) + '\n';

  it('is the document in the repository (run `npm run asyncapi` after changing a contract)', () => {
    if (process.env['UPDATE_ASYNCAPI'] === '1') writeFileSync(DOC, rendered);
    expect(readFileSync(DOC, 'utf8')).toBe(rendered);
  });

  it('is valid AsyncAPI 3.0', () => {
    const specs = require('@asyncapi/specs') as { schemas: Record<string, object> };
    // The spec bundles its own copy of the draft-07 meta-schema: Ajv's built-in one stays out of the way.
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, meta: false, validateSchema: false });
    addFormats(ajv);
    const validate = ajv.compile(specs.schemas['3.0.0']);
    expect(validate(doc) ? [] : validate.errors).toEqual([]);
    expect(validate({ asyncapi: '3.0.0', channels: {} })).toBe(false); // no info: the check does refuse
  });

  it('parses with the AsyncAPI parser (no error diagnostics, every $ref resolved): every contract is a message', async () => {
    const { Parser } = require('@asyncapi/parser') as typeof import('@asyncapi/parser');
    const parser = new Parser();
    const { document, diagnostics } = await parser.parse(rendered);
    expect(diagnostics.filter((d) => d.severity === 0).map((d) => `${d.code} ${d.message} at ${d.path.join('.')}`)).toEqual([]);
    const names = new Set((document?.allMessages().all() ?? []).map((m) => m.name()));
    for (const c of ALL_EVENT_CONTRACTS) expect(names).toContain(c.type);
    // The parser does refuse a dangling reference (the check can fail).
    const broken = JSON.parse(rendered) as Json;
    const firstSchema = Object.values(broken['components']['schemas'])[0] as Json;
    firstSchema['properties'] = { ...firstSchema['properties'], dangling: { $ref: '#/components/schemas/Missing' } };
    const refused = await parser.parse(JSON.stringify(broken));
    expect(refused.diagnostics.some((d) => d.severity === 0 && d.code === 'invalid-ref')).toBe(true);
  }, 60_000);

  it('has, for every contract, a message on its topic’s channel with the payload’s schema and a producer operation', () => {
    for (const c of ALL_EVENT_CONTRACTS) {
      const message = (Object.values(doc['components']['messages']) as Json[]).find((m: Json) => m['name'] === c.type) as Json | undefined;
      expect(message).toBeDefined();
      const channel = (Object.values(doc['channels']) as Json[]).find((ch: Json) => ch['address'] === c.topic) as Json;
      expect(Object.keys(channel['messages'])).toContain(c.type.replace(/[^A-Za-z0-9]+/g, '_'));
      expect(doc['components']['schemas'][c.payload.name]).toBeDefined();
      expect((Object.values(doc['operations']) as Json[]).some((o: Json) => o['title'].endsWith(` publishes ${c.type}`))).toBe(true);
    }
  });

  it('carries the payload rules producers and consumers validate (e.g. the USCC pattern and the grade enum)', () => {
    const awarded = doc['components']['schemas']['GradeAwardedV1'];
    expect(awarded['properties']['uscc']['pattern']).toBeDefined();
    expect(awarded['properties']['grade']['enum']).toEqual(['1A', '2A', '3A', '4A', '5A']);
    expect(awarded['required']).toEqual(expect.arrayContaining(['gradeId', 'uscc', 'grade', 'score']));
  });
});
