import { CN_OFFICIAL_CALENDAR, type OfficialCalendar } from '@sop/util';

/**
 * The official holiday calendar the service counts its working-day deadlines and Art. 203 moves on (regulations §5;
 * Civil Code Art. 200–204 through @sop/util's civil time). The State Council notices by default; tests that run
 * timelines into years without a notice give a calendar with those years (CreditSupervisionOptions.calendar).
 */
export class CreditCalendar {
  constructor(readonly calendar: OfficialCalendar = CN_OFFICIAL_CALENDAR) {}

  get calendarVersion(): string {
    return this.calendar.calendarVersion;
  }
}
