import { defineErrors } from './domain-error';

/** A malformed unified social credit code, named by the check it failed (GB 32100-2015, GB 11714-1997). */
export const UsccErrors = defineErrors('USCC', {
  LENGTH: { kind: 'INVALID', meaning: 'A USCC has exactly 18 characters (GB 32100-2015).' },
  ALPHABET: { kind: 'INVALID', meaning: 'A USCC uses digits and upper-case letters except I, O, S, V and Z (GB 32100-2015).' },
  DIVISION_CODE: { kind: 'INVALID', meaning: 'Positions 3-8 of a USCC are a 6-digit administrative-division code (GB/T 2260).' },
  ORG_CODE_CHECK: { kind: 'INVALID', meaning: 'Position 17 is the organization-code check character of positions 9-16 (GB 11714-1997); the code was mistyped.' },
  CHECK_CHARACTER: { kind: 'INVALID', meaning: 'Position 18 is the MOD 31 check character of positions 1-17 (GB 32100-2015); the code was mistyped.' },
  DEPARTMENT_TYPE: { kind: 'INVALID', meaning: 'Positions 1-2 must be a registration-department / organization-type pair from the GB 32100-2015 code table.' },
});
