import { CreditErrors } from './credit.errors';
import { decideAnnulment, decideDeregistration, decideRectification, decideSeriousRemoval, decideTrigger, jointMeasuresOf } from './list-decisions';
import { activeEntries } from './list-state';
import { decideDueTimers } from './list-timers';
import { idSequence, overdueTrigger as overdue, R, run, USCC } from '../test-support/list-fixtures';

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
    // escalation is two years from the restart, not from the listing
    expect(decideDueTimers(s, new Date('2028-06-02T00:00:00Z'), R, newId)).toEqual([]);
    expect(decideDueTimers(s, new Date('2029-06-01T00:00:00Z'), R, newId)[0]).toMatchObject({ kind: 'ESCALATED', at: '2029-06-01T00:00:00.000Z' });
  });

  it('removal on verified rectification records the 5-working-day deadline', () => {
    const s = run({}, decideTrigger({}, overdue('2026-06-01T00:00:00Z'), R, newId));
    const id = activeEntries(s)[0].entryId;
    const ev = decideRectification(s, { entryId: id, evidence: ['r'], at: new Date('2026-06-10T00:00:00Z'), removalApplicationDeadline: new Date('2026-06-15T23:59:59.999Z') }, R);
    expect(ev.map((e) => e.kind)).toEqual(['RECTIFIED', 'EXITED']);
    expect(activeEntries(run(s, ev))).toEqual([]);
  });

  it('a new trigger of either list restarts the clean clock of the serious list', () => {
    let s = run({}, decideTrigger({}, { ...overdue('2026-01-01T00:00:00Z'), list: 'SERIOUS', reason: 'LARGE_FINE' }, R, newId));
    s = run(s, decideTrigger(s, overdue('2027-01-01T00:00:00Z'), R, newId));
    const serious = activeEntries(s, 'SERIOUS')[0];
    expect(serious.clockStartedAt).toBe('2027-01-01T00:00:00.000Z');
    expect(() => decideSeriousRemoval(s, serious.entryId, new Date('2028-06-01T00:00:00Z'), R)).toThrow(CreditErrors.REMOVAL_NOT_YET_ELIGIBLE);
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
    expect(jointMeasuresOf(s, USCC, R)).toEqual({ lists: ['ABNORMAL'], measures: ['NO_EVALUATION', 'NO_PURCHASE_OF_SERVICES'] });
    s = run(s, decideDueTimers(s, new Date('2028-01-01T00:00:00Z'), R, newId));
    expect(jointMeasuresOf(s, USCC, R).measures).toEqual(['GRADE_DOWNGRADE_REFERENCE', 'KEY_SUPERVISION', 'NO_EVALUATION', 'NO_FUNDING', 'NO_HONOURS', 'NO_PURCHASE_OF_SERVICES']);
  });
});
