import {
  OrganizationChangeRevoked,
  PartyOrganizationOverdue,
  PartyOrganizationRecorded,
  type OrganizationChangeRevokedV1,
  type PartyOrganizationOverdueV1,
  type PartyOrganizationRecordedV1,
} from '@sop/contracts';
import { waitFor } from '@sop/testing';
import { creditOnMysqlAndKafka } from './test-support/credit-int.fixture';
import { CreditInformationOrmEntity } from './infrastructure/credit.orm-entities';

/**
 * Triggers derived from registration (issue 9): abnormal-list trigger 2 from the Party-organization deadline (dated
 * the day the default took effect, whenever detected) and its rectification by a record that meets the rule;
 * serious-list trigger 2 from a change registration revoked as fraudulent (MySQL + Kafka).
 */
describe('credit supervision derives Party-organization and fraudulent-change triggers (MySQL + Kafka)', () => {
  const f = creditOnMysqlAndKafka('credit_party', '2026-06-01T00:00:00.000Z');
  const { at, register, entries, outboxTypes, runTag } = f;
  const send = f.publish;
  const info = (sourceEventId: string) =>
    waitFor(() => f.ds.getRepository(CreditInformationOrmEntity).findOneBy({ sourceEventId }).then((r) => r ?? undefined), 30000, `information from ${sourceEventId}`);

  it('a missed Party-organization deadline lists from 00:00 Beijing of overdueOn, even when detected months later; a covering record is the rectification', async () => {
    at('2026-06-01T00:00:00.000Z');
    const uscc = await register('北京市海淀区党建社区服务中心');
    const overdue = await send<PartyOrganizationOverdueV1>(PartyOrganizationOverdue, uscc, {
      uscc,
      registeringAuthority: '110108',
      requiredCoverage: 'ANY',
      form: 'NONE',
      dueOn: '2026-03-03',
      overdueOn: '2026-03-04',
      detectedAt: '2026-06-01T00:00:00.000Z',
      ruleVersion: 'party-building/national@v1',
    });
    const [listed] = await waitFor(async () => ((await entries(uscc)).length ? entries(uscc) : undefined), 30000, 'abnormal entry');
    expect(listed).toMatchObject({
      list: 'ABNORMAL',
      reason: 'PARTY_ORGANIZATION_NOT_SET_UP',
      evidence: [overdue.id],
      listedAt: '2026-03-03T16:00:00.000Z',
      rectificationRequired: true,
      rectifiedAt: null,
    });
    expect(await info(overdue.id)).toMatchObject({ category: 'OTHER', factType: 'PARTY_ORGANIZATION_OVERDUE' });

    // Still not covered (a joint organization where 4 members require their own): nothing changes (same partition, so
    // it is consumed before the next record).
    await send<PartyOrganizationRecordedV1>(PartyOrganizationRecorded, uscc, {
      uscc,
      registeringAuthority: '110108',
      form: 'JOINT',
      fullPartyMembers: 4,
      requiredCoverage: 'OWN',
      covered: false,
      dueOn: '2026-03-03',
      source: 'CHANGE',
      effectiveAt: '2026-06-02T00:00:00.000Z',
      ruleVersion: 'party-building/national@v1',
    });

    at('2026-06-10T00:00:00.000Z');
    const own = await send<PartyOrganizationRecordedV1>(PartyOrganizationRecorded, uscc, {
      uscc,
      registeringAuthority: '110108',
      form: 'OWN',
      fullPartyMembers: 4,
      requiredCoverage: 'OWN',
      covered: true,
      source: 'CHANGE',
      effectiveAt: '2026-06-08T16:00:00.000Z',
      ruleVersion: 'party-building/national@v1',
    });
    const [rectified] = await waitFor(async () => {
      const e = await entries(uscc);
      return e[0]?.rectifiedAt ? e : undefined;
    }, 30000, 'rectification recorded');
    expect(rectified).toMatchObject({ status: 'ACTIVE', rectifiedAt: '2026-06-08T16:00:00.000Z', evidence: [overdue.id, own.id] });
    expect(await info(own.id)).toMatchObject({ category: 'BASIC', factType: 'PARTY_ORGANIZATION_SET_UP' });
    expect(await outboxTypes(uscc)).toEqual(['credit.list.entered', 'credit.joint-measures.changed', 'credit.list.rectification-recorded']);
  });

  it('a change revoked as fraudulent: serious list (trigger 2) from the revocation, the projection restored; a non-fraudulent revocation lists nothing', async () => {
    at('2026-07-01T00:00:00.000Z');
    const uscc = await register('北京市海淀区变更社区服务中心');
    const revoked = await send<OrganizationChangeRevokedV1>(OrganizationChangeRevoked, uscc, {
      uscc,
      registeringAuthority: '110108',
      changeSeq: 2,
      restored: [{ field: 'domicile', from: '北京市海淀区假地址', to: '北京市海淀区' }],
      fraudulent: true,
      reason: '提交虚假材料办理变更登记',
      legalBasis: '社团条例 Art. 29; 行政许可法 Art. 69',
      changeEffectiveAt: '2026-06-15T00:00:00.000Z',
      revokedAt: '2026-06-30T02:00:00.000Z',
    });
    const [serious] = await waitFor(async () => ((await entries(uscc)).length ? entries(uscc) : undefined), 30000, 'serious entry');
    expect(serious).toMatchObject({ list: 'SERIOUS', reason: 'FRAUDULENT_CHANGE_REVOKED', evidence: [revoked.id], listedAt: '2026-06-30T02:00:00.000Z', status: 'ACTIVE' });
    expect(await info(revoked.id)).toMatchObject({ category: 'PENALTY', factType: 'CHANGE_REGISTRATION_REVOKED' });
    expect(await f.profiles.byUscc(uscc)).toMatchObject({ domicile: '北京市海淀区' });

    const other = await register('北京市海淀区更正社区服务中心');
    const corrected = await send<OrganizationChangeRevokedV1>(OrganizationChangeRevoked, other, {
      uscc: other,
      registeringAuthority: '110108',
      changeSeq: 2,
      restored: [{ field: 'name', from: `北京市海淀区错名社区服务中心${runTag}`, to: `北京市海淀区更正社区服务中心${runTag}` }],
      fraudulent: false,
      reason: '登记机关工作失误',
      legalBasis: '行政许可法 Art. 69',
      changeEffectiveAt: '2026-06-15T00:00:00.000Z',
      revokedAt: '2026-06-30T02:00:00.000Z',
    });
    expect(await info(corrected.id)).toMatchObject({ category: 'BASIC', factType: 'CHANGE_REGISTRATION_REVOKED' });
    expect(await entries(other)).toEqual([]);
  });
});
