import { CREDIT_SUPERVISION_SERVICE } from '@sop/credit-supervision';
import { EVALUATION_SERVICE } from '@sop/evaluation';
import type { ServiceDefinition } from '@sop/http';
import { OfficialCalendars } from '@sop/messaging';
import { REGISTRATION_SERVICE } from '@sop/registration';
import { SERVICE_PURCHASING_SERVICE } from '@sop/service-purchasing';
import { waitFor } from '@sop/testing';
import { civilDate } from '@sop/util';
import { startEmbeddedTestHost, type EmbeddedTestHost } from './test-support/embedded-test-host';

/**
 * Issue #9 §1: a national registrar publishes a year of the official holiday calendar from the State Council notice,
 * and every service counts on it from then on (CalendarYearPublished over the bus); nobody else can, and the shipped
 * years cannot be overwritten through the API.
 */
const SERVICES: ServiceDefinition[] = [REGISTRATION_SERVICE, CREDIT_SUPERVISION_SERVICE, EVALUATION_SERVICE, SERVICE_PURCHASING_SERVICE];

const YEAR_2027 = {
  year: 2027,
  source: 'test fixture in the form of 国务院办公厅关于2027年部分节假日安排的通知',
  holidays: ['2027-01-01', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'],
  workingWeekends: ['2027-02-06'],
};

describe('the official holiday calendar across services (embedded)', () => {
  let host: EmbeddedTestHost;
  beforeAll(async () => {
    host = await startEmbeddedTestHost(SERVICES);
  });
  afterAll(() => host?.close());

  const publish = (body: unknown, bearer: string) =>
    fetch(`${host.base}/registration/calendar/years`, { method: 'POST', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(
      async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }),
    );
  const calendarsOf = (index: number) => host.app.select(host.modules[index]).get(OfficialCalendars);
  const token = (roles: Parameters<EmbeddedTestHost['token']>[0], jurisdiction: string) => host.token(roles, jurisdiction);

  it('refuses anyone but a national registrar, the shipped years, and a year that does not hold together', async () => {
    expect(await publish(YEAR_2027, token(['registrar'], '110000'))).toMatchObject({ status: 403, body: { code: 'REGISTRATION.CALENDAR_PUBLISHER_LEVEL' } });
    expect(await publish(YEAR_2027, token(['credit-officer'], '100000'))).toMatchObject({ status: 403, body: { code: 'AUTH.ROLE_REQUIRED' } });
    expect(await publish({ ...YEAR_2027, year: 2026 }, token(['registrar'], '100000'))).toMatchObject({ status: 409, body: { code: 'REGISTRATION.CALENDAR_YEAR_SHIPPED' } });
    expect(await publish({ ...YEAR_2027, holidays: ['2027-01-02'] }, token(['registrar'], '100000'))).toMatchObject({
      status: 400,
      body: { code: 'REGISTRATION.CALENDAR_YEAR_INVALID', errors: [{ field: 'holidays[0]' }] },
    });
    expect(await publish({ ...YEAR_2027, workingWeekends: ['2026-12-26'] }, token(['registrar'], '100000'))).toMatchObject({ status: 400, body: { errors: [{ field: 'workingWeekends[0]' }] } });
  });

  it('publishes 2027 and every service counts on it', async () => {
    expect(() => calendarsOf(1).current().isWorkingDay(civilDate('2027-02-08'))).toThrow(/no official holiday calendar for 2027/);
    const published = await publish(YEAR_2027, token(['registrar'], '100000'));
    expect(published).toMatchObject({ status: 201, body: { calendarVersion: 'cn-official-holidays@v2' } });

    const calendar = (await (await fetch(`${host.base}/registration/calendar`)).json()) as { calendarVersion: string; years: { year: number }[] };
    expect(calendar.calendarVersion).toBe('cn-official-holidays@v2');
    expect(calendar.years.map((y) => y.year)).toContain(2027);
    expect(calendarsOf(0).current().isWorkingDay(civilDate('2027-02-08'))).toBe(false); // registration itself, at once

    for (const index of [1, 2, 3]) {
      await waitFor(() => calendarsOf(index).current().covers(civilDate('2027-06-01')), 10_000, `${SERVICES[index].name} received 2027`);
      expect(calendarsOf(index).current().isWorkingDay(civilDate('2027-02-06'))).toBe(true); // a make-up Saturday
      expect(calendarsOf(index).current().calendarVersion).toBe('cn-official-holidays@v2');
    }
  });
});
