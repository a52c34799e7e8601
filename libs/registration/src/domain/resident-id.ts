import { parseCivilDate } from '@sop/util';

/**
 * Citizen identity numbers (公民身份号码), GB 11643-1999: 6-digit address code, 8-digit birth date,
 * 3-digit sequence, check character (ISO 7064 MOD 11-2: weights 2^(17-i) mod 11, value → "10X98765432").
 * Needed for founders and proposed leaders (社团条例 Art. 11; 民非条例 Art. 9; 基金会条例 Art. 9).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type ResidentIdCheck = 'FORMAT' | 'BIRTH_DATE' | 'CHECK_CHARACTER';

export function residentIdCheckCharacter(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** Upper-cases a trailing x; returns the first failed check, or null when valid. */
export function residentIdProblem(value: string): ResidentIdCheck | null {
  const id = normalizeResidentId(value);
  if (!/^\d{17}[\dX]$/.test(id)) return 'FORMAT';
  // The birth date is a calendar date (YYYYMMDD): a real day, from 1900.
  if (Number(id.slice(6, 10)) < 1900 || !parseCivilDate(`${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`)) return 'BIRTH_DATE';
  if (residentIdCheckCharacter(id.slice(0, 17)) !== id[17]) return 'CHECK_CHARACTER';
  return null;
}

export function normalizeResidentId(value: string): string {
  return typeof value === 'string' ? value.trim().toUpperCase() : '';
}

export const RESIDENT_ID_RULES: Record<ResidentIdCheck, string> = {
  FORMAT: 'GB 11643-1999: 18 characters, 17 digits then a digit or X',
  BIRTH_DATE: 'GB 11643-1999: positions 7-14 are a valid birth date (YYYYMMDD)',
  CHECK_CHARACTER: 'GB 11643-1999: position 18 is the ISO 7064 MOD 11-2 check character of positions 1-17',
};

/** 110105194912310021 → 110***********0021: first 3 and last 4 characters, the rest starred. */
export function maskResidentId(value: string): string {
  const id = normalizeResidentId(value);
  if (id.length < 8) return '*'.repeat(id.length);
  return id.slice(0, 3) + '*'.repeat(id.length - 7) + id.slice(-4);
}
