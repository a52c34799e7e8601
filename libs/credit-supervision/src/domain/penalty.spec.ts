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
  it('validates amounts and suspension ends (CREDIT.PENALTY_INVALID naming the field and the rule)', () => {
    const field = (name: string) => expect.objectContaining({ kind: 'INVALID', code: 'CREDIT.PENALTY_INVALID', violations: [expect.objectContaining({ field: name })] });
    expect(() => validatePenalty(p('a', 'FINE', '2026-01-01T00:00:00Z'))).toThrow(field('amountFen'));
    expect(() => validatePenalty({ ...p('a', 'SUSPENSION', '2026-01-01T00:00:00Z'), suspendedUntil: '2025-01-01T00:00:00Z' })).toThrow(field('suspendedUntil'));
    expect(() => validatePenalty({ ...p('a', 'WARNING', '2026-01-01T00:00:00Z'), amountFen: 100 })).toThrow(CreditErrors.PENALTY_INVALID);
  });
});
