import { randomUUID } from 'node:crypto';
import { TransferAgreementTakenBack, type TransferAgreementTakenBackV1 } from '@sop/contracts';
import { waitFor } from '@sop/testing';
import { creditOnMysqlAndKafka } from './test-support/credit-int.fixture';
import { CreditInformationOrmEntity } from './infrastructure/credit.orm-entities';

/**
 * Transfer of government functions reaches credit (issue 12 item 5; regulations §8 item 4): a department's revocation
 * of a transfer agreement for cause, published by service purchasing, becomes "other" credit information about the
 * undertaking organization with its capture deadline; suspensions and revocations without cause do not; a
 * redelivery lands once.
 */
describe('credit supervision consumes take-backs of transferred functions (MySQL + Kafka)', () => {
  const f = creditOnMysqlAndKafka('credit_ft', '2026-03-02T00:00:00.000Z');
  const info = (sourceEventId: string) =>
    waitFor(() => f.ds.getRepository(CreditInformationOrmEntity).findOneBy({ sourceEventId }).then((r) => r ?? undefined), 30000, `information from ${sourceEventId}`);

  it('a revocation for cause is credit information (once); a suspension or a revocation without cause is not', async () => {
    f.at('2026-03-10T02:00:00.000Z');
    const uscc = await f.register('南锣鼓巷商会');
    const takeBack = (over: Partial<TransferAgreementTakenBackV1>): TransferAgreementTakenBackV1 => ({
      agreementId: randomUUID(),
      uscc,
      departmentUnitId: 'unit-dc-samr',
      action: 'REVOKED',
      forCause: true,
      reasons: ['初审意见多次与事实不符'],
      legalBasis: '委托协议第十二条',
      returnedCaseIds: [randomUUID()],
      takenBy: 'officer-dc-samr',
      takenAt: '2026-03-09T06:00:00.000Z',
      ...over,
    });
    const suspended = await f.publish(TransferAgreementTakenBack, uscc, takeBack({ action: 'SUSPENDED' }), 'service-purchasing');
    const policy = await f.publish(TransferAgreementTakenBack, uscc, takeBack({ forCause: false }), 'service-purchasing');
    const revoked = await f.publish(TransferAgreementTakenBack, uscc, takeBack({}), 'service-purchasing');
    // Monday 9 March (Beijing): 5 working days → Monday 16 March, until 24:00 Beijing time.
    expect(await info(revoked.id)).toMatchObject({
      uscc,
      category: 'OTHER',
      factType: 'TRANSFERRED_FUNCTION_REVOKED_FOR_CAUSE',
      occurredAt: new Date('2026-03-09T06:00:00.000Z'),
      captureDeadline: new Date('2026-03-16T16:00:00.000Z'),
      summary: expect.stringContaining('revoked for cause by unit-dc-samr: 初审意见多次与事实不符 (委托协议第十二条)'),
    });
    // Same key, same partition: the events before the marker were consumed.
    await f.redeliver(TransferAgreementTakenBack, revoked);
    const marker = await f.publish(TransferAgreementTakenBack, uscc, takeBack({}), 'service-purchasing');
    await info(marker.id);
    const repo = f.ds.getRepository(CreditInformationOrmEntity);
    expect(await repo.countBy({ sourceEventId: revoked.id })).toBe(1);
    expect(await repo.countBy({ sourceEventId: suspended.id })).toBe(0);
    expect(await repo.countBy({ sourceEventId: policy.id })).toBe(0);
    expect(await f.entries(uscc)).toEqual([]);
  });
});
