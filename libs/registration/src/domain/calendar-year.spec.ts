import { checkCalendarYear } from './calendar-year';
import { RegistrationErrors } from './registration.errors';

describe('a year of the official holiday calendar as a registrar enters it', () => {
  const year = { year: 2027, source: '国务院办公厅关于2027年部分节假日安排的通知', holidays: ['2027-02-09', '2027-01-01'], workingWeekends: ['2027-02-06'] };

  it('accepts a year that holds together, sorted and trimmed', () => {
    expect(checkCalendarYear({ ...year, source: `  ${year.source} ` })).toEqual({ ...year, holidays: ['2027-01-01', '2027-02-09'] });
  });

  it.each([
    [{ year: 2026 }, RegistrationErrors.CALENDAR_YEAR_SHIPPED, 'year'],
    [{ source: ' ' }, RegistrationErrors.CALENDAR_YEAR_INVALID, 'source'],
    [{ holidays: ['2027-02-30'] }, RegistrationErrors.CALENDAR_YEAR_INVALID, 'holidays[0]'],
    [{ holidays: ['2028-01-03'] }, RegistrationErrors.CALENDAR_YEAR_INVALID, 'holidays[0]'],
    [{ holidays: ['2027-01-02'] }, RegistrationErrors.CALENDAR_YEAR_INVALID, 'holidays[0]'], // a Saturday
    [{ holidays: ['2027-01-01', '2027-01-01'] }, RegistrationErrors.CALENDAR_YEAR_INVALID, 'holidays[1]'],
    [{ workingWeekends: ['2027-02-05'] }, RegistrationErrors.CALENDAR_YEAR_INVALID, 'workingWeekends[0]'], // a Friday
  ])('refuses %j', (change, errorClass, field) => {
    expect(() => checkCalendarYear({ ...year, ...change })).toThrow(errorClass);
    try {
      checkCalendarYear({ ...year, ...change });
    } catch (err) {
      expect((err as InstanceType<typeof errorClass>).field).toBe(field);
    }
  });
});
