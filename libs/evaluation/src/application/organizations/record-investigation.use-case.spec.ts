import type { Principal } from '@sop/auth';
import { CN_OFFICIAL_CALENDAR, MovableClock } from '@sop/util';
import type { OfficialCalendars } from '@sop/messaging';
import { evaluationOrganization, InMemoryComplianceFactsStore, InMemoryCreditMeasuresStore, InMemoryGradeStore, InMemoryOrganizationStore, listUnitOfWork } from '../../test-support/in-memory-stores';
import { OrganizationAccess } from './organization-access';
import { OrganizationViewQuery } from './organization-view.query';
import { RecordInvestigation } from './record-investigation.use-case';

/** Order 39 Art. 7 "under investigation" (regulations §6): set by an evaluator, no event carries it. */
describe('RecordInvestigation → eligibility', () => {
  const uscc = '52110108MJ0000018M';
  const evaluator: Principal = { subject: 'evaluator-1', roles: ['evaluator'], jurisdiction: '110000' };
  const representative: Principal = { subject: 'rep', roles: ['org-representative'], jurisdiction: '110108', organizationUscc: uscc };
  const calendars = { current: () => CN_OFFICIAL_CALENDAR } as unknown as OfficialCalendars;
  let organizations: InMemoryOrganizationStore;
  const setUp = (now: Date) => {
    organizations = new InMemoryOrganizationStore();
    organizations.orgs.set(uscc, evaluationOrganization());
    const clock = new MovableClock(now);
    const access = new OrganizationAccess(organizations);
    return {
      record: new RecordInvestigation(listUnitOfWork([]), access, organizations, clock),
      view: new OrganizationViewQuery(access, new InMemoryGradeStore(), new InMemoryCreditMeasuresStore(), clock, calendars, new InMemoryComplianceFactsStore()),
    };
  };

  it('under Order 39 (10 February 2026) the flag bars evaluation (UNDER_INVESTIGATION); lifting it admits the organization again', async () => {
    const { record, view } = setUp(new Date('2026-02-10T02:00:00.000Z'));
    expect((await view.execute(uscc, evaluator)).investigation).toBeNull();
    const set = await record.execute({ uscc, underInvestigation: true, basis: '海淀分局立案通知' }, evaluator);
    expect(set).toMatchObject({ underInvestigation: true, recordedBy: 'evaluator-1' });
    const barred = await view.execute(uscc, evaluator);
    expect(barred.eligibility).toMatchObject({ eligible: false, reason: { rule: 'UNDER_INVESTIGATION', code: 'EVALUATION.NOT_ELIGIBLE' }, ruleVersion: 'evaluation/order-39@v1' });
    expect(barred.investigation).toEqual({ underInvestigation: true, basis: '海淀分局立案通知', recordedAt: '2026-02-10T02:00:00.000Z' });
    // The organization's representative sees the flag, not the basis.
    expect((await view.execute(uscc, representative)).investigation).toEqual({ underInvestigation: true, recordedAt: '2026-02-10T02:00:00.000Z' });

    await record.execute({ uscc, underInvestigation: false, basis: '撤销案件决定' }, evaluator);
    expect((await view.execute(uscc, evaluator)).eligibility).toMatchObject({ eligible: true });
  });

  it('under the 2026 measures the flag does not bar', async () => {
    const { record, view } = setUp(new Date('2026-06-10T02:00:00.000Z'));
    await record.execute({ uscc, underInvestigation: true, basis: '海淀分局立案通知' }, evaluator);
    expect((await view.execute(uscc, evaluator)).eligibility).toMatchObject({ eligible: true, ruleVersion: 'evaluation/measures-2026@v1' });
  });

  it('only an evaluator in jurisdiction records it', async () => {
    const { record } = setUp(new Date('2026-02-10T02:00:00.000Z'));
    await expect(record.execute({ uscc, underInvestigation: true, basis: 'x' }, { ...evaluator, jurisdiction: '310000' })).rejects.toMatchObject({ code: 'EVALUATION.ORGANIZATION_NOT_FOUND' });
    await expect(record.execute({ uscc, underInvestigation: true, basis: 'x' }, representative)).rejects.toMatchObject({ kind: 'FORBIDDEN' });
    expect(organizations.orgs.get(uscc)?.investigation).toBeUndefined();
  });
});
