import fc from 'fast-check';
import { addCivilYears, civilDateOf, CN_OFFICIAL_CALENDAR, endOfCivilDay } from '@sop/util';
import { CreditErrors } from './credit.errors';
import { decideRectification, decideSeriousRemoval, decideTrigger } from './list-decisions';
import { activeEntries, replay, type ListState } from './list-state';
import { decideDueTimers, nextTimerAt } from './list-timers';
import { C, idSequence, overdueTrigger as overdue, R, run, simulate, SIMULATION_START, timelineStep } from '../test-support/list-fixtures';

const newId = idSequence();

describe('list timers: 6-month removal (§5.1) and 2-year escalation (§5.2), in Beijing civil dates', () => {
  it('no 6-month removal where something needed rectifying, even once it is rectified (correction 3); it leaves on application', () => {
    let s = run({}, decideTrigger({}, overdue('2026-06-01T00:00:00Z'), R, newId));
    const id = activeEntries(s)[0].entryId;
    expect(decideDueTimers(s, new Date('2027-01-01T00:00:00Z'), R, newId, C)).toEqual([]); // obligation still outstanding
    s = run(s, decideRectification(s, { entryId: id, evidence: ['report-2025'], at: new Date('2026-08-01T00:00:00Z') }, R));
    // Updated: the old rule removed it on 1 December 2026 (6 months after listing) although it had needed rectifying.
    expect(decideDueTimers(s, new Date('2027-01-01T00:00:00Z'), R, newId, C)).toEqual([]);
    expect(nextTimerAt(s[id], R)?.toISOString()).toBe('2028-06-01T16:00:00.000Z'); // only the escalation is ahead
    const removal = decideRectification(s, { entryId: id, evidence: ['application'], at: new Date('2027-01-04T02:00:00Z'), removal: { at: new Date('2027-01-04T02:00:00Z'), calendar: C } }, R);
    expect(removal).toEqual([expect.objectContaining({ kind: 'EXITED', exitReason: 'RECTIFIED', at: '2027-01-04T02:00:00.000Z' })]);
  });

  it('nothing to rectify (a small fine): removal 6 months after the listing’s Beijing date, at 24:00 Beijing time', () => {
    // Fined at 01:00 Beijing on 10 January 2026 (still 9 January in UTC): 6 months end on Friday 10 July 2026.
    const s = run({}, decideTrigger({}, { ...overdue('2026-01-09T17:00:00Z'), reason: 'WARNING_OR_SMALL_FINE' }, R, newId));
    const [entry] = activeEntries(s);
    expect(nextTimerAt(entry, R)?.toISOString()).toBe('2026-07-10T16:00:00.000Z');
    expect(decideDueTimers(s, new Date('2026-07-10T15:59:59.999Z'), R, newId)).toEqual([]);
    const [exit] = decideDueTimers(s, new Date('2026-07-10T16:00:00.000Z'), R, newId);
    expect(exit).toMatchObject({ kind: 'EXITED', exitReason: 'AUTO_AFTER_6_MONTHS', at: '2026-07-10T16:00:00.000Z', calendarVersion: CN_OFFICIAL_CALENDAR.calendarVersion });
  });

  it('a 6-month end on a rest day moves to the next working day (Civil Code Art. 203)', () => {
    // Listed 1 April 2026 (Beijing): 1 October 2026 is National Day; the holiday runs to 7 October → Thursday 8 October.
    const s = run({}, decideTrigger({}, { ...overdue('2026-04-01T04:00:00Z'), reason: 'WARNING_OR_SMALL_FINE' }, R, newId));
    expect(nextTimerAt(activeEntries(s)[0], R)?.toISOString()).toBe('2026-10-01T16:00:00.000Z'); // the earliest it can be due
    expect(decideDueTimers(s, new Date('2026-10-08T15:59:59.999Z'), R, newId)).toEqual([]);
    expect(decideDueTimers(s, new Date('2026-10-08T16:00:00.000Z'), R, newId)[0]).toMatchObject({ exitReason: 'AUTO_AFTER_6_MONTHS', at: '2026-10-08T16:00:00.000Z' });
  });

  it('escalates after 2 full years (24:00 Beijing time), then removal needs 2 clean years and the rectification', () => {
    let s = run({}, decideTrigger({}, overdue('2026-06-01T00:00:00Z'), R, newId));
    // 1 June 2028 is a Thursday: the abnormal entry runs until 24:00 Beijing time that day.
    expect(decideDueTimers(s, new Date('2028-06-01T15:59:59.999Z'), R, newId, C)).toEqual([]);
    s = run(s, decideDueTimers(s, new Date('2028-06-01T16:00:00Z'), R, newId, C));
    const [serious] = activeEntries(s);
    expect(serious).toMatchObject({ list: 'SERIOUS', reason: 'ESCALATION_FROM_ABNORMAL', listedAt: '2028-06-01T16:00:00.000Z' });
    expect(activeEntries(s, 'ABNORMAL')).toEqual([]);
    // 2 clean years from 2 June 2028 (Beijing): Sunday 2 June 2030 → Monday 3 June, until 24:00 Beijing.
    expect(() => decideSeriousRemoval(s, serious.entryId, new Date('2030-06-03T15:59:59.999Z'), R, C)).toThrow(expect.objectContaining({ code: 'CREDIT.REMOVAL_NOT_YET_ELIGIBLE' }));
    expect(() => decideSeriousRemoval(s, serious.entryId, new Date('2030-06-03T16:00:00Z'), R, C)).toThrow(CreditErrors.RECTIFICATION_OUTSTANDING);
    s = run(s, decideRectification(s, { entryId: serious.entryId, evidence: ['r'], at: new Date('2029-01-01T00:00:00Z') }, R));
    const exit = decideSeriousRemoval(s, serious.entryId, new Date('2030-06-03T16:00:00Z'), R, C);
    expect(exit[0]).toMatchObject({ kind: 'EXITED', exitReason: 'CLEAN_2_YEARS' });
  });

  it('an escalation found after the rectification was recorded is not dated before it (correction 1)', () => {
    let s = run({}, decideTrigger({}, overdue('2026-06-01T00:00:00Z'), R, newId));
    const id = activeEntries(s)[0].entryId;
    // The 2 years ran out on 1 June 2028 (24:00 Beijing); the report was submitted on 5 June, before the scheduler ran.
    s = run(s, decideRectification(s, { entryId: id, evidence: ['report'], at: new Date('2028-06-05T02:00:00Z') }, R));
    const [escalation] = decideDueTimers(s, new Date('2028-06-10T00:00:00Z'), R, newId, C);
    expect(escalation).toMatchObject({ kind: 'ESCALATED', at: '2028-06-05T02:00:00.000Z' });
  });

  it('a second escalation while already on the serious list by escalation restarts that entry instead of a duplicate', () => {
    let s = run({}, decideTrigger({}, overdue('2026-06-01T00:00:00Z'), R, newId));
    s = run(s, decideDueTimers(s, new Date('2028-06-02T00:00:00Z'), R, newId, C));
    const serious = activeEntries(s, 'SERIOUS')[0];
    s = run(s, decideTrigger(s, overdue('2028-07-01T00:00:00Z', 'evt-9'), R, newId));
    // 1 July 2030 is a Monday: due at 24:00 Beijing time.
    s = run(s, decideDueTimers(s, new Date('2030-07-02T00:00:00Z'), R, newId, C));
    expect(activeEntries(s).map((e) => [e.list, e.reason, e.entryId])).toEqual([['SERIOUS', 'ESCALATION_FROM_ABNORMAL', serious.entryId]]);
    expect(s[serious.entryId]).toMatchObject({ clockStartedAt: '2030-07-01T16:00:00.000Z', rectifiedAt: null });
    expect(s[serious.entryId].evidence).toContain('evt-9');
  });
});

describe('list timers: properties', () => {
  const day = 86_400_000;

  it('invariants: one active entry per list and reason; no abnormal entry outlives its 2 years; timers are idempotent', () => {
    fc.assert(
      fc.property(fc.array(timelineStep, { maxLength: 30 }), (steps) => {
        const { state, now } = simulate(steps);
        const keys = activeEntries(state).map((e) => `${e.list}/${e.reason}`);
        expect(new Set(keys).size).toBe(keys.length);
        const after = replay(decideDueTimers(state, new Date(now), R, () => 'z', C), state);
        // The 2 years end no earlier than 24:00 Beijing time of the corresponding day.
        for (const e of activeEntries(after, 'ABNORMAL')) expect(endOfCivilDay(addCivilYears(civilDateOf(new Date(e.clockStartedAt)), 2)).getTime()).toBeGreaterThan(now);
        expect(decideDueTimers(after, new Date(now), R, () => 'zz', C)).toEqual([]);
        for (const e of Object.values(after)) {
          expect(e.clockStartedAt >= e.listedAt).toBe(true);
          if (e.exitedAt) expect(e.exitedAt >= e.listedAt).toBe(true);
          // Correction 1: no exit before the rectification.
          if (e.exitedAt && e.rectifiedAt) expect(e.exitedAt >= e.rectifiedAt).toBe(true);
          // Correction 3: no automatic removal of an entry that needed rectifying.
          if (e.exitReason === 'AUTO_AFTER_6_MONTHS') expect(e.rectificationRequired).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a late scheduler decides the same as a punctual one (events take effect at their due instant)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 200 }), { maxLength: 12 }), fc.boolean(), fc.constantFrom('ANNUAL_REPORT_OVERDUE' as const, 'WARNING_OR_SMALL_FINE' as const), (ticks, rectified, reason) => {
        let s: ListState = replay(decideTrigger({}, { ...overdue('2026-01-01T00:00:00Z'), reason }, R, () => 'a'));
        if (rectified) s = replay(decideRectification(s, { entryId: 'a', evidence: [], at: new Date('2026-02-01T00:00:00Z') }, R), s);
        let punctual = s;
        let now = SIMULATION_START;
        for (const d of ticks) {
          now += d * day;
          punctual = replay(decideDueTimers(punctual, new Date(now), R, () => 'b', C), punctual);
        }
        const late = replay(decideDueTimers(s, new Date(now), R, () => 'b', C), s);
        expect(late).toEqual(punctual);
      }),
    );
  });
});
