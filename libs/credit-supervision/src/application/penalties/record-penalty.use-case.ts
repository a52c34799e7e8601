import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { PenaltyRecorded } from '@sop/contracts';
import { UnitOfWork } from '@sop/messaging';
import { Clock } from '@sop/util';
import { ruleSetAt } from '../../domain/credit-rules';
import { lastDayOf } from '../../domain/credit-periods';
import { CreditErrors, violationOf } from '../../domain/credit.errors';
import { decideTrigger } from '../../domain/list-decisions';
import { penaltyTriggers, validatePenalty, type Penalty, type PenaltyKind } from '../../domain/penalty';
import { ListDecisions } from '../lists/list-decisions';
import { CreditCalendar } from '../calendar/credit-calendar';
import { informationAt } from '../organizations/credit-information';
import { OfficerAccess } from '../organizations/officer-access';
import { OrganizationStore } from '../organizations/organizations.ports';
import { PenaltyStore } from './penalties.ports';

export interface RecordPenaltyInput {
  uscc: string;
  kind: PenaltyKind;
  amountFen?: number;
  suspendedUntil?: string;
  decidedAt: string;
  decidingBody: string;
  basis: string;
}

/**
 * A credit officer records an administrative penalty (any department's): penalty information with its capture
 * deadline, `credit.penalty.recorded`, and the listings it causes given the earlier penalties (regulations §5.1 (5),
 * §5.2 (3)(4)(5)(7)), all in one transaction.
 */
@Injectable()
export class RecordPenaltyUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: OfficerAccess,
    private readonly organizations: OrganizationStore,
    private readonly penalties: PenaltyStore,
    private readonly lists: ListDecisions,
    private readonly clock: Clock,
    private readonly calendar: CreditCalendar,
  ) {}

  async recordPenalty(input: RecordPenaltyInput, principal: Principal): Promise<Penalty> {
    const org = await this.access.organization(input.uscc, principal);
    const penalty: Penalty = {
      penaltyId: randomUUID(),
      uscc: org.uscc,
      kind: input.kind,
      amountFen: input.amountFen ?? null,
      suspendedUntil: input.suspendedUntil ? new Date(input.suspendedUntil).toISOString() : null,
      decidedAt: new Date(input.decidedAt).toISOString(),
      decidingBody: input.decidingBody,
      basis: input.basis,
    };
    validatePenalty(penalty);
    const now = this.clock.now();
    if (new Date(penalty.decidedAt) > now)
      throw new CreditErrors.PENALTY_IN_FUTURE('decidedAt lies in the future', violationOf('decidedAt', 'a recorded penalty has taken effect', 'decidedAt must not be after now'));
    return this.uow.run(async (tx) => {
      const rules = ruleSetAt(now);
      await this.organizations.lockOrganization(tx, org.uscc);
      const earlier = await this.penalties.penalties(tx, org.uscc);
      await this.penalties.insertPenalty(tx, penalty, principal.subject, now);
      const information = informationAt(this.calendar, now, {
        uscc: org.uscc,
        category: 'PENALTY',
        factType: `PENALTY_${penalty.kind}`,
        sourceId: penalty.penaltyId,
        summary: `${penalty.kind}${penalty.amountFen !== null ? ` ${penalty.amountFen} fen` : ''} by ${penalty.decidingBody} (${penalty.basis})`,
        occurredAt: new Date(penalty.decidedAt),
      });
      await this.organizations.addInformation(tx, information);
      const published = await tx.publish(PenaltyRecorded, {
        subject: org.uscc,
        data: {
          penaltyId: penalty.penaltyId,
          uscc: org.uscc,
          kind: penalty.kind,
          ...(penalty.amountFen !== null ? { amountFen: penalty.amountFen } : {}),
          ...(penalty.suspendedUntil ? { suspendedUntil: penalty.suspendedUntil } : {}),
          decidedAt: penalty.decidedAt,
          decidingBody: penalty.decidingBody,
          basis: penalty.basis,
          recordedAt: now.toISOString(),
          captureDeadline: information.captureDeadline.toISOString(),
          captureDueOn: lastDayOf(information.captureDeadline),
        },
      });
      for (const trigger of penaltyTriggers(penalty, earlier, rules, org.registeringAuthority)) {
        await this.lists.decide(tx, org.uscc, now, (s, r) => decideTrigger(s, trigger, r, randomUUID), published.id, trigger.at);
      }
      return penalty;
    });
  }
}
