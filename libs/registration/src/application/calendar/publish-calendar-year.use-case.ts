import { Injectable } from '@nestjs/common';
import type { Principal } from '@sop/auth';
import { CalendarYearPublished } from '@sop/contracts';
import { OfficialCalendars, UnitOfWork } from '@sop/messaging';
import { Clock, divisionLevel, type OfficialYearData } from '@sop/util';
import { checkCalendarYear } from '../../domain/calendar-year';
import { RegistrationErrors } from '../../domain/registration.errors';

/**
 * A national registrar publishes a year of the official holiday calendar from the State Council notice (usually out
 * in November for the next year). Registration records it and announces it (CalendarYearPublished), and every service
 * counts its working days and Civil Code Art. 203 moves on it from then on; until then a computation that reaches the
 * year is refused (CALENDAR.YEAR_NOT_PUBLISHED) or, for the authority's own deadlines, provisional.
 */
@Injectable()
export class PublishCalendarYear {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly calendars: OfficialCalendars,
    private readonly clock: Clock,
  ) {}

  async publish(input: OfficialYearData, principal: Principal): Promise<{ calendarVersion: string; year: OfficialYearData }> {
    if (divisionLevel(principal.jurisdiction) !== 'NATIONAL') {
      throw new RegistrationErrors.CALENDAR_PUBLISHER_LEVEL(`the official calendar is published by a national registrar; your jurisdiction is ${principal.jurisdiction}`);
    }
    const year = checkCalendarYear(input);
    const now = this.clock.now();
    return this.uow.run(async (tx) => {
      const calendarId = this.calendars.current().id;
      const version = this.calendars.current().version + 1;
      const published = { calendarId, version, ...year, publishedAt: now };
      await this.calendars.record(tx.manager, published);
      await tx.publish(CalendarYearPublished, {
        subject: calendarId,
        policyVersion: `${calendarId}@v${version}`,
        data: { ...published, publishedAt: now.toISOString() },
      });
      return { calendarVersion: `${calendarId}@v${version}`, year };
    });
  }
}
