import type { Principal } from '@sop/auth';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  CalendarYearPublished,
  type CalendarYearPublishedV1,
  AnnualReportOverdue,
  AnnualReportReviewed,
  AnnualReportSubmitted,
  ContractPerformanceAssessed,
  ContractSigned,
  GradeAdjusted,
  GradeAwarded,
  GradeExpired,
  OrganizationChanged,
  OrganizationDeregistered,
  OrganizationRevoked,
  SupervisionConvertedToGuidance,
  type AnnualReportOverdueV1,
  type AnnualReportReviewedV1,
  type AnnualReportSubmittedV1,
  type ContractPerformanceAssessedV1,
  type ContractSignedV1,
  type GradeAdjustedV1,
  type GradeAwardedV1,
  type GradeExpiredV1,
  type OrganizationChangedV1,
  type OrganizationDeregisteredV1,
  type OrganizationRevokedV1,
  type SupervisionConvertedToGuidanceV1,
} from '@sop/contracts';
import { OfficialCalendars, OutboxMessageOrmEntity } from '@sop/messaging';
import { civilDate, CN_OFFICIAL_CALENDAR } from '@sop/util';
import { waitFor } from '@sop/testing';
import { creditOnMysqlAndKafka } from './test-support/credit-int.fixture';
import { publicProfileViolations } from './test-support/public-profile.validator';
import { CreditProfileQuery } from './infrastructure/public-register/credit-profile.query';
import { CreditListEventOrmEntity } from './infrastructure/credit-lists.orm-entities';
import { CreditInformationOrmEntity } from './infrastructure/credit.orm-entities';
import { CreditTimerScheduler } from './application/schedulers/credit-timer.scheduler';

/**
 * Other services' events (envelopes built with the contracts, as their outbox relays publish them) arrive over
 * Kafka on real MySQL/MariaDB. Registration: annual report submitted / reviewed, change, revocation,
 * deregistration and supervision converted to guidance become credit information and list decisions.
 * Evaluation and service purchasing: grades and government purchases become credit information and appear on
 * the public profile.
 */
describe('credit supervision consumes registration, evaluation and purchasing facts (MySQL + Kafka)', () => {
  const f = creditOnMysqlAndKafka('credit_reg', '2026-06-01T00:00:00.000Z');
  const { clock, runTag, at, register, redeliver, entries, outboxTypes } = f;
  const send = f.publish;
  const officer: Principal = { subject: 'officer-haidian', roles: ['credit-officer'], jurisdiction: '110108' };
  let scheduler: CreditTimerScheduler;
  let profiles: CreditProfileQuery;
  let ds: DataSource;
  beforeAll(() => {
    ({ scheduler, profiles, ds } = f);
  });

  const info = (sourceEventId: string) => waitFor(() => ds.getRepository(CreditInformationOrmEntity).findOneBy({ sourceEventId }).then((r) => r ?? undefined), 30000, `information from ${sourceEventId}`);
  async function snapshot(uscc: string) {
    const [outbox, log, information, list] = await Promise.all([
      ds.getRepository(OutboxMessageOrmEntity).count({ where: { messageKey: uscc } }),
      ds.getRepository(CreditListEventOrmEntity).count({ where: { uscc } }),
      ds.getRepository(CreditInformationOrmEntity).count({ where: { uscc } }),
      entries(uscc),
    ]);
    return { outbox, log, information, list };
  }
  it('overdue → abnormal → report submitted → rectification recorded → no 6-month removal, removal on application; a duplicate delivery changes nothing', async () => {
    at('2026-06-01T00:00:00.000Z');
    const uscc = await register('北京市海淀区己社区服务中心');
    const overdue = await send<AnnualReportOverdueV1>(AnnualReportOverdue, uscc, {
      uscc,
      registeringAuthority: '110108',
      reportYear: 2025,
      dueDate: '2026-05-31',
      detectedAt: '2026-06-01T00:00:00.000Z',
      ruleVersion: 'annual-report/national@v1',
    });
    const [listed] = await waitFor(async () => ((await entries(uscc)).length ? entries(uscc) : undefined), 30000, 'abnormal entry');
    expect(listed).toMatchObject({ list: 'ABNORMAL', reason: 'ANNUAL_REPORT_OVERDUE', evidence: [overdue.id], rectificationRequired: true, rectifiedAt: null });

    at('2026-06-10T00:00:00.000Z');
    const submitted = await send<AnnualReportSubmittedV1>(AnnualReportSubmitted, uscc, {
      uscc,
      registeringAuthority: '110108',
      reportYear: 2025,
      dueDate: '2026-05-31',
      submittedAt: '2026-06-09T08:00:00.000Z',
      late: true,
      ruleVersion: 'annual-report/national@v1',
    });
    const [rectified] = await waitFor(async () => {
      const e = await entries(uscc);
      return e[0]?.rectifiedAt ? e : undefined;
    }, 30000, 'rectification recorded');
    expect(rectified).toMatchObject({ status: 'ACTIVE', rectifiedAt: '2026-06-09T08:00:00.000Z', evidence: [overdue.id, submitted.id] });
    // Submitted Tuesday 9 June 2026 (16:00 Beijing): Wed 10 … Tue 16 June, until 24:00 Beijing (updated for civil time, was 23:59:59.999 UTC).
    expect(await info(submitted.id)).toMatchObject({ category: 'ANNUAL_REPORT', factType: 'ANNUAL_REPORT_SUBMITTED', captureDeadline: new Date('2026-06-16T16:00:00.000Z') });
    const logged = await ds.getRepository(CreditListEventOrmEntity).find({ where: { uscc }, order: { id: 'ASC' } });
    expect(logged.map((l) => [l.kind, l.ruleVersion])).toEqual([
      ['ENTERED', 'credit-lists/order-60@v1'],
      ['RECTIFIED', 'credit-lists/order-60@v1'],
    ]);

    // Redelivery of the same envelope, then a review (same topic and key: consumed after it) — nothing changes but the review's information.
    const before = await snapshot(uscc);
    await redeliver(AnnualReportSubmitted, submitted);
    const review = await send<AnnualReportReviewedV1>(AnnualReportReviewed, uscc, {
      uscc,
      registeringAuthority: '110108',
      reportYear: 2025,
      outcome: 'FAIL',
      reviewedAt: '2026-06-10T00:00:00.000Z',
      ruleVersion: 'annual-report/national@v1',
    });
    expect(await info(review.id)).toMatchObject({ category: 'INSPECTION', factType: 'ANNUAL_REPORT_REVIEW_FAILED' });
    expect(await snapshot(uscc)).toEqual({ ...before, information: before.information + 1 });

    // Updated (correction 3): the report was owed, so there is no automatic removal 6 months after the listing (it
    // used to leave on 1 December 2026); the organization applies and the authority removes it after verifying.
    at('2026-12-02T00:00:00.000Z');
    await scheduler.runDueTimers(clock.now());
    expect((await entries(uscc))[0]).toMatchObject({ status: 'ACTIVE' });
    await f.listEntries.verifyRectification(listed.entryId, { evidence: ['application'], removalAppliedAt: '2026-12-01T02:00:00.000Z' }, officer);
    // Verified Wednesday 2 December (Beijing): Thu 3 … Wed 9 December.
    expect((await entries(uscc))[0]).toMatchObject({ status: 'EXITED', exitReason: 'RECTIFIED', exitedAt: '2026-12-02T00:00:00.000Z', removalDueOn: '2026-12-09', removalDeadline: '2026-12-09T16:00:00.000Z' });
    expect(await outboxTypes(uscc)).toEqual([
      'credit.list.entered',
      'credit.joint-measures.changed',
      'credit.list.rectification-recorded',
      'credit.list.exited',
      'credit.joint-measures.changed',
    ]);
    const profile = await profiles.byUscc(uscc);
    expect(profile.information.map((i) => i.factType)).toEqual(['REGISTERED', 'ANNUAL_REPORT_OVERDUE', 'ANNUAL_REPORT_SUBMITTED', 'ANNUAL_REPORT_REVIEW_FAILED']);
    expect(profile.information[2]).toMatchObject({ captureDeadline: '2026-06-16T16:00:00.000Z', captureDueOn: '2026-06-16' });
    expect(profile.lists.abnormalActivity[0]).toMatchObject({ exitReason: 'RECTIFIED', removalDueOn: '2026-12-09', removedLate: false });
  });

  it('change → the projection follows; revoked → serious list (trigger 7) once; deregistered → removed, status DEREGISTERED', async () => {
    at('2027-01-04T00:00:00.000Z');
    const uscc = await register('北京市海淀区庚社区服务中心');
    const newName = `北京市海淀区辛社区服务中心${runTag}`;
    const changed = await send<OrganizationChangedV1>(OrganizationChanged, uscc, {
      uscc,
      registeringAuthority: '110108',
      changes: [
        { field: 'name', from: `北京市海淀区庚社区服务中心${runTag}`, to: newName },
        { field: 'domicile', from: '北京市海淀区', to: '北京市海淀区中关村' },
      ],
      effectiveAt: '2027-01-03T00:00:00.000Z',
    });
    await info(changed.id);
    expect(await profiles.byUscc(uscc)).toMatchObject({ name: newName, domicile: '北京市海淀区中关村', nameEffectiveFrom: '2027-01-03T00:00:00.000Z' });
    expect((await profiles.search(newName, 10)).items.map((i) => i.uscc)).toEqual([uscc]);

    at('2027-02-01T00:00:00.000Z');
    const revoked = await send<OrganizationRevokedV1>(OrganizationRevoked, uscc, {
      uscc,
      registeringAuthority: '110108',
      reason: '连续两年未参加年度检查',
      legalBasis: '民办非企业单位登记管理暂行条例 第二十五条',
      revokedAt: '2027-01-29T00:00:00.000Z',
    });
    const [serious] = await waitFor(async () => ((await entries(uscc)).length ? entries(uscc) : undefined), 30000, 'serious entry');
    expect(serious).toMatchObject({ list: 'SERIOUS', reason: 'REGISTRATION_REVOKED', evidence: [revoked.id], listedAt: '2027-01-29T00:00:00.000Z', status: 'ACTIVE', ruleVersion: 'credit-lists/order-60@v1' });
    expect(await info(revoked.id)).toMatchObject({ category: 'PENALTY', factType: 'REGISTRATION_REVOKED' });
    expect((await profiles.byUscc(uscc)).registrationStatus).toBe('REVOKED');

    // A duplicate delivery and a second revocation fact (another event id): already listed for it → nothing changes.
    const before = await snapshot(uscc);
    await redeliver(OrganizationRevoked, revoked);
    const again = await send<OrganizationRevokedV1>(OrganizationRevoked, uscc, { ...revoked.data, revokedAt: '2027-01-30T00:00:00.000Z' });
    const converted = await send<SupervisionConvertedToGuidanceV1>(SupervisionConvertedToGuidance, uscc, {
      uscc,
      registeringAuthority: '110108',
      unitId: 'unit-1',
      unitName: '北京市海淀区民政局',
      policyVersion: 'registration-regime/110108@v2',
      fromPolicyVersion: 'registration-regime/110108@v1',
      effectiveFrom: '2027-02-01T00:00:00.000Z',
      convertedAt: '2027-02-01T00:00:00.000Z',
    });
    expect(await info(converted.id)).toMatchObject({ category: 'OTHER', factType: 'SUPERVISION_CONVERTED_TO_GUIDANCE' });
    expect(await snapshot(uscc)).toEqual({ ...before, information: before.information + 2 });
    expect(await info(again.id)).toMatchObject({ factType: 'REGISTRATION_REVOKED' });

    at('2027-06-01T00:00:00.000Z');
    const deregistered = await send<OrganizationDeregisteredV1>(OrganizationDeregistered, uscc, {
      uscc,
      registeringAuthority: '110108',
      reason: '清算完毕',
      liquidationCompletedOn: '2027-05-20',
      filedLate: false,
      deregisteredAt: '2027-05-28T00:00:00.000Z',
    });
    const [removed] = await waitFor(async () => {
      const e = await entries(uscc);
      return e[0]?.status === 'EXITED' ? e : undefined;
    }, 30000, 'removed on deregistration');
    expect(removed).toMatchObject({ exitReason: 'DEREGISTERED_AFTER_REVOCATION', exitedAt: '2027-05-28T00:00:00.000Z' });
    await info(deregistered.id);
    const profile = await profiles.byUscc(uscc);
    expect(profile).toMatchObject({ registrationStatus: 'DEREGISTERED', onSeriousList: false, jointMeasures: [] });
    expect(await outboxTypes(uscc)).toEqual(['credit.list.entered', 'credit.joint-measures.changed', 'credit.list.exited', 'credit.joint-measures.changed']);
  });

  it('grades (awarded, lowered, re-evaluated) and government purchases (signed, assessed) become credit information and show on the public profile, asOf included', async () => {
    at('2026-06-20T00:00:00.000Z');
    const uscc = await register('北京市海淀区庚社区服务中心');
    const gradeId = randomUUID();
    const awarded = await send<GradeAwardedV1>(
      GradeAwarded,
      uscc,
      { gradeId, uscc, grade: '4A', score: 921, evaluatingAuthority: '110108', announcedAt: '2026-06-18T02:00:00.000Z', validFrom: '2027-01-01', validUntil: '2031-12-31', ruleVersion: 'evaluation/measures-2026@v1' },
      'evaluation',
    );
    // Announced Thursday 18 June 2026; 19 June is the Dragon Boat Festival holiday, so the 5th working day is 26 June
    // (until 24:00 Beijing; updated for civil time, was 23:59:59.999 UTC).
    expect(await info(awarded.id)).toMatchObject({ category: 'OTHER', factType: 'EVALUATION_GRADE_AWARDED', captureDeadline: new Date('2026-06-26T16:00:00.000Z') });
    // Announced in 2026, valid from 1 January 2027 (2026 measures).
    expect((await profiles.byUscc(uscc)).grades).toEqual([expect.objectContaining({ gradeId, grade: '4A', status: 'ANNOUNCED', validFrom: '2027-01-01' })]);

    const contractId = randomUUID();
    const signed = await send<ContractSignedV1>(
      ContractSigned,
      uscc,
      {
        contractId,
        supplierUscc: uscc,
        purchaser: '北京市海淀区民政局',
        title: '社区养老服务项目',
        method: 'COMPETITIVE_CONSULTATION',
        valueFen: 48_000_000,
        termStart: '2026-07-01',
        termEnd: '2027-06-30',
        signedAt: '2026-06-19T06:00:00.000Z',
        ruleVersion: 'purchasing/order-102@v1',
      },
      'service-purchasing',
    );
    expect(await info(signed.id)).toMatchObject({ factType: 'GOVERNMENT_PURCHASE_UNDERTAKEN', summary: expect.stringContaining('480000.00 yuan') });

    at('2027-07-10T00:00:00.000Z');
    const assessed = await send<ContractPerformanceAssessedV1>(
      ContractPerformanceAssessed,
      uscc,
      { assessmentId: randomUUID(), contractId, supplierUscc: uscc, purchaser: '北京市海淀区民政局', outcome: 'UNQUALIFIED', score: 52, breach: true, summary: '服务人次未达合同约定', assessedAt: '2027-07-08T00:00:00.000Z', ruleVersion: 'purchasing/order-102@v1' },
      'service-purchasing',
    );
    expect(await info(assessed.id)).toMatchObject({ factType: 'GOVERNMENT_PURCHASE_BREACH' });
    // A breach is credit information, not a list trigger (regulations §5.1/§5.2 list no such trigger).
    expect(await entries(uscc)).toEqual([]);

    at('2028-03-05T00:00:00.000Z');
    const lowered = await send<GradeAdjustedV1>(
      GradeAdjusted,
      uscc,
      { gradeId, uscc, previousGrade: '4A', newGrade: '2A', reason: 'ADMINISTRATIVE_PENALTY', explanation: '2027年度受到行政处罚', effectiveAt: '2028-03-01T00:00:00.000Z', evidence: [], ruleVersion: 'evaluation/measures-2026@v1' },
      'evaluation',
    );
    await info(lowered.id);
    const replacement = randomUUID();
    const reEvaluated = await send<GradeAwardedV1>(
      GradeAwarded,
      uscc,
      { gradeId: replacement, uscc, grade: '3A', score: 870, evaluatingAuthority: '110108', announcedAt: '2028-03-04T02:00:00.000Z', validFrom: '2029-01-01', validUntil: '2033-12-31', replacesGradeId: gradeId, ruleVersion: 'evaluation/measures-2026@v1' },
      'evaluation',
    );
    await info(reEvaluated.id);
    // A duplicate delivery of an award changes nothing (the inbox drops it); a later event on the same partition
    // (same key) shows the duplicate was consumed before it.
    await redeliver(GradeAwarded, reEvaluated);
    const later = await send<ContractSignedV1>(
      ContractSigned,
      uscc,
      { ...signed.data, contractId: randomUUID(), title: '社区助餐服务项目', termStart: '2028-04-01', termEnd: '2029-03-31', signedAt: '2028-03-04T06:00:00.000Z' },
      'service-purchasing',
    );
    await info(later.id);

    const now = await profiles.byUscc(uscc);
    expect(now.grades.map((g) => [g.gradeId, g.grade, g.status])).toEqual([
      [replacement, '3A', 'ANNOUNCED'],
      [gradeId, '2A', 'IN_FORCE'],
    ]);
    expect(now.grades[1].adjustments).toEqual([expect.objectContaining({ previousGrade: '4A', newGrade: '2A', reason: 'ADMINISTRATIVE_PENALTY' })]);
    expect(now.governmentPurchases).toEqual([
      expect.objectContaining({ contractId, valueFen: 48_000_000, assessments: [expect.objectContaining({ outcome: 'UNQUALIFIED', score: 52, breach: true })] }),
      expect.objectContaining({ contractId: later.data.contractId, assessments: [] }),
    ]);
    expect(JSON.stringify(now)).not.toContain('服务人次未达合同约定'); // the purchaser's free text stays out of the public profile

    expect(publicProfileViolations(now)).toEqual([]);
    const asOf2027 = await profiles.byUscc(uscc, new Date('2027-02-01T00:00:00.000Z'));
    expect(publicProfileViolations(asOf2027)).toEqual([]);
    expect(asOf2027.grades.map((g) => [g.grade, g.status])).toEqual([['4A', 'IN_FORCE']]);
    expect(asOf2027.governmentPurchases.map((p) => p.assessments)).toEqual([[]]);
    const asOf2029 = await profiles.byUscc(uscc, new Date('2029-01-01T00:00:00.000Z'));
    expect(asOf2029.grades.map((g) => [g.grade, g.status])).toEqual([
      ['3A', 'IN_FORCE'],
      ['2A', 'SUPERSEDED'],
    ]);
    // The lowered grade's validity would have ended on 31 Dec 2031; evaluation reports the expiry of the replacement.
    at('2034-01-02T00:00:00.000Z');
    const expired = await send<GradeExpiredV1>(
      GradeExpired,
      uscc,
      { gradeId: replacement, uscc, grade: '3A', validUntil: '2033-12-31', expiredAt: '2034-01-01T00:00:00.000Z', ruleVersion: 'evaluation/measures-2026@v1' },
      'evaluation',
    );
    expect(await info(expired.id)).toMatchObject({ factType: 'EVALUATION_GRADE_EXPIRED', occurredAt: new Date('2034-01-01T00:00:00.000Z') });
    expect((await profiles.byUscc(uscc, new Date('2034-01-01T00:00:00.000Z'))).grades.map((g) => g.status)).toEqual(['EXPIRED', 'SUPERSEDED']);

    const infoRows = await ds.getRepository(CreditInformationOrmEntity).find({ where: { uscc } });
    expect(infoRows.map((r) => r.factType).sort()).toEqual(
      ['EVALUATION_GRADE_AWARDED', 'EVALUATION_GRADE_AWARDED', 'EVALUATION_GRADE_EXPIRED', 'EVALUATION_GRADE_LOWERED', 'GOVERNMENT_PURCHASE_BREACH', 'GOVERNMENT_PURCHASE_UNDERTAKEN', 'GOVERNMENT_PURCHASE_UNDERTAKEN', 'REGISTERED'],
    );
  });

  it('a published year of the official calendar extends the service’s copy; a redelivery or an older version changes nothing', async () => {
    const calendars = f.app.get(OfficialCalendars, { strict: false });
    // The shared broker keeps earlier runs' years: this run's versions are above theirs.
    const version = Math.floor(Date.now() / 1000);
    const year = { calendarId: CN_OFFICIAL_CALENDAR.id, year: 2041, source: 'TEST DATA (invented)', holidays: ['2041-01-01', '2041-10-01'], workingWeekends: ['2041-10-12'], publishedAt: clock.now().toISOString() };
    const published = await send<CalendarYearPublishedV1>(CalendarYearPublished, CN_OFFICIAL_CALENDAR.id, { ...year, version });
    await waitFor(() => (calendars.publishedYears().some((y) => y.year === 2041 && y.version === version) ? true : undefined), 30000, '2041 recorded');
    expect(calendars.current().calendarVersion).toBe(`cn-official-holidays@v${version}`);
    expect(calendars.current().isWorkingDay(civilDate('2041-10-12'))).toBe(true); // a make-up Saturday
    await redeliver(CalendarYearPublished, published);
    await send<CalendarYearPublishedV1>(CalendarYearPublished, CN_OFFICIAL_CALENDAR.id, { ...year, version: version - 1, holidays: [] });
    await send<CalendarYearPublishedV1>(CalendarYearPublished, CN_OFFICIAL_CALENDAR.id, { ...year, year: 2042, holidays: ['2042-01-01'], workingWeekends: [], version: version + 1 });
    await waitFor(() => (calendars.publishedYears().some((y) => y.year === 2042 && y.version === version + 1) ? true : undefined), 30000, '2042 recorded');
    expect(calendars.current().isWorkingDay(civilDate('2041-10-01'))).toBe(false); // the older version did not overwrite
  });
});
