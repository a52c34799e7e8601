import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { CertificateIssued, EvaluationAnnounced, type CertificateIssuedV1 } from '@sop/contracts';
import { isDuplicateKey } from '@sop/persistence';
import { EvaluationErrors } from '../../domain/evaluation.errors';
import { certificateNumbers, type CertificateRecord } from '../../domain/procedure/certificates';
import { assertAnnounceable, standingResult } from '../../domain/procedure/procedure';
import { earnsCertificate } from '../../domain/procedure/procedure-rules';
import { AwardGrade } from '../grades/award-grade.use-case';
import { CertificateStore } from './procedure.ports';
import { ProcedureRunner } from './procedure-runner';

/**
 * Step 7 of the procedure (regulations §6): after the public notice, with every review decided, civil affairs
 * confirms and announces the result — the existing grade award (AwardGrade: eligibility again, quorum and vote,
 * cut-offs, validity; GradeAwarded) on the standing total — and issues certificate and plaque, numbered, for 3A
 * and above (CertificateIssued). One transaction: the grade, the procedure's step and the certificate.
 */
@Injectable()
export class AnnounceResult {
  constructor(
    private readonly runner: ProcedureRunner,
    private readonly awardGrade: AwardGrade,
    private readonly certificates: CertificateStore,
  ) {}

  announce(procedureId: string, principal: Principal) {
    return this.runner
      .step(procedureId, principal, 'evaluator', async ({ tx, procedure: p, organization, now, rules }) => {
        assertAnnounceable(p, now);
        const standing = standingResult(p)!;
        const grade = await this.awardGrade.awardWithin(tx, organization, { uscc: p.uscc, score: standing.total, announcedAt: now.toISOString(), committee: p.decision!.committee }, principal, now);
        if (grade.grade !== standing.grade)
          throw new EvaluationErrors.PROCEDURE_STEP_OUT_OF_ORDER(`the cut-offs in force now give ${grade.grade} for ${standing.total}, not the ${standing.grade} decided; the committee decides again`, { field: 'procedureId', rule: 'CUT_OFFS_CHANGED_SINCE_DECISION' });
        p.announcement = { gradeId: grade.gradeId, grade: standing.grade, total: standing.total, announcedAt: now.toISOString() };
        p.status = 'ANNOUNCED';
        await tx.publish(EvaluationAnnounced, { subject: p.uscc, data: { procedureId: p.procedureId, uscc: p.uscc, ruleVersion: p.ruleVersion, gradeId: grade.gradeId, grade: standing.grade, announcedAt: now.toISOString() }, policyVersion: p.ruleVersion });
        let certificate: CertificateRecord | null = null;
        if (earnsCertificate(standing.grade, rules)) {
          const year = certificateNumbers(p.evaluatingAuthority, now, standing.grade, 0).year;
          const sequence = await this.certificates.nextSequence(tx, p.evaluatingAuthority, year);
          const numbers = certificateNumbers(p.evaluatingAuthority, now, standing.grade, sequence);
          certificate = { certificateId: randomUUID(), uscc: p.uscc, gradeId: grade.gradeId, procedureId: p.procedureId, grade: standing.grade, evaluatingAuthority: p.evaluatingAuthority, year, sequence, certificateNumber: numbers.certificateNumber, plaqueNumber: numbers.plaqueNumber, issuedAt: now, status: 'ISSUED', returnedAt: null, voidedAt: null, voidAnnouncement: null };
          await this.certificates.insert(tx, certificate);
          const data: CertificateIssuedV1 = { certificateId: certificate.certificateId, uscc: p.uscc, gradeId: grade.gradeId, procedureId: p.procedureId, grade: standing.grade, certificateNumber: numbers.certificateNumber, plaqueNumber: numbers.plaqueNumber, issuedAt: now.toISOString() };
          await tx.publish(CertificateIssued, { subject: p.uscc, data, policyVersion: p.ruleVersion });
          p.certificateId = certificate.certificateId;
        }
        return { procedure: p, grade, certificate };
      })
      .catch((err: Error) => {
        // Another authority's certificate took the same number concurrently: nothing was stored; retry.
        if (isDuplicateKey(err)) throw new EvaluationErrors.PROCEDURE_STEP_OUT_OF_ORDER('a certificate number was taken concurrently; nothing was stored, retry the announcement', { field: 'procedureId', rule: 'CERTIFICATE_NUMBER_UNIQUE' });
        throw err;
      });
  }
}
