import { OfficialCalendars } from '@sop/messaging';
import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { civilDateOf, Clock } from '@sop/util';
import { OrganizationAccess } from '../organizations/organization-access';
import { adjustmentView, gradeView } from './grade.views';
import { GradeStore } from './grades.ports';

/** Every grade of an organization (newest first) with its adjustments, for those who may read its record. */
@Injectable()
export class GradeHistoryQuery {
  constructor(
    private readonly access: OrganizationAccess,
    private readonly grades: GradeStore,
    private readonly clock: Clock,
    private readonly calendars: OfficialCalendars,
  ) {}

  async execute(uscc: string, principal: Principal) {
    await this.access.forReader(uscc, principal);
    const today = civilDateOf(this.clock.now());
    const [grades, adjustments] = await Promise.all([this.grades.grades(null, uscc), this.grades.adjustmentsOf(null, uscc)]);
    return {
      uscc,
      grades: [...grades].reverse().map((g) => ({ ...gradeView(g, today, adjustments, this.calendars.current()), adjustments: adjustments.filter((a) => a.gradeId === g.gradeId).map((a) => adjustmentView(a, this.calendars.current())) })),
    };
  }
}
