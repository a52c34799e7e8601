import { civilDate } from '@sop/util';
import { MilestoneAcceptances } from './application/contract-performance/milestone-acceptance.use-case';
import { TerminateContract } from './application/contract-performance/terminate-contract.use-case';
import { SignContract } from './application/contracts/sign-contract.use-case';
import { PerformanceHistoryStore } from './application/procurements/performance-history.port';
import { SocialOrganizationShare } from './application/reports/social-organization-share.use-case';
import { PublishRuleSetVersion, RuleSetReads } from './application/rule-sets/publish-rule-set-version.use-case';
import { LOCAL_PRACTICE_PERFORMANCE_BAR } from './domain/procurement/performance-bar';
import { SAMPLE_BANDS } from './test-support/local-rule-set.fixture';
import { embeddedPurchasing } from './test-support/embedded-purchasing';

/**
 * Issue 11 item 5 in embedded mode (SQLite, in-process bus): migrations 490/495 run; the performance bar round-trips
 * in the rule-set table; the performance history reads failed final acceptances and terminations (the termination
 * event id from the outbox); the share report reads the year's contracts by signing instant.
 */
describe('service purchasing performance feedback on SQLite (embedded mode)', () => {
  const uscc = '52110108MJ0000018M';
  const h = embeddedPurchasing('feedback', { start: new Date('2026-05-01T02:00:00.000Z'), suppliers: [uscc] });
  const { clock, finance, purchaser } = h;
  const enterprise = '91110108MA01ABCD2X';
  beforeAll(() => h.setUp());
  afterAll(() => h.tearDown());

  it('bar round-trip, failures with their event ids, and the share report', async () => {
    await h.app.get(PublishRuleSetVersion).publish({ jurisdiction: '110108', effectiveFrom: civilDate('2026-05-02'), bands: SAMPLE_BANDS, source: 'test', note: null, performanceBar: LOCAL_PRACTICE_PERFORMANCE_BAR }, finance);
    expect((await h.app.get(RuleSetReads).list()).find((v) => v.jurisdiction === '110108')).toMatchObject({ performanceBar: { months: 12, afterTermination: true, unconfirmed: true } });
    expect((await h.app.get(RuleSetReads).list()).find((v) => v.jurisdiction === '100000')).toMatchObject({ performanceBar: null });

    const sign = (supplierUscc: string, valueFen: number, publicService?: boolean) =>
      h.app.get(SignContract).signContract({ supplierUscc, title: '社区养老服务', method: 'COMPETITIVE_CONSULTATION', valueFen, termStart: '2026-05-01', termEnd: '2026-12-31', signedAt: clock.now().toISOString(), publicService }, purchaser);
    const social = await sign(uscc, 30_000, true);
    const other = await sign(enterprise, 70_001, true);
    expect(other).toMatchObject({ supplierEligibility: 'NOT_EVALUATED', publicService: true });
    await sign(uscc, 10_000);
    clock.set(new Date('2026-06-01T02:00:00.000Z'));
    const failed = await h.app.get(MilestoneAcceptances).accept(social.id, 1, { passed: false, score: 40, findings: ['不合格'] }, purchaser);
    const terminated = await h.app.get(TerminateContract).terminate(social.id, ['供应商违约'], purchaser, 'SUPPLIER_BREACH');
    const failures = await h.app.get(PerformanceHistoryStore).failuresOf(null, uscc);
    expect(failures.map((f) => [f.kind, f.contractId, f.eventId, f.at])).toEqual([
      ['FAILED_FINAL_ACCEPTANCE', social.id, failed.eventId, '2026-06-01T02:00:00.000Z'],
      ['TERMINATION', social.id, terminated.eventId, '2026-06-01T02:00:00.000Z'],
    ]);

    const report = await h.app.get(SocialOrganizationShare).report('110000', 2026, finance);
    expect(report).toMatchObject({ contractCount: 2, totalFen: 100_001, socialOrganizationFen: 30_000, sharePercent: '29.99', targetMet: false });
    expect((await h.app.get(SocialOrganizationShare).report('110000', 2025, finance)).totalFen).toBe(0);
  });
});
