import { Injectable, Logger } from '@nestjs/common';
import type { GradeAdjustedV1, GradeAwardedV1 } from '@sop/contracts';
import type { CloudEvent, Tx } from '@sop/messaging';
import { supersede, type GradeRecord } from '../../domain/supplier-grade';
import { SupplierGradeStore } from './suppliers.ports';

/**
 * The evaluation grades of suppliers (regulations §6), kept from evaluation's events with supersession and
 * adjustment, so the grade in force (a priority reason) can be read at any time.
 */
@Injectable()
export class SupplierGrades {
  private readonly logger = new Logger('SupplierGrades');

  constructor(private readonly grades: SupplierGradeStore) {}

  /** evaluation.grade.awarded → the grade (regulations §6); a replacement supersedes the grade it names. */
  async onGradeAwarded(event: CloudEvent<GradeAwardedV1>, tx: Tx): Promise<void> {
    const d = event.data;
    if (await this.grades.grade(tx, d.gradeId)) return; // already known: a re-published award changes nothing
    let record: GradeRecord = {
      gradeId: d.gradeId,
      uscc: d.uscc,
      grade: d.grade,
      validFrom: d.validFrom,
      validUntil: d.validUntil,
      announcedAt: new Date(d.announcedAt).toISOString(),
      replacesGradeId: d.replacesGradeId ?? null,
      supersededByGradeId: null,
      supersededFrom: null,
      adjustment: null,
      ruleVersion: d.ruleVersion,
    };
    // A replacement that arrived first (not expected on one key, but harmless) still supersedes this one.
    const [laterReplacement] = await this.grades.replacementsOf(tx, d.gradeId);
    if (laterReplacement) record = supersede(record, laterReplacement);
    await this.grades.insertGrade(tx, record, { score: d.score, evaluatingAuthority: d.evaluatingAuthority, eventId: event.id });
    if (d.replacesGradeId) {
      const replaced = await this.grades.grade(tx, d.replacesGradeId);
      if (replaced) await this.grades.updateGrade(tx, supersede(replaced, record));
      else this.logger.warn(`grade ${d.gradeId} replaces ${d.replacesGradeId}, which purchasing never received`);
    }
  }

  /** evaluation.grade.adjusted → lowered or cancelled from effectiveAt; an older adjustment never undoes a newer one. */
  async onGradeAdjusted(event: CloudEvent<GradeAdjustedV1>, tx: Tx): Promise<void> {
    const d = event.data;
    const grade = await this.grades.grade(tx, d.gradeId);
    if (!grade) {
      this.logger.warn(`adjustment of grade ${d.gradeId} (${d.uscc}) for a grade purchasing never received; ignored`);
      return;
    }
    const effectiveAt = new Date(d.effectiveAt).toISOString();
    if (grade.adjustment && grade.adjustment.effectiveAt > effectiveAt) return;
    await this.grades.updateGrade(tx, { ...grade, adjustment: { newGrade: d.newGrade ?? null, reason: d.reason, effectiveAt } }, event.id);
  }
}
