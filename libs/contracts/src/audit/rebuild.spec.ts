import { CREDIT_LISTS_REBUILDER, rebuildCreditLists } from './rebuild-credit-lists';
import { currentRebuiltGrade, GRADES_REBUILDER, rebuildGrades } from './rebuild-grades';
import type { AuditEvent } from './rebuild.types';

const U = '52110108MJ85XMWJ8W';
const ev = (type: string, data: object, source = 'evaluation'): AuditEvent => ({ type, source, subject: U, data });
const awarded = (gradeId: string, grade: string, announcedAt: string, replacesGradeId?: string) =>
  ev('evaluation.grade.awarded', { gradeId, uscc: U, grade, score: 900, evaluatingAuthority: '110108', announcedAt, validFrom: '2027-01-01', validUntil: '2031-12-31', ruleVersion: 'r@v1', ...(replacesGradeId ? { replacesGradeId } : {}) });

describe('auditor rebuilds from event contracts', () => {
  it('grades: supersession, lowering, cancellation, re-sends; the current grade', () => {
    const events = [
      awarded('g1', '4A', '2026-05-20T00:00:00.000Z'),
      awarded('g2', '5A', '2026-05-28T00:00:00.000Z', 'g1'),
      awarded('g2', '5A', '2026-05-28T00:00:00.000Z', 'g1'), // re-send
      ev('evaluation.grade.adjusted', { gradeId: 'g2', uscc: U, previousGrade: '5A', newGrade: '3A', reason: 'ADMINISTRATIVE_PENALTY', explanation: 'x', effectiveAt: '2026-07-01T00:00:00.000Z', evidence: [], ruleVersion: 'r@v1' }),
    ];
    const grades = rebuildGrades(events).get(U)!;
    expect(grades.map((g) => [g.gradeId, g.grade, g.awardedGrade, g.status, g.supersededByGradeId])).toEqual([
      ['g1', '4A', '4A', 'SUPERSEDED', 'g2'],
      ['g2', '3A', '5A', 'ACTIVE', null],
    ]);
    expect(currentRebuiltGrade(grades, '2026-12-01')?.gradeId).toBe('g2');
    expect(currentRebuiltGrade(grades, '2032-01-01')).toBeNull();
    const cancelled = rebuildGrades([...events, ev('evaluation.grade.adjusted', { gradeId: 'g2', uscc: U, previousGrade: '3A', reason: 'SERIOUS_LIST', explanation: 'x', effectiveAt: '2026-08-01T00:00:00.000Z', evidence: [], ruleVersion: 'r@v1' })]).get(U)!;
    expect(cancelled[1].status).toBe('CANCELLED');
    // Compared with the service's answers: equal, then a field that differs is named.
    const answer = { grades: grades.map((g) => ({ ...g })).reverse() };
    expect(GRADES_REBUILDER.differences(grades, [answer, { currentGrade: { gradeId: 'g2', grade: '3A' } }], '2026-12-01')).toEqual([]);
    answer.grades[0].score = 901;
    expect(GRADES_REBUILDER.differences(grades, [answer, { currentGrade: null }], '2026-12-01')).toEqual(['grade g2.score: rebuilt 900, service 901', 'current grade on 2026-12-01: rebuilt 3A (g2), service none']);
  });

  it('credit lists: entered, clock restarted, escalated to the serious list, exited, annulled (not shown)', () => {
    const base = { uscc: U, ruleVersion: 'credit@v1' };
    const c = (type: string, data: object) => ev(`credit.list.${type}`, { ...base, ...data }, 'credit-supervision');
    const lists = rebuildCreditLists([
      c('entered', { entryId: 'a1', list: 'ABNORMAL', at: '2024-01-01T00:00:00.000Z', reason: 'ANNUAL_REPORT_OVERDUE', evidence: [], decidingAuthority: '110108', rectificationRequired: true }),
      c('clock-restarted', { entryId: 'a1', list: 'ABNORMAL', at: '2024-06-01T00:00:00.000Z', reason: 'ANNUAL_REPORT_OVERDUE', evidence: [] }),
      c('escalated', { entryId: 'a1', list: 'ABNORMAL', at: '2026-06-01T16:00:00.000Z', toEntryId: 's1', decidingAuthority: '110108' }),
      c('entered', { entryId: 'a2', list: 'ABNORMAL', at: '2026-07-01T00:00:00.000Z', reason: 'UNREACHABLE_AT_DOMICILE', evidence: [], decidingAuthority: '110108', rectificationRequired: false }),
      c('annulled', { entryId: 'a2', list: 'ABNORMAL', at: '2026-07-10T00:00:00.000Z', objectionId: 'o1' }),
    ]).get(U)!;
    expect(lists.map((e) => [e.entryId, e.list, e.status, e.exitReason, e.clockRestartedAt.length])).toEqual([
      ['a1', 'ABNORMAL', 'EXITED', 'ESCALATED', 1],
      ['s1', 'SERIOUS', 'ACTIVE', null, 0],
      ['a2', 'ABNORMAL', 'ANNULLED', null, 0],
    ]);
    const profile = { lists: { abnormalActivity: [{ ...lists[0] }], seriousIllegalDishonest: [{ ...lists[1] }] } };
    expect(CREDIT_LISTS_REBUILDER.differences(lists, [profile], '2026-12-01')).toEqual([]);
    profile.lists.seriousIllegalDishonest = [];
    expect(CREDIT_LISTS_REBUILDER.differences(lists, [profile], '2026-12-01')).toEqual(["SERIOUS entry s1: missing in the service's answer"]);
  });
});
