import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { UnitOfWork } from '@sop/messaging';
import { civilDateOf, Clock, endOfCivilDay, parseCivilDate, type CivilDate } from '@sop/util';
import { lastDayOf } from '../../domain/credit-periods';
import { CreditErrors, violationOf } from '../../domain/credit.errors';
import { CreditCalendar } from '../calendar/credit-calendar';
import { capturedLate, informationAt } from '../organizations/credit-information';
import { OfficerAccess } from '../organizations/officer-access';
import { OrganizationStore } from '../organizations/organizations.ports';
import { RectificationNoticeStore, type RectificationNotice } from './inspections.ports';

/**
 * Credit officers' inspection records: an administrative-inspection conclusion (Order 60 Art. 6-7 inspection
 * information), a rectification notice with its deadline, and the notice met in time. A notice not met by its
 * deadline lists the organization (§5.1 (3)) — that is the list timers' work (application/list-timers).
 */
@Injectable()
export class InspectionUseCases {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: OfficerAccess,
    private readonly organizations: OrganizationStore,
    private readonly notices: RectificationNoticeStore,
    private readonly clock: Clock,
    private readonly calendar: CreditCalendar,
  ) {}

  /** An administrative-inspection conclusion (Order 60 Art. 6-7 inspection information), recorded with its capture deadline. */
  async recordInspection(
    input: { uscc: string; inspectedAt: string; conclusion: string },
    principal: Principal,
  ): Promise<{ id: string; captureDeadline: string; captureDueOn: CivilDate; capturedLate: boolean }> {
    const org = await this.access.organization(input.uscc, principal);
    const now = this.clock.now();
    const inspectedAt = new Date(input.inspectedAt);
    if (inspectedAt > now)
      throw new CreditErrors.INSPECTION_IN_FUTURE('inspectedAt lies in the future', violationOf('inspectedAt', 'an inspection has happened', 'must not be after now'));
    const id = randomUUID();
    const information = informationAt(this.calendar, now, { uscc: org.uscc, category: 'INSPECTION', factType: 'INSPECTION_CONCLUSION', sourceId: id, summary: input.conclusion, occurredAt: inspectedAt });
    await this.uow.run((tx) => this.organizations.addInformation(tx, information));
    return { id, captureDeadline: information.captureDeadline.toISOString(), captureDueOn: lastDayOf(information.captureDeadline), capturedLate: capturedLate(information) };
  }

  /**
   * A rectification notice. The deadline is a Beijing civil date: the organization has until 24:00 Beijing time that
   * day; from 00:00 the day after it is not met (§5.1 (3)). Stored as that instant (`deadline`), read back with the date
   * (`deadlineOn`).
   */
  async issueRectificationNotice(
    input: { uscc: string; inspectedAt: string; findings: string; deadline: string },
    principal: Principal,
  ): Promise<RectificationNotice & { deadlineOn: CivilDate }> {
    const org = await this.access.organization(input.uscc, principal);
    const now = this.clock.now();
    const deadlineOn = parseCivilDate(input.deadline);
    if (!deadlineOn)
      throw new CreditErrors.NOTICE_DEADLINE('the deadline is a civil date YYYY-MM-DD', violationOf('deadline', 'a rectification deadline is a Beijing civil date (YYYY-MM-DD)', `got ${input.deadline}`));
    const inspectedAt = new Date(input.inspectedAt);
    const notice: RectificationNotice = {
      id: randomUUID(),
      uscc: org.uscc,
      inspectedAt,
      findings: input.findings,
      deadline: endOfCivilDay(deadlineOn),
      status: 'OPEN',
      resolvedAt: null,
      issuedBy: principal.subject,
      recordedAt: now,
    };
    if (deadlineOn < civilDateOf(inspectedAt))
      throw new CreditErrors.NOTICE_DEADLINE(
        'the deadline must not precede the inspection',
        violationOf('deadline', 'deadline on or after the Beijing date of inspectedAt', `deadline ${deadlineOn} is before the inspection day ${civilDateOf(inspectedAt)}`),
      );
    return this.uow.run(async (tx) => {
      await this.notices.insertNotice(tx, notice);
      await this.organizations.addInformation(
        tx,
        informationAt(this.calendar, now, {
          uscc: org.uscc,
          category: 'INSPECTION',
          factType: 'RECTIFICATION_NOTICE',
          sourceId: notice.id,
          summary: `inspection found problems; rectification due by ${deadlineOn} (Beijing time)`,
          occurredAt: notice.inspectedAt,
        }),
      );
      return { ...notice, deadlineOn };
    });
  }

  /** The officer verified the rectification before the deadline: the notice closes without a listing. */
  async recordNoticeMet(noticeId: string, principal: Principal): Promise<RectificationNotice & { deadlineOn: CivilDate }> {
    const found = await this.notices.notice(null, noticeId);
    if (!found) throw new CreditErrors.NOTICE_NOT_FOUND(`no rectification notice ${noticeId}`);
    await this.access.organization(found.uscc, principal);
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const notice = await this.notices.notice(tx, noticeId);
      if (!notice) throw new CreditErrors.NOTICE_NOT_FOUND(`no rectification notice ${noticeId}`);
      if (notice.status !== 'OPEN') throw new CreditErrors.NOTICE_CLOSED(`notice ${noticeId} is ${notice.status}`);
      if (now >= notice.deadline)
        throw new CreditErrors.NOTICE_DEADLINE_PASSED(`the deadline ${lastDayOf(notice.deadline)} (until ${notice.deadline.toISOString()}) has passed (§5.1 trigger 3)`);
      const updated: RectificationNotice = { ...notice, status: 'MET', resolvedAt: now };
      await this.notices.updateNotice(tx, updated);
      return { ...updated, deadlineOn: lastDayOf(updated.deadline) };
    });
  }
}
