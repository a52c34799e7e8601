import { AuthErrors } from '@sop/auth';
import type { CivilDate } from '@sop/util';
import type { NewCreditRuleSetVersionInput } from '../../domain/credit-rule-set-publishing';
import { CreditErrors } from '../../domain/credit.errors';
import { assertCreditRuleSetPublishable } from './publish-credit-rule-set.use-case';

describe('publishing a local credit rule set', () => {
  const NOW = new Date('2026-06-01T00:00:00.000Z'); // 2026-06-01 08:00 Beijing
  const input: NewCreditRuleSetVersionInput = { jurisdiction: '510900', effectiveFrom: '2026-06-02' as CivilDate, jointMeasures: { ABNORMAL: ['NO_PURCHASE_OF_SERVICES'], SERIOUS: [] }, source: 'local rules' };

  it('a national or provincial credit officer covering the division publishes a future version', () => {
    expect(() => assertCreditRuleSetPublishable(input, '100000', NOW)).not.toThrow();
    expect(() => assertCreditRuleSetPublishable(input, '510000', NOW)).not.toThrow();
  });
  it('refuses the national jurisdiction, lower publishers, uncovered divisions, today, missing source, unknown measures', () => {
    expect(() => assertCreditRuleSetPublishable({ ...input, jurisdiction: '100000' }, '100000', NOW)).toThrow(CreditErrors.RULE_SET_JURISDICTION);
    expect(() => assertCreditRuleSetPublishable(input, '510900', NOW)).toThrow(CreditErrors.RULE_SET_PUBLISHER_LEVEL);
    expect(() => assertCreditRuleSetPublishable(input, '440000', NOW)).toThrow(AuthErrors.OUT_OF_JURISDICTION);
    expect(() => assertCreditRuleSetPublishable({ ...input, effectiveFrom: '2026-06-01' as CivilDate }, '100000', NOW)).toThrow(CreditErrors.RULE_SET_EFFECTIVE_DATE_NOT_FUTURE);
    expect(() => assertCreditRuleSetPublishable({ ...input, source: ' ' }, '100000', NOW)).toThrow(CreditErrors.RULE_SET_INVALID);
    expect(() => assertCreditRuleSetPublishable({ ...input, jointMeasures: { ABNORMAL: ['NO_SUCH' as never], SERIOUS: [] } }, '100000', NOW)).toThrow(CreditErrors.RULE_SET_INVALID);
  });
});
