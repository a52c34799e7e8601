import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { CertificateReturned, CertificateVoided } from '@sop/contracts';
import { OfficialCalendars, UnitOfWork, type Tx } from '@sop/messaging';
import { civilDate, Clock } from '@sop/util';
import { certificateReturnPeriod } from '../../domain/certificate-return';
import { EvaluationErrors } from '../../domain/evaluation.errors';
import { ruleSetByVersion } from '../../domain/evaluation-rules';
import { assertReturnable, assertVoidable, type CertificateRecord, type ReturnDue } from '../../domain/procedure/certificates';
import { GradeStore } from '../grades/grades.ports';
import { OrganizationAccess } from '../organizations/organization-access';
import { OrganizationStore } from '../organizations/organizations.ports';
import { CertificateStore } from '../procedure/procedure.ports';

export function certificateView(c: CertificateRecord, due: ReturnDue | null) {
  return {
    certificateId: c.certificateId,
    uscc: c.uscc,
    gradeId: c.gradeId,
    procedureId: c.procedureId,
    grade: c.grade,
    certificateNumber: c.certificateNumber,
    plaqueNumber: c.plaqueNumber,
    issuedAt: c.issuedAt.toISOString(),
    status: c.status,
    returnDueOn: c.status === 'ISSUED' ? (due?.dueOn ?? null) : null,
    returnedAt: c.returnedAt?.toISOString() ?? null,
    voidedAt: c.voidedAt?.toISOString() ?? null,
    voidAnnouncement: c.voidAnnouncement,
  };
}

/**
 * Certificates and plaques after a lowering or cancellation (regulations §6): due back within 15 days of the
 * notice (the adjustment's certificateReturnDueOn, certificate-return.ts), recorded when the office receives them
 * (CertificateReturned); still out once the period has run: voided by announcement (CertificateVoided).
 */
@Injectable()
export class CertificateReturns {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: OrganizationAccess,
    private readonly organizations: OrganizationStore,
    private readonly certificates: CertificateStore,
    private readonly grades: GradeStore,
    private readonly clock: Clock,
    private readonly calendars: OfficialCalendars,
  ) {}

  async list(uscc: string, principal: Principal) {
    await this.access.forReader(uscc, principal);
    const certificates = await this.certificates.certificatesOf(null, uscc);
    return Promise.all(certificates.map(async (c) => certificateView(c, await this.due(null, c))));
  }

  recordReturn(certificateId: string, principal: Principal) {
    return this.change(certificateId, principal, async (tx, c, due, now) => {
      assertReturnable(c, due);
      c.status = 'RETURNED';
      c.returnedAt = now;
      await tx.publish(CertificateReturned, { subject: c.uscc, data: { certificateId: c.certificateId, uscc: c.uscc, returnedAt: now.toISOString(), ...(due!.dueOn ? { dueOn: due!.dueOn } : {}) }, policyVersion: 'evaluation/certificates@v1' });
    });
  }

  void(certificateId: string, announcement: string, principal: Principal) {
    return this.change(certificateId, principal, async (tx, c, due, now) => {
      const dueOn = assertVoidable(c, due, now);
      c.status = 'VOIDED';
      c.voidedAt = now;
      c.voidAnnouncement = announcement;
      await tx.publish(CertificateVoided, { subject: c.uscc, data: { certificateId: c.certificateId, uscc: c.uscc, voidedAt: now.toISOString(), dueOn, announcement }, policyVersion: 'evaluation/certificates@v1' });
    });
  }

  private async change(certificateId: string, principal: Principal, apply: (tx: Tx, c: CertificateRecord, due: ReturnDue | null, now: Date) => Promise<void>) {
    const found = await this.certificates.certificate(null, certificateId);
    if (!found) throw new EvaluationErrors.PROCEDURE_NOT_FOUND(`no certificate ${certificateId}`);
    try {
      await this.access.forEvaluator(found.uscc, principal);
    } catch (err) {
      if (err instanceof EvaluationErrors.ORGANIZATION_NOT_FOUND) throw new EvaluationErrors.PROCEDURE_NOT_FOUND(`no certificate ${certificateId}`);
      throw err;
    }
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      await this.organizations.lockOrganization(tx, found.uscc);
      const c = (await this.certificates.certificate(tx, certificateId))!;
      const due = await this.due(tx, c);
      await apply(tx, c, due, now);
      await this.certificates.save(tx, c);
      return certificateView(c, due);
    });
  }

  /** The latest lowering or cancellation of the certificate's grade after its issue, and its last day for the return. */
  private async due(tx: Tx | null, c: CertificateRecord): Promise<ReturnDue | null> {
    const adjustment = (await this.grades.adjustmentsOf(tx, c.uscc)).filter((a) => a.gradeId === c.gradeId && a.effectiveAt.getTime() >= c.issuedAt.getTime()).pop();
    if (!adjustment) return null;
    const dueOn = adjustment.certificateReturnDueOn ?? certificateReturnPeriod(adjustment.effectiveAt, ruleSetByVersion(adjustment.ruleVersion), this.calendars.current())?.lastDay ?? null;
    return { adjustmentId: adjustment.id, dueOn: dueOn ? civilDate(dueOn) : null };
  }
}
