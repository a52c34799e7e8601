import { defineErrors } from '../errors/domain-error';
import { addCivilDays, civilDate, civilDayOfWeek, civilYearOf, type CivilDate } from './civil-date';
import { CN_OFFICIAL_HOLIDAYS, type OfficialYearData } from './official-holidays';

export const CalendarErrors = defineErrors('CALENDAR', {
  YEAR_NOT_PUBLISHED: {
    kind: 'REFUSED',
    meaning:
      'A working-day computation reached a year for which the platform has no official holiday calendar yet. A civil-affairs officer adds the year from the State Council notice; the platform never falls back to weekends only.',
  },
});

export interface OfficialYear {
  year: number;
  source: string;
  holidays: ReadonlySet<CivilDate>;
  workingWeekends: ReadonlySet<CivilDate>;
}

/**
 * The official working-day calendar (statutory holidays and make-up working days), versioned: a decision records
 * `calendarVersion`, and adding or correcting a year makes a new version. A date in a year the calendar does not
 * cover is refused (CALENDAR.YEAR_NOT_PUBLISHED), never silently treated as weekends only.
 */
export class OfficialCalendar {
  private readonly years_ = new Map<number, OfficialYear>();

  constructor(
    readonly id: string,
    readonly version: number,
    data: readonly OfficialYearData[],
  ) {
    for (const y of data) {
      const holidays = new Set(y.holidays.map(civilDate));
      const workingWeekends = new Set(y.workingWeekends.map(civilDate));
      for (const d of [...holidays, ...workingWeekends]) {
        if (civilYearOf(d) !== y.year) throw new RangeError(`${y.year} calendar lists ${d}`);
      }
      for (const d of workingWeekends) if (civilDayOfWeek(d) < 6) throw new RangeError(`${d} is a weekday, not a working weekend`);
      this.years_.set(y.year, { year: y.year, source: y.source, holidays, workingWeekends });
    }
  }

  get calendarVersion(): string {
    return `${this.id}@v${this.version}`;
  }

  coveredYears(): number[] {
    return [...this.years_.keys()].sort((a, b) => a - b);
  }

  covers(date: CivilDate): boolean {
    return this.years_.has(civilYearOf(date));
  }

  private yearOf(date: CivilDate): OfficialYear {
    const year = this.years_.get(civilYearOf(date));
    if (!year) {
      const covered = this.coveredYears();
      throw new CalendarErrors.YEAR_NOT_PUBLISHED(
        `no official holiday calendar for ${civilYearOf(date)} (${this.calendarVersion} covers ${covered[0]}–${covered[covered.length - 1]}); add the year from the State Council notice`,
        { extensions: { calendarVersion: this.calendarVersion } },
      );
    }
    return year;
  }

  /** A working day: Monday to Friday and not a holiday, or a make-up working weekend. */
  isWorkingDay(date: CivilDate): boolean {
    const year = this.yearOf(date);
    if (year.workingWeekends.has(date)) return true;
    return civilDayOfWeek(date) < 6 && !year.holidays.has(date);
  }

  /** A rest day in the sense of Civil Code Art. 203 (法定休假日): a weekend that is not made up, or a holiday. */
  isRestDay(date: CivilDate): boolean {
    return !this.isWorkingDay(date);
  }

  /** The date itself when it is a working day, else the first working day after it. */
  nextWorkingDayFrom(date: CivilDate): CivilDate {
    let d = date;
    while (!this.isWorkingDay(d)) d = addCivilDays(d, 1);
    return d;
  }

  /** The years as data (to extend, store or publish). */
  years(): OfficialYearData[] {
    return [...this.years_.values()]
      .sort((a, b) => a.year - b.year)
      .map((y) => ({ year: y.year, source: y.source, holidays: [...y.holidays], workingWeekends: [...y.workingWeekends] }));
  }

  /** The year's data, or undefined when the calendar has no notice for it. */
  year(year: number): OfficialYearData | undefined {
    return this.years().find((y) => y.year === year);
  }

  /** A new version with one more (or a corrected) year, as an officer publishes it. */
  withYear(data: OfficialYearData): OfficialCalendar {
    const years = this.years().filter((y) => y.year !== data.year);
    return new OfficialCalendar(this.id, this.version + 1, [...years, data].sort((a, b) => a.year - b.year));
  }
}

/** Mainland China, 2018 to the latest published year (official-holidays.ts). */
export const CN_OFFICIAL_CALENDAR = new OfficialCalendar('cn-official-holidays', 1, CN_OFFICIAL_HOLIDAYS);
