import { Injectable } from '@nestjs/common';
import type { ContractTerminatedV1, FunctionStageMovedV1, MilestoneAcceptedV1, TransferAgreementConcludedV1, TransferAgreementTakenBackV1 } from '@sop/contracts';
import type { CloudEvent, Tx } from '@sop/messaging';
import { Clock } from '@sop/util';
import { adverseOf, type PerformanceEvidenceDetails } from '../../domain/performance-evidence/performance-evidence';
import { OrganizationStore } from '../organizations/organizations.ports';
import { PerformanceEvidenceStore } from './performance-evidence.ports';

/**
 * Service purchasing's events kept as performance evidence (issue 12 item 5: a take-back "reaches evaluation as
 * performance evidence"; regulations §8 item 4, §7.2 performance and acceptance). Each runs in the consuming
 * handler's transaction (the inbox skips a redelivered event) under the organization's lock, so a procedure step
 * freezing the evidence sees an item either entirely or not at all; the item's id is the event id, so a replay that
 * passed the inbox still records once. Items about organizations evaluation has not projected yet are kept too.
 */
@Injectable()
export class RecordPerformanceEvidence {
  constructor(
    private readonly organizations: OrganizationStore,
    private readonly store: PerformanceEvidenceStore,
    private readonly clock: Clock,
  ) {}

  /** purchasing.function-transfer.agreement-concluded → which catalogue item the agreement is for (keyed by agreement, before its take-back). */
  async agreementConcluded(event: CloudEvent<TransferAgreementConcludedV1>, tx: Tx): Promise<void> {
    const d = event.data;
    await this.store.saveAgreement(tx, { agreementId: d.agreementId, itemId: d.itemId, uscc: d.uscc, departmentUnitId: d.departmentUnitId, mode: d.mode, area: d.area, concludedAt: new Date(d.concludedAt), eventId: event.id });
  }

  /** purchasing.function-transfer.stage-moved → the catalogue item's title, area and kind of act (for the evaluators' view). */
  async stageMoved(event: CloudEvent<FunctionStageMovedV1>, tx: Tx): Promise<void> {
    const d = event.data;
    await this.store.saveFunctionItem(tx, { itemId: d.itemId, title: d.title, functionArea: d.functionArea, kindOfAct: d.kindOfAct, jurisdiction: d.jurisdiction, stage: d.to, movedAt: new Date(d.movedAt), eventId: event.id });
  }

  /** purchasing.function-transfer.agreement-taken-back → a take-back, for cause or not, with the agreement's catalogue item. */
  async agreementTakenBack(event: CloudEvent<TransferAgreementTakenBackV1>, tx: Tx): Promise<void> {
    const d = event.data;
    const agreement = await this.store.agreement(tx, d.agreementId);
    await this.record(tx, event, d.uscc, d.takenAt, {
      kind: 'FUNCTION_TAKE_BACK',
      agreementId: d.agreementId,
      itemId: agreement?.itemId ?? null,
      departmentUnitId: d.departmentUnitId,
      action: d.action,
      forCause: d.forCause,
      reasonsCount: d.reasons.length,
      legalBasis: d.legalBasis,
    });
  }

  /** purchasing.contract.milestone-accepted → a passed or failed acceptance with its band, score and rule version. */
  async milestoneAccepted(event: CloudEvent<MilestoneAcceptedV1>, tx: Tx): Promise<void> {
    const d = event.data;
    await this.record(tx, event, d.supplierUscc, d.acceptedAt, {
      kind: 'MILESTONE_ACCEPTANCE',
      contractId: d.contractId,
      procurementId: d.procurementId ?? null,
      sequence: d.sequence,
      attempt: d.attempt,
      passed: d.passed,
      band: d.band,
      score: d.score,
      ruleVersion: d.ruleVersion,
    });
  }

  /** purchasing.contract.terminated → the termination, its cause (SUPPLIER_BREACH against the supplier), paid and unpaid fen. */
  async contractTerminated(event: CloudEvent<ContractTerminatedV1>, tx: Tx): Promise<void> {
    const d = event.data;
    await this.record(tx, event, d.supplierUscc, d.terminatedAt, {
      kind: 'CONTRACT_TERMINATION',
      contractId: d.contractId,
      procurementId: d.procurementId ?? null,
      cause: d.cause ?? null,
      paidFen: d.paidFen,
      unpaidFen: d.unpaidFen,
    });
  }

  private async record(tx: Tx, event: CloudEvent<object>, uscc: string, occurredAt: string, details: PerformanceEvidenceDetails): Promise<void> {
    await this.organizations.lockOrganization(tx, uscc);
    await this.store.record(tx, { evidenceId: event.id, uscc, kind: details.kind, occurredAt: new Date(occurredAt), adverse: adverseOf(details), details, recordedAt: this.clock.now() });
  }
}
