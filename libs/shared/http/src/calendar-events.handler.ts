import { Controller, type Type } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { OfficialCalendars, type CloudEvent, type ConsumedEventContext } from '@sop/messaging';

/** What registration's CalendarYearPublished carries (the contract lives in libs/contracts, which platform code may not import). */
export interface CalendarYearPublishedData {
  calendarId: string;
  version: number;
  year: number;
  source: string;
  holidays: string[];
  workingWeekends: string[];
  publishedAt: string;
}

/**
 * The handler every consuming service mounts for `CalendarYearPublished`: it records the year in the service's own
 * copy of the official calendar (in the event's unit of work), so the service's working-day deadlines and Civil Code
 * Art. 203 moves count on it from then on.
 *   controllers: [calendarEventHandlerFor(CalendarYearPublished, CREDIT_EVENTS)]
 */
export function calendarEventHandlerFor(contract: { type: string }, transportId: symbol): Type<unknown> {
  @Controller()
  class CalendarEventsHandler {
    constructor(private readonly calendars: OfficialCalendars) {}

    @EventPattern(contract.type, transportId)
    onYearPublished(@Payload() event: CloudEvent<CalendarYearPublishedData>, @Ctx() ctx: ConsumedEventContext) {
      return this.calendars.record(ctx.tx.manager, { ...event.data, publishedAt: new Date(event.data.publishedAt) });
    }
  }
  return CalendarEventsHandler;
}
