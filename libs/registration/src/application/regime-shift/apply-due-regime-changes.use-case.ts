import { Injectable, Logger } from '@nestjs/common';
import {
  ApplicationRerouted,
  ORGANIZATION_CATEGORIES,
  ORGANIZATION_FORMS,
  RegimeChanged,
  SupervisionConvertedToGuidance,
  type OrganizationCategory,
  type OrganizationForm,
} from '@sop/contracts';
import { UnitOfWork, type Tx, OfficialCalendars } from '@sop/messaging';
import { Clock, divisionPrefix } from '@sop/util';
import { policyVersionOf, resolveRegime, type RegimeDecision, type RuleSetVersion } from '../../domain/registration-policy';
import { RegistrationErrors } from '../../domain/registration.errors';
import { ApplicationStore } from '../applications/applications.ports';
import { OrganizationStore, registerEntryOf } from '../organizations/organizations.ports';
import { PolicyStore } from '../policy/policy.ports';

export interface ShiftReport {
  policyVersion: string;
  regimeChanges: number;
  organizationsConverted: number;
  applicationsRerouted: number;
}

/**
 * The shift (issue #3 item 5): when a policy version reaches its effective date, every (form, category) it moves
 * from DUAL_MANAGEMENT to DIRECT in its jurisdiction gets a RegimeChanged event, every affected organization's
 * supervising unit becomes a guidance unit (one SupervisionConvertedToGuidance each, regulations §2), and pending
 * dual-management applications are re-routed to direct registration (ApplicationRerouted; the version they were
 * submitted under stays recorded). One transaction per version; the activation row (primary key rule set +
 * version) makes it once-only, and only organizations still holding a supervising unit are candidates, so
 * re-running, a second scheduler instance or a retry after a crash changes nothing.
 */
@Injectable()
export class ApplyDueRegimeChanges {
  private readonly logger = new Logger('RegimeShift');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly policy: PolicyStore,
    private readonly organizations: OrganizationStore,
    private readonly applications: ApplicationStore,
    private readonly clock: Clock,
    private readonly calendars: OfficialCalendars,
  ) {}

  async applyDueChanges(): Promise<ShiftReport[]> {
    const now = this.clock.now();
    const activated = await this.policy.activatedVersions(null);
    const due = (await this.policy.policyVersions(null))
      .filter((v) => v.effectiveFrom.getTime() <= now.getTime() && !activated.has(policyVersionOf(v)))
      .sort((a, b) => a.effectiveFrom.getTime() - b.effectiveFrom.getTime() || a.version - b.version);
    const reports: ShiftReport[] = [];
    for (const version of due) {
      const report = await this.uow.run((tx) => this.activate(tx, version, now));
      if (report) {
        reports.push(report);
        if (report.regimeChanges) this.logger.log(`${report.policyVersion}: ${report.regimeChanges} regime change(s), ${report.organizationsConverted} organization(s) converted, ${report.applicationsRerouted} application(s) re-routed`);
      }
    }
    return reports;
  }

  private async activate(tx: Tx, v: RuleSetVersion, now: Date): Promise<ShiftReport | null> {
    // Claim first: a concurrent run blocks on this row and then finds it taken.
    if (!(await this.policy.recordActivation(tx, v.ruleSetId, v.version, now, 0, 0))) return null;
    const policyVersion = policyVersionOf(v);
    const versions = await this.policy.policyVersions(tx);
    const before = new Date(v.effectiveFrom.getTime() - 1);
    const decide = (registeringAuthority: string, form: OrganizationForm, category: OrganizationCategory, at: Date): RegimeDecision | null => {
      try {
        return resolveRegime(versions, { registeringAuthority, form, category, at });
      } catch (err) {
        if (err instanceof RegistrationErrors.NO_POLICY) return null;
        throw err;
      }
    };
    /** This version moves the combination to DIRECT for this authority (and it was not DIRECT just before). */
    const movedToDirect = (authority: string, form: OrganizationForm, category: OrganizationCategory): { from: RegimeDecision; to: RegimeDecision } | null => {
      const to = decide(authority, form, category, v.effectiveFrom);
      const from = decide(authority, form, category, before);
      if (!to || !from || to.regime !== 'DIRECT' || to.policyVersion !== policyVersion || from.regime !== 'DUAL_MANAGEMENT') return null;
      return { from, to };
    };

    const prefix = divisionPrefix(v.jurisdiction);
    const organizations = await this.organizations.listOrganizationsWithSupervisingUnit(tx, prefix);
    const pending = await this.applications.listPendingApplications(tx, prefix);
    const combos: { form: OrganizationForm; category: OrganizationCategory; from: RegimeDecision; to: RegimeDecision }[] = [];
    for (const form of ORGANIZATION_FORMS) {
      for (const category of ORGANIZATION_CATEGORIES) {
        const moved = movedToDirect(v.jurisdiction, form, category);
        if (moved) combos.push({ form, category, ...moved });
      }
    }

    const conversions = organizations.flatMap((o) => {
      const moved = movedToDirect(o.registeringAuthority, o.form, o.category);
      return moved ? [{ o, moved }] : [];
    });
    const reroutes = pending.flatMap((a) => {
      const s = a.snapshot;
      const moved = movedToDirect(s.registeringAuthority, s.form, s.category);
      return moved ? [{ a, moved }] : [];
    });

    for (const c of combos) {
      const same = (x: { form: OrganizationForm; category: OrganizationCategory }) => x.form === c.form && x.category === c.category;
      await tx.publish(RegimeChanged, { subject: v.ruleSetId,
        policyVersion,
        data: {
          ruleSetId: v.ruleSetId,
          jurisdiction: v.jurisdiction,
          form: c.form,
          category: c.category,
          fromRegime: c.from.regime,
          toRegime: c.to.regime,
          fromPolicyVersion: c.from.policyVersion,
          policyVersion,
          effectiveFrom: v.effectiveFrom.toISOString(),
          organizationsConverted: conversions.filter(({ o }) => same(o)).length,
          applicationsRerouted: reroutes.filter(({ a }) => same(a.snapshot)).length,
        },
      });
    }
    for (const { o, moved } of conversions) {
      await this.organizations.updateOrganizationUnit(tx, o.uscc, { unitRole: 'BUSINESS_GUIDANCE_UNIT', regime: 'DIRECT', policyVersion });
      await this.organizations.appendOrganizationVersion(tx, {
        uscc: o.uscc,
        changeType: 'SUPERVISION_CONVERTED',
        effectiveAt: v.effectiveFrom,
        recordedAt: now,
        recordedBy: 'scheduler',
        entry: registerEntryOf({ ...o, unitRole: 'BUSINESS_GUIDANCE_UNIT', regime: 'DIRECT' }),
        details: { policyVersion, fromPolicyVersion: o.policyVersion },
      });
      await tx.publish(SupervisionConvertedToGuidance, { subject: o.uscc,
        policyVersion,
        data: {
          uscc: o.uscc,
          registeringAuthority: o.registeringAuthority,
          unitId: o.unitId ?? '',
          unitName: o.unitName ?? '',
          policyVersion,
          fromPolicyVersion: o.policyVersion || moved.from.policyVersion,
          effectiveFrom: v.effectiveFrom.toISOString(),
          convertedAt: now.toISOString(),
        },
      });
    }
    for (const { a, moved } of reroutes) {
      const from = a.snapshot.policyVersion;
      if (!a.rerouteToDirect(moved.to, now, this.calendars.current())) continue;
      await this.applications.saveApplication(tx, a);
      const s = a.snapshot;
      await tx.publish(ApplicationRerouted, { subject: s.id,
        policyVersion,
        data: {
          applicationId: s.id,
          fromRegime: 'DUAL_MANAGEMENT',
          toRegime: 'DIRECT',
          fromPolicyVersion: from,
          policyVersion,
          decisionDueBy: s.decisionDueBy.toISOString(),
          reroutedAt: now.toISOString(),
        },
      });
    }
    await this.policy.updateActivationCounts(tx, v.ruleSetId, v.version, conversions.length, reroutes.length);
    return { policyVersion, regimeChanges: combos.length, organizationsConverted: conversions.length, applicationsRerouted: reroutes.length };
  }
}
