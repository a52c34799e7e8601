import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import {
  ContractPerformanceAssessed,
  ContractSigned,
  type GradeAdjustedV1,
  type GradeAwardedV1,
  type JointMeasuresChangedV1,
  type OrganizationDeregisteredV1,
  type OrganizationRevokedV1,
} from '@sop/contracts';
import { UnitOfWork, type CloudEvent, type Tx } from '@sop/messaging';
import { isDuplicateKey } from '@sop/persistence';
import { asProblem, Clock, ProblemError } from '@sop/util';
import { checkContractTerms, type MultiYearDeclaration } from '../domain/contract-terms';
import { assertSameRequest, requestHash } from '../domain/idempotency';
import { assertSamePurchaser, bindingOf } from '../domain/purchaser-binding';
import { decideAssessment } from '../domain/performance-assessment';
import { ruleSetAt, ruleVersionOf, type PurchasingRuleSet } from '../domain/purchasing-rules';
import {
  assertSignedAfterRegistration,
  assertSupplierEligible,
  barringMeasuresOf,
  nextStatus,
  type SupplierStatus,
} from '../domain/supplier-eligibility';
import { gradeInForce, supersede, type GradeRecord } from '../domain/supplier-grade';
import { priorityReasons } from '../domain/supplier-priority';
import { PurchasingStore, type Contract, type PerformanceAssessment } from './purchasing.ports';

function decided<T>(decide: () => T): T {
  try {
    return decide();
  } catch (err) {
    throw asProblem(err);
  }
}

export interface SignContractInput {
  supplierUscc: string;
  purchaser: string;
  title: string;
  method: string;
  valueFen: number;
  termStart: string;
  termEnd: string;
  signedAt: string;
  multiYear?: MultiYearDeclaration;
}

/** The outcome of a signing: the contract, and whether it is the original answered again for an idempotent retry. */
export interface SignOutcome {
  contract: ReturnType<typeof contractView>;
  replayed: boolean;
}

/** The body fields that make "the same request" for an Idempotency-Key (what the contract is built from). */
function signingRequestHash(input: SignContractInput): string {
  return requestHash({
    supplierUscc: input.supplierUscc,
    purchaser: input.purchaser,
    title: input.title,
    method: input.method,
    valueFen: input.valueFen,
    termStart: input.termStart,
    termEnd: input.termEnd,
    signedAt: input.signedAt,
    multiYear: input.multiYear ? { budgetAssured: input.multiYear.budgetAssured, stableService: input.multiYear.stableService } : null,
  });
}

export interface AssessPerformanceInput {
  score: number;
  breach: boolean;
  summary: string;
}

/**
 * Purchase-of-services contracts and their performance assessment (regulations §7), and the supplier facts
 * purchasing learns from registration, credit (§5.3) and evaluation (§6). Every decision runs in one UnitOfWork
 * transaction: the state change and its event (ContractSigned / ContractPerformanceAssessed) commit together.
 */
@Injectable()
export class ContractService {
  private readonly logger = new Logger('ContractService');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: PurchasingStore,
    private readonly clock: Clock,
  ) {}

  private rulesAt(at: Date, field: string): PurchasingRuleSet {
    const rules = ruleSetAt(at);
    if (!rules)
      throw ProblemError.unprocessable('PURCHASING.NO_RULE_SET', `no purchasing rule set in force on ${at.toISOString().slice(0, 10)}`, [
        { field, rule: 'Order 102 in force from 2020-03-01 (regulations §7.1)', message: 'before the first purchasing rule set' },
      ]);
    return rules;
  }

  // ---------------------------------------------------------------- commands

  /**
   * Records a signed contract (Order 102 Art. 23: written, publicly announced — the ContractSigned event). The term
   * is checked by the rule set in force on the signing day; the supplier's eligibility by the facts known now.
   */
  async signContract(input: SignContractInput, principal: Principal) {
    return (await this.sign(input, principal, null)).contract;
  }

  /**
   * Signing with an optional Idempotency-Key. A key already used by the same principal (recordedBy) answers with
   * the original contract (`replayed`, nothing published) when the body hashes the same, else 409
   * PURCHASING.IDEMPOTENCY_KEY_REUSED. The key is checked before the rules, so a retry still gets its contract
   * after the facts changed. Two concurrent first attempts: the unique index (idempotency_key, recorded_by) lets one
   * insert; the other's transaction (contract and outbox row) rolls back and it answers like a retry.
   */
  async sign(input: SignContractInput, principal: Principal, idempotencyKey: string | null): Promise<SignOutcome> {
    const hash = idempotencyKey ? signingRequestHash(input) : null;
    if (idempotencyKey && hash) {
      const replay = await this.replayOf(idempotencyKey, hash, principal);
      if (replay) return replay;
    }
    try {
      return { contract: await this.signOnce(input, principal, idempotencyKey, hash), replayed: false };
    } catch (err) {
      if (idempotencyKey && hash && isDuplicateKey(err)) {
        const replay = await this.replayOf(idempotencyKey, hash, principal);
        if (replay) return replay;
      }
      throw err;
    }
  }

  private async replayOf(key: string, hash: string, principal: Principal): Promise<SignOutcome | null> {
    const original = await this.store.contractByIdempotencyKey(null, key, principal.subject);
    if (!original) return null;
    decided(() => assertSameRequest(original.requestHash, hash, key));
    return { contract: contractView(original, await this.store.assessments(null, original.id)), replayed: true };
  }

  private async signOnce(input: SignContractInput, principal: Principal, idempotencyKey: string | null, hash: string | null) {
    const now = this.clock.now();
    const signedAt = new Date(input.signedAt);
    if (Number.isNaN(signedAt.getTime()) || signedAt > now)
      throw ProblemError.badRequest('PURCHASING.SIGNED_IN_FUTURE', 'signedAt lies in the future', [{ field: 'signedAt', rule: 'a contract is recorded once signed', message: 'signedAt must not be after now' }]);
    const rules = this.rulesAt(signedAt, 'signedAt');
    const accepted = decided(() => checkContractTerms(input, rules));
    const ruleVersion = ruleVersionOf(rules);

    return this.uow.run(async (tx) => {
      await this.store.lockSupplierFacts(tx, input.supplierUscc);
      const [supplier, measures] = await Promise.all([this.store.supplier(tx, input.supplierUscc), this.store.measures(tx, input.supplierUscc)]);
      decided(() => assertSupplierEligible(input.supplierUscc, supplier ? { uscc: supplier.uscc, status: supplier.status, measures } : null, rules));
      if (supplier) decided(() => assertSignedAfterRegistration(input.supplierUscc, signedAt, supplier.registeredAt));

      const id = randomUUID();
      const published = await tx.publish(ContractSigned, { subject: input.supplierUscc,
        policyVersion: ruleVersion,
        data: {
          contractId: id,
          supplierUscc: input.supplierUscc,
          purchaser: input.purchaser,
          title: input.title,
          method: accepted.method,
          valueFen: input.valueFen,
          termStart: input.termStart,
          termEnd: input.termEnd,
          signedAt: signedAt.toISOString(),
          ruleVersion,
        },
      });
      const contract: Contract = {
        id,
        supplierUscc: input.supplierUscc,
        purchaser: input.purchaser,
        title: input.title,
        method: accepted.method,
        valueFen: input.valueFen,
        termStart: input.termStart,
        termEnd: input.termEnd,
        multiYear: accepted.multiYear,
        budgetAssured: input.multiYear?.budgetAssured === true,
        stableService: input.multiYear?.stableService === true,
        signedAt,
        status: 'SIGNED',
        ruleVersion,
        ...bindingOf(principal),
        recordedAt: now,
        eventId: published.id,
        idempotencyKey,
        requestHash: hash,
      };
      await this.store.insertContract(tx, contract);
      return contractView(contract, []);
    });
  }

  /** Performance management and acceptance (regulations §7.2): score → outcome by the bands in force today. */
  async assessPerformance(contractId: string, input: AssessPerformanceInput, principal: Principal) {
    const now = this.clock.now();
    const rules = this.rulesAt(now, 'assessedAt');
    const ruleVersion = ruleVersionOf(rules);
    return this.uow.run(async (tx) => {
      const contract = await this.store.contract(tx, contractId);
      if (!contract) throw ProblemError.notFound('PURCHASING.CONTRACT_NOT_FOUND', `no contract ${contractId}`);
      decided(() => assertSamePurchaser(contract, principal));
      const outcome = decided(() => decideAssessment(contract, input.score, now, rules));
      const id = randomUUID();
      const published = await tx.publish(ContractPerformanceAssessed, { subject: contract.supplierUscc,
        policyVersion: ruleVersion,
        causationId: contract.eventId,
        data: {
          assessmentId: id,
          contractId,
          supplierUscc: contract.supplierUscc,
          purchaser: contract.purchaser,
          outcome,
          score: input.score,
          breach: input.breach,
          summary: input.summary,
          assessedAt: now.toISOString(),
          ruleVersion,
        },
      });
      const assessment: PerformanceAssessment = {
        id,
        contractId,
        supplierUscc: contract.supplierUscc,
        purchaser: contract.purchaser,
        score: input.score,
        outcome,
        breach: input.breach,
        summary: input.summary,
        assessedAt: now,
        assessedBy: principal.subject,
        ruleVersion,
        eventId: published.id,
      };
      await this.store.insertAssessment(tx, assessment);
      return assessmentView(assessment);
    });
  }

  // ---------------------------------------------------------------- reads

  async contractOf(contractId: string) {
    const contract = await this.store.contract(null, contractId);
    if (!contract) throw ProblemError.notFound('PURCHASING.CONTRACT_NOT_FOUND', `no contract ${contractId}`);
    return contractView(contract, await this.store.assessments(null, contractId));
  }

  /** A supplier with its status, credit measures that bar it, grade in force and priority reasons (as of now). */
  async supplierOf(uscc: string) {
    const s = await this.store.supplier(null, uscc);
    if (!s) throw ProblemError.notFound('PURCHASING.SUPPLIER_NOT_FOUND', `purchasing has no organization ${uscc}`);
    const now = this.clock.now();
    const rules = this.rulesAt(now, 'now');
    const [measures, grades] = await Promise.all([this.store.measures(null, uscc), this.store.grades(null, uscc)]);
    const grade = gradeInForce(grades, now);
    const barringMeasures = barringMeasuresOf(measures, rules);
    const reasons = priorityReasons(s.category, grade, rules);
    return {
      uscc: s.uscc,
      name: s.name,
      form: s.form,
      category: s.category,
      registeringAuthority: s.registeringAuthority,
      registeredAt: s.registeredAt.toISOString(),
      status: s.status,
      statusChangedAt: s.statusChangedAt?.toISOString() ?? null,
      categoryPriority: reasons.some((r) => r.code === 'DIRECT_REGISTRATION_CATEGORY'),
      barred: barringMeasures.length > 0,
      barringMeasures,
      jointMeasures: measures ? { lists: measures.lists, measures: measures.measures, effectiveFrom: measures.effectiveFrom, ruleVersion: measures.ruleVersion } : null,
      gradeInForce: grade,
      priority: reasons.length > 0,
      priorityReasons: reasons,
      ruleVersion: ruleVersionOf(rules),
    };
  }

  // ---------------------------------------------------------------- consumed events (inside the inbox transaction)

  /**
   * credit.joint-measures.changed → the whole set replaces the previous one (regulations §5.3; credit decides
   * which lists carry NO_PURCHASE_OF_SERVICES). Sets arrive in order per USCC (Kafka key); a redelivery of the same
   * event is stopped by the inbox, and storing the same set again changes nothing.
   */
  async onJointMeasuresChanged(event: CloudEvent<JointMeasuresChangedV1>, tx: Tx): Promise<void> {
    const d = event.data;
    await this.store.saveMeasures(tx, d.uscc, { lists: [...d.lists], measures: [...d.measures], effectiveFrom: d.effectiveFrom, ruleVersion: d.ruleVersion, eventId: event.id, receivedAt: this.clock.now() });
  }

  /** evaluation.grade.awarded → the grade (regulations §6); a replacement supersedes the grade it names. */
  async onGradeAwarded(event: CloudEvent<GradeAwardedV1>, tx: Tx): Promise<void> {
    const d = event.data;
    if (await this.store.grade(tx, d.gradeId)) return; // already known: a re-published award changes nothing
    let record: GradeRecord = {
      gradeId: d.gradeId,
      uscc: d.uscc,
      grade: d.grade,
      validFrom: d.validFrom,
      validUntil: d.validUntil,
      announcedAt: new Date(d.announcedAt).toISOString(),
      replacesGradeId: d.replacesGradeId ?? null,
      supersededByGradeId: null,
      supersededFrom: null,
      adjustment: null,
      ruleVersion: d.ruleVersion,
    };
    // A replacement that arrived first (not expected on one key, but harmless) still supersedes this one.
    const [laterReplacement] = await this.store.replacementsOf(tx, d.gradeId);
    if (laterReplacement) record = supersede(record, laterReplacement);
    await this.store.insertGrade(tx, record, { score: d.score, evaluatingAuthority: d.evaluatingAuthority, eventId: event.id });
    if (d.replacesGradeId) {
      const replaced = await this.store.grade(tx, d.replacesGradeId);
      if (replaced) await this.store.updateGrade(tx, supersede(replaced, record));
      else this.logger.warn(`grade ${d.gradeId} replaces ${d.replacesGradeId}, which purchasing never received`);
    }
  }

  /** evaluation.grade.adjusted → lowered or cancelled from effectiveAt; an older adjustment never undoes a newer one. */
  async onGradeAdjusted(event: CloudEvent<GradeAdjustedV1>, tx: Tx): Promise<void> {
    const d = event.data;
    const grade = await this.store.grade(tx, d.gradeId);
    if (!grade) {
      this.logger.warn(`adjustment of grade ${d.gradeId} (${d.uscc}) for a grade purchasing never received; ignored`);
      return;
    }
    const effectiveAt = new Date(d.effectiveAt).toISOString();
    if (grade.adjustment && grade.adjustment.effectiveAt > effectiveAt) return;
    await this.store.updateGrade(tx, { ...grade, adjustment: { newGrade: d.newGrade ?? null, reason: d.reason, effectiveAt } }, event.id);
  }

  async onOrganizationRevoked(event: CloudEvent<OrganizationRevokedV1>, tx: Tx): Promise<void> {
    await this.statusChanged(tx, event.data.uscc, 'REVOKED', new Date(event.data.revokedAt), event.id);
  }

  async onOrganizationDeregistered(event: CloudEvent<OrganizationDeregisteredV1>, tx: Tx): Promise<void> {
    await this.statusChanged(tx, event.data.uscc, 'DEREGISTERED', new Date(event.data.deregisteredAt), event.id);
  }

  /** Revoked / deregistered organizations cannot undertake purchased services (Order 102 Art. 6–7). */
  private async statusChanged(tx: Tx, uscc: string, incoming: SupplierStatus, at: Date, eventId: string): Promise<void> {
    const supplier = await this.store.supplier(tx, uscc);
    if (!supplier) {
      // Same topic and key as the registration event, so it cannot overtake it: purchasing never knew this one.
      this.logger.warn(`${incoming} for ${uscc}, which purchasing never registered; ignored`);
      return;
    }
    const next = nextStatus(supplier.status, incoming);
    if (next !== supplier.status) await this.store.setSupplierStatus(tx, uscc, next, at, eventId);
  }
}

function assessmentView(a: PerformanceAssessment) {
  return {
    id: a.id,
    contractId: a.contractId,
    supplierUscc: a.supplierUscc,
    purchaser: a.purchaser,
    score: a.score,
    outcome: a.outcome,
    breach: a.breach,
    summary: a.summary,
    assessedAt: a.assessedAt.toISOString(),
    assessedBy: a.assessedBy,
    ruleVersion: a.ruleVersion,
  };
}

function contractView(c: Contract, assessments: PerformanceAssessment[]) {
  return {
    id: c.id,
    supplierUscc: c.supplierUscc,
    purchaser: c.purchaser,
    title: c.title,
    method: c.method,
    valueFen: c.valueFen,
    termStart: c.termStart,
    termEnd: c.termEnd,
    multiYear: c.multiYear ? { budgetAssured: c.budgetAssured, stableService: c.stableService } : null,
    signedAt: c.signedAt.toISOString(),
    status: c.status,
    ruleVersion: c.ruleVersion,
    recordedBy: c.recordedBy,
    purchaserUnitId: c.purchaserUnitId,
    purchaserJurisdiction: c.purchaserJurisdiction,
    recordedAt: c.recordedAt.toISOString(),
    assessments: assessments.map(assessmentView),
  };
}
