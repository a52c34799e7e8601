import { CN_OFFICIAL_CALENDAR } from '@sop/util';
import { assertAnnounceable, assertNoConflict, assertReviewWindow, eligibilityReviewDue, publicNoticePeriod, pseudonymsFor, standingResult, type ProcedureRecord } from './procedure';
import { PROCEDURE_RULES } from './procedure-rules';

const rules = PROCEDURE_RULES[1];
const onNotice = (over: Partial<ProcedureRecord> = {}): ProcedureRecord => ({
  procedureId: 'p1', uscc: 'u', kind: 'EVALUATION', status: 'ON_NOTICE', ruleVersion: rules.ruleVersion, frameworkVersion: 'f@v1', evaluatingAuthority: '110108',
  appliedAt: '2026-06-01T00:00:00Z', appliedBy: 'rep', eligibilityReviewDueOn: null, eligibility: null, experts: [], assignedAt: null, fieldAssessment: null, sheets: [], opinion: null,
  decision: { grade: '3A', total: 860, committee: { members: 9, present: 7, inFavour: 6 }, localRuleVersion: null, decidedAt: '2026-07-01T02:00:00Z' },
  notice: { publishedAt: '2026-07-01T02:00:00Z', endsOn: '2026-07-08', endsAt: '2026-07-08T16:00:00.000Z', writtenNoticeAt: '2026-07-01T02:00:00Z' },
  reviews: [], announcement: null, certificateId: null, revision: 1, ...over,
});

describe('the evaluation procedure (regulations §6 Procedure)', () => {
  it('national variant deadlines: the eligibility review within 10 working days (a week-end and National Day skipped)', () => {
    // Applied Wednesday 2026-06-03 → 10 working days: 17 June.
    expect(eligibilityReviewDue(new Date('2026-06-03T02:00:00Z'), rules, CN_OFFICIAL_CALENDAR)?.lastDay).toBe('2026-06-17');
    // Published 2026-07-01 (Wednesday) + 7 days = 2026-07-08 (Wednesday).
    expect(publicNoticePeriod(new Date('2026-07-01T02:00:00Z'), rules, CN_OFFICIAL_CALENDAR).lastDay).toBe('2026-07-08');
  });

  it('recusal: an expert declared linked to the organization is refused, naming the rule; pseudonyms by position', () => {
    const group = [{ expertId: 'e1', name: '张一' }, { expertId: 'e2', name: '李二' }];
    expect(() => assertNoConflict(group, new Set(['e2']), 'U')).toThrow(expect.objectContaining({ code: 'EVALUATION.EXPERT_CONFLICT_OF_INTEREST', kind: 'CONFLICT', extensions: { rule: 'EXPERT_RECUSAL_LINKED_ORGANIZATION' } }));
    expect(() => assertNoConflict([...group, group[0]], new Set(), 'U')).toThrow(expect.objectContaining({ code: 'EVALUATION.EXPERT_GROUP_INVALID' }));
    expect(pseudonymsFor(group).map((e) => e.pseudonym)).toEqual(['expert 1', 'expert 2']);
  });

  it('review requests during the public notice only: until 24:00 Beijing time of its last day', () => {
    expect(() => assertReviewWindow(onNotice(), new Date('2026-07-08T15:59:59Z'))).not.toThrow();
    expect(() => assertReviewWindow(onNotice(), new Date('2026-07-08T16:00:00Z'))).toThrow(expect.objectContaining({ code: 'EVALUATION.REVIEW_PERIOD_OVER', kind: 'REFUSED', extensions: { rule: 'REVIEW_DURING_PUBLIC_NOTICE' } }));
    expect(() => assertReviewWindow(onNotice({ status: 'COMMITTEE_DECIDED' }), new Date('2026-07-02T00:00:00Z'))).toThrow(expect.objectContaining({ code: 'EVALUATION.PROCEDURE_STEP_OUT_OF_ORDER' }));
  });

  it('the announcement waits for the end of the notice and every review decision; a review decision changes the standing grade', () => {
    const undecided = { reviewId: 'r1', requestedAt: '2026-07-02T00:00:00Z', requestedBy: 'rep', grounds: 'x', decisionDueOn: '2026-07-17', decision: null };
    expect(() => assertAnnounceable(onNotice(), new Date('2026-07-08T12:00:00Z'))).toThrow(expect.objectContaining({ extensions: { rule: 'ANNOUNCE_AFTER_PUBLIC_NOTICE' } }));
    expect(() => assertAnnounceable(onNotice({ reviews: [undecided] }), new Date('2026-07-09T01:00:00Z'))).toThrow(expect.objectContaining({ extensions: { rule: 'REVIEWS_DECIDED_BEFORE_ANNOUNCEMENT' } }));
    expect(() => assertAnnounceable(onNotice({ kind: 'TRACKING' }), new Date('2026-07-09T01:00:00Z'))).toThrow(expect.objectContaining({ extensions: { rule: 'TRACKING_NO_ANNOUNCEMENT' } }));
    expect(() => assertAnnounceable(onNotice(), new Date('2026-07-09T01:00:00Z'))).not.toThrow();
    const decided = { ...undecided, decision: { body: 'EVALUATION_COMMITTEE' as const, previousGrade: '3A' as const, grade: '4A' as const, total: 905, members: 9, votes: [], explanation: '', decidedAt: '', notifiedAt: '', late: false } };
    expect(standingResult(onNotice({ reviews: [decided] }))).toEqual({ grade: '4A', total: 905 });
    expect(standingResult(onNotice())).toEqual({ grade: '3A', total: 860 });
  });
});
