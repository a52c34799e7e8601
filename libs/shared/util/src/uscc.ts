/**
 * Unified Social Credit Code (统一社会信用代码), GB 32100-2015, with the GB 11714 organization-code check
 * at position 17. Rules: ../../../../shared/domain/regulations.md §9.
 *
 * Two layers, as the regulations advise: checksum validation (structure, alphabet, both check characters)
 * and a semantic layer (registration-department / organization-type pair from the code tables).
 */

/** 31-character alphabet: digits and upper-case letters without I, O, S, V, Z (§9.1). */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * The shape of a USCC (18 characters of the alphabet, a 6-digit division code at 3-8), for input and payload
 * validation. The check characters are verified by `validateUscc`.
 */
export const USCC_FORMAT = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
/** GB 11714 values letters over the full alphabet: A=10 … Z=35 (§9.2, "subtle point"). */
const ORG_CODE_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const USCC_WEIGHTS = Array.from({ length: 17 }, (_, i) => modPow(3, i, 31));
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** Registration-department code → allowed organization-type codes (GB 32100-2015 table, §9.1). */
const DEPARTMENT_TYPES: Record<string, string> = {
  '1': '1239',
  '2': '19',
  '3': '123459',
  '4': '19',
  '5': '1239',
  '6': '129',
  '7': '129',
  '8': '19',
  '9': '123',
  A: '19',
  N: '1239',
  Y: '1',
};

export type UsccCheck =
  | 'USCC.LENGTH'
  | 'USCC.ALPHABET'
  | 'USCC.DIVISION_CODE'
  | 'USCC.ORG_CODE_CHECK'
  | 'USCC.CHECK_CHARACTER'
  | 'USCC.DEPARTMENT_TYPE';

export interface UsccValidation {
  valid: boolean;
  /** Stable code of the first failed check, absent when valid. */
  failedCheck?: UsccCheck;
  /** Human-readable statement of the rule that failed. */
  rule?: string;
}

const RULES: Record<UsccCheck, string> = {
  'USCC.LENGTH': 'GB 32100-2015: a USCC has exactly 18 characters',
  'USCC.ALPHABET': 'GB 32100-2015: only digits and upper-case letters except I, O, S, V, Z',
  'USCC.DIVISION_CODE': 'GB 32100-2015: positions 3-8 are a 6-digit GB/T 2260 administrative-division code',
  'USCC.ORG_CODE_CHECK': 'GB 11714-1997: position 17 is the organization-code check character of positions 9-16',
  'USCC.CHECK_CHARACTER': 'GB 32100-2015: position 18 is the MOD 31 check character of positions 1-17',
  'USCC.DEPARTMENT_TYPE': 'GB 32100-2015: positions 1-2 must be a registration-department / organization-type pair from the code table',
};

export function uscCheckRule(check: UsccCheck): string {
  return RULES[check];
}

export function orgCodeCheckCharacter(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += ORG_CODE_ALPHABET.indexOf(body8[i]) * ORG_CODE_WEIGHTS[i];
  const r = 11 - (sum % 11);
  return r === 11 ? '0' : r === 10 ? 'X' : String(r);
}

export function usccCheckCharacter(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(body17[i]) * USCC_WEIGHTS[i];
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

/** Full validation: checksum layer first, then the department/type table. Input is taken as given (no trimming). */
export function validateUscc(code: string): UsccValidation {
  const fail = (failedCheck: UsccCheck): UsccValidation => ({ valid: false, failedCheck, rule: RULES[failedCheck] });
  if (typeof code !== 'string' || code.length !== 18) return fail('USCC.LENGTH');
  for (const c of code) if (!USCC_ALPHABET.includes(c)) return fail('USCC.ALPHABET');
  if (!/^\d{6}$/.test(code.slice(2, 8))) return fail('USCC.DIVISION_CODE');
  if (code[16] !== orgCodeCheckCharacter(code.slice(8, 16))) return fail('USCC.ORG_CODE_CHECK');
  if (code[17] !== usccCheckCharacter(code.slice(0, 17))) return fail('USCC.CHECK_CHARACTER');
  const types = DEPARTMENT_TYPES[code[0]];
  if (!types || !types.includes(code[1])) return fail('USCC.DEPARTMENT_TYPE');
  return { valid: true };
}

export function isValidUscc(code: string): boolean {
  return validateUscc(code).valid;
}

/** Civil-affairs organization-type codes (position 2 under department code 5). */
export const CIVIL_AFFAIRS_TYPE_CODE = {
  SOCIAL_GROUP: '1',
  SOCIAL_SERVICE_ORGANIZATION: '2',
  FOUNDATION: '3',
} as const;
export type CivilAffairsForm = keyof typeof CIVIL_AFFAIRS_TYPE_CODE;

/**
 * Builds a civil-affairs USCC from a per-division serial number.
 * Positions 9-16 are "MJ" + six base-31 digits of the serial (the form civil-affairs subject identifiers
 * take for new organizations, e.g. 52110108MJ0000018M), then both check characters.
 * The serial is unique per registering authority, so the code is unique (31^6 ≈ 887 million per division).
 */
export function buildCivilAffairsUscc(form: CivilAffairsForm, divisionCode: string, serial: number): string {
  if (!/^\d{6}$/.test(divisionCode)) throw new RangeError(`division code must be 6 digits, got ${divisionCode}`);
  if (!Number.isSafeInteger(serial) || serial < 0 || serial >= 31 ** 6) throw new RangeError(`serial out of range: ${serial}`);
  let digits = '';
  let n = serial;
  for (let i = 0; i < 6; i++) {
    digits = USCC_ALPHABET[n % 31] + digits;
    n = Math.floor(n / 31);
  }
  const body8 = `MJ${digits}`;
  const body17 = `5${CIVIL_AFFAIRS_TYPE_CODE[form]}${divisionCode}${body8}${orgCodeCheckCharacter(body8)}`;
  return body17 + usccCheckCharacter(body17);
}

function modPow(base: number, exp: number, mod: number): number {
  let r = 1;
  for (let i = 0; i < exp; i++) r = (r * base) % mod;
  return r;
}
