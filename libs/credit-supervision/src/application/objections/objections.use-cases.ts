import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { UnitOfWork } from '@sop/messaging';
import { Clock } from '@sop/util';
import { CreditErrors } from '../../domain/credit.errors';
import { decideAnnulment } from '../../domain/list-decisions';
import { ListDecisions } from '../lists/list-decisions';
import { ListStore } from '../lists/lists.ports';
import { OfficerAccess } from '../organizations/officer-access';
import { ObjectionStore, type Objection } from './objections.ports';

/**
 * Objections (regulations §5.3): an organization objects to one of its own entries; a credit officer of the
 * jurisdiction decides. Upheld, the entry is annulled by an event — the history keeps both.
 */
@Injectable()
export class ObjectionUseCases {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: OfficerAccess,
    private readonly lists: ListStore,
    private readonly objections: ObjectionStore,
    private readonly decisions: ListDecisions,
    private readonly clock: Clock,
  ) {}

  async fileObjection(entryId: string, grounds: string, principal: Principal): Promise<Objection> {
    const entry = await this.lists.entry(null, entryId);
    if (!entry) throw new CreditErrors.ENTRY_NOT_FOUND(`no list entry ${entryId}`);
    if (principal.organizationUscc !== entry.uscc) throw new CreditErrors.NOT_OWN_ORGANIZATION('an organization objects only to its own entries');
    if (entry.status === 'ANNULLED') throw new CreditErrors.ENTRY_ALREADY_ANNULLED(`entry ${entryId} is already annulled`);
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const pending = (await this.objections.objectionsOf(tx, entry.uscc)).find((o) => o.entryId === entryId && o.status === 'PENDING');
      if (pending) throw new CreditErrors.OBJECTION_PENDING(`objection ${pending.id} to this entry is still pending`);
      const objection: Objection = { id: randomUUID(), entryId, uscc: entry.uscc, grounds, filedBy: principal.subject, filedAt: now, status: 'PENDING', decidedBy: null, decidedAt: null, decisionReason: null };
      await this.objections.insertObjection(tx, objection);
      return objection;
    });
  }

  async decideObjection(objectionId: string, input: { upheld: boolean; reason: string }, principal: Principal): Promise<Objection> {
    const found = await this.objections.objection(null, objectionId);
    if (!found) throw new CreditErrors.OBJECTION_NOT_FOUND(`no objection ${objectionId}`);
    await this.access.organization(found.uscc, principal);
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const objection = await this.objections.objection(tx, objectionId);
      if (!objection) throw new CreditErrors.OBJECTION_NOT_FOUND(`no objection ${objectionId}`);
      if (objection.status !== 'PENDING') throw new CreditErrors.OBJECTION_ALREADY_DECIDED(`objection ${objectionId} is ${objection.status}`);
      const decided: Objection = { ...objection, status: input.upheld ? 'UPHELD' : 'REJECTED', decidedBy: principal.subject, decidedAt: now, decisionReason: input.reason };
      await this.objections.updateObjection(tx, decided);
      // §5.3: where the authority confirms an error it corrects it — by an annulment event, the entry stays in the history.
      if (input.upheld) await this.decisions.decide(tx, objection.uscc, now, (s, r) => decideAnnulment(s, objection.entryId, objection.id, now, r));
      return decided;
    });
  }
}
