import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { PaymentDecided, type PAYMENT_DECISIONS } from '@sop/contracts';
import { UnitOfWork } from '@sop/messaging';
import { Clock } from '@sop/util';
import { assertDecidable, milestoneNotFound } from '../../domain/contract/contract-performance';
import { assertPaysFor, contractNotFound } from '../read-reach';
import { contractEventBase, type PaymentDecision, PerformanceStore } from './contract-performance.ports';

export interface PaymentDecisionInput {
  sequence: number;
  decision: (typeof PAYMENT_DECISIONS)[number];
  reasons: string[];
}

/**
 * The explicit decision a flagged contract needs before each further payment of a milestone (regulations §5.3: the
 * supplier entered the serious list during the contract): PAY or WITHHOLD with reasons, by the finance officer of the
 * purchaser's jurisdiction, answering the contract's latest flag. The latest decision for a milestone counts: PAY lets
 * its payments through until a later WITHHOLD (or a new flag); WITHHOLD keeps them blocked. Each is an event.
 */
@Injectable()
export class PaymentDecisions {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly performance: PerformanceStore,
    private readonly clock: Clock,
  ) {}

  async decide(contractId: string, input: PaymentDecisionInput, principal: Principal) {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const c = await this.performance.lockContract(tx, contractId);
      if (!c) throw contractNotFound(contractId);
      assertPaysFor(principal, c);
      assertDecidable(c);
      const record = await this.performance.record(tx, c.id);
      if (!record.milestones.some((m) => m.sequence === input.sequence)) throw milestoneNotFound(c.id, input.sequence);
      const flagEventId = c.flagEventId as string; // set with flaggedAt
      const id = randomUUID();
      const event = await tx.publish(PaymentDecided, {
        subject: c.supplierUscc,
        causationId: c.eventId,
        data: {
          ...contractEventBase(c),
          decisionId: id,
          sequence: input.sequence,
          decision: input.decision,
          reasons: input.reasons,
          flagEvidenceEventId: flagEventId,
          decidedAt: now.toISOString(),
        },
      });
      const decision: PaymentDecision = { id, contractId: c.id, sequence: input.sequence, decision: input.decision, reasons: input.reasons, flagEventId, decidedBy: principal.subject, decidedAt: now, eventId: event.id };
      await this.performance.insertDecision(tx, decision);
      return { ...decision, flagEvidenceEventId: flagEventId, decidedAt: now.toISOString() };
    });
  }
}
