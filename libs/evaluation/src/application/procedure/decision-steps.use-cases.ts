import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { EvaluationCommitteeDecided, EvaluationNoticePublished, EvaluationReviewDecided, EvaluationReviewRequested, type EvaluationCommitteeDecidedV1, type EvaluationReviewRequestedV1 } from '@sop/contracts';
import { assertCommitteeDecision, type CommitteeVote } from '../../domain/committee';
import { EvaluationErrors } from '../../domain/evaluation.errors';
import { ruleSetByVersion } from '../../domain/evaluation-rules';
import { gradeForScore } from '../../domain/grading';
import { resolveRules } from '../../domain/local-rule-sets';
import { assertReviewWindow, assertStatus, isLate, publicNoticePeriod, reviewDecisionDue, standingResult } from '../../domain/procedure/procedure';
import { EvaluationRuleSetStore } from '../rule-sets/rule-sets.ports';
import { ProcedureRunner, type StepContext } from './procedure-runner';

const base = (p: { procedureId: string; uscc: string; ruleVersion: string }) => ({ procedureId: p.procedureId, uscc: p.uscc, ruleVersion: p.ruleVersion });

/**
 * Steps 4–6 of the procedure (regulations §6): the committee's decision (quorum 2/3, named vote, majority of all
 * members; the grade from the cut-offs of the total), the public notice (公示) with written notice to the
 * organization, review requests during the notice only (Order 39 Art. 20) and their decision by named vote
 * (Art. 22; the review committee under Order 39, the evaluation committee under the 2026 measures) notified in
 * writing within 15 days (Art. 23). A review decision may change the total and with it the grade.
 */
@Injectable()
export class DecisionSteps {
  constructor(
    private readonly runner: ProcedureRunner,
    private readonly ruleSets: EvaluationRuleSetStore,
  ) {}

  /** The committee decides on the expert group's total (or, with a reason, an amended one). */
  recordCommitteeDecision(procedureId: string, input: { committee: CommitteeVote; total?: number }, principal: Principal) {
    return this.runner.step(procedureId, principal, 'evaluator', async (ctx) => {
      const { tx, procedure: p, now } = ctx;
      assertStatus(p, "the committee's decision", 'OPINION_GIVEN');
      const { rules, localVersion } = await this.rulesAt(ctx);
      assertCommitteeDecision(input.committee, rules);
      const total = input.total ?? p.opinion!.aggregation.total;
      const grade = gradeForScore(total, rules);
      p.decision = { grade, total, committee: input.committee, localRuleVersion: localVersion, decidedAt: now.toISOString() };
      p.status = 'COMMITTEE_DECIDED';
      const data: EvaluationCommitteeDecidedV1 = { ...base(p), grade, total, ...input.committee, decidedAt: now.toISOString() };
      if (localVersion) data.localRuleVersion = localVersion;
      await tx.publish(EvaluationCommitteeDecided, { subject: p.uscc, data, policyVersion: p.ruleVersion });
      return p;
    });
  }

  publishNotice(procedureId: string, principal: Principal) {
    return this.runner.step(procedureId, principal, 'evaluator', async ({ tx, procedure: p, now, rules, calendar }) => {
      assertStatus(p, 'the public notice', 'COMMITTEE_DECIDED');
      if (p.kind === 'TRACKING') throw new EvaluationErrors.PROCEDURE_STEP_OUT_OF_ORDER('a tracking evaluation ends with the committee: it confirms the grade in force or leads to an adjustment', { field: 'procedureId', rule: 'TRACKING_NO_ANNOUNCEMENT' });
      const period = publicNoticePeriod(now, rules, calendar);
      // The written notice to the organization goes out with the public notice (§6 step 5).
      p.notice = { publishedAt: now.toISOString(), endsOn: period.lastDay, endsAt: period.endsAt.toISOString(), writtenNoticeAt: now.toISOString() };
      p.status = 'ON_NOTICE';
      await tx.publish(EvaluationNoticePublished, { subject: p.uscc, data: { ...base(p), grade: p.decision!.grade, publishedAt: now.toISOString(), noticeEndsOn: period.lastDay, writtenNoticeAt: now.toISOString() }, policyVersion: p.ruleVersion });
      return p;
    });
  }

  /** By the organization, in writing, during the notice. */
  requestReview(procedureId: string, grounds: string, principal: Principal) {
    return this.runner.step(procedureId, principal, 'own', async ({ tx, procedure: p, now, rules, calendar }) => {
      assertReviewWindow(p, now);
      const due = reviewDecisionDue(now, rules, calendar);
      const review = { reviewId: randomUUID(), requestedAt: now.toISOString(), requestedBy: principal.subject, grounds, decisionDueOn: due?.lastDay ?? null, decision: null };
      p.reviews.push(review);
      const data: EvaluationReviewRequestedV1 = { ...base(p), reviewId: review.reviewId, requestedAt: review.requestedAt };
      if (due) data.decisionDueOn = due.lastDay;
      await tx.publish(EvaluationReviewRequested, { subject: p.uscc, data, policyVersion: p.ruleVersion });
      return review;
    });
  }

  /**
   * The review decision: a named vote (each member and whether in favour of the decision) carried by a majority of
   * all members with 2/3 present; `total` the reviewed total (absent: the standing one), its grade from the cut-offs.
   */
  decideReview(procedureId: string, reviewId: string, input: { members: number; votes: { member: string; inFavour: boolean }[]; total?: number; explanation: string }, principal: Principal) {
    return this.runner.step(procedureId, principal, 'evaluator', async (ctx) => {
      const { tx, procedure: p, now, rules: procedureRules } = ctx;
      assertStatus(p, 'a review decision', 'ON_NOTICE');
      const review = p.reviews.find((r) => r.reviewId === reviewId);
      if (!review) throw new EvaluationErrors.PROCEDURE_NOT_FOUND(`procedure ${p.procedureId} has no review request ${reviewId}`);
      if (review.decision) throw new EvaluationErrors.PROCEDURE_STEP_OUT_OF_ORDER(`review ${reviewId} is already decided`, { field: 'reviewId', rule: 'ONE_DECISION_PER_REVIEW' });
      if (new Set(input.votes.map((v) => v.member)).size !== input.votes.length)
        throw new EvaluationErrors.COMMITTEE_INVALID('each member votes once in the named vote', { field: 'votes', rule: 'NAMED_VOTE_ONE_PER_MEMBER' });
      const { rules } = await this.rulesAt(ctx);
      const inFavour = input.votes.filter((v) => v.inFavour).length;
      assertCommitteeDecision({ members: input.members, present: input.votes.length, inFavour }, rules);
      const standing = standingResult(p)!;
      const total = input.total ?? standing.total;
      const grade = gradeForScore(total, rules);
      const late = isLate(review.decisionDueOn, now);
      review.decision = { body: procedureRules.reviewBody, previousGrade: standing.grade, grade, total, members: input.members, votes: input.votes, explanation: input.explanation, decidedAt: now.toISOString(), notifiedAt: now.toISOString(), late };
      await tx.publish(EvaluationReviewDecided, {
        subject: p.uscc,
        data: { ...base(p), reviewId, body: procedureRules.reviewBody, previousGrade: standing.grade, grade, total, members: input.members, inFavour, decidedAt: now.toISOString(), notifiedAt: now.toISOString(), late },
        policyVersion: p.ruleVersion,
      });
      return review;
    });
  }

  /** The national rule set of the procedure with the local cut-offs in force now. */
  private async rulesAt({ tx, procedure, now }: StepContext) {
    return resolveRules(ruleSetByVersion(procedure.ruleVersion), now, procedure.evaluatingAuthority, await this.ruleSets.versions(tx));
  }
}
