import { Injectable } from '@nestjs/common';
import type { CalendarYearPublishedV1 } from '@sop/contracts';
import { OfficialCalendars, type CloudEvent, type Tx } from '@sop/messaging';

/**
 * registration.calendar.year-published → the service's copy of the official calendar gains the year (or its
 * correction), in the consumer's transaction; deadlines and timers waiting for the year (CALENDAR.YEAR_NOT_PUBLISHED)
 * are decided from then on. Idempotent: an older version never overwrites a newer one.
 */
@Injectable()
export class CalendarFacts {
  constructor(private readonly calendars: OfficialCalendars) {}

  onCalendarYearPublished(event: CloudEvent<CalendarYearPublishedV1>, tx: Tx): Promise<void> {
    const d = event.data;
    return this.calendars.record(tx.manager, { ...d, publishedAt: new Date(d.publishedAt) });
  }
}
