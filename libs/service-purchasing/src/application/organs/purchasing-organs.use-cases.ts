import { Injectable } from '@nestjs/common';
import { AuthErrors, type Principal } from '@sop/auth';
import { PurchasingOrganChanged, PurchasingOrganRegistered, type PurchasingOrganKind } from '@sop/contracts';
import { UnitOfWork } from '@sop/messaging';
import { isDuplicateKey } from '@sop/persistence';
import { Clock, divisionPrefix, jurisdictionCovers, NATIONAL_DIVISION } from '@sop/util';
import { assertDivisionCode, assertPurchasingKind, assertRegistrarCovers, levelOf, type PurchasingOrganVersion } from '../../domain/purchasing-organ';
import { PurchasingErrors } from '../../domain/purchasing.errors';
import { assertOrganReadable, organNotFound } from '../read-reach';
import { organView } from './organ.view';
import { OrganStore } from './organs.ports';

export interface RegisterOrganInput {
  unitId: string;
  name: string;
  kind: PurchasingOrganKind;
  jurisdiction: string;
}

export interface ChangeOrganInput {
  name?: string;
  kind?: PurchasingOrganKind;
  jurisdiction?: string;
  reason: string;
}

/** The most organs one list answers (a registry of state organs per division stays far below it). */
export const ORGAN_LIST_LIMIT = 1000;

/**
 * The registry of purchasing organs (Order 102 Art. 5 and 8, regulations §7.2): finance officers register the state
 * organs of divisions their jurisdiction covers and record changes as new versions; each registration and change
 * is an event on purchasing.organ.v1, committed with its row in one transaction.
 */
@Injectable()
export class PurchasingOrgans {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly organs: OrganStore,
    private readonly clock: Clock,
  ) {}

  async register(input: RegisterOrganInput, principal: Principal) {
    assertRegistrarCovers(principal.jurisdiction, input.jurisdiction);
    assertPurchasingKind(input.kind);
    const now = this.clock.now();
    const alreadyRegistered = () =>
      new PurchasingErrors.ORGAN_ALREADY_REGISTERED(`unit ${input.unitId} is already registered`, {
        violations: [{ field: 'unitId', rule: 'one registration per unit', message: 'record a change as a new version' }],
      });
    return this.uow
      .run(async (tx) => {
        if (await this.organs.current(tx, input.unitId)) throw alreadyRegistered();
        const published = await tx.publish(PurchasingOrganRegistered, {
          subject: input.unitId,
          data: { unitId: input.unitId, version: 1, name: input.name, kind: input.kind, jurisdiction: input.jurisdiction, level: levelOf(input), registeredAt: now.toISOString() },
        });
        const version: PurchasingOrganVersion = { ...input, version: 1, reason: null, recordedBy: principal.subject, recordedAt: now, eventId: published.id };
        await this.organs.insertVersion(tx, version);
        return organView(version, [version]);
      })
      .catch((err: Error) => {
        throw isDuplicateKey(err) ? alreadyRegistered() : err;
      });
  }

  /**
   * A change: a finance officer who reaches the organ now (else 404) and whose jurisdiction covers the new one (else
   * 403). Any kind may be recorded (a unit reorganised into a kind that does not purchase stays on record and signs
   * no more contracts); at least one value must differ.
   */
  async change(unitId: string, input: ChangeOrganInput, principal: Principal) {
    const now = this.clock.now();
    return this.uow
      .run(async (tx) => {
        const current = await this.organs.current(tx, unitId);
        if (!current) throw organNotFound(unitId);
        assertOrganReadable({ ...principal, roles: principal.roles.filter((r) => r === 'finance-officer') }, current);
        const next = { name: input.name ?? current.name, kind: input.kind ?? current.kind, jurisdiction: input.jurisdiction ?? current.jurisdiction };
        if (next.jurisdiction !== current.jurisdiction) assertRegistrarCovers(principal.jurisdiction, next.jurisdiction);
        if (next.name === current.name && next.kind === current.kind && next.jurisdiction === current.jurisdiction)
          throw new PurchasingErrors.ORGAN_CHANGE_EMPTY(`the change leaves unit ${unitId} as it is`, {
            violations: [{ field: 'name', rule: 'a change changes name, kind or jurisdiction', message: 'no value differs from the current version' }],
          });
        const versionNo = current.version + 1;
        const published = await tx.publish(PurchasingOrganChanged, {
          subject: unitId,
          data: {
            unitId,
            version: versionNo,
            ...next,
            level: levelOf(next),
            previousName: current.name,
            previousKind: current.kind,
            previousJurisdiction: current.jurisdiction,
            reason: input.reason,
            changedAt: now.toISOString(),
          },
        });
        const version: PurchasingOrganVersion = { unitId, version: versionNo, ...next, reason: input.reason, recordedBy: principal.subject, recordedAt: now, eventId: published.id };
        await this.organs.insertVersion(tx, version);
        return organView(version, await this.organs.history(tx, unitId));
      })
      .catch((err: Error) => {
        throw isDuplicateKey(err) ? new PurchasingErrors.ORGAN_VERSION_CONFLICT(`another change of ${unitId} was recorded concurrently; read it and retry`) : err;
      });
  }

  /** One organ with its history, within the caller's reach (read-reach.ts), else 404. */
  async organ(unitId: string, principal: Principal) {
    const current = await this.organs.current(null, unitId);
    if (!current) throw organNotFound(unitId);
    assertOrganReadable(principal, current);
    return organView(current, await this.organs.history(null, unitId));
  }

  /**
   * The organs of a division (default: the caller's jurisdiction; an auditor's default is the whole country). A
   * finance officer names only a division its jurisdiction covers (else 403: the caller named it itself).
   */
  async list(jurisdiction: string | undefined, principal: Principal) {
    const auditor = principal.roles.includes('auditor');
    const division = jurisdiction ?? (auditor ? NATIONAL_DIVISION : principal.jurisdiction);
    assertDivisionCode(division);
    if (!auditor && !jurisdictionCovers(principal.jurisdiction, division))
      throw new AuthErrors.OUT_OF_JURISDICTION(`division ${division} is outside your jurisdiction ${principal.jurisdiction}`);
    const items = await this.organs.currentIn(divisionPrefix(division), ORGAN_LIST_LIMIT + 1);
    return { jurisdiction: division, items: items.slice(0, ORGAN_LIST_LIMIT).map((o) => organView(o)), truncated: items.length > ORGAN_LIST_LIMIT };
  }
}
