import { CreditErrors } from './credit.errors';
import { decideAnnulment, decideDeregistration, decideRectification, decideSeriousRemoval, decideTrigger, jointMeasuresOf } from './list-decisions';
import { activeEntries } from './list-state';
import { decideDueTimers } from './list-timers';
import { C, idSequence, overdueTrigger as overdue, R, run, USCC } from '../test-support/list-fixtures';

const newId = idSequence();

describe('list decisions: entry, restart, rectification, removal, annulment (§5.1-§5.3)', () => {
  it('lists on an overdue report with the event id as evidence and the rule version', () => {
    const [e] = decideTrigger({}, overdue('2026-06-01T00:00:00Z'), R, newId);
    expect(e).toMatchObject({ kind: 'ENTERED', list: 'ABNORMAL', reason: 'ANNUAL_REPORT_OVERDUE', evidence: ['evt-1'], ruleVersion: 'credit-lists/order-60@v1', rectificationRequired: true });
  });

  it('re-occurrence while listed restarts the clock instead of a second entry', () => {
    let s = run({}, decideTrigger({}, overdue('2026-06-01T00:00:00Z'), R, newId));
    const again = decideTrigger(s, overdue('2027-06-01T00:00:00Z', 'evt-2'), R, newId);
    expect(again).toHaveLength(1);
    expect(again[0].kind).toBe('CLOCK_RESTARTED');
    s = run(s, again);
    const [entry] = activeEntries(s);
    expect(entry).toMatchObject({ listedAt: '2026-06-01T00:00:00.000Z', clockStartedAt: '2027-06-01T00:00:00.000Z', evidence: ['evt-1', 'evt-2'] });
    // escalation is two years from the restart (Beijing 1 June 2027), not from the listing; it takes effect at
    // 24:00 Beijing time on 1 June 2029 (16:00 UTC; updated for civil time, was 00:00 UTC)
    expect(decideDueTimers(s, new Date('2028-06-02T00:00:00Z'), R, newId, C)).toEqual([]);
    expect(decideDueTimers(s, new Date('2029-06-01T15:59:59.999Z'), R, newId, C)).toEqual([]);
    expect(decideDueTimers(s, new Date('2029-06-01T16:00:00.000Z'), R, newId, C)[0]).toMatchObject({ kind: 'ESCALATED', at: '2029-06-01T16:00:00.000Z', calendarVersion: C.calendarVersion });
  });

  it('removal on verified rectification: due within 5 working days of the verification, not of the application (correction 2)', () => {
    const s = run({}, decideTrigger({}, overdue('2026-06-01T00:00:00Z'), R, newId));
    const id = activeEntries(s)[0].entryId;
    // Applied on 1 June; verified on Wednesday 10 June 2026 (Beijing): Thu 11, Fri 12, Mon 15, Tue 16, Wed 17 June.
    const ev = decideRectification(s, { entryId: id, evidence: ['r'], at: new Date('2026-06-10T02:00:00Z'), removal: { at: new Date('2026-06-12T03:00:00Z') } }, R);
    expect(ev.map((e) => e.kind)).toEqual(['RECTIFIED', 'EXITED']);
    expect(ev[1]).toMatchObject({ at: '2026-06-12T03:00:00.000Z', removalDeadline: '2026-06-17T16:00:00.000Z', removalDueOn: '2026-06-17', calendarVersion: 'cn-official-holidays@v1' });
    const exited = run(s, ev)[id];
    expect(exited).toMatchObject({ status: 'EXITED', removalDueOn: '2026-06-17', exitCalendarVersion: 'cn-official-holidays@v1' });
    expect(activeEntries(run(s, ev))).toEqual([]);
  });

  it('the removal deadline counts from the Beijing date of the verification, around Beijing midnight', () => {
    const s = run({}, decideTrigger({}, overdue('2026-06-01T00:00:00Z'), R, newId));
    const id = activeEntries(s)[0].entryId;
    const due = (verifiedAt: string) => decideRectification(s, { entryId: id, evidence: [], at: new Date(verifiedAt), removal: { at: new Date(verifiedAt) } }, R)[1];
    // 23:59 Beijing on Friday 13 November 2026 → Mon 16 … Fri 20 November; 00:00 Beijing on Saturday 14 → the same.
    expect(due('2026-11-13T15:59:59.999Z')).toMatchObject({ removalDueOn: '2026-11-20', removalDeadline: '2026-11-20T16:00:00.000Z' });
    // 23:59 Beijing on Thursday 12 November → Fri 13 … Thu 19; at 00:00 Beijing on the 13th (16:00 UTC on the 12th) → Fri 20.
    expect(due('2026-11-12T15:59:59.999Z')).toMatchObject({ removalDueOn: '2026-11-19' });
    expect(due('2026-11-12T16:00:00.000Z')).toMatchObject({ removalDueOn: '2026-11-20' });
  });

  it('an exit is never dated before the rectification (correction 1)', () => {
    let s = run({}, decideTrigger({}, overdue('2026-06-01T00:00:00Z'), R, newId));
    const id = activeEntries(s)[0].entryId;
    s = run(s, decideRectification(s, { entryId: id, evidence: ['report'], at: new Date('2026-07-01T00:00:00Z') }, R));
    const [exit] = decideRectification(s, { entryId: id, evidence: [], at: new Date('2026-07-01T00:00:00Z'), removal: { at: new Date('2026-06-20T00:00:00Z') } }, R);
    expect(exit).toMatchObject({ kind: 'EXITED', at: '2026-07-01T00:00:00.000Z' });
  });

  it('a new listing situation while listed restarts the clock whatever the reason (correction 4)', () => {
    let s = run({}, decideTrigger({}, overdue('2026-01-05T02:00:00Z'), R, newId));
    const first = activeEntries(s)[0];
    const events = decideTrigger(s, { ...overdue('2027-01-04T02:00:00Z', 'penalty-1'), reason: 'WARNING_OR_SMALL_FINE' }, R, newId);
    expect(events.map((e) => [e.kind, 'reason' in e ? e.reason : null])).toEqual([
      ['ENTERED', 'WARNING_OR_SMALL_FINE'],
      ['CLOCK_RESTARTED', 'WARNING_OR_SMALL_FINE'],
    ]);
    s = run(s, events);
    expect(s[first.entryId]).toMatchObject({ clockStartedAt: '2027-01-04T02:00:00.000Z', clockRestarts: ['2027-01-04T02:00:00.000Z'], evidence: ['evt-1', 'penalty-1'] });
    // 2 years from the listing (5 January 2028) no longer escalate; 2 years from the new situation (4 January 2029) do.
    expect(decideDueTimers(s, new Date('2028-01-06T00:00:00Z'), R, newId, C).filter((e) => e.kind === 'ESCALATED')).toEqual([]);
    expect(decideDueTimers(s, new Date('2029-01-05T00:00:00Z'), R, newId, C).filter((e) => e.kind === 'ESCALATED')).toHaveLength(1);
  });

  it('the same situation again after its rectification makes the entry owe it again', () => {
    let s = run({}, decideTrigger({}, overdue('2026-06-01T00:00:00Z'), R, newId));
    const id = activeEntries(s)[0].entryId;
    s = run(s, decideRectification(s, { entryId: id, evidence: ['report-2025'], at: new Date('2026-08-01T00:00:00Z') }, R));
    const [restart] = decideTrigger(s, overdue('2027-06-01T00:00:00Z', 'evt-2026'), R, newId);
    expect(restart).toMatchObject({ kind: 'CLOCK_RESTARTED', rectificationRequired: true });
    expect(run(s, [restart])[id]).toMatchObject({ rectificationRequired: true, rectifiedAt: null });
  });

  it('a new trigger of either list restarts the clean clock of the serious list', () => {
    let s = run({}, decideTrigger({}, { ...overdue('2026-01-01T00:00:00Z'), list: 'SERIOUS', reason: 'LARGE_FINE' }, R, newId));
    s = run(s, decideTrigger(s, overdue('2027-01-01T00:00:00Z'), R, newId));
    const serious = activeEntries(s, 'SERIOUS')[0];
    expect(serious.clockStartedAt).toBe('2027-01-01T00:00:00.000Z');
    expect(() => decideSeriousRemoval(s, serious.entryId, new Date('2028-06-01T00:00:00Z'), R, C)).toThrow(CreditErrors.REMOVAL_NOT_YET_ELIGIBLE);
    // 2 clean years from 1 January 2027 (Beijing) end on 1 January 2029, a holiday (test calendar): moved to Tuesday
    // 2 January, until 24:00 Beijing time (Art. 203).
    expect(() => decideSeriousRemoval(s, serious.entryId, new Date('2029-01-02T15:59:59.999Z'), R, C)).toThrow(
      expect.objectContaining({ code: 'CREDIT.REMOVAL_NOT_YET_ELIGIBLE', message: expect.stringContaining('2029-01-02T16:00:00.000Z') }),
    );
    expect(decideSeriousRemoval(s, serious.entryId, new Date('2029-01-02T16:00:00.000Z'), R, C)[0]).toMatchObject({ kind: 'EXITED', exitReason: 'CLEAN_2_YEARS', calendarVersion: C.calendarVersion });
  });

  it('a period ending in a year without a holiday notice is not due before its corresponding day, and refused after it', () => {
    const s = run({}, decideTrigger({}, { ...overdue('2026-03-01T00:00:00Z'), list: 'SERIOUS', reason: 'LARGE_FINE' }, R, newId));
    const id = activeEntries(s)[0].entryId;
    expect(() => decideSeriousRemoval(s, id, new Date('2026-12-01T00:00:00Z'), R)).toThrow(expect.objectContaining({ code: 'CREDIT.REMOVAL_NOT_YET_ELIGIBLE', message: expect.stringContaining('at the earliest') }));
    expect(() => decideSeriousRemoval(s, id, new Date('2028-03-02T00:00:00Z'), R)).toThrow(expect.objectContaining({ code: 'CALENDAR.YEAR_NOT_PUBLISHED' }));
  });

  it('revocation entries leave only on deregistration; annulment keeps the history', () => {
    let s = run({}, decideTrigger({}, { ...overdue('2026-01-01T00:00:00Z'), list: 'SERIOUS', reason: 'REGISTRATION_REVOKED' }, R, newId));
    const id = activeEntries(s)[0].entryId;
    expect(() => decideSeriousRemoval(s, id, new Date('2030-01-01T00:00:00Z'), R)).toThrow(expect.objectContaining({ code: 'CREDIT.REMOVAL_ONLY_ON_DEREGISTRATION' }));
    s = run(s, decideDeregistration(s, USCC, new Date('2026-03-01T00:00:00Z'), R));
    expect(s[id]).toMatchObject({ status: 'EXITED', exitReason: 'DEREGISTERED_AFTER_REVOCATION' });
    s = run(s, decideAnnulment(s, id, 'obj-1', new Date('2026-04-01T00:00:00Z'), R));
    expect(s[id]).toMatchObject({ status: 'ANNULLED', annulledByObjectionId: 'obj-1', exitReason: 'DEREGISTERED_AFTER_REVOCATION' });
    expect(() => decideAnnulment(s, id, 'obj-2', new Date(), R)).toThrow(expect.objectContaining({ code: 'CREDIT.ENTRY_ALREADY_ANNULLED' }));
  });

  it('refusals carry their kind; a refused removal names the rule it broke as today’s problem body does', () => {
    const s = run({}, decideTrigger({}, overdue('2026-01-01T00:00:00Z'), R, newId));
    const id = activeEntries(s)[0].entryId;
    expect(() => decideSeriousRemoval(s, id, new Date('2030-01-01T00:00:00Z'), R)).toThrow(
      expect.objectContaining({ kind: 'REFUSED', code: 'CREDIT.NOT_SERIOUS_LIST', violations: [expect.objectContaining({ field: 'entryId', rule: 'entryId' })], extensions: {} }),
    );
    expect(() => decideRectification(s, { entryId: 'nope', evidence: [], at: new Date() }, R)).toThrow(expect.objectContaining({ kind: 'NOT_FOUND', code: 'CREDIT.ENTRY_NOT_FOUND', violations: [] }));
    const annulled = run(s, decideAnnulment(s, id, 'obj', new Date('2026-02-01T00:00:00Z'), R));
    expect(() => decideRectification(annulled, { entryId: id, evidence: [], at: new Date() }, R)).toThrow(expect.objectContaining({ kind: 'CONFLICT', code: 'CREDIT.ENTRY_NOT_ACTIVE' }));
  });

  it('joint measures are the union over active lists (§5.3)', () => {
    let s = run({}, decideTrigger({}, overdue('2026-01-01T00:00:00Z'), R, newId));
    // §5.3: nationally, the purchase bar is a serious-list measure only (abnormal: §6 evaluation bar).
    expect(jointMeasuresOf(s, USCC, R)).toEqual({ lists: ['ABNORMAL'], measures: ['NO_EVALUATION'] });
    // 2 years from 1 January 2026 (Beijing): 1 January 2028 is a Saturday and a holiday → Monday 3 January, 24:00 Beijing.
    expect(decideDueTimers(s, new Date('2028-01-03T15:59:59.999Z'), R, newId, C)).toEqual([]);
    s = run(s, decideDueTimers(s, new Date('2028-01-03T16:00:00.000Z'), R, newId, C));
    expect(jointMeasuresOf(s, USCC, R).measures).toEqual(['GRADE_DOWNGRADE_REFERENCE', 'KEY_SUPERVISION', 'NO_EVALUATION', 'NO_FUNDING', 'NO_HONOURS', 'NO_PURCHASE_OF_SERVICES']);
  });
});
