import type { DataSource, EntityManager } from 'typeorm';
import { CN_OFFICIAL_CALENDAR, OfficialCalendar, type OfficialYearData } from '@sop/util';
import { OfficialCalendarYearOrmEntity } from './official-calendar-year.orm-entity';

/** A published year with the calendar version it made. */
export interface PublishedCalendarYear extends OfficialYearData {
  calendarId: string;
  version: number;
  publishedAt: Date;
}

/**
 * The official holiday calendar a service counts working days on: the years the platform ships with
 * (CN_OFFICIAL_CALENDAR) plus every year published since, kept in the service's own `official_calendar_year` table.
 * Loaded when the service starts and reloaded every minute (another instance of the same service may have recorded a
 * year: a consumer group gives each event to one instance only); `record` applies a newly published year
 * (registration's API or its event) in the caller's transaction and at once in memory, so the next computation on this
 * instance uses it. Idempotent: the same year again replaces itself, and an older version never overwrites a newer one.
 */
export class OfficialCalendars {
  private calendar: OfficialCalendar = CN_OFFICIAL_CALENDAR;
  private readonly published = new Map<number, PublishedCalendarYear>();
  private timer?: ReturnType<typeof setInterval>;

  constructor(private readonly ds: DataSource) {}

  /** The calendar in force now. */
  current(): OfficialCalendar {
    return this.calendar;
  }

  /** Years published after the build, by year. */
  publishedYears(): PublishedCalendarYear[] {
    return [...this.published.values()].sort((a, b) => a.year - b.year);
  }

  /** Reloads the published years from the database every `intervalMs` until `stop()`. */
  startRefreshing(intervalMs = 60_000): void {
    if (this.timer || intervalMs <= 0) return;
    this.timer = setInterval(() => void this.load().catch(() => undefined), intervalMs);
    this.timer.unref?.();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  async load(): Promise<void> {
    const rows = await this.ds.getRepository(OfficialCalendarYearOrmEntity).find({ where: { calendarId: CN_OFFICIAL_CALENDAR.id }, order: { version: 'ASC' } });
    for (const row of rows) this.apply(fromRow(row));
  }

  async record(manager: EntityManager, year: PublishedCalendarYear): Promise<void> {
    if (year.calendarId !== CN_OFFICIAL_CALENDAR.id) throw new RangeError(`unknown calendar ${year.calendarId}`);
    const existing = await manager.findOneBy(OfficialCalendarYearOrmEntity, { calendarId: year.calendarId, year: year.year });
    if (existing && existing.version >= year.version) return; // already applied (a redelivery, or a later correction)
    await manager.save(OfficialCalendarYearOrmEntity, {
      calendarId: year.calendarId,
      year: year.year,
      version: year.version,
      source: year.source,
      holidays: JSON.stringify(year.holidays),
      workingWeekends: JSON.stringify(year.workingWeekends),
      publishedAt: year.publishedAt,
    });
    this.apply(year);
  }

  private apply(year: PublishedCalendarYear): void {
    const known = this.published.get(year.year);
    if (known && known.version >= year.version) return;
    this.published.set(year.year, year);
    const next = this.calendar.withYear(year);
    // The version is the publisher's (registration numbers the calendar's versions), so every service agrees.
    this.calendar = new OfficialCalendar(next.id, Math.max(year.version, this.calendar.version), next.years());
  }
}

function fromRow(row: OfficialCalendarYearOrmEntity): PublishedCalendarYear {
  return {
    calendarId: row.calendarId,
    year: row.year,
    version: row.version,
    source: row.source,
    holidays: JSON.parse(row.holidays) as string[],
    workingWeekends: JSON.parse(row.workingWeekends) as string[],
    publishedAt: row.publishedAt,
  };
}
