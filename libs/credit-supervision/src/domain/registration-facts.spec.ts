import { ruleVersionOf } from './credit-rules';
import { decideDeregistration, decideTrigger } from './list-decisions';
import type { ListState } from './list-state';
import { decideDueTimers } from './list-timers';
import { decideAnnualReportFulfilment, decideRevocation, projectedChanges, reviewInformationCategory } from './registration-facts';
import { C, idSequence, overdueTrigger, R, run, USCC } from '../test-support/list-fixtures';

const newId = idSequence();
const overdue = (state: ListState, at: string, evidence: string) => decideTrigger(state, overdueTrigger(at, evidence), R, newId);

describe('annual report submitted → obligation of §5.1 trigger 1 fulfilled', () => {
  it('records the rectification (rule version kept); the entry then leaves on application, not by the 6-month removal (correction 3)', () => {
    const s0 = run({}, overdue({}, '2026-06-01T00:00:00.000Z', 'overdue-2025'));
    const events = decideAnnualReportFulfilment(s0, { uscc: USCC, obligations: new Map([['overdue-2025', true]]), evidence: ['submitted-2025'], at: new Date('2026-07-01T00:00:00.000Z') }, R);
    expect(events).toEqual([expect.objectContaining({ kind: 'RECTIFIED', evidence: ['submitted-2025'], at: '2026-07-01T00:00:00.000Z', ruleVersion: ruleVersionOf(R) })]);
    const s1 = run(s0, events);
    // Updated: it used to leave automatically on 1 December 2026; the report was owed, so it leaves on application.
    expect(decideDueTimers(s1, new Date('2026-12-02T00:00:00.000Z'), R, newId)).toEqual([]);
  });

  it('does nothing while another overdue year of the same entry is still outstanding, or for an unrelated year', () => {
    let s = run({}, overdue({}, '2026-06-01T00:00:00.000Z', 'overdue-2025'));
    s = run(s, overdue(s, '2027-06-01T00:00:00.000Z', 'overdue-2026'));
    const input = (obligations: [string, boolean][]) => ({ uscc: USCC, obligations: new Map(obligations), evidence: ['submitted'], at: new Date('2027-07-01T00:00:00.000Z') });
    expect(decideAnnualReportFulfilment(s, input([['overdue-2025', true], ['overdue-2026', false]]), R)).toEqual([]);
    expect(decideAnnualReportFulfilment(s, input([]), R)).toEqual([]);
    expect(decideAnnualReportFulfilment(s, input([['overdue-2025', true], ['overdue-2026', true]]), R)).toHaveLength(1);
  });

  it('is idempotent: an entry already rectified gets nothing more; other reasons are not touched', () => {
    const s0 = run({}, overdue({}, '2026-06-01T00:00:00.000Z', 'overdue-2025'));
    const input = { uscc: USCC, obligations: new Map([['overdue-2025', true]]), evidence: ['s'], at: new Date('2026-07-01T00:00:00.000Z') };
    const s1 = run(s0, decideAnnualReportFulfilment(s0, input, R));
    expect(decideAnnualReportFulfilment(s1, input, R)).toEqual([]);
    const notice = run({}, decideTrigger({}, { uscc: USCC, list: 'ABNORMAL', reason: 'RECTIFICATION_NOT_MET', evidence: ['overdue-2025'], at: new Date('2026-06-01T00:00:00.000Z'), decidingAuthority: '110108' }, R, newId));
    expect(decideAnnualReportFulfilment(notice, input, R)).toEqual([]);
  });

  it('meets the rectification condition of a serious entry reached by escalation of an annual-report entry', () => {
    const s0 = run({}, overdue({}, '2026-06-01T00:00:00.000Z', 'overdue-2025'));
    const s1 = run(s0, decideDueTimers(s0, new Date('2028-06-02T00:00:00.000Z'), R, newId, C));
    const [serious] = Object.values(s1).filter((e) => e.list === 'SERIOUS');
    expect(serious).toMatchObject({ reason: 'ESCALATION_FROM_ABNORMAL', rectificationRequired: true });
    const events = decideAnnualReportFulfilment(s1, { uscc: USCC, obligations: new Map([['overdue-2025', true]]), evidence: ['s'], at: new Date('2028-07-01T00:00:00.000Z') }, R);
    expect(events).toEqual([expect.objectContaining({ kind: 'RECTIFIED', entryId: serious.entryId, list: 'SERIOUS' })]);
  });
});

describe('organization revoked → §5.2 trigger 7; deregistered → removal', () => {
  const trigger = (evidence: string, at = '2026-06-01T00:00:00.000Z') => ({ uscc: USCC, evidence: [evidence], at: new Date(at), decidingAuthority: '110108' });

  it('lists once, with the event id as evidence; a further revocation fact does not restart the clock', () => {
    const events = decideRevocation({}, trigger('revoked-1'), R, newId);
    expect(events).toEqual([expect.objectContaining({ kind: 'ENTERED', list: 'SERIOUS', reason: 'REGISTRATION_REVOKED', evidence: ['revoked-1'], rectificationRequired: false })]);
    const s = run({}, events);
    expect(decideRevocation(s, trigger('revoked-2', '2026-07-01T00:00:00.000Z'), R, newId)).toEqual([]);
  });

  it('restarts the clean clock of other serious entries (a new listing event) and is removed on deregistration', () => {
    const s0 = run({}, decideTrigger({}, { ...trigger('fine'), list: 'SERIOUS', reason: 'LARGE_FINE' }, R, newId));
    const s1 = run(s0, decideRevocation(s0, trigger('revoked', '2026-08-01T00:00:00.000Z'), R, newId));
    expect(Object.values(s1).map((e) => [e.reason, e.clockStartedAt])).toEqual([
      ['LARGE_FINE', '2026-08-01T00:00:00.000Z'],
      ['REGISTRATION_REVOKED', '2026-08-01T00:00:00.000Z'],
    ]);
    const exits = decideDeregistration(s1, USCC, new Date('2026-09-01T00:00:00.000Z'), R);
    expect(exits).toEqual([expect.objectContaining({ kind: 'EXITED', exitReason: 'DEREGISTERED_AFTER_REVOCATION' })]);
    expect(exits[0].entryId).toBe(Object.values(s1).find((e) => e.reason === 'REGISTRATION_REVOKED')?.entryId);
  });
});

describe('information categories and the projected register fields', () => {
  it('a failed review is an inspection conclusion; pass and basic pass are annual-report information', () => {
    expect(reviewInformationCategory('FAIL')).toBe('INSPECTION');
    expect(reviewInformationCategory('PASS')).toBe('ANNUAL_REPORT');
    expect(reviewInformationCategory('BASIC_PASS')).toBe('ANNUAL_REPORT');
  });

  it('follows name and domicile, ignores other fields and changes older than the one applied', () => {
    const changes = [
      { field: 'name', from: '甲', to: '乙' },
      { field: 'purpose', from: 'a', to: 'b' },
      { field: 'domicile', from: 'x', to: 'y' },
    ];
    expect(projectedChanges(changes, new Date('2026-06-01T00:00:00Z'), {})).toEqual({ name: '乙', domicile: 'y' });
    expect(projectedChanges(changes, new Date('2026-06-01T00:00:00Z'), { name: new Date('2026-07-01T00:00:00Z'), domicile: new Date('2026-06-01T00:00:00Z') })).toEqual({ domicile: 'y' });
  });
});
