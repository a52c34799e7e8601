import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { UnitOfWork } from '@sop/messaging';
import { civilDateOf, Clock, parseCivilDate, startOfCivilDay } from '@sop/util';
import { createHash } from 'node:crypto';
import { isReasonOf, ruleSetAt, triggerRule, type ListKind, type ListReason } from '../../domain/credit-rules';
import { CreditErrors, violationOf } from '../../domain/credit.errors';
import { decideDeregistration, decideRectification, decideSeriousRemoval, decideTrigger } from '../../domain/list-decisions';
import type { ListEvent } from '../../domain/list-state';
import { checkUnsignedLetters, exemptionRefusal, type UnreachableExemption, type UnsignedLetter } from '../../domain/unreachable-at-domicile';
import { CreditCalendar } from '../calendar/credit-calendar';
import { ListDecisions } from '../lists/list-decisions';
import { informationAt } from '../organizations/credit-information';
import { OfficerAccess } from '../organizations/officer-access';
import { OrganizationStore } from '../organizations/organizations.ports';

export interface ListTriggerInput {
  uscc: string;
  list: ListKind;
  reason: string;
  evidence: string[];
  occurredAt: string;
  /** UNREACHABLE_AT_DOMICILE: the special letters mailed to the registered domicile, all unsigned (§5.1 (6)); `mailedOn` a Beijing date. */
  unsignedLetters?: UnsignedLetter[];
  /** UNREACHABLE_AT_DOMICILE: the supervising / guidance unit certifies the organization is not directly responsible (§5.1 (6), draft-era). */
  exemption?: UnreachableExemption;
}

/**
 * Credit officers' list decisions on an organization's entries: the triggers this service cannot derive itself,
 * verified rectification, removal from the serious list on application, and deregistration after revocation
 * (regulations §5.1, §5.2). Each runs through the list decision core in one transaction.
 */
@Injectable()
export class ListEntryUseCases {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: OfficerAccess,
    private readonly lists: ListDecisions,
    private readonly clock: Clock,
    private readonly organizations: OrganizationStore,
    private readonly calendar: CreditCalendar,
  ) {}

  /** Officers record the triggers this service cannot derive itself (§5.1 2, 4, 6, 7; §5.2 2, 6, 8). */
  async recordListTrigger(input: ListTriggerInput, principal: Principal): Promise<ListEvent[]> {
    const org = await this.access.organization(input.uscc, principal);
    const now = this.clock.now();
    const rules = ruleSetAt(now);
    if (!isReasonOf(input.list, input.reason))
      throw new CreditErrors.UNKNOWN_REASON(`${input.reason} is not a ${input.list} list trigger`, violationOf('reason', 'regulations §5.1 / §5.2 trigger list', 'unknown reason for this list'));
    const reason = input.reason as ListReason;
    if (triggerRule(rules, input.list, reason).derived)
      throw new CreditErrors.TRIGGER_DERIVED(
        `${reason} is derived from events or records (penalties, notices, timers), not entered directly`,
        violationOf('reason', triggerRule(rules, input.list, reason).source, 'derived trigger'),
      );
    const at = new Date(input.occurredAt);
    if (at > now) throw new CreditErrors.TRIGGER_IN_FUTURE('occurredAt lies in the future', violationOf('occurredAt', 'a trigger has happened', 'occurredAt must not be after now'));
    const evidence = [...input.evidence];
    if (reason === 'UNREACHABLE_AT_DOMICILE') {
      // §5.1 (6): a certified exemption leaves the organization off; the certification is kept as credit information
      // (once per organization and reference), then the trigger is refused.
      if (input.exemption) {
        const refusal = exemptionRefusal(input.exemption, civilDateOf(now));
        await this.recordExemption(org.uscc, input.exemption, now);
        throw refusal;
      }
      evidence.push(...checkUnsignedLetters(input.unsignedLetters ?? [], civilDateOf(at), rules));
    }
    return this.uow.run((tx) =>
      this.lists.decide(tx, org.uscc, now, (s, r) => decideTrigger(s, { uscc: org.uscc, list: input.list, reason, evidence, at, decidingAuthority: org.registeringAuthority }, r, randomUUID), undefined, at),
    );
  }

  /** The unit's certification as OTHER credit information (occurred on its Beijing date), recorded once per organization and reference. */
  private async recordExemption(uscc: string, exemption: UnreachableExemption, now: Date): Promise<void> {
    const sourceId = createHash('sha256').update(`unreachable-exemption|${uscc}|${exemption.reference}`).digest('hex').slice(0, 36);
    const certifiedOn = parseCivilDate(exemption.certifiedOn);
    if (!certifiedOn) return;
    const unit = exemption.certifiedBy === 'GUIDANCE_UNIT' ? '业务指导单位' : '业务主管单位';
    await this.uow.run(async (tx) => {
      if (await this.organizations.hasInformation(tx, sourceId)) return;
      await this.organizations.addInformation(
        tx,
        informationAt(this.calendar, now, {
          uscc,
          category: 'OTHER',
          factType: 'UNREACHABLE_EXEMPTION_CERTIFIED',
          sourceId,
          summary: `${unit}书面证明非其直接责任 (${exemption.reference})`,
          occurredAt: startOfCivilDay(certifiedOn),
        }),
      );
    });
  }

  /**
   * Verified rectification (§5.1), verified at `verifiedAt` (default now). With `removalAppliedAt` (the organization
   * applied) an abnormal entry is removed now, and the deadline of 5 working days from the verification (correction 2;
   * not from the application) is recorded with its Beijing last day (`removalDueOn`), so lateness shows; the exit is
   * never dated before the rectification (correction 1). Otherwise the fulfilment is recorded: an abnormal entry then
   * leaves on the organization's application (no 6-month removal where something needed rectifying, correction 3);
   * for an escalated serious entry the rectification condition of §5.2 is met.
   */
  async verifyRectification(entryId: string, input: { evidence: string[]; removalAppliedAt?: string; verifiedAt?: string }, principal: Principal): Promise<ListEvent[]> {
    const entry = await this.access.entry(entryId, principal);
    const now = this.clock.now();
    const appliedAt = input.removalAppliedAt ? new Date(input.removalAppliedAt) : undefined;
    if (appliedAt && appliedAt > now)
      throw new CreditErrors.APPLICATION_IN_FUTURE('removalAppliedAt lies in the future', violationOf('removalAppliedAt', 'an application has been made', 'must not be after now'));
    const verifiedAt = input.verifiedAt ? new Date(input.verifiedAt) : now;
    if (verifiedAt > now)
      throw new CreditErrors.VERIFICATION_IN_FUTURE('verifiedAt lies in the future', violationOf('verifiedAt', 'the rectification has been verified', 'must not be after now'));
    return this.uow.run((tx) =>
      this.lists.decide(tx, entry.uscc, now, (s, r, calendar) =>
        decideRectification(s, { entryId, evidence: input.evidence, at: verifiedAt, removal: appliedAt ? { at: now, calendar } : undefined }, r),
        undefined,
        verifiedAt,
      ),
    );
  }

  /** §5.2 removal from the serious list on the organization's application. */
  async removeFromSeriousList(entryId: string, principal: Principal): Promise<ListEvent[]> {
    const entry = await this.access.entry(entryId, principal);
    const now = this.clock.now();
    return this.uow.run((tx) => this.lists.decide(tx, entry.uscc, now, (s, r, calendar) => decideSeriousRemoval(s, entryId, now, r, calendar)));
  }

  /** §5.2: an organization listed for revocation leaves the list once deregistration is completed. */
  async recordDeregistration(uscc: string, deregisteredAt: string, principal: Principal): Promise<ListEvent[]> {
    const org = await this.access.organization(uscc, principal);
    const now = this.clock.now();
    if (new Date(deregisteredAt) > now)
      throw new CreditErrors.DEREGISTRATION_IN_FUTURE('deregisteredAt lies in the future', violationOf('deregisteredAt', 'deregistration has been completed', 'must not be after now'));
    return this.uow.run((tx) => this.lists.decide(tx, org.uscc, now, (s, r) => decideDeregistration(s, org.uscc, new Date(deregisteredAt), r), undefined, new Date(deregisteredAt)));
  }
}
