import fc from 'fast-check';
import { ROLES, type Role } from '@sop/auth';

/**
 * Requests generated from an OpenAPI document: for every operation, path and query parameters and bodies built from
 * its schemas, each value sometimes replaced by a hostile one (a wrong type, a huge string, deep nesting, an odd
 * date, unicode, a missing or an unknown field), sent with no token, a garbage token or a valid token of a random
 * role and jurisdiction.
 */
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

interface OpenApiOperation {
  operationId?: string;
  parameters?: { name: string; in: 'path' | 'query' | 'header' | 'cookie'; required?: boolean; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

export interface Schema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  example?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  nullable?: boolean;
  additionalProperties?: boolean | Schema;
}

export interface Operation {
  method: string;
  path: string;
  pathParams: string[];
  query: { name: string; schema: Schema }[];
  body?: Schema;
}

export interface FuzzRequest {
  operation: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** What the generator may use: known objects (so requests reach past the lookups) and tokens. */
export interface FuzzContext {
  /** Values for path parameters by name (`uscc`: the seeded organization's code). */
  knownPathValues: Record<string, string[]>;
  token(roles: Role[], jurisdiction: string, subject?: string): string;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function operationsOf(doc: OpenApiDocument): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue;
      const params = op.parameters ?? [];
      const body = op.requestBody?.content?.['application/json']?.schema;
      ops.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        query: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? { type: 'string' } })),
        body,
      });
    }
  }
  return ops;
}

const ODD_DATES = [
  '2027-W01-1', '20270101', '2027-01-01T10', '2027-123', '2027-02-31', '2027-02-31T10:00:00Z', '2027-01-01T24:00:00Z', '2027-13-01',
  '0000-01-01T00:00:00Z', '9999-12-31T23:59:59+23:59', '-002027-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', '2027-01-01T10:00:00.123456789123Z',
  '1970-01-01', '2027-01-01 10:00', 'yesterday', 'NaN', 'Infinity', '2027-01-01T10:00:00+99:99', '２０２７-０１-０１',
];
const HOSTILE_STRINGS = [
  '', ' ', '\u0000', 'null', 'undefined', '__proto__', 'constructor', '../../etc/passwd', '%00', '%2e%2e%2f', "' OR 1=1 --", '"; DROP TABLE x; --',
  '<script>alert(1)</script>', '${jndi:ldap://x}', '{{7*7}}', '\uD800', '\uFEFF', '𠜎𠜱𠝹', 'ﷺ', 'A\u030A', '\u202Egnp.exe', '1e309', '-0', '0x10',
  '９１１１０００００', '110108199001011234', '52110108MJ0000000X',
];

const huge = fc.integer({ min: 10_000, max: 120_000 }).map((n) => 'ß'.repeat(n));
const unicode = fc.string({ unit: 'binary', maxLength: 40 });
const nested = (depth: number): unknown => {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

/** Any JSON value of the wrong kind, or a hostile string. */
function hostileValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(...HOSTILE_STRINGS, ...ODD_DATES),
    fc.constantFrom<unknown>(null, true, false, 0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.5, [], {}, [null], { __proto__: { polluted: true } }, { constructor: { prototype: { polluted: true } } }),
    unicode,
    huge,
    fc.integer({ min: 33, max: 200 }).map(nested),
    fc.jsonValue({ maxDepth: 3 }),
  );
}

function resolve(doc: OpenApiDocument, schema: Schema | undefined): Schema {
  let s = schema ?? {};
  for (let i = 0; i < 10 && s.$ref; i++) s = doc.components?.schemas?.[s.$ref.replace('#/components/schemas/', '')] ?? {};
  if (s.allOf?.length) s = s.allOf.reduce<Schema>((acc, part) => { const r = resolve(doc, part); return { ...acc, ...r, properties: { ...acc.properties, ...r.properties }, required: [...(acc.required ?? []), ...(r.required ?? [])] }; }, {});
  return s;
}

/** A value that follows the schema (its example, an enum member, a plausible value of its type and format). */
function validValue(doc: OpenApiDocument, raw: Schema | undefined, depth: number): fc.Arbitrary<unknown> {
  const s = resolve(doc, raw);
  const choices: fc.Arbitrary<unknown>[] = [];
  if (s.example !== undefined) choices.push(fc.constant(s.example));
  if (s.enum?.length) return fc.oneof(fc.constantFrom(...s.enum), ...choices);
  const variant = s.oneOf ?? s.anyOf;
  if (variant?.length) return fc.oneof(...variant.map((v) => validValue(doc, v, depth)));
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === 'object' || s.properties) {
    if (depth > 4) return fc.constant({});
    const props = Object.entries(s.properties ?? {});
    const required = new Set(s.required ?? []);
    const record: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [name, prop] of props) record[name] = validValue(doc, prop, depth + 1);
    return fc.record(record, { requiredKeys: props.map(([n]) => n).filter((n) => required.has(n)) });
  }
  if (type === 'array') return fc.array(validValue(doc, s.items, depth + 1), { maxLength: 3 });
  if (type === 'integer') return fc.oneof(fc.integer({ min: s.minimum ?? 0, max: Math.min(s.maximum ?? 1000, 2 ** 31) }), ...choices);
  if (type === 'number') return fc.oneof(fc.double({ min: s.minimum ?? 0, max: s.maximum ?? 1000, noNaN: true }), ...choices);
  if (type === 'boolean') return fc.boolean();
  if (s.format === 'date-time') return fc.oneof(fc.constantFrom('2026-06-01T10:00:00+08:00', '2027-01-04T02:00:00Z'), ...choices);
  if (s.format === 'date') return fc.oneof(fc.constantFrom('2026-06-01', '2027-02-28', '2024-02-29'), ...choices);
  if (s.format === 'uuid') return fc.oneof(fc.uuid(), ...choices);
  return fc.oneof(fc.string({ maxLength: Math.min(s.maxLength ?? 20, 40) }), ...choices);
}

/** The schema's value, with hostile mutations: a field replaced, removed or added, or the whole value replaced. */
function mutatedValue(doc: OpenApiDocument, schema: Schema | undefined): fc.Arbitrary<unknown> {
  const valid = validValue(doc, schema, 0);
  const fieldMutation = fc.tuple(valid, fc.nat(), hostileValue(), fc.constantFrom('replace', 'remove', 'add')).map(([value, index, hostile, how]) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return hostile;
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    const keys = Object.keys(copy);
    if (how === 'add' || keys.length === 0) copy[`unexpected${index % 7}`] = hostile;
    else if (how === 'remove') delete copy[keys[index % keys.length]];
    else copy[keys[index % keys.length]] = hostile;
    return copy;
  });
  return fc.oneof({ arbitrary: valid, weight: 3 }, { arbitrary: fieldMutation, weight: 5 }, { arbitrary: hostileValue(), weight: 1 });
}

function pathValue(name: string, ctx: FuzzContext): fc.Arbitrary<string> {
  const known = ctx.knownPathValues[name] ?? [];
  return fc.oneof(
    { arbitrary: known.length ? fc.constantFrom(...known) : fc.uuid(), weight: 4 },
    { arbitrary: fc.uuid(), weight: 1 },
    { arbitrary: fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s !== ''), ...ODD_DATES), weight: 2 },
    { arbitrary: unicode.filter((s) => s.length > 0), weight: 1 },
    { arbitrary: fc.constantFrom(...RAW_PATH_VALUES.map((v) => `raw:${v}`)), weight: 1 },
    { arbitrary: fc.integer({ min: 300, max: 3000 }).map((n) => '9'.repeat(n)), weight: 1 },
  );
}

/** Raw (not encoded) path segments: bytes that are not UTF-8, NUL, encoded slashes. */
const RAW_PATH_VALUES = ['%FF', '%00', '..%2F..%2Fetc', '%E0%A4%A', '%C0%AE%C0%AE'];

/** The string with lone surrogates replaced by U+FFFD (they cannot be percent-encoded or sent). */
function wellFormed(value: string): string {
  return value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function encodePathValue(value: string): string {
  if (value.startsWith('raw:')) return value.slice(4);
  return encodeURIComponent(wellFormed(value));
}

function queryString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '';
}

const JURISDICTIONS = ['100000', '110000', '110108', '310000', '310115'];

function authorization(ctx: FuzzContext): fc.Arbitrary<Record<string, string>> {
  return fc.oneof(
    { arbitrary: fc.constant({}), weight: 3 },
    {
      arbitrary: fc.tuple(fc.subarray([...ROLES], { minLength: 1, maxLength: 2 }), fc.constantFrom(...JURISDICTIONS), fc.constantFrom('fuzz-a', 'fuzz-b', 'applicant-1', 'registrar-haidian')).map(([roles, j, sub]) => ({
        authorization: `Bearer ${ctx.token(roles as Role[], j, sub)}`,
      })),
      weight: 6,
    },
    { arbitrary: fc.constantFrom({ authorization: 'Bearer x.y.z' }, { authorization: 'Bearer ' }, { authorization: 'Basic YTpi' }, { authorization: 'Bearer ' + 'a'.repeat(5000) }), weight: 1 },
  );
}

/** One request against one operation. */
export function requestFor(doc: OpenApiDocument, op: Operation, ctx: FuzzContext): fc.Arbitrary<FuzzRequest> {
  const params = fc.tuple(...op.pathParams.map((p) => pathValue(p, ctx)));
  const query = fc.tuple(
    ...op.query.map((q) =>
      fc.option(
        fc.oneof({ arbitrary: validValue(doc, q.schema, 0), weight: 3 }, { arbitrary: hostileValue(), weight: 2 }, { arbitrary: fc.constantFrom(...ODD_DATES), weight: 1 }).map(queryString),
        { freq: 3 },
      ),
    ),
  );
  const extraQuery = fc.option(fc.constantFrom('asOf=2027-W01-1', 'limit=-1', 'limit=1e9', 'cursor=%FF', 'q=%00', 'a[b][c][d]=1', 'asOf=1&asOf=2'), { freq: 4 });
  const body = op.body
    ? fc.oneof(
        { arbitrary: mutatedValue(doc, op.body).map((v) => ({ kind: 'json' as const, text: JSON.stringify(v) ?? 'null' })), weight: 12 },
        { arbitrary: fc.constantFrom('{', '{"a":', 'null', '[]', '"x"', '1', '{"__proto__":{"isAdmin":true}}', '['.repeat(5000) + ']'.repeat(5000)).map((text) => ({ kind: 'json' as const, text })), weight: 2 },
        { arbitrary: fc.constant({ kind: 'json' as const, text: JSON.stringify({ padding: 'x'.repeat(1_200_000) }) }), weight: 1 },
        { arbitrary: fc.constant({ kind: 'form' as const, text: 'a[b][c][d][e][f]=1&x=%FF' }), weight: 1 },
      )
    : fc.option(fc.constantFrom({ kind: 'json' as const, text: '{"unexpected":1}' }, { kind: 'json' as const, text: '{' }), { freq: 6 });
  return fc.tuple(params, query, extraQuery, body, authorization(ctx)).map(([pathValues, queryValues, extra, b, auth]) => {
    let path = op.path;
    op.pathParams.forEach((name, i) => (path = path.replace(`{${name}}`, encodePathValue(pathValues[i]))));
    const search = new URLSearchParams();
    op.query.forEach((q, i) => {
      if (queryValues[i] !== null) search.append(q.name, wellFormed(queryValues[i] as string));
    });
    const qs = [search.toString(), extra ?? ''].filter(Boolean).join('&');
    const headers: Record<string, string> = { ...auth };
    const withBody = b && op.method !== 'GET' ? b : undefined; // fetch sends no body with GET
    if (withBody) headers['content-type'] = withBody.kind === 'form' ? 'application/x-www-form-urlencoded' : 'application/json';
    return { operation: `${op.method} ${op.path}`, method: op.method, url: path + (qs ? `?${qs}` : ''), headers, body: withBody?.text };
  });
}

/** Requests over all operations of the document, each operation equally likely. */
export function requestsFor(doc: OpenApiDocument, ctx: FuzzContext): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(...operationsOf(doc).map((op) => requestFor(doc, op, ctx)));
}

/** Strings in a request that look like resident ID numbers (18 characters, the last a digit or X). */
export function residentIdsIn(text: string | undefined): string[] {
  return [...new Set((text ?? '').match(/\d{17}[\dXx]/g) ?? [])];
}
