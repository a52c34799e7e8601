import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { PppAgreementSigned } from '@sop/contracts';
import { UnitOfWork } from '@sop/messaging';
import { Clock } from '@sop/util';
import { assertPppMethod, checkPppAgreement, PPP_PERFORMANCE_LINK, PPP_RULES, yearPasses, type AvailabilityPayment, type PppAgreement } from '../../domain/ppp/ppp-agreement';
import { PurchaseModeErrors } from '../../domain/purchase-modes/purchase-modes.errors';
import { PurchasingErrors } from '../../domain/purchasing.errors';
import { ruleSetInForce, ruleVersionOf, type PurchaseMethod } from '../../domain/purchasing-rules';
import { BudgetStore } from '../budgets/budgets.ports';
import { PerformanceStore, type ContractContent } from '../contract-performance/contract-performance.ports';
import { MilestoneAcceptances } from '../contract-performance/milestone-acceptance.use-case';
import { OrganStore } from '../organs/organs.ports';
import { insertModeContract } from '../purchase-modes/mode-contract';
import { assertOwnOrgan, organOf } from '../purchase-modes/mode-support';
import { PurchaseModeStore } from '../purchase-modes/purchase-modes.ports';
import { RuleSetStore } from '../rule-sets/rule-sets.ports';
import { SupplierStore } from '../suppliers/suppliers.ports';

export interface PppAgreementInput {
  partnerUscc: string;
  projectName: string;
  /** The approval of the project (implementation plan, value-for-money and fiscal affordability reviews). */
  approval: string;
  /** How the partner was selected (a government-procurement method, 财金〔2014〕113号). */
  method: PurchaseMethod;
  budgetLineId: string;
  termStart: string;
  termEnd: string;
  signedAt: string;
  payments: AvailabilityPayment[];
  content: ContractContent;
}

export const pppNotFound = (id: string) => new PurchaseModeErrors.PPP_NOT_FOUND(`no PPP agreement ${id}`);

/**
 * PPP agreements: a long-term contract (10–30 years, PPP rule data UNCONFIRMED — only this mode runs past Order 102
 * Art. 24) with availability payments per year as milestones, signed by a registered organ through the mode-contract
 * path (partner eligibility at signing, value committed on the budget line, ContractSigned). Each year's payment is
 * accepted on the year's performance score against the agreement's minimum (assessYear, through the milestone
 * acceptance of contract performance) and paid by the finance officer (POST /contracts/{id}/payments) — the
 * contract-performance rules unchanged.
 */
@Injectable()
export class PppAgreements {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: PurchaseModeStore,
    private readonly organs: OrganStore,
    private readonly performance: PerformanceStore,
    private readonly suppliers: SupplierStore,
    private readonly budgets: BudgetStore,
    private readonly ruleSets: RuleSetStore,
    private readonly acceptances: MilestoneAcceptances,
    private readonly clock: Clock,
  ) {}

  async sign(input: PppAgreementInput, principal: Principal) {
    const now = this.clock.now();
    const signedAt = new Date(input.signedAt);
    if (Number.isNaN(signedAt.getTime()) || signedAt > now)
      throw new PurchasingErrors.SIGNED_IN_FUTURE('signedAt lies in the future', { violations: [{ field: 'signedAt', rule: 'an agreement is recorded once signed', message: 'signedAt must not be after now' }] });
    const { years, milestones } = checkPppAgreement(input.termStart, input.termEnd, input.payments);
    assertPppMethod(input.method);
    const totalFen = milestones.reduce((a, m) => a + m.amountFen, 0);
    return this.uow.run(async (tx) => {
      const organ = await organOf(this.organs, tx, principal);
      const rules = ruleSetInForce(signedAt, 'signedAt', organ.jurisdiction, await this.ruleSets.versions(tx));
      const { contractId, eventId: contractEventId } = await insertModeContract(
        tx,
        { performance: this.performance, suppliers: this.suppliers, budgets: this.budgets },
        // The whole availability envelope is committed on the line: medium-term fiscal planning is not modelled here.
        { organ, supplierUscc: input.partnerUscc, title: input.projectName, method: input.method, valueFen: totalFen, termStart: input.termStart, termEnd: input.termEnd, multiYear: true, budgetAssured: true, stableService: true, signedAt, milestones, content: input.content, budgetLineId: input.budgetLineId, commitFen: totalFen, rules },
        principal,
        now,
      );
      const id = randomUUID();
      const ruleVersion = `${ruleVersionOf(rules)}+${PPP_RULES.version}+${PPP_PERFORMANCE_LINK.version}`;
      const event = await tx.publish(PppAgreementSigned, {
        subject: id,
        causationId: contractEventId,
        data: { agreementId: id, contractId, organUnitId: organ.unitId, partnerUscc: input.partnerUscc, projectName: input.projectName, termStart: input.termStart, termEnd: input.termEnd, years, availabilityPayments: milestones.length, totalFen, approval: input.approval, ruleVersion, signedAt: signedAt.toISOString() },
      });
      const agreement: PppAgreement = {
        id,
        organUnitId: organ.unitId,
        organJurisdiction: organ.jurisdiction,
        organName: organ.name,
        partnerUscc: input.partnerUscc,
        projectName: input.projectName,
        approval: input.approval,
        budgetLineId: input.budgetLineId,
        termStart: input.termStart,
        termEnd: input.termEnd,
        years,
        payments: input.payments,
        minimumScore: PPP_PERFORMANCE_LINK.minimumScore,
        contractId,
        ruleVersion,
        signedBy: principal.subject,
        signedAt: signedAt.toISOString(),
        eventId: event.id,
        revision: 1,
      };
      await this.store.insert(tx, 'PPP', { id, unitId: organ.unitId, jurisdiction: organ.jurisdiction, uscc: input.partnerUscc, status: 'SIGNED', revision: 1 }, agreement, now);
      return agreement;
    });
  }

  /**
   * The year's performance assessment, linked to its availability payment: accepted (passed) only when the score
   * reaches the agreement's minimum, through MilestoneAcceptances (banded, rule version, one pass per year; a failed
   * year may be re-assessed after rectification). Only the agreement's organ (403 otherwise).
   */
  async assessYear(id: string, year: number, input: { score: number; findings: string[] }, principal: Principal) {
    const a = await this.store.get<PppAgreement>(null, 'PPP', id);
    if (!a) throw pppNotFound(id);
    assertOwnOrgan(a.organUnitId, principal, `PPP agreement ${id}`);
    const { passed, finding } = yearPasses(input.score, a.minimumScore);
    return this.acceptances.accept(a.contractId, year, { passed, score: input.score, findings: [finding, ...input.findings] }, principal);
  }

  /** The agreement (public) with each year's acceptance and payment from the contract's performance record. */
  async get(id: string) {
    const a = await this.store.get<PppAgreement>(null, 'PPP', id);
    if (!a) throw pppNotFound(id);
    const [c, record] = await Promise.all([this.performance.contract(null, a.contractId), this.performance.record(null, a.contractId)]);
    return {
      ...a,
      contractStatus: c?.status ?? null,
      schedule: record.milestones.map((m) => {
        const ok = record.acceptances.find((x) => x.sequence === m.sequence && x.passed);
        return { year: m.sequence, dueOn: m.dueOn, amountFen: m.amountFen, paidFen: m.paidFen, acceptance: ok ? { score: ok.score, band: ok.band, acceptedAt: ok.acceptedAt.toISOString() } : null };
      }),
    };
  }
}
