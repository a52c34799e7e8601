import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { OfficialCalendars, UnitOfWork, type Tx } from '@sop/messaging';
import { Clock, type OfficialCalendar } from '@sop/util';
import { EvaluationErrors } from '../../domain/evaluation.errors';
import type { ProcedureRecord } from '../../domain/procedure/procedure';
import { procedureRulesByVersion, type ProcedureRules } from '../../domain/procedure/procedure-rules';
import { OrganizationAccess } from '../organizations/organization-access';
import { OrganizationStore, type EvaluationOrganization } from '../organizations/organizations.ports';
import { ProcedureStore } from './procedure.ports';

export const procedureNotFound = (id: string) => new EvaluationErrors.PROCEDURE_NOT_FOUND(`no evaluation procedure ${id}`);

export interface StepContext {
  tx: Tx;
  /** The procedure as stored, read under the organization's lock; the step changes it in place. */
  procedure: ProcedureRecord;
  organization: EvaluationOrganization;
  now: Date;
  rules: ProcedureRules;
  calendar: OfficialCalendar;
}

/**
 * How every step runs: access (evaluators within their jurisdiction; `own` also the organization's representative),
 * then one UnitOfWork transaction under the organization's lock that re-reads the procedure, applies the step (which
 * publishes its event through `tx`) and stores the next revision.
 */
@Injectable()
export class ProcedureRunner {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: OrganizationAccess,
    private readonly organizations: OrganizationStore,
    private readonly procedures: ProcedureStore,
    private readonly clock: Clock,
    private readonly calendars: OfficialCalendars,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  calendar(): OfficialCalendar {
    return this.calendars.current();
  }

  /** The procedure, if the principal may act on it (as the evaluator, or as the organization itself when `own`). */
  async reach(procedureId: string, principal: Principal, who: 'evaluator' | 'own' = 'evaluator'): Promise<{ procedure: ProcedureRecord; organization: EvaluationOrganization }> {
    const procedure = await this.procedures.procedure(null, procedureId);
    if (!procedure) throw procedureNotFound(procedureId);
    if (who === 'own') {
      if (!(principal.roles.includes('org-representative') && principal.organizationUscc === procedure.uscc))
        throw new EvaluationErrors.NOT_OWN_ORGANIZATION('only the organization evaluated acts at this step');
      const organization = await this.organizations.organization(null, procedure.uscc);
      if (!organization) throw procedureNotFound(procedureId);
      return { procedure, organization };
    }
    try {
      return { procedure, organization: await this.access.forEvaluator(procedure.uscc, principal) };
    } catch (err) {
      // Outside the jurisdiction: as if missing (issue 10).
      if (err instanceof EvaluationErrors.ORGANIZATION_NOT_FOUND) throw procedureNotFound(procedureId);
      throw err;
    }
  }

  async step<T>(procedureId: string, principal: Principal, who: 'evaluator' | 'own', apply: (ctx: StepContext) => Promise<T>): Promise<T> {
    const { organization } = await this.reach(procedureId, principal, who);
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      await this.organizations.lockOrganization(tx, organization.uscc);
      const procedure = await this.procedures.procedure(tx, procedureId);
      if (!procedure) throw procedureNotFound(procedureId);
      const result = await apply({ tx, procedure, organization, now, rules: procedureRulesByVersion(procedure.ruleVersion), calendar: this.calendars.current() });
      procedure.revision += 1;
      await this.procedures.save(tx, procedure, now);
      return result;
    });
  }
}
