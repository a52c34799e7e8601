import type { Principal } from '@sop/auth';
import { MovableClock } from '@sop/util';
import { InMemoryListStore, InMemoryOrganizationStore, recordingUnitOfWork } from '../../test-support/in-memory-lists';
import { USCC } from '../../test-support/list-fixtures';
import { CreditCalendar } from '../calendar/credit-calendar';
import { ListDecisions } from '../lists/list-decisions';
import { OfficerAccess } from '../organizations/officer-access';
import { ListEntryUseCases, type ListTriggerInput } from './list-entries.use-cases';

describe('ListEntryUseCases (officers’ list decisions)', () => {
  const officer: Principal = { subject: 'officer', roles: ['credit-officer'], jurisdiction: '110000' };
  const trigger: ListTriggerInput = { uscc: USCC, list: 'ABNORMAL', reason: 'PUBLIC_FUNDRAISING_CONDITIONS_LOST', evidence: ['doc-1'], occurredAt: '2026-11-01T00:00:00.000Z' };
  const setup = () => {
    const lists = new InMemoryListStore();
    const organizations = new InMemoryOrganizationStore([{ uscc: USCC, name: '北京市海淀区社区服务中心', registeringAuthority: '110108', registrationStatus: 'REGISTERED' }]);
    const { uow, published } = recordingUnitOfWork();
    const clock = new MovableClock(new Date('2026-11-25T00:00:00.000Z'));
    const useCases = new ListEntryUseCases(uow, new OfficerAccess(organizations, lists), new ListDecisions(organizations, lists), clock, organizations, new CreditCalendar());
    return { useCases, lists, published, organizations };
  };

  it('who may: credit officers within their jurisdiction, for organizations on record', async () => {
    const { useCases } = setup();
    await expect(useCases.recordListTrigger(trigger, { ...officer, roles: ['auditor'] })).rejects.toMatchObject({ kind: 'FORBIDDEN', code: 'AUTH.ROLE_REQUIRED' });
    await expect(useCases.recordListTrigger(trigger, { ...officer, jurisdiction: '310000' })).rejects.toMatchObject({ kind: 'NOT_FOUND', code: 'CREDIT.ORGANIZATION_NOT_FOUND' });
    await expect(useCases.recordListTrigger({ ...trigger, uscc: '52110108MJ0000026G' }, officer)).rejects.toMatchObject({ kind: 'NOT_FOUND', code: 'CREDIT.ORGANIZATION_NOT_FOUND' });
    await expect(useCases.verifyRectification('no-such-entry', { evidence: [] }, officer)).rejects.toMatchObject({ kind: 'NOT_FOUND', code: 'CREDIT.ENTRY_NOT_FOUND' });
  });

  it('refuses unknown, derived and future triggers, and an unreachable domicile without two unsigned letters (§5.1)', async () => {
    const { useCases, published } = setup();
    await expect(useCases.recordListTrigger({ ...trigger, reason: 'LARGE_FINE' }, officer)).rejects.toMatchObject({ kind: 'INVALID', code: 'CREDIT.UNKNOWN_REASON', violations: [expect.objectContaining({ field: 'reason' })] });
    await expect(useCases.recordListTrigger({ ...trigger, reason: 'ANNUAL_REPORT_OVERDUE' }, officer)).rejects.toMatchObject({ kind: 'REFUSED', code: 'CREDIT.TRIGGER_DERIVED' });
    // Derived from registration's Party-organization records and its change revocations, no longer typed in (issue 9).
    await expect(useCases.recordListTrigger({ ...trigger, reason: 'PARTY_ORGANIZATION_NOT_SET_UP' }, officer)).rejects.toMatchObject({ kind: 'REFUSED', code: 'CREDIT.TRIGGER_DERIVED' });
    await expect(useCases.recordListTrigger({ ...trigger, list: 'SERIOUS', reason: 'FRAUDULENT_CHANGE_REVOKED' }, officer)).rejects.toMatchObject({ kind: 'REFUSED', code: 'CREDIT.TRIGGER_DERIVED' });
    await expect(useCases.recordListTrigger({ ...trigger, occurredAt: '2026-12-01T00:00:00.000Z' }, officer)).rejects.toMatchObject({ kind: 'INVALID', code: 'CREDIT.TRIGGER_IN_FUTURE' });
    const unreachable = { ...trigger, reason: 'UNREACHABLE_AT_DOMICILE', unsignedLetters: [{ reference: 'L-1', mailedOn: '2026-09-01' }] };
    await expect(useCases.recordListTrigger(unreachable, officer)).rejects.toMatchObject({ kind: 'REFUSED', code: 'CREDIT.UNREACHABLE_LETTERS', violations: [expect.objectContaining({ field: 'unsignedLetters', message: 'got 1' })] });
    expect(published).toEqual([]);
    const twoLetters = { ...unreachable, unsignedLetters: [...unreachable.unsignedLetters, { reference: 'L-2', mailedOn: '2026-10-15' }] };
    const [entered] = await useCases.recordListTrigger(twoLetters, officer);
    expect(entered).toMatchObject({ kind: 'ENTERED', reason: 'UNREACHABLE_AT_DOMICILE', evidence: ['doc-1', 'L-1', 'L-2'], decidingAuthority: '110108' });
  });

  it('an unreachable domicile (§5.1 (6)): letters 20–60 days apart on Beijing dates, mailed by the trigger day; a certified exemption refuses it and is recorded', async () => {
    const { useCases, published, organizations } = setup();
    const unreachable: ListTriggerInput = { ...trigger, reason: 'UNREACHABLE_AT_DOMICILE', occurredAt: '2026-11-01T00:00:00.000Z' };
    const letters = (first: string, second: string) => ({ ...unreachable, unsignedLetters: [{ reference: 'L-1', mailedOn: first }, { reference: 'L-2', mailedOn: second }] });
    // 19 and 61 days apart: refused, naming the later letter's date (given in any order).
    await expect(useCases.recordListTrigger(letters('2026-09-01', '2026-09-20'), officer)).rejects.toMatchObject({
      kind: 'REFUSED',
      code: 'CREDIT.UNREACHABLE_LETTER_INTERVAL',
      violations: [expect.objectContaining({ field: 'unsignedLetters[1].mailedOn', message: '19 days after 2026-09-01', rule: expect.stringContaining('20–60 days') })],
    });
    await expect(useCases.recordListTrigger(letters('2026-10-31', '2026-08-31'), officer)).rejects.toMatchObject({
      code: 'CREDIT.UNREACHABLE_LETTER_INTERVAL',
      violations: [expect.objectContaining({ field: 'unsignedLetters[0].mailedOn', message: '61 days after 2026-08-31' })],
    });
    // A letter after the trigger's Beijing date: occurredAt 2026-11-01T00:00Z is 1 November in Beijing.
    await expect(useCases.recordListTrigger(letters('2026-10-01', '2026-11-02'), officer)).rejects.toMatchObject({
      kind: 'INVALID',
      code: 'CREDIT.UNREACHABLE_LETTER_AFTER_TRIGGER',
      violations: [expect.objectContaining({ field: 'unsignedLetters[1].mailedOn' })],
    });
    await expect(useCases.recordListTrigger(letters('2026-09-01', '2026-9-21'), officer)).rejects.toMatchObject({ kind: 'INVALID', code: 'CREDIT.UNREACHABLE_LETTER_DATE', violations: [expect.objectContaining({ field: 'unsignedLetters[1].mailedOn' })] });
    // Exemption: refused with its own code, the certification kept once as credit information; a future date is invalid.
    const exempted = { ...letters('2026-09-01', '2026-09-21'), exemption: { certifiedBy: 'GUIDANCE_UNIT' as const, reference: 'GU-2026-7', certifiedOn: '2026-11-20' } };
    await expect(useCases.recordListTrigger({ ...exempted, exemption: { ...exempted.exemption, certifiedOn: '2026-11-26' } }, officer)).rejects.toMatchObject({
      kind: 'INVALID',
      code: 'CREDIT.UNREACHABLE_EXEMPTION_DATE',
      violations: [expect.objectContaining({ field: 'exemption.certifiedOn' })],
    });
    expect(organizations.information).toEqual([]);
    for (let i = 0; i < 2; i++)
      await expect(useCases.recordListTrigger(exempted, officer)).rejects.toMatchObject({ kind: 'REFUSED', code: 'CREDIT.UNREACHABLE_EXEMPTED', violations: [expect.objectContaining({ field: 'exemption' })] });
    expect(organizations.information).toEqual([
      expect.objectContaining({ uscc: USCC, category: 'OTHER', factType: 'UNREACHABLE_EXEMPTION_CERTIFIED', summary: expect.stringContaining('GU-2026-7'), occurredAt: new Date('2026-11-19T16:00:00.000Z') }),
    ]);
    expect(published).toEqual([]);
    // Exactly 20 days (1 → 21 September) is accepted; the evidence lists the letters in mailing order.
    const [entered] = await useCases.recordListTrigger(letters('2026-09-21', '2026-09-01'), officer);
    expect(entered).toMatchObject({ kind: 'ENTERED', reason: 'UNREACHABLE_AT_DOMICILE', evidence: ['doc-1', 'L-2', 'L-1'] });
  });

  it('verified rectification with a removal application removes an abnormal entry, due 5 working days after the verification (correction 2)', async () => {
    const { useCases, lists } = setup();
    const [entered] = await useCases.recordListTrigger(trigger, officer);
    await expect(useCases.verifyRectification(entered.entryId, { evidence: ['r'], removalAppliedAt: '2026-12-01T00:00:00.000Z' }, officer)).rejects.toMatchObject({ kind: 'INVALID', code: 'CREDIT.APPLICATION_IN_FUTURE' });
    await expect(useCases.verifyRectification(entered.entryId, { evidence: ['r'], removalAppliedAt: '2026-11-20T00:00:00.000Z', verifiedAt: '2026-11-25T00:00:00.001Z' }, officer)).rejects.toMatchObject({
      kind: 'INVALID',
      code: 'CREDIT.VERIFICATION_IN_FUTURE',
    });
    // Applied Friday 20 November, verified Monday 23 November 2026 (Beijing): Tue 24 … Mon 30 November, until 24:00 Beijing.
    // Updated: the deadline used to run from the application (27 November, 23:59:59.999 UTC).
    const events = await useCases.verifyRectification(entered.entryId, { evidence: ['r'], removalAppliedAt: '2026-11-20T00:00:00.000Z', verifiedAt: '2026-11-23T02:00:00+08:00' }, officer);
    expect(events.map((e) => e.kind)).toEqual(['RECTIFIED', 'EXITED']);
    expect(events[0]).toMatchObject({ at: '2026-11-22T18:00:00.000Z' });
    expect(lists.view.get(entered.entryId)?.entry).toMatchObject({
      status: 'EXITED',
      exitReason: 'RECTIFIED',
      exitedAt: '2026-11-25T00:00:00.000Z',
      removalDeadline: '2026-11-30T16:00:00.000Z',
      removalDueOn: '2026-11-30',
      exitCalendarVersion: 'cn-official-holidays@v1',
    });
    await expect(useCases.removeFromSeriousList(entered.entryId, officer)).rejects.toMatchObject({ kind: 'CONFLICT', code: 'CREDIT.ENTRY_NOT_ACTIVE' });
  });
});
