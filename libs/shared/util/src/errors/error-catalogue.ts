import { definitionsOf, type ErrorCodeDefinition, type ErrorSet } from './domain-error';

/**
 * The error codes a client of one service (or of the embedded platform) can receive: the service's own sets plus
 * the platform's (HTTP, AUTH, USCC...). Served at `GET /errors` and rendered to docs/error-codes.md.
 */
export class ErrorCatalogue {
  private readonly byCode = new Map<string, ErrorCodeDefinition>();

  constructor(sets: readonly ErrorSet[]) {
    for (const set of sets) for (const d of definitionsOf(set)) this.byCode.set(d.code, d);
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }

  get(code: string): ErrorCodeDefinition | undefined {
    return this.byCode.get(code);
  }

  /** Sorted by code. */
  entries(): ErrorCodeDefinition[] {
    return [...this.byCode.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }
}
