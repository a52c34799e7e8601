import { AuthErrors, type Principal } from '@sop/auth';
import { MovableClock, type CivilDate } from '@sop/util';
import type { NewCreditRuleSetVersionInput } from '../../domain/credit-rule-set-publishing';
import { CreditErrors } from '../../domain/credit.errors';
import { SUINING_V1, type LocalCreditRuleSetVersion } from '../../domain/credit-rules';
import { recordingUnitOfWork } from '../../test-support/in-memory-lists';
import { assertCreditRuleSetPublishable, CreditRuleSetUseCases } from './publish-credit-rule-set.use-case';
import { CreditRuleSetStore } from './rule-sets.ports';

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

describe('CreditRuleSetUseCases (publishing and reading versions)', () => {
  class MemoryStore extends CreditRuleSetStore {
    readonly rows: LocalCreditRuleSetVersion[] = [SUINING_V1];
    failNext = false;
    async localVersions(): Promise<LocalCreditRuleSetVersion[]> {
      return [...this.rows];
    }
    async insertVersion(_tx: unknown, v: LocalCreditRuleSetVersion): Promise<void> {
      if (this.failNext || this.rows.some((r) => r.jurisdiction === v.jurisdiction && r.version === v.version)) throw Object.assign(new Error('Duplicate entry'), { code: 'ER_DUP_ENTRY', errno: 1062 });
      this.rows.push(v);
    }
  }
  const officer: Principal = { subject: 'officer-sichuan', roles: ['credit-officer'], jurisdiction: '510000' };
  const input: NewCreditRuleSetVersionInput = { jurisdiction: '510900', effectiveFrom: '2026-07-01' as CivilDate, jointMeasures: { ABNORMAL: ['NO_PURCHASE_OF_SERVICES', 'NO_PURCHASE_OF_SERVICES'], SERIOUS: [] }, source: 'Suining v2' };
  const setup = () => {
    const store = new MemoryStore();
    const { uow } = recordingUnitOfWork();
    return { store, useCases: new CreditRuleSetUseCases(uow, store, new MovableClock(new Date('2026-06-01T00:00:00.000Z'))) };
  };

  it('numbers versions per jurisdiction, records the publisher, and lists the national default first', async () => {
    const { store, useCases } = setup();
    expect(await useCases.publish(input, officer)).toMatchObject({ ruleVersion: 'credit-lists/510900@v2', version: 2, publishedBy: 'officer-sichuan', jointMeasures: { ABNORMAL: ['NO_PURCHASE_OF_SERVICES'], SERIOUS: [] } });
    expect(await useCases.publish({ ...input, jurisdiction: '510100' }, officer)).toMatchObject({ ruleVersion: 'credit-lists/510100@v1' });
    expect(store.rows).toHaveLength(3);
    expect((await useCases.list()).map((v) => v.ruleVersion)).toEqual(['credit-lists/order-60@v1', 'credit-lists/510900@v1', 'credit-lists/510900@v2', 'credit-lists/510100@v1']);
  });

  it('a concurrent publication of the same number is CREDIT.RULE_SET_VERSION_CONFLICT; out of jurisdiction stores nothing', async () => {
    const { store, useCases } = setup();
    store.failNext = true;
    await expect(useCases.publish(input, officer)).rejects.toBeInstanceOf(CreditErrors.RULE_SET_VERSION_CONFLICT);
    await expect(useCases.publish({ ...input, jurisdiction: '440300' }, officer)).rejects.toBeInstanceOf(AuthErrors.OUT_OF_JURISDICTION);
    expect(store.rows).toEqual([SUINING_V1]);
  });
});
