/**
 * The platform's one error model. A refused request is a DomainError: a typed class per stable code
 * (`REGISTRATION.NAME_TAKEN`), a kind that says what went wrong from the caller's side, and, for input errors, the
 * field and the rule it broke. Domain and application code never speak HTTP: the edge (libs/shared/http) maps the
 * kind to a status in one table. Codes are declared once with `defineErrors`, which also feeds the catalogue that
 * clients read (`GET /errors`, docs/error-codes.md).
 */
export type ErrorKind =
  /** the input is malformed (400) */
  | 'INVALID'
  /** no or a bad credential (401) */
  | 'UNAUTHENTICATED'
  /** the caller may not do this, or not to this object (403) */
  | 'FORBIDDEN'
  /** no such object (404) */
  | 'NOT_FOUND'
  /** the object's current state does not allow it (409) */
  | 'CONFLICT'
  /** it existed and is gone for good (410) */
  | 'GONE'
  /** the request is too large (413) */
  | 'TOO_LARGE'
  /** well-formed, but a rule forbids it (422) */
  | 'REFUSED'
  /** too many requests (429) */
  | 'RATE_LIMITED'
  /** a fault of ours (500) */
  | 'INTERNAL'
  /** a dependency is down; try again later (503) */
  | 'UNAVAILABLE';

export interface FieldViolation {
  field: string;
  rule: string;
  message: string;
}

/** One catalogued code. */
export interface ErrorCodeDefinition {
  /** MODULE.REASON */
  readonly code: string;
  readonly kind: ErrorKind;
  /** What it means to the caller, and what to do about it. */
  readonly meaning: string;
}

export interface ErrorDetails {
  /** The input the error concerns (`proposedName`, `legalRepresentative.idNumber`). */
  field?: string;
  /** The rule it broke: a short id, cited in the rule set or the regulations. */
  rule?: string;
  /** Several input problems at once; `field`/`rule` add one more. */
  violations?: FieldViolation[];
  /** Extra facts for the caller (the rule version of a measure that barred the request...). */
  extensions?: Record<string, unknown>;
}

export class DomainError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly violations: FieldViolation[];
  readonly extensions: Record<string, unknown>;
  readonly field?: string;
  readonly rule?: string;

  constructor(
    readonly definition: ErrorCodeDefinition,
    message: string,
    details: ErrorDetails = {},
  ) {
    super(message);
    this.name = new.target.name;
    this.code = definition.code;
    this.kind = definition.kind;
    this.field = details.field;
    this.rule = details.rule;
    const own = details.field ? [{ field: details.field, rule: details.rule ?? definition.code, message }] : [];
    this.violations = [...own, ...(details.violations ?? [])];
    this.extensions = { ...(details.rule ? { rule: details.rule } : {}), ...(details.extensions ?? {}) };
  }
}

/** The class of one code: `new RegistrationErrors.NAME_TAKEN(message, { field, rule })`. */
export interface DomainErrorClass {
  new (message: string, details?: ErrorDetails): DomainError;
  readonly definition: ErrorCodeDefinition;
}

/** A module's codes, as declared. */
export type ErrorSet<K extends string = string> = { readonly [P in K]: DomainErrorClass } & { readonly [ERROR_SET_MODULE]: string };

export const ERROR_SET_MODULE = Symbol('error set module');

/** Every code declared in this process, for the check that the catalogue lists them all. */
const declared = new Map<string, ErrorCodeDefinition>();

/**
 * Declares a module's error codes, one class each:
 *   export const RegistrationErrors = defineErrors('REGISTRATION', {
 *     NAME_TAKEN: { kind: 'CONFLICT', meaning: 'Another organization already uses this name...' },
 *   });
 *   throw new RegistrationErrors.NAME_TAKEN(`"${name}" is taken`, { field: 'proposedName', rule: 'uniqueName' });
 */
export function defineErrors<K extends string>(module: string, codes: Record<K, { kind: ErrorKind; meaning: string }>): ErrorSet<K> {
  if (!/^[A-Z][A-Z_]*$/.test(module)) throw new Error(`error module must be UPPER_SNAKE, got ${module}`);
  const set: Record<string, DomainErrorClass> = {};
  for (const [reason, { kind, meaning }] of Object.entries(codes) as [K, { kind: ErrorKind; meaning: string }][]) {
    if (!/^[A-Z0-9][A-Z0-9_]*$/.test(reason)) throw new Error(`error reason must be UPPER_SNAKE, got ${reason}`);
    const definition: ErrorCodeDefinition = Object.freeze({ code: `${module}.${reason}`, kind, meaning });
    const existing = declared.get(definition.code);
    if (existing && (existing.kind !== kind || existing.meaning !== meaning)) throw new Error(`error code ${definition.code} declared twice`);
    declared.set(definition.code, definition);
    const errorClass = class extends DomainError {
      static readonly definition = definition;
      constructor(message: string, details?: ErrorDetails) {
        super(definition, message, details);
      }
    };
    Object.defineProperty(errorClass, 'name', { value: `${module}.${reason}` });
    set[reason] = errorClass;
  }
  return Object.assign(set, { [ERROR_SET_MODULE]: module }) as ErrorSet<K>;
}

/** The codes of a set, in declaration order. */
export function definitionsOf(set: ErrorSet): ErrorCodeDefinition[] {
  return Object.values(set as Record<string, DomainErrorClass>).map((c) => c.definition);
}

/** Every code declared so far in this process (all modules that were loaded). */
export function declaredErrorCodes(): ErrorCodeDefinition[] {
  return [...declared.values()];
}
