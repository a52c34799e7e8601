import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { ContractSigned } from '@sop/contracts';
import { UnitOfWork } from '@sop/messaging';
import { isDuplicateKey } from '@sop/persistence';
import { Clock } from '@sop/util';
import { checkMilestones, implicitMilestone, type Milestone } from '../../domain/contract/milestones';
import { checkContractTerms, type MultiYearDeclaration } from '../../domain/contract-terms';
import { assertSameRequest, requestHash } from '../../domain/idempotency';
import { bindingOf } from '../../domain/purchaser-binding';
import { signingOrgan } from '../../domain/purchasing-organ';
import { PurchasingErrors } from '../../domain/purchasing.errors';
import { ruleSetInForce, ruleVersionOf } from '../../domain/purchasing-rules';
import { assertSignedAfterRegistration, assertSupplierEligible } from '../../domain/supplier-eligibility';
import { assertAdmittedOutsideCivilAffairs, isCivilAffairsUscc } from '../../domain/supplier-kinds';
import { AssessmentStore } from '../assessments/assessments.ports';
import { PerformanceStore } from '../contract-performance/contract-performance.ports';
import { OrganStore } from '../organs/organs.ports';
import { RuleSetStore } from '../rule-sets/rule-sets.ports';
import { SupplierStore } from '../suppliers/suppliers.ports';
import { contractView, type ContractView } from './contract.view';
import { ContractStore, type Contract } from './contracts.ports';

export interface SignContractInput {
  supplierUscc: string;
  /** Optional: the purchaser is the registered organ of the principal's unit_id; if given, it must be its name. */
  purchaser?: string;
  title: string;
  method: string;
  valueFen: number;
  termStart: string;
  termEnd: string;
  signedAt: string;
  multiYear?: MultiYearDeclaration;
  /** Optional milestones (summing to valueFen); without them the contract is paid against one implicit milestone of its whole value. */
  milestones?: Milestone[];
  /** Optional: the purchaser declares the service a public service (Order 102 Art. 9), for the 财综〔2016〕54号 share report. */
  publicService?: boolean;
}

/** The outcome of a signing: the contract, and whether it is the original answered again for an idempotent retry. */
export interface SignOutcome {
  contract: ContractView;
  replayed: boolean;
}

/** The body fields that make "the same request" for an Idempotency-Key (what the contract is built from). */
function signingRequestHash(input: SignContractInput): string {
  return requestHash({
    supplierUscc: input.supplierUscc,
    purchaser: input.purchaser ?? null,
    title: input.title,
    method: input.method,
    valueFen: input.valueFen,
    termStart: input.termStart,
    termEnd: input.termEnd,
    signedAt: input.signedAt,
    multiYear: input.multiYear ? { budgetAssured: input.multiYear.budgetAssured, stableService: input.multiYear.stableService } : null,
    // Only when given: a body without milestones hashes as it did before milestones existed.
    ...(input.milestones ? { milestones: input.milestones } : {}),
    ...(input.publicService !== undefined ? { publicService: input.publicService } : {}),
  });
}

/**
 * Records a signed purchase-of-services contract (Order 102 Art. 23: written, publicly announced — the
 * ContractSigned event): the purchaser is the registered organ of the principal's unit_id (Order 102 Art. 5; 403
 * PURCHASING.PURCHASER_NOT_REGISTERED otherwise), term rules, supplier eligibility (registered, active, not barred by
 * credit, §5.3), the purchaser binding and idempotent retries. The contract and its event commit in one UnitOfWork transaction.
 */
@Injectable()
export class SignContract {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly contracts: ContractStore,
    private readonly assessments: AssessmentStore,
    private readonly suppliers: SupplierStore,
    private readonly ruleSets: RuleSetStore,
    private readonly organs: OrganStore,
    private readonly performance: PerformanceStore,
    private readonly clock: Clock,
  ) {}

  /**
   * Signing without an Idempotency-Key. The term is checked by the rule set in force on the signing day; the
   * supplier's eligibility by the facts known now.
   */
  async signContract(input: SignContractInput, principal: Principal): Promise<ContractView> {
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
    const original = await this.contracts.contractByIdempotencyKey(null, key, principal.subject);
    if (!original) return null;
    assertSameRequest(original.requestHash, hash, key);
    return { contract: contractView(original, await this.assessments.assessments(null, original.id)), replayed: true };
  }

  private async signOnce(input: SignContractInput, principal: Principal, idempotencyKey: string | null, hash: string | null): Promise<ContractView> {
    const now = this.clock.now();
    const signedAt = new Date(input.signedAt);
    if (Number.isNaN(signedAt.getTime()) || signedAt > now)
      throw new PurchasingErrors.SIGNED_IN_FUTURE('signedAt lies in the future', {
        violations: [{ field: 'signedAt', rule: 'a contract is recorded once signed', message: 'signedAt must not be after now' }],
      });
    // The signing organ (Order 102 Art. 5): the principal's unit_id, registered as a state organ in a division the
    // principal's jurisdiction covers; its registered name is the contract's purchaser. Checked before the terms, so
    // an unregistered caller learns nothing about the rules.
    const organ = signingOrgan(principal, principal.unitId ? await this.organs.current(null, principal.unitId.trim()) : null, input.purchaser);
    const binding = bindingOf(principal, organ);
    // The purchaser's rule set (issue §2 "local rules are local"): the most specific one covering the organ's
    // jurisdiction — the contract's purchaserJurisdiction (Order 102 Art. 5) — in force on the Beijing date of signing.
    const rules = ruleSetInForce(signedAt, 'signedAt', organ.jurisdiction, await this.ruleSets.versions(null));
    const accepted = checkContractTerms(input, rules);
    const ruleVersion = ruleVersionOf(rules);
    const milestones = input.milestones ? checkMilestones(input.milestones, input.valueFen, input.termStart, input.termEnd) : null;

    return this.uow.run(async (tx) => {
      // A social organization (civil affairs, department code 5) keeps every check. Another undertaker Order 102 Art. 6
      // admits (enterprise 91…, public institution 12…, …) is outside this platform's registration: recorded with its
      // eligibility NOT_EVALUATED, the purchaser attesting it (README "stand-alone contracts with other suppliers").
      const civilAffairs = isCivilAffairsUscc(input.supplierUscc);
      if (civilAffairs) {
        await this.suppliers.lockSupplierFacts(tx, input.supplierUscc);
        const [supplier, measures] = await Promise.all([this.suppliers.supplier(tx, input.supplierUscc), this.suppliers.measures(tx, input.supplierUscc)]);
        assertSupplierEligible(input.supplierUscc, supplier ? { uscc: supplier.uscc, status: supplier.status, measures } : null, rules);
        if (supplier) assertSignedAfterRegistration(input.supplierUscc, signedAt, supplier.registeredAt);
      } else assertAdmittedOutsideCivilAffairs(input.supplierUscc);
      const declared = { ...(civilAffairs ? {} : { supplierEligibility: 'NOT_EVALUATED' as const }), ...(input.publicService !== undefined ? { publicService: input.publicService } : {}) };

      const id = randomUUID();
      // What the ContractSigned event announces and the contract row records alike.
      const terms = {
        supplierUscc: input.supplierUscc,
        purchaser: organ.name,
        title: input.title,
        method: accepted.method,
        valueFen: input.valueFen,
        termStart: input.termStart,
        termEnd: input.termEnd,
      };
      const published = await tx.publish(ContractSigned, {
        subject: input.supplierUscc,
        policyVersion: ruleVersion,
        data: {
          contractId: id,
          ...terms,
          purchaserUnitId: organ.unitId,
          purchaserJurisdiction: organ.jurisdiction,
          signedAt: signedAt.toISOString(),
          ruleVersion,
          ...(milestones ? { milestones: milestones.map((m) => ({ sequence: m.sequence, title: m.title, dueOn: m.dueOn, amountFen: m.amountFen })) } : {}),
          ...declared,
        },
      });
      const contract: Contract = {
        id,
        ...terms,
        multiYear: accepted.multiYear,
        budgetAssured: input.multiYear?.budgetAssured === true,
        stableService: input.multiYear?.stableService === true,
        signedAt,
        status: 'SIGNED',
        ruleVersion,
        ...binding,
        purchaserOrganVersion: organ.version,
        recordedAt: now,
        eventId: published.id,
        idempotencyKey,
        requestHash: hash,
        ...declared,
      };
      await this.contracts.insertContract(tx, contract);
      await this.performance.insertMilestones(tx, id, milestones ?? [implicitMilestone(terms)]);
      return contractView(contract, []);
    });
  }
}
