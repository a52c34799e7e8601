/**
 * Administrative-division codes (GB/T 2260) and jurisdiction scoping.
 * A jurisdiction claim is a 6-digit division code; it covers every division that shares its significant
 * prefix: 100000 (national, MCA) covers all; 110000 (a province) covers 11xxxx; 110100 (a city) covers 1101xx;
 * 110108 (a district) covers only itself.
 */
export const NATIONAL_DIVISION = '100000';

export function isDivisionCode(value: unknown): value is string {
  return typeof value === 'string' && /^\d{6}$/.test(value) && value !== '000000';
}

/** The significant prefix of a division code: trailing "00" pairs removed (at most two). */
export function divisionPrefix(code: string): string {
  if (code === NATIONAL_DIVISION) return '';
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

export type DivisionLevel = 'NATIONAL' | 'PROVINCIAL' | 'MUNICIPAL' | 'COUNTY';

export function divisionLevel(code: string): DivisionLevel {
  if (code === NATIONAL_DIVISION) return 'NATIONAL';
  if (code.endsWith('0000')) return 'PROVINCIAL';
  if (code.endsWith('00')) return 'MUNICIPAL';
  return 'COUNTY';
}

/** Does an officer holding `jurisdiction` act on objects registered under `division`? */
export function jurisdictionCovers(jurisdiction: string, division: string): boolean {
  if (!isDivisionCode(jurisdiction) || !isDivisionCode(division)) return false;
  return division.startsWith(divisionPrefix(jurisdiction));
}
