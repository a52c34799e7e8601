import { Injectable, Logger } from '@nestjs/common';
import { GradeExpired, type GradeExpiredV1 } from '@sop/contracts';
import { UnitOfWork } from '@sop/messaging';
import { civilDateOf, Clock } from '@sop/util';
import { expiredAtOf, expiryDue } from '../../domain/expiry';
import type { GradeRecord } from '../../domain/grade';
import { GradeStore } from '../grades/grades.ports';
import { OrganizationStore } from '../organizations/organizations.ports';

/** Grades looked up per round. */
const EXPIRY_BATCH = 100;

/**
 * GradeExpired for every ACTIVE grade (lowered ones included, with their grade now) whose validity ended before
 * `now`'s Beijing date (from 00:00 Beijing time the day after `validUntil`), once per grade (regulations §6; Order 39 Art. 6 / 28). Each grade in one transaction under
 * its organization's lock: read again, and only if still ACTIVE, past its validity and not yet published, the
 * event goes to the outbox and `expiry_published_at` is set together. Re-runs, overlapping schedulers on several
 * instances and crashes therefore never publish twice; SUPERSEDED / CANCELLED grades never expire by event.
 * Run by the EvaluationScheduler.
 */
@Injectable()
export class PublishDueExpiries {
  private readonly logger = new Logger('PublishDueExpiries');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly organizations: OrganizationStore,
    private readonly grades: GradeStore,
    private readonly clock: Clock,
  ) {}

  /** A grade that fails is logged and left for the next run. Returns how many were published. */
  async execute(now: Date = this.clock.now()): Promise<number> {
    const before = civilDateOf(now);
    let published = 0;
    // Grades that failed (or were not published on re-reading) may still be listed: each is tried once per run,
    // and the look-up is widened to reach past them.
    const passed = new Set<string>();
    for (;;) {
      const due = (await this.grades.gradesDueToExpire(before, EXPIRY_BATCH + passed.size)).filter((g) => !passed.has(g.gradeId));
      if (!due.length) break;
      for (const candidate of due) {
        try {
          if (await this.publishExpiry(candidate, now)) published++;
          else passed.add(candidate.gradeId);
        } catch (err) {
          passed.add(candidate.gradeId);
          this.logger.error(`GradeExpired for grade ${candidate.gradeId} failed: ${(err as Error).message}`);
        }
      }
    }
    if (published) this.logger.log(`${published} grade(s) expired`);
    return published;
  }

  private publishExpiry(candidate: GradeRecord, now: Date): Promise<boolean> {
    return this.uow.run(async (tx) => {
      await this.organizations.lockOrganization(tx, candidate.uscc);
      const grade = await this.grades.grade(tx, candidate.gradeId);
      if (!grade || !expiryDue(grade, now)) return false;
      // Conditional on "not yet published": where the lock is a no-op (SQLite), this still makes it once.
      if (!(await this.grades.markExpiryPublished(tx, grade.gradeId, now))) return false;
      const data: GradeExpiredV1 = {
        gradeId: grade.gradeId,
        uscc: grade.uscc,
        grade: grade.grade,
        validUntil: grade.validUntil,
        expiredAt: expiredAtOf(grade.validUntil),
        ruleVersion: grade.ruleVersion,
      };
      await tx.publish(GradeExpired, { subject: grade.uscc, data, policyVersion: grade.ruleVersion });
      return true;
    });
  }
}
