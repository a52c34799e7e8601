import { defineErrors } from '@sop/util';

/** Errors of the HTTP edge itself, before a service's use case runs. */
export const HttpErrors = defineErrors('HTTP', {
  BAD_REQUEST: { kind: 'INVALID', meaning: 'The request could not be read (malformed JSON, wrong content type...).' },
  NOT_FOUND: { kind: 'NOT_FOUND', meaning: 'No such route: check the path and the service prefix (/registration, /credit, /evaluation, /purchasing).' },
  METHOD_NOT_ALLOWED: { kind: 'INVALID', meaning: 'The route does not accept this method.' },
  PAYLOAD_TOO_LARGE: { kind: 'TOO_LARGE', meaning: 'The request body is larger than the service accepts (HTTP_BODY_LIMIT_BYTES, 1 MiB by default).' },
  TOO_DEEP: { kind: 'INVALID', meaning: 'The request body nests objects and arrays deeper than the service reads (HTTP_MAX_JSON_DEPTH, 32 by default).' },
  RATE_LIMITED: { kind: 'RATE_LIMITED', meaning: 'Too many requests; retry after the time in the Retry-After header.' },
  INTERNAL: { kind: 'INTERNAL', meaning: 'An unexpected fault of the service. It has been logged with the request id; the request may be retried.' },
});

/** Request validation (class-validator): every failed rule is listed under `errors` with its field. */
export const ValidationErrors = defineErrors('VALIDATION', {
  FAILED: { kind: 'INVALID', meaning: 'One or more fields break their rules; `errors` lists each field, rule and message.' },
});
