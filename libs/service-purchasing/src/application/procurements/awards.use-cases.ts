import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { BidsScored, EligibilityEvaluated, ProcurementAwarded } from '@sop/contracts';
import { UnitOfWork, type Tx } from '@sop/messaging';
import { Clock } from '@sop/util';
import { evaluateEligibility, type BidderFacts, type EligibilityEvaluation } from '../../domain/procurement/bidder-eligibility';
import { chooseWinner, scoreBids, STANDSTILL, type PanelScore, type ScoredBid, type ScoringResult } from '../../domain/procurement/bid-scoring';
import type { Procurement } from '../../domain/procurement/procurement-notice';
import type { SealedBid } from '../../domain/procurement/sealed-bid';
import { PurchasingErrors } from '../../domain/purchasing.errors';
import { ruleSetInForce } from '../../domain/purchasing-rules';
import { gradeInForce } from '../../domain/supplier-grade';
import { OcdsPublisher } from '../ocds/ocds-publisher';
import { RuleSetStore } from '../rule-sets/rule-sets.ports';
import { SupplierGradeStore, SupplierStore } from '../suppliers/suppliers.ports';
import { BidSealer } from './bid-sealer.port';
import { PerformanceHistoryStore } from './performance-history.port';
import { BidStore, DecisionStore, ProcurementStore, type StoredDecision } from './procurements.ports';
import { assertOwnPurchaser, procurementNotFound } from './procurements.use-cases';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface AwardInput {
  reasons: string[];
  /** Optional: the bidder the purchaser awards to (required only to settle a tie at the top). */
  bidderUscc?: string;
}

/** The award as stored (frozen): the winner, the reasons, the standstill and the eligibility evaluation at award. */
export interface AwardRecord {
  procurementId: string;
  ocid: string;
  winner: ScoredBid;
  reasons: string[];
  bidCount: number;
  awardedBy: string;
  awardedAt: string;
  standstill: { days: number; basis: string; confirmed: boolean; endsAt: string };
  ruleVersion: string;
  eligibilityAtAward: EligibilityEvaluation;
  refusedAtAward: { bidderUscc: string; failed: unknown[] }[];
}

function assertAfterDeadline(p: Procurement, now: Date): void {
  if (p.status === 'CANCELLED') throw new PurchasingErrors.PROCUREMENT_CANCELLED(`procurement ${p.id} was cancelled`);
  if (now.getTime() < p.bidDeadline.getTime())
    throw new PurchasingErrors.BIDS_SEALED(`bids stay sealed until the bid deadline ${p.bidDeadline.toISOString()}`, { extensions: { bidDeadline: p.bidDeadline.toISOString() } });
}

/**
 * Eligibility at the deadline and at award, scoring and award (issue 11 item 3). Each is frozen: recorded once with
 * its rule set version, as-of instant and evidence, never recomputed; each is an event on purchasing.procurement.v1
 * in the same transaction, with the procurement row locked so concurrent requests are serialized.
 */
@Injectable()
export class ProcurementAwards {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly procurements: ProcurementStore,
    private readonly bids: BidStore,
    private readonly decisions: DecisionStore,
    private readonly suppliers: SupplierStore,
    private readonly grades: SupplierGradeStore,
    private readonly ruleSets: RuleSetStore,
    private readonly sealer: BidSealer,
    private readonly clock: Clock,
    private readonly ocds: OcdsPublisher,
    private readonly history: PerformanceHistoryStore,
  ) {}

  /**
   * The eligibility evaluation at the deadline, recorded the first time it is asked for after the deadline (bids
   * opened, scored or awarded): as of the deadline (the rule set in force that day, grades in force at that instant,
   * registration status and credit measures as purchasing knows them when recording — `recordedAt`).
   */
  async deadlineEvaluation(procurementId: string): Promise<EligibilityEvaluation> {
    const stored = await this.decisions.get<EligibilityEvaluation>(null, procurementId, 'ELIGIBILITY_AT_DEADLINE');
    if (stored) return stored.body;
    return this.uow.run(async (tx) => this.ensureDeadlineEvaluation(tx, await this.locked(tx, procurementId), this.clock.now(), 'system'));
  }

  async score(procurementId: string, marks: PanelScore[], principal: Principal) {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const p = await this.locked(tx, procurementId);
      assertOwnPurchaser(principal, p);
      assertAfterDeadline(p, now);
      if (await this.decisions.get(tx, p.id, 'SCORES')) throw new PurchasingErrors.ALREADY_SCORED(`procurement ${p.id} was scored already`);
      const atDeadline = await this.ensureDeadlineEvaluation(tx, p, now, principal.subject);
      const eligible = new Set(atDeadline.bidders.filter((b) => b.eligible).map((b) => b.bidderUscc));
      const standing = (await this.bids.ofProcurement(tx, p.id)).filter((b) => b.status === 'SUBMITTED' && b.sealed && eligible.has(b.bidderUscc));
      const bids = await Promise.all(
        standing.map(async (b) => {
          const [s, grades, performanceFailures] = await Promise.all([this.suppliers.supplier(tx, b.bidderUscc), this.grades.grades(tx, b.bidderUscc), this.history.failuresOf(tx, b.bidderUscc)]);
          return { bidderUscc: b.bidderUscc, bidId: b.id, priceFen: this.priceOf(b), category: s?.category ?? null, grade: gradeInForce(grades, p.bidDeadline), performanceFailures };
        }),
      );
      const rules = ruleSetInForce(now, 'now', p.organJurisdiction, await this.ruleSets.versions(tx));
      const result = scoreBids(p.scoring, bids, marks, rules, p.bidDeadline);
      const event = await tx.publish(BidsScored, {
        subject: p.id,
        data: {
          procurementId: p.id,
          ocid: p.ocid,
          ruleVersion: result.ruleVersion,
          bids: result.bids.map((b) => ({ bidderUscc: b.bidderUscc, total: b.total, rank: b.rank, priority: b.priority.length > 0 })),
          scoredAt: now.toISOString(),
        },
      });
      await this.decisions.insert<ScoringResult>(tx, { procurementId: p.id, kind: 'SCORES', body: result, ruleVersion: result.ruleVersion, recordedBy: principal.subject, recordedAt: now, eventId: event.id });
      return { procurementId: p.id, ocid: p.ocid, scoredAt: now.toISOString(), eligibilityAtDeadline: atDeadline, ...result };
    });
  }

  /** Scores as recorded (the purchaser of the organ and auditors; after scoring). */
  async scores(procurementId: string, principal: Principal) {
    const p = await this.procurements.byId(null, procurementId);
    if (!p) throw procurementNotFound(procurementId);
    if (!principal.roles.includes('auditor')) assertOwnPurchaser(principal, p);
    const stored = await this.decisions.get<ScoringResult>(null, p.id, 'SCORES');
    if (!stored) throw new PurchasingErrors.NOT_SCORED(`procurement ${p.id} has not been scored`);
    return { procurementId: p.id, ocid: p.ocid, scoredAt: stored.recordedAt.toISOString(), scoredBy: stored.recordedBy, ...stored.body };
  }

  async award(procurementId: string, input: AwardInput, principal: Principal) {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const p = await this.locked(tx, procurementId);
      assertOwnPurchaser(principal, p);
      assertAfterDeadline(p, now);
      if (await this.decisions.get(tx, p.id, 'AWARD')) throw new PurchasingErrors.ALREADY_AWARDED(`procurement ${p.id} was awarded already`);
      const scores = await this.decisions.get<ScoringResult>(tx, p.id, 'SCORES');
      if (!scores) throw new PurchasingErrors.NOT_SCORED(`procurement ${p.id} has not been scored: score the bids first`);
      const rules = ruleSetInForce(now, 'now', p.organJurisdiction, await this.ruleSets.versions(tx));
      // Serialized with credit measure and status changes of the scored bidders: the award reads committed facts.
      for (const b of scores.body.bids) await this.suppliers.lockSupplierFacts(tx, b.bidderUscc);
      const facts = await Promise.all(scores.body.bids.map((b) => this.factsOf(tx, b.bidderUscc, now)));
      const atAward = evaluateEligibility('AWARD', now, now, facts, p.requirements, rules);
      const { winner, refused } = chooseWinner(scores.body, atAward, input.bidderUscc);
      const bidCount = (await this.bids.ofProcurement(tx, p.id)).filter((b) => b.status === 'SUBMITTED').length;
      await tx.publish(EligibilityEvaluated, { subject: p.id, data: this.eligibilityEventData(p, atAward) });
      const standstillEndsAt = new Date(now.getTime() + STANDSTILL.days * DAY_MS).toISOString();
      const event = await tx.publish(ProcurementAwarded, {
        subject: p.id,
        data: {
          procurementId: p.id,
          ocid: p.ocid,
          bidId: winner.bidId,
          supplierUscc: winner.bidderUscc,
          priceFen: winner.priceFen,
          total: winner.total,
          reasons: input.reasons,
          bidCount,
          ruleVersion: atAward.ruleVersion,
          awardedAt: now.toISOString(),
          standstillEndsAt,
        },
      });
      const record: AwardRecord = {
        procurementId: p.id,
        ocid: p.ocid,
        winner,
        reasons: input.reasons,
        bidCount,
        awardedBy: principal.subject,
        awardedAt: now.toISOString(),
        standstill: { ...STANDSTILL, endsAt: standstillEndsAt },
        ruleVersion: atAward.ruleVersion,
        eligibilityAtAward: atAward,
        refusedAtAward: refused,
      };
      await this.decisions.insert<AwardRecord>(tx, { procurementId: p.id, kind: 'AWARD', body: record, ruleVersion: atAward.ruleVersion, recordedBy: principal.subject, recordedAt: now, eventId: event.id });
      await this.ocds.record(tx, p.id, 'award', event.id, now);
      return { ...record, eventId: event.id };
    });
  }

  /**
   * The award notice (public): the winner, its price and scores, the reasons, the standstill, the number of bids and
   * the winner's evaluation per rule at the deadline and at award. Nothing of the losing bids.
   */
  async publicAward(procurementId: string) {
    const p = await this.procurements.byId(null, procurementId);
    if (!p) throw procurementNotFound(procurementId);
    const stored = await this.decisions.get<AwardRecord>(null, p.id, 'AWARD');
    if (!stored) throw new PurchasingErrors.AWARD_NOT_FOUND(`procurement ${p.id} has not been awarded`);
    const atDeadline = await this.decisions.get<EligibilityEvaluation>(null, p.id, 'ELIGIBILITY_AT_DEADLINE');
    const a = stored.body;
    const ofWinner = (e: EligibilityEvaluation | undefined) => {
      const b = e?.bidders.find((x) => x.bidderUscc === a.winner.bidderUscc);
      return e && b ? { asOf: e.asOf, recordedAt: e.recordedAt, ruleVersion: e.ruleVersion, eligible: b.eligible, rules: b.rules } : null;
    };
    const w = a.winner;
    return {
      procurementId: a.procurementId,
      ocid: a.ocid,
      title: p.title,
      supplierUscc: w.bidderUscc,
      bidId: w.bidId,
      priceFen: w.priceFen,
      scores: { priceScore: w.priceScore, quality: w.quality, qualityScore: w.qualityScore, total: w.total, rank: w.rank, priority: w.priority },
      reasons: a.reasons,
      bidCount: a.bidCount,
      awardedAt: a.awardedAt,
      standstill: a.standstill,
      ruleVersion: a.ruleVersion,
      eligibility: { atDeadline: ofWinner(atDeadline?.body), atAward: ofWinner(a.eligibilityAtAward) },
      eventId: stored.eventId,
    };
  }

  private async ensureDeadlineEvaluation(tx: Tx, p: Procurement, now: Date, by: string): Promise<EligibilityEvaluation> {
    const stored = await this.decisions.get<EligibilityEvaluation>(tx, p.id, 'ELIGIBILITY_AT_DEADLINE');
    if (stored) return stored.body;
    assertAfterDeadline(p, now);
    const standing = (await this.bids.ofProcurement(tx, p.id)).filter((b) => b.status === 'SUBMITTED');
    const facts = await Promise.all(standing.map((b) => this.factsOf(tx, b.bidderUscc, p.bidDeadline)));
    const rules = ruleSetInForce(p.bidDeadline, 'bidDeadline', p.organJurisdiction, await this.ruleSets.versions(tx));
    const evaluation = evaluateEligibility('DEADLINE', p.bidDeadline, now, facts, p.requirements, rules);
    const event = await tx.publish(EligibilityEvaluated, { subject: p.id, data: this.eligibilityEventData(p, evaluation) });
    const decision: StoredDecision<EligibilityEvaluation> = {
      procurementId: p.id,
      kind: 'ELIGIBILITY_AT_DEADLINE',
      body: evaluation,
      ruleVersion: evaluation.ruleVersion,
      recordedBy: by,
      recordedAt: now,
      eventId: event.id,
    };
    await this.decisions.insert(tx, decision);
    return evaluation;
  }

  private eligibilityEventData(p: Procurement, e: EligibilityEvaluation) {
    return {
      procurementId: p.id,
      ocid: p.ocid,
      stage: e.stage,
      asOf: e.asOf,
      ruleVersion: e.ruleVersion,
      bidders: e.bidders.map((b) => ({ bidderUscc: b.bidderUscc, eligible: b.eligible, failedRules: b.rules.filter((r) => r.outcome === 'FAIL').map((r) => r.rule) })),
      recordedAt: e.recordedAt,
    };
  }

  /** Registration status and credit measures as known now; the grade in force at `asOf`; purchasing's own performance failures (the rule filters by `asOf`). */
  private async factsOf(tx: Tx, uscc: string, asOf: Date): Promise<BidderFacts> {
    const [s, measures, grades, performanceFailures] = await Promise.all([this.suppliers.supplier(tx, uscc), this.suppliers.measures(tx, uscc), this.grades.grades(tx, uscc), this.history.failuresOf(tx, uscc)]);
    return {
      uscc,
      supplier: s
        ? { status: s.status, statusChangedAt: s.statusChangedAt?.toISOString() ?? null, category: s.category, registrationEventId: s.registrationEventId ?? null, statusEventId: s.statusEventId ?? null }
        : null,
      measures: measures ? { lists: measures.lists, measures: measures.measures, effectiveFrom: measures.effectiveFrom, ruleVersion: measures.ruleVersion, eventId: measures.eventId } : null,
      grade: gradeInForce(grades, asOf),
      performanceFailures,
    };
  }

  private priceOf(b: SealedBid): number {
    return this.sealer.open(b.procurementId, b.bidderUscc, b.sealed as string).priceFen;
  }

  private async locked(tx: Tx, id: string): Promise<Procurement> {
    const p = await this.procurements.byIdLocked(tx, id);
    if (!p) throw procurementNotFound(id);
    return p;
  }
}
