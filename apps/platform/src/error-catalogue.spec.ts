import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { catalogueEntries } from '@sop/http';
import { declaredErrorCodes } from '@sop/util';
import { renderCatalogue } from './error-catalogue';
import { platformErrorCatalogue } from './platform-endpoints';
import { EMBEDDED_SERVICES } from './services';

/**
 * The error catalogue (GET /errors, docs/error-codes.md) lists every problem code a client can receive, and nothing
 * can throw a code it does not list: every declared code must be catalogued, and no production source may name a
 * MODULE.REASON code that is not. The document is generated: `npm run error-catalogue` rewrites it.
 */
const ROOT = join(__dirname, '..', '..', '..');
const DOC = join(ROOT, 'docs', 'error-codes.md');
const catalogue = platformErrorCatalogue(EMBEDDED_SERVICES);

function productionSources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'test-support' ? [] : productionSources(path);
    return /\.ts$/.test(name) && !/\.(spec|int-spec|e2e-spec)\.ts$|-conformance\.ts$/.test(name) ? [path] : [];
  });
}

describe('error catalogue', () => {
  const rendered = renderCatalogue(catalogueEntries(catalogue));

  it('is the document in the repository (run `npm run error-catalogue` after adding a code)', () => {
    if (process.env['UPDATE_ERROR_CATALOGUE'] === '1') writeFileSync(DOC, rendered);
    expect(readFileSync(DOC, 'utf8')).toBe(rendered);
  });

  it('lists every code declared anywhere in the platform', () => {
    const missing = declaredErrorCodes()
      .map((d) => d.code)
      .filter((code) => !code.startsWith('SAMPLE.') && !catalogue.has(code));
    expect(missing).toEqual([]);
  });

  it('lists every MODULE.REASON code that production code names, so no uncatalogued code can be thrown', () => {
    const named = new Map<string, string>();
    for (const file of [...productionSources(join(ROOT, 'libs')), ...productionSources(join(ROOT, 'apps'))]) {
      for (const [, code] of readFileSync(file, 'utf8').matchAll(/['"`]([A-Z][A-Z_]*\.[A-Z][A-Z0-9_]*)['"`]/g)) named.set(code, relative(ROOT, file));
    }
    const unlisted = [...named].filter(([code]) => !catalogue.has(code)).map(([code, file]) => `${code} in ${file}`);
    expect(unlisted).toEqual([]);
    expect(named.size).toBeGreaterThan(0);
  });

  it('gives each code a kind with a status and a meaning a client can act on', () => {
    for (const e of catalogueEntries(catalogue)) {
      expect(e.status).toBeGreaterThanOrEqual(400);
      expect(e.meaning.length).toBeGreaterThan(15);
    }
    expect(catalogue.entries().length).toBeGreaterThan(130);
  });
});
