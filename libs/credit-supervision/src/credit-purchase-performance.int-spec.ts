import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  ContractSigned,
  ContractTerminated,
  MilestoneAccepted,
  type ContractSignedV1,
  type ContractTerminatedV1,
  type MilestoneAcceptedV1,
} from '@sop/contracts';
import { waitFor } from '@sop/testing';
import { creditOnMysqlAndKafka } from './test-support/credit-int.fixture';
import { publicProfileViolations } from './test-support/public-profile.validator';
import { CreditProfileQuery } from './infrastructure/public-register/credit-profile.query';
import { CreditPurchaseAcceptanceOrmEntity, CreditPurchaseTerminationOrmEntity } from './infrastructure/credit-facts.orm-entities';
import { CreditInformationOrmEntity } from './infrastructure/credit.orm-entities';

/**
 * Performance feeds back to credit (issue 11 item 5): service purchasing's milestone acceptances (passed / failed,
 * band, score) and terminations arrive over Kafka (events chained as purchasing's relay would, EventChain.detached())
 * on real MySQL/MariaDB, become "other" credit information with the 5-working-day capture deadline (§5) and show on
 * the public profile's governmentPurchases; redeliveries change nothing.
 */
describe('credit supervision consumes contract performance (MySQL + Kafka)', () => {
  const f = creditOnMysqlAndKafka('credit_perf', '2026-06-01T00:00:00.000Z');
  const { at, register, redeliver, entries } = f;
  const send = f.publish;
  let profiles: CreditProfileQuery;
  let ds: DataSource;
  beforeAll(() => {
    ({ profiles, ds } = f);
  });
  const info = (sourceEventId: string) => waitFor(() => ds.getRepository(CreditInformationOrmEntity).findOneBy({ sourceEventId }).then((r) => r ?? undefined), 30000, `information from ${sourceEventId}`);

  it('acceptances (passed and failed) and a termination become credit information with their capture deadline and show per contract on the public profile', async () => {
    at('2026-07-01T00:00:00.000Z');
    const uscc = await register('北京市海淀区辛社区服务中心');
    const contractId = randomUUID();
    const base = { contractId, supplierUscc: uscc };
    const signed = await send<ContractSignedV1>(
      ContractSigned,
      uscc,
      { ...base, purchaser: '北京市海淀区民政局', title: '社区助老服务', method: 'OPEN_TENDERING', valueFen: 30_000_000, termStart: '2026-07-01', termEnd: '2027-06-30', signedAt: '2026-06-30T02:00:00.000Z', ruleVersion: 'purchasing/110000@v1' },
      'service-purchasing',
    );
    await info(signed.id);

    at('2026-10-12T03:00:00.000Z');
    const acceptance = (over: Partial<MilestoneAcceptedV1>): MilestoneAcceptedV1 => ({
      ...base,
      acceptanceId: randomUUID(),
      sequence: 1,
      attempt: 1,
      passed: true,
      score: 88,
      band: 'GOOD',
      findings: ['服务记录完整'],
      acceptedAt: '2026-09-30T06:00:00.000Z',
      ruleVersion: 'purchasing/110000@v1',
      ...over,
    });
    // Accepted Wednesday 30 Sep 2026 (Beijing); 1, 2, 5–7 Oct are National Day holidays, Saturday 10 Oct a working
    // day: the 5th working day after is 13 Oct (8, 9, 10, 12, 13), until 24:00 Beijing time.
    const passed = await send<MilestoneAcceptedV1>(MilestoneAccepted, uscc, acceptance({}), 'service-purchasing');
    expect(await info(passed.id)).toMatchObject({
      category: 'OTHER',
      factType: 'GOVERNMENT_PURCHASE_MILESTONE_PASSED',
      occurredAt: new Date('2026-09-30T06:00:00.000Z'),
      summary: expect.stringContaining('GOOD, 88/100 (purchasing/110000@v1)'),
    });
    const passedInfo = await info(passed.id);
    at('2027-04-02T01:00:00.000Z');
    const failed = await send<MilestoneAcceptedV1>(
      MilestoneAccepted,
      uscc,
      acceptance({ sequence: 2, passed: false, score: 41, band: 'UNQUALIFIED', findings: ['服务人次未达约定，张三投诉'], acceptedAt: '2027-03-31T06:00:00.000Z' }),
      'service-purchasing',
    );
    expect(await info(failed.id)).toMatchObject({ factType: 'GOVERNMENT_PURCHASE_MILESTONE_FAILED', summary: expect.stringContaining('milestone 2') });
    // Wednesday 31 Mar 2027 (test calendar: no spring holiday invented) → 1, 2, 5, 6, 7 April.
    expect((await info(failed.id)).captureDeadline).toEqual(new Date('2027-04-07T16:00:00.000Z'));

    at('2027-04-10T01:00:00.000Z');
    const terminated = await send<ContractTerminatedV1>(
      ContractTerminated,
      uscc,
      { ...base, reasons: ['供应商严重违约：连续两个月未按约定提供服务'], terminatedAt: '2027-04-09T02:00:00.000Z', paidFen: 10_000_000, unpaidFen: 20_000_000 },
      'service-purchasing',
    );
    expect(await info(terminated.id)).toMatchObject({ factType: 'GOVERNMENT_PURCHASE_TERMINATED', summary: expect.stringContaining('1 reason(s); paid 100000.00 yuan, unpaid 200000.00 yuan') });

    // Redeliveries (the inbox) and a republication under a new event id (upsert on the publisher's ids) land once.
    await redeliver(MilestoneAccepted, failed);
    await redeliver(ContractTerminated, terminated);
    const republished = await send<MilestoneAcceptedV1>(MilestoneAccepted, uscc, failed.data, 'service-purchasing');
    // A contract with a supplier outside civil affairs (an enterprise, 91…) is not credit information of this service.
    const enterprise = '91110108MA01ABCD2X';
    const enterpriseSigned = await send<ContractSignedV1>(ContractSigned, uscc, { ...signed.data, contractId: randomUUID(), supplierUscc: enterprise, supplierEligibility: 'NOT_EVALUATED' }, 'service-purchasing');
    // A later event with the same key (same partition) shows the ones before it were consumed.
    const marker = await send<MilestoneAcceptedV1>(MilestoneAccepted, uscc, acceptance({ contractId: randomUUID(), acceptedAt: '2027-04-09T06:00:00.000Z' }), 'service-purchasing');
    await info(marker.id);
    expect(await ds.getRepository(CreditInformationOrmEntity).countBy({ sourceEventId: republished.id })).toBe(0);
    expect(await ds.getRepository(CreditInformationOrmEntity).countBy({ sourceEventId: enterpriseSigned.id })).toBe(0);
    expect(await ds.getRepository(CreditInformationOrmEntity).countBy({ uscc: enterprise })).toBe(0);
    expect(await ds.getRepository(CreditPurchaseAcceptanceOrmEntity).countBy({ contractId })).toBe(2);
    expect(await ds.getRepository(CreditPurchaseTerminationOrmEntity).countBy({ contractId })).toBe(1);
    expect(await ds.getRepository(CreditInformationOrmEntity).countBy({ sourceEventId: failed.id })).toBe(1);
    // Performance is credit information, not a list trigger (§5.1/§5.2).
    expect(await entries(uscc)).toEqual([]);

    const profile = await profiles.byUscc(uscc);
    expect(publicProfileViolations(profile)).toEqual([]);
    expect(profile.governmentPurchases).toHaveLength(1); // the marker's contract is unknown to credit: no purchase shown
    const [purchase] = profile.governmentPurchases;
    expect(purchase.acceptances).toEqual([
      { sequence: 1, attempt: 1, passed: true, score: 88, band: 'GOOD', acceptedAt: '2026-09-30T06:00:00.000Z', ruleVersion: 'purchasing/110000@v1' },
      { sequence: 2, attempt: 1, passed: false, score: 41, band: 'UNQUALIFIED', acceptedAt: '2027-03-31T06:00:00.000Z', ruleVersion: 'purchasing/110000@v1' },
    ]);
    expect(purchase.termination).toEqual({ terminatedAt: '2027-04-09T02:00:00.000Z', paidFen: 10_000_000, unpaidFen: 20_000_000, reasonCount: 1 });
    // Free text (findings with a name, termination reasons) stays out of the public profile.
    expect(JSON.stringify(profile)).not.toContain('张三');
    expect(JSON.stringify(profile)).not.toContain('连续两个月');
    expect(profile.information.filter((i) => i.factType.startsWith('GOVERNMENT_PURCHASE_')).map((i) => [i.factType, i.captureDueOn, i.capturedLate])).toEqual([
      ['GOVERNMENT_PURCHASE_UNDERTAKEN', '2026-07-07', false],
      ['GOVERNMENT_PURCHASE_MILESTONE_PASSED', '2026-10-13', false],
      ['GOVERNMENT_PURCHASE_MILESTONE_FAILED', '2027-04-07', false],
      ['GOVERNMENT_PURCHASE_TERMINATED', '2027-04-16', false],
      ['GOVERNMENT_PURCHASE_MILESTONE_PASSED', '2027-04-16', false],
    ]);
    expect(passedInfo.captureDeadline).toEqual(new Date('2026-10-13T16:00:00.000Z'));

    // As of before the failed acceptance and the termination: only the first acceptance, no termination.
    const before = await profiles.byUscc(uscc, new Date('2027-01-01T00:00:00.000Z'));
    expect(publicProfileViolations(before)).toEqual([]);
    expect(before.governmentPurchases[0]).toMatchObject({ acceptances: [expect.objectContaining({ sequence: 1, passed: true })], termination: null });
  });
});
