import { Injectable } from '@nestjs/common';
import { assertWithinReach, type Principal } from '@sop/auth';
import { PartyOrganizationRecorded } from '@sop/contracts';
import { OfficialCalendars, UnitOfWork, type Tx } from '@sop/messaging';
import { CalendarErrors, civilDateOf, Clock, divisionPrefix, jurisdictionCovers, startOfCivilDay, type CivilDate } from '@sop/util';
import {
  assessPartyOrganization,
  declarationProblems,
  PARTY_BUILDING_V1,
  type PartyOrganizationAssessment,
  type PartyOrganizationDeclaration,
  type PartyRecordSource,
} from '../../domain/party-organization';
import { RegistrationErrors } from '../../domain/registration.errors';
import { OrganizationStore, organizationNotFound } from '../organizations/organizations.ports';
import { PartyOrganizationStore, type CoverageRow, type PartyOrganizationRecord, type PartyOrganizationStatus } from './party-organization.ports';

export interface PartyRecordContext {
  uscc: string;
  registeringAuthority: string;
  source: PartyRecordSource;
  reportYear?: number;
  effectiveAt: Date;
  now: Date;
  recordedBy: string;
}

export interface CoverageReport {
  jurisdiction: string;
  asOf: CivilDate;
  ruleVersion: string;
  totals: Omit<CoverageRow, 'registeringAuthority'> & { coverageRate: number | null };
  byRegisteringAuthority: (CoverageRow & { coverageRate: number | null })[];
}

const rate = (r: Omit<CoverageRow, 'registeringAuthority'>) =>
  r.organizations ? Math.round(((r.coveredOwn + r.coveredJoint + r.coveredInstructor) / r.organizations) * 10_000) / 10_000 : null;

/**
 * Party-organization coverage (regulations §5.1 trigger 2): recorded at registration (the approval), in an annual
 * report and by a change; each record is assessed against the rule data (PARTY_BUILDING_V1) and published with its
 * deadline while not covered. DetectOverduePartyOrganizations turns a missed deadline into the overdue event that
 * credit supervision lists, so the trigger is derived from these records, never typed in.
 */
@Injectable()
export class PartyOrganizations {
  private readonly rules = PARTY_BUILDING_V1;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: PartyOrganizationStore,
    private readonly organizations: OrganizationStore,
    private readonly clock: Clock,
    private readonly calendars: OfficialCalendars,
  ) {}

  /** Records a declaration inside the caller's transaction (approval, annual report, change) and publishes it. */
  async recordIn(tx: Tx, declaration: PartyOrganizationDeclaration, ctx: PartyRecordContext): Promise<PartyOrganizationRecord> {
    const problems = declarationProblems(declaration, this.rules);
    if (problems.length) {
      throw new RegistrationErrors.PARTY_ORGANIZATION_INVALID(problems.map((p) => p.message).join('; '), {
        violations: problems.map((p) => ({ ...p, field: `partyOrganization.${p.field}` })),
      });
    }
    const previous = await this.store.current(tx, ctx.uscc);
    if (previous && ctx.effectiveAt < previous.effectiveAt) {
      throw new RegistrationErrors.PARTY_ORGANIZATION_EFFECTIVE_DATE(`the latest Party-organization record took effect on ${civilDateOf(previous.effectiveAt)}`, {
        violations: [{ field: 'effectiveOn', rule: 'notBeforeLatestRecord', message: `on or after ${civilDateOf(previous.effectiveAt)}` }],
      });
    }
    const assessment = this.assess(declaration, ctx.effectiveAt, previous);
    const record: PartyOrganizationRecord = {
      uscc: ctx.uscc,
      seq: (previous?.seq ?? 0) + 1,
      registeringAuthority: ctx.registeringAuthority,
      form: declaration.form,
      fullPartyMembers: declaration.fullPartyMembers,
      organizationName: declaration.organizationName?.trim() || null,
      jointWithUscc: declaration.jointWithUscc ?? null,
      establishedOn: declaration.establishedOn ?? null,
      source: ctx.source,
      reportYear: ctx.reportYear ?? null,
      effectiveAt: ctx.effectiveAt,
      recordedAt: ctx.now,
      recordedBy: ctx.recordedBy,
      requiredCoverage: assessment.requiredCoverage,
      covered: assessment.covered,
      uncoveredSince: assessment.uncoveredSince,
      dueOn: assessment.dueOn,
      ruleVersion: assessment.ruleVersion,
    };
    // A new uncovered episode starts when coverage is lost (or with a first uncovered record); each episode's deadline is reported once.
    const episode = !previous ? (record.covered ? 0 : 1) : previous.covered && !record.covered ? previous.episode + 1 : previous.episode;
    await this.store.append(tx, record, { episode, overdueEpisode: previous?.overdueEpisode ?? null });
    await tx.publish(PartyOrganizationRecorded, {
      subject: ctx.uscc,
      policyVersion: record.ruleVersion,
      data: {
        uscc: ctx.uscc,
        registeringAuthority: ctx.registeringAuthority,
        form: record.form,
        fullPartyMembers: record.fullPartyMembers,
        requiredCoverage: record.requiredCoverage,
        covered: record.covered,
        ...(record.dueOn ? { dueOn: record.dueOn } : {}),
        source: record.source,
        ...(record.reportYear !== null ? { reportYear: record.reportYear } : {}),
        effectiveAt: record.effectiveAt.toISOString(),
        ruleVersion: record.ruleVersion,
      },
    });
    return record;
  }

  /** A change filed by the organization's representative or a registrar in jurisdiction, effective on a stated day. */
  async recordChange(uscc: string, declaration: PartyOrganizationDeclaration, effectiveOn: CivilDate | undefined, principal: Principal): Promise<PartyOrganizationRecord> {
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const o = await this.organizations.requireLocked(tx, uscc);
      this.assertMayAct(principal, uscc, o.registeringAuthority, ['registrar']);
      if (o.status !== 'REGISTERED') throw new RegistrationErrors.ORGANIZATION_NOT_ACTIVE(`${uscc} is ${o.status.toLowerCase()}`);
      if (effectiveOn && effectiveOn > civilDateOf(now)) {
        throw new RegistrationErrors.PARTY_ORGANIZATION_EFFECTIVE_DATE('a record states what has happened: the effective date may not be in the future', {
          violations: [{ field: 'effectiveOn', rule: 'notInFuture', message: `on or before ${civilDateOf(now)}` }],
        });
      }
      const effectiveAt = effectiveOn ? startOfCivilDay(effectiveOn) : now;
      return this.recordIn(tx, declaration, { uscc, registeringAuthority: o.registeringAuthority, source: 'CHANGE', effectiveAt, now, recordedBy: principal.subject });
    });
  }

  /** The current state and the history: the organization itself, registrars and auditors in jurisdiction. */
  async view(uscc: string, principal: Principal): Promise<{ current: PartyOrganizationStatus | null; history: PartyOrganizationRecord[] }> {
    const o = await this.organizations.requireOrganization(uscc);
    this.assertMayAct(principal, uscc, o.registeringAuthority, ['registrar', 'auditor']);
    return { current: await this.store.current(null, uscc), history: await this.store.history(uscc) };
  }

  /** Coverage per registering authority inside `jurisdiction` (default: the caller's), registered organizations only. */
  async coverage(jurisdiction: string | undefined, principal: Principal): Promise<CoverageReport> {
    const division = jurisdiction ?? principal.jurisdiction;
    if (!jurisdictionCovers(principal.jurisdiction, division)) {
      throw new RegistrationErrors.COVERAGE_JURISDICTION(`${division} is outside your jurisdiction ${principal.jurisdiction}`);
    }
    const today = civilDateOf(this.clock.now());
    const rows = await this.store.coverage(divisionPrefix(division), today);
    const totals = rows.reduce(
      (t, r) => ({
        organizations: t.organizations + r.organizations,
        notRecorded: t.notRecorded + r.notRecorded,
        coveredOwn: t.coveredOwn + r.coveredOwn,
        coveredJoint: t.coveredJoint + r.coveredJoint,
        coveredInstructor: t.coveredInstructor + r.coveredInstructor,
        uncovered: t.uncovered + r.uncovered,
        overdue: t.overdue + r.overdue,
      }),
      { organizations: 0, notRecorded: 0, coveredOwn: 0, coveredJoint: 0, coveredInstructor: 0, uncovered: 0, overdue: 0 },
    );
    return {
      jurisdiction: division,
      asOf: today,
      ruleVersion: `${this.rules.id}@v${this.rules.version}`,
      totals: { ...totals, coverageRate: rate(totals) },
      byRegisteringAuthority: rows.map((r) => ({ ...r, coverageRate: rate(r) })),
    };
  }

  /** The deadline needs the official calendar of the year it ends in; without it, dueOn stays open until the year is published. */
  private assess(declaration: PartyOrganizationDeclaration, effectiveAt: Date, previous: PartyOrganizationStatus | null): PartyOrganizationAssessment {
    try {
      return assessPartyOrganization(declaration, effectiveAt, previous, this.rules, this.calendars.current());
    } catch (err) {
      if (!(err instanceof CalendarErrors.YEAR_NOT_PUBLISHED)) throw err;
      return assessPartyOrganization(declaration, effectiveAt, previous, this.rules, null);
    }
  }

  private assertMayAct(principal: Principal, uscc: string, registeringAuthority: string, officerRoles: string[]): void {
    if (principal.roles.includes('org-representative') && principal.organizationUscc === uscc) return;
    if (!principal.roles.some((r) => officerRoles.includes(r))) throw new RegistrationErrors.NOT_OWN_ORGANIZATION(`you do not represent ${uscc}`);
    assertWithinReach(principal, registeringAuthority, () => organizationNotFound(uscc));
  }
}
