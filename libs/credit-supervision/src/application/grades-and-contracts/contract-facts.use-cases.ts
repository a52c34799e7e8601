import { Injectable } from '@nestjs/common';
import type { ContractPerformanceAssessedV1, ContractSignedV1, ContractTerminatedV1, MilestoneAcceptedV1 } from '@sop/contracts';
import type { CloudEvent, Tx } from '@sop/messaging';
import { Clock } from '@sop/util';
import { CreditCalendar } from '../calendar/credit-calendar';
import { informationAt } from '../organizations/credit-information';
import { OrganizationStore } from '../organizations/organizations.ports';
import { GradesAndContractsStore } from './grades-and-contracts.ports';

/**
 * Credit supervises social organizations (civil affairs, USCC department code 5, regulations §5, §9.1); purchasing may
 * also contract with other suppliers Order 102 Art. 6 admits (issue 11 item 5): their contracts are not credit
 * information of this service and are skipped.
 */
const outsideCreditScope = (uscc: string) => uscc.charAt(0) !== '5';

const fen = (v: number) => `${Math.floor(v / 100)}.${String(v % 100).padStart(2, '0')} yuan`;

/**
 * Government purchases undertaken, with the purchaser's performance assessments, as "other" credit information
 * (Order 60 Art. 7; contracts are publicly announced, Order 102 Art. 23): information with its 5-working-day
 * capture deadline (§5) and a structured record the public profile shows. A breach of contract is not one of the
 * §5.1/§5.2 list triggers (a penalty for it would be, and comes as a penalty).
 */
@Injectable()
export class ContractFacts {
  constructor(
    private readonly organizations: OrganizationStore,
    private readonly facts: GradesAndContractsStore,
    private readonly clock: Clock,
    private readonly calendar: CreditCalendar,
  ) {}

  /** purchasing.contract.signed → a government purchase undertaken. */
  async onContractSigned(event: CloudEvent<ContractSignedV1>, tx: Tx): Promise<void> {
    const d = event.data;
    if (outsideCreditScope(d.supplierUscc)) return;
    await this.facts.addPurchaseContract(
      tx,
      {
        contractId: d.contractId,
        uscc: d.supplierUscc,
        purchaser: d.purchaser,
        title: d.title,
        method: d.method,
        valueFen: d.valueFen,
        termStart: d.termStart,
        termEnd: d.termEnd,
        signedAt: new Date(d.signedAt),
        ruleVersion: d.ruleVersion,
      },
      event.id,
    );
    await this.information(tx, event, d.supplierUscc, 'GOVERNMENT_PURCHASE_UNDERTAKEN', `undertook "${d.title}" for ${d.purchaser}, ${fen(d.valueFen)}, ${d.termStart} to ${d.termEnd} (${d.method}, ${d.ruleVersion})`, new Date(d.signedAt));
  }

  /** purchasing.contract.performance-assessed → the purchaser's assessment (outcome, score, breach). */
  async onContractPerformanceAssessed(event: CloudEvent<ContractPerformanceAssessedV1>, tx: Tx): Promise<void> {
    const d = event.data;
    if (outsideCreditScope(d.supplierUscc)) return;
    await this.facts.addPurchaseAssessment(
      tx,
      { assessmentId: d.assessmentId, contractId: d.contractId, uscc: d.supplierUscc, outcome: d.outcome, score: d.score, breach: d.breach, assessedAt: new Date(d.assessedAt), ruleVersion: d.ruleVersion },
      event.id,
    );
    await this.information(
      tx,
      event,
      d.supplierUscc,
      d.breach ? 'GOVERNMENT_PURCHASE_BREACH' : 'GOVERNMENT_PURCHASE_ASSESSED',
      `performance of contract ${d.contractId} assessed by ${d.purchaser}: ${d.outcome} (${d.score}/100)${d.breach ? ', breach of contract' : ''} (${d.ruleVersion})`,
      new Date(d.assessedAt),
    );
  }

  /**
   * purchasing.contract.milestone-accepted → the purchaser's acceptance of a milestone (issue 11 item 5): passed or
   * failed with score, band and rule version. A failed acceptance is credit information, not a list trigger (§5.1/§5.2).
   */
  async onMilestoneAccepted(event: CloudEvent<MilestoneAcceptedV1>, tx: Tx): Promise<void> {
    const d = event.data;
    if (outsideCreditScope(d.supplierUscc)) return;
    // Idempotent on the acceptance id as well as the event id (the inbox): a republication records nothing twice.
    const added = await this.facts.addPurchaseAcceptance(
      tx,
      { acceptanceId: d.acceptanceId, contractId: d.contractId, uscc: d.supplierUscc, sequence: d.sequence, attempt: d.attempt, passed: d.passed, score: d.score, band: d.band, acceptedAt: new Date(d.acceptedAt), ruleVersion: d.ruleVersion },
      event.id,
    );
    if (!added) return;
    await this.information(
      tx,
      event,
      d.supplierUscc,
      d.passed ? 'GOVERNMENT_PURCHASE_MILESTONE_PASSED' : 'GOVERNMENT_PURCHASE_MILESTONE_FAILED',
      `milestone ${d.sequence} of contract ${d.contractId} ${d.passed ? 'passed' : 'failed'} acceptance (attempt ${d.attempt}): ${d.band}, ${d.score}/100 (${d.ruleVersion})`,
      new Date(d.acceptedAt),
    );
  }

  /** purchasing.contract.terminated → the purchaser's termination; the reasons are kept, the summary counts them (free text stays out of the public profile). */
  async onContractTerminated(event: CloudEvent<ContractTerminatedV1>, tx: Tx): Promise<void> {
    const d = event.data;
    if (outsideCreditScope(d.supplierUscc)) return;
    if (!(await this.facts.addPurchaseTermination(tx, { contractId: d.contractId, uscc: d.supplierUscc, reasons: d.reasons, terminatedAt: new Date(d.terminatedAt), paidFen: d.paidFen, unpaidFen: d.unpaidFen }, event.id))) return;
    await this.information(
      tx,
      event,
      d.supplierUscc,
      'GOVERNMENT_PURCHASE_TERMINATED',
      // The cause says whether it speaks against the organization (SUPPLIER_BREACH) or not; absent on older events.
      `contract ${d.contractId} terminated by the purchaser${d.cause ? ` (${d.cause})` : ''} with ${d.reasons.length} reason(s); paid ${fen(d.paidFen)}, unpaid ${fen(d.unpaidFen)}`,
      new Date(d.terminatedAt),
    );
  }

  private information(tx: Tx, event: CloudEvent, uscc: string, factType: string, summary: string, occurredAt: Date): Promise<void> {
    return this.organizations.addInformation(tx, informationAt(this.calendar, this.clock.now(), { uscc, category: 'OTHER', factType, sourceId: event.id, summary, occurredAt }));
  }
}
