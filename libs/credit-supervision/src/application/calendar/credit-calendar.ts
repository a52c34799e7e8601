import { CN_OFFICIAL_CALENDAR, OfficialCalendar } from '@sop/util';

/** Where the calendar comes from: a fixed one, or the service's copy that published years extend (OfficialCalendars). */
export type CalendarSource = OfficialCalendar | { current(): OfficialCalendar };

/**
 * The official holiday calendar the service counts its working-day deadlines and Art. 203 moves on (regulations §5;
 * Civil Code Art. 200–204 through @sop/util's civil time): in the service, the shipped State Council notices plus every
 * year registration has published since (`OfficialCalendars`, fed by registration.calendar.year-published); in unit
 * tests, a fixed calendar.
 */
export class CreditCalendar {
  constructor(private readonly source: CalendarSource = CN_OFFICIAL_CALENDAR) {}

  /** The calendar in force now. */
  get calendar(): OfficialCalendar {
    return this.source instanceof OfficialCalendar ? this.source : this.source.current();
  }

  get calendarVersion(): string {
    return this.calendar.calendarVersion;
  }
}
