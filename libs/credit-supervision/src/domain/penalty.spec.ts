import { CreditErrors } from './credit.errors';
import { penaltyTriggers, validatePenalty, type Penalty } from './penalty';
import { R, USCC } from '../test-support/list-fixtures';

describe('penalties → list triggers', () => {
  const p = (id: string, kind: Penalty['kind'], decidedAt: string, amountFen: number | null = null): Penalty => ({
    penaltyId: id,
    uscc: USCC,
    kind,
    amountFen,
    suspendedUntil: kind === 'SUSPENSION' ? '2027-01-01T00:00:00.000Z' : null,
    decidedAt,
    decidingBody: '北京市海淀区民政局',
    basis: '社团条例 Art. 30',
  });
  it('classifies by kind and the RMB 50,000 threshold (fen)', () => {
    expect(penaltyTriggers(p('a', 'FINE', '2026-01-01T00:00:00Z', 4_999_999), [], R, '110108').map((t) => t.reason)).toEqual(['WARNING_OR_SMALL_FINE']);
    expect(penaltyTriggers(p('a', 'FINE', '2026-01-01T00:00:00Z', 5_000_000), [], R, '110108').map((t) => t.reason)).toEqual(['LARGE_FINE']);
    expect(penaltyTriggers(p('a', 'SUSPENSION', '2026-01-01T00:00:00Z'), [], R, '110108').map((t) => t.reason)).toEqual(['SUSPENSION_PENALTY']);
    expect(penaltyTriggers(p('a', 'REVOCATION', '2026-01-01T00:00:00Z'), [], R, '110108').map((t) => t.reason)).toEqual(['REGISTRATION_REVOKED']);
  });
  it('two warnings or small fines within 3 years → serious list', () => {
    const first = p('a', 'WARNING', '2024-01-02T00:00:00Z');
    expect(penaltyTriggers(p('b', 'FINE', '2026-12-31T00:00:00Z', 100), [first], R, '110108').map((t) => t.reason)).toEqual(['WARNING_OR_SMALL_FINE', 'REPEATED_WARNINGS_OR_FINES']);
    expect(penaltyTriggers(p('b', 'FINE', '2027-01-03T00:00:00Z', 100), [first], R, '110108').map((t) => t.reason)).toEqual(['WARNING_OR_SMALL_FINE']);
  });
  it('"within 3 years" counts Beijing dates: up to the corresponding day, until 24:00 Beijing time', () => {
    // First warning on 2 January 2024 (Beijing, 10:00); 3 years run to 2 January 2027, 24:00 Beijing = 16:00 UTC.
    const first = p('a', 'WARNING', '2024-01-02T02:00:00Z');
    const reasons = (decidedAt: string) => penaltyTriggers(p('b', 'WARNING', decidedAt), [first], R, '110108').map((t) => t.reason);
    expect(reasons('2027-01-02T15:59:59.999Z')).toEqual(['WARNING_OR_SMALL_FINE', 'REPEATED_WARNINGS_OR_FINES']); // 23:59:59 on 2 Jan, Beijing
    expect(reasons('2027-01-02T16:00:00.000Z')).toEqual(['WARNING_OR_SMALL_FINE']); // 00:00 on 3 Jan, Beijing: outside
    // An earlier penalty at 01:00 Beijing on 2 January 2024 (still 1 January in UTC) is on 2 January too.
    const early = p('a', 'WARNING', '2024-01-01T17:00:00Z');
    expect(penaltyTriggers(p('b', 'WARNING', '2027-01-02T10:00:00Z'), [early], R, '110108').map((t) => t.reason)).toContain('REPEATED_WARNINGS_OR_FINES');
  });
  it('validates amounts and suspension ends (CREDIT.PENALTY_INVALID naming the field and the rule)', () => {
    const field = (name: string) => expect.objectContaining({ kind: 'INVALID', code: 'CREDIT.PENALTY_INVALID', violations: [expect.objectContaining({ field: name })] });
    expect(() => validatePenalty(p('a', 'FINE', '2026-01-01T00:00:00Z'))).toThrow(field('amountFen'));
    expect(() => validatePenalty({ ...p('a', 'SUSPENSION', '2026-01-01T00:00:00Z'), suspendedUntil: '2025-01-01T00:00:00Z' })).toThrow(field('suspendedUntil'));
    expect(() => validatePenalty({ ...p('a', 'WARNING', '2026-01-01T00:00:00Z'), amountFen: 100 })).toThrow(CreditErrors.PENALTY_INVALID);
  });
});
