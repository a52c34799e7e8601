import { createDataSource } from '@sop/persistence';
import { CalendarErrors, civilDate } from '@sop/util';
import { OfficialCalendarYearOrmEntity } from './official-calendar-year.orm-entity';
import { OfficialCalendarTables1732500000001 } from './official-calendar-tables.migration';
import { OfficialCalendars, type PublishedCalendarYear } from './official-calendars';

const YEAR_2027: PublishedCalendarYear = {
  calendarId: 'cn-official-holidays',
  version: 2,
  year: 2027,
  source: 'test notice for 2027',
  holidays: ['2027-01-01'],
  workingWeekends: [],
  publishedAt: new Date('2026-11-20T02:00:00Z'),
};

describe('OfficialCalendars (a service’s copy of the official holiday calendar)', () => {
  const ds = createDataSource({ type: 'sqlite', path: ':memory:' }, [OfficialCalendarYearOrmEntity], [OfficialCalendarTables1732500000001]);
  beforeAll(async () => {
    await ds.initialize();
    await ds.runMigrations();
  });
  afterAll(() => ds.destroy());

  it('refuses 2027 until it is published, then counts on it, and keeps it across a restart', async () => {
    const calendars = new OfficialCalendars(ds);
    await calendars.load();
    expect(() => calendars.current().isWorkingDay(civilDate('2027-01-04'))).toThrow(CalendarErrors.YEAR_NOT_PUBLISHED);

    await calendars.record(ds.manager, YEAR_2027);
    expect(calendars.current().isWorkingDay(civilDate('2027-01-01'))).toBe(false);
    expect(calendars.current().isWorkingDay(civilDate('2027-01-04'))).toBe(true);
    expect(calendars.current().calendarVersion).toBe('cn-official-holidays@v2');

    const restarted = new OfficialCalendars(ds);
    await restarted.load();
    expect(restarted.current().calendarVersion).toBe('cn-official-holidays@v2');
    expect(restarted.current().isWorkingDay(civilDate('2027-01-01'))).toBe(false);
  });

  it('applies a redelivery once and never lets an older version overwrite a newer one', async () => {
    const calendars = new OfficialCalendars(ds);
    await calendars.load();
    await calendars.record(ds.manager, { ...YEAR_2027, version: 3, holidays: ['2027-01-01', '2027-02-05'] });
    await calendars.record(ds.manager, YEAR_2027); // the older version, late
    expect(calendars.current().isWorkingDay(civilDate('2027-02-05'))).toBe(false);
    expect(calendars.current().calendarVersion).toBe('cn-official-holidays@v3');
    expect(await ds.getRepository(OfficialCalendarYearOrmEntity).countBy({ year: 2027 })).toBe(1);
  });
});
