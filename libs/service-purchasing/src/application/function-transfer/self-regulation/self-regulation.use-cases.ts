import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { SelfRegulationRecorded, type SelfRegulationKind } from '@sop/contracts';
import { UnitOfWork } from '@sop/messaging';
import { Clock } from '@sop/util';
import { randomUUID } from 'node:crypto';
import { FunctionTransferErrors } from '../../../domain/function-transfer/function-transfer.errors';
import { assertNoPersonalData, summaryOf, type SelfRegulationRecord } from '../../../domain/function-transfer/self-regulation';
import { FunctionTransferStore } from '../function-transfer.ports';
import { LIST_LIMIT } from '../records';

export type SelfRegulationInput = Pick<SelfRegulationRecord, 'kind' | 'pledge' | 'signature' | 'patrol' | 'rectification'>;

/**
 * An association's self-regulation records (issue 12 item 6): its pledge versions, the businesses that signed
 * them, patrol logs, rectification proposals — recorded by its representative, read by anyone.
 */
@Injectable()
export class SelfRegulation {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: FunctionTransferStore,
    private readonly clock: Clock,
  ) {}

  async record(uscc: string, input: SelfRegulationInput, principal: Principal) {
    if (principal.organizationUscc !== uscc)
      throw new FunctionTransferErrors.NOT_THE_UNDERTAKER(`you represent ${principal.organizationUscc ?? 'no organization'}, not ${uscc}`, { field: 'uscc', rule: 'an association records its own self-regulation' });
    const now = this.clock.now();
    const body = this.shaped(input);
    assertNoPersonalData({
      'pledge.text': body.pledge?.text,
      'pledge.title': body.pledge?.title,
      'signature.businessName': body.signature?.businessName,
      'patrol.area': body.patrol?.area,
      'patrol.findings': body.patrol?.findings,
      'patrol.followUps': body.patrol?.followUps,
      'rectification.businessName': body.rectification?.businessName,
      'rectification.issue': body.rectification?.issue,
      'rectification.proposal': body.rectification?.proposal,
    });
    return this.uow.run(async (tx) => {
      if (body.signature) {
        const pledges = await this.store.find<SelfRegulationRecord>(tx, 'SELF_REGULATION', { uscc, owner: 'PLEDGE' }, LIST_LIMIT);
        if (!pledges.some((p) => p.pledge?.version === body.signature!.pledgeVersion))
          throw new FunctionTransferErrors.PLEDGE_NOT_FOUND(`${uscc} recorded no pledge version ${body.signature.pledgeVersion}`, { field: 'signature.pledgeVersion', rule: 'a signature names a recorded pledge version' });
      }
      const draft = { id: randomUUID(), uscc, ...body, recordedBy: principal.subject, recordedAt: now.toISOString() };
      const event = await tx.publish(SelfRegulationRecorded, { subject: uscc, data: { recordId: draft.id, uscc, kind: draft.kind, summary: summaryOf(draft).slice(0, 300), recordedAt: draft.recordedAt } });
      const r: SelfRegulationRecord = { ...draft, eventId: event.id };
      await this.store.insert(tx, 'SELF_REGULATION', { id: r.id, uscc, owner: r.kind, status: 'PUBLIC', revision: 1 }, r, now);
      return r;
    });
  }

  /** Public: an association's records, optionally of one kind, oldest first. */
  async list(uscc: string, kind?: SelfRegulationKind) {
    const items = await this.store.find<SelfRegulationRecord>(null, 'SELF_REGULATION', { uscc, owner: kind }, LIST_LIMIT + 1);
    return { uscc, items: items.slice(0, LIST_LIMIT), truncated: items.length > LIST_LIMIT };
  }

  /** Only the part of the input its kind carries. */
  private shaped(input: SelfRegulationInput): SelfRegulationInput {
    const only = { kind: input.kind, pledge: null, signature: null, patrol: null, rectification: null };
    const part = { PLEDGE: 'pledge', SIGNATURE: 'signature', PATROL: 'patrol', RECTIFICATION: 'rectification' } as const;
    const key = part[input.kind];
    if (!input[key]) throw new FunctionTransferErrors.RECORD_INCOMPLETE(`a ${input.kind} record carries ${key}`, { field: key, rule: `kind ${input.kind} carries ${key}` });
    return { ...only, [key]: input[key] };
  }
}
