import type { ErrorCatalogueEntry } from '@sop/http';

/** docs/error-codes.md: the catalogue as a document, grouped by module (checked against the declarations by a test). */
export function renderCatalogue(entries: ErrorCatalogueEntry[]): string {
  const modules = [...new Set(entries.map((e) => e.code.split('.')[0]))];
  const lines = [
    '# Problem codes',
    '',
    'Every error response of the platform is RFC 9457 `application/problem+json` with a stable `code` (such as `REGISTRATION.NAME_TAKEN`);',
    'input errors also list each field and the rule it broke under `errors`. The HTTP status follows from the kind of',
    'error (one table at the edge, `libs/shared/http/src/problem.filter.ts`). This list is served at `GET /errors` (the',
    'embedded platform) and `GET /<service prefix>/errors`.',
    '',
    '_Generated from the declarations (`defineErrors`): `npm run error-catalogue` rewrites it; a test fails when it is stale._',
    '',
  ];
  for (const module of modules) {
    lines.push(`## ${module}`, '', '| code | status | kind | meaning |', '|---|---|---|---|');
    for (const e of entries.filter((x) => x.code.startsWith(`${module}.`))) lines.push(`| \`${e.code}\` | ${e.status} | ${e.kind} | ${e.meaning.replace(/\|/g, '\\|')} |`);
    lines.push('');
  }
  return lines.join('\n');
}
