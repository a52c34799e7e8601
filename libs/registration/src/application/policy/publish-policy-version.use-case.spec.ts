import type { RuleSetVersion } from '../../domain/registration-policy';
import { assertPublishable } from './publish-policy-version.use-case';

const now = new Date('2026-11-25T08:00:00Z');
const rules: RuleSetVersion['rules'] = [{ form: null, category: 'HEALTH', regime: 'DIRECT', source: 'Beijing notice 2026' }];

describe('publishing a registration policy version: who, when, what', () => {
  const input = { jurisdiction: '110000', effectiveFrom: new Date('2027-01-01T00:00:00Z'), rules, note: null };
  it('admits national and covering provincial registrars with a future date', () => {
    expect(() => assertPublishable(input, '100000', now)).not.toThrow();
    expect(() => assertPublishable(input, '110000', now)).not.toThrow();
    expect(() => assertPublishable({ ...input, jurisdiction: '110108' }, '110000', now)).not.toThrow();
  });
  it('refuses other levels, other provinces, past dates and rules without sources', () => {
    expect(() => assertPublishable(input, '110108', now)).toThrow(expect.objectContaining({ kind: 'FORBIDDEN', code: 'REGISTRATION.POLICY_PUBLISHER_LEVEL' }) as unknown as Error);
    expect(() => assertPublishable(input, '440000', now)).toThrow(expect.objectContaining({ kind: 'FORBIDDEN', code: 'AUTH.OUT_OF_JURISDICTION' }) as unknown as Error);
    expect(() => assertPublishable({ ...input, effectiveFrom: now }, '100000', now)).toThrow(expect.objectContaining({ code: 'REGISTRATION.POLICY_EFFECTIVE_DATE_NOT_FUTURE' }) as unknown as Error);
    expect(() => assertPublishable({ ...input, rules: [{ ...input.rules[0], source: ' ' }] }, '100000', now)).toThrow(expect.objectContaining({ code: 'REGISTRATION.POLICY_RULE_SOURCE' }) as unknown as Error);
    expect(() => assertPublishable({ ...input, rules: [input.rules[0], input.rules[0]] }, '100000', now)).toThrow(expect.objectContaining({ code: 'REGISTRATION.POLICY_RULE_DUPLICATE' }) as unknown as Error);
  });
  it('checks the division code first, and who publishes before what is published', () => {
    expect(() => assertPublishable({ ...input, jurisdiction: '11000' }, '110108', now)).toThrow(
      expect.objectContaining({ kind: 'INVALID', code: 'REGISTRATION.POLICY_JURISDICTION', violations: [expect.objectContaining({ field: 'jurisdiction', rule: 'divisionCode' })] }) as unknown as Error,
    );
    expect(() => assertPublishable({ ...input, effectiveFrom: now }, '440000', now)).toThrow(expect.objectContaining({ code: 'AUTH.OUT_OF_JURISDICTION' }) as unknown as Error);
  });
});
