import fc from 'fast-check';
import { addYearsUtc } from './credit-rules';
import { CreditErrors } from './credit.errors';
import { decideRectification, decideSeriousRemoval, decideTrigger } from './list-decisions';
import { activeEntries, replay, type ListState } from './list-state';
import { decideDueTimers } from './list-timers';
import { idSequence, overdueTrigger as overdue, R, run, simulate, SIMULATION_START, timelineStep } from '../test-support/list-fixtures';

const newId = idSequence();

describe('list timers: 6-month removal (§5.1) and 2-year escalation (§5.2)', () => {
  it('removes automatically 6 months after listing once nothing needs rectifying', () => {
    let s = run({}, decideTrigger({}, overdue('2026-06-01T00:00:00Z'), R, newId));
    const id = activeEntries(s)[0].entryId;
    expect(decideDueTimers(s, new Date('2027-01-01T00:00:00Z'), R, newId)).toEqual([]); // obligation still outstanding
    s = run(s, decideRectification(s, { entryId: id, evidence: ['report-2025'], at: new Date('2026-08-01T00:00:00Z') }, R));
    expect(decideDueTimers(s, new Date('2026-11-30T00:00:00Z'), R, newId)).toEqual([]);
    const [exit] = decideDueTimers(s, new Date('2027-01-01T00:00:00Z'), R, newId);
    expect(exit).toMatchObject({ kind: 'EXITED', exitReason: 'AUTO_AFTER_6_MONTHS', at: '2026-12-01T00:00:00.000Z' });
  });

  it('a small fine lists without rectification and leaves after 6 months', () => {
    const s = run({}, decideTrigger({}, { ...overdue('2026-01-10T00:00:00Z'), reason: 'WARNING_OR_SMALL_FINE' }, R, newId));
    expect(decideDueTimers(s, new Date('2026-07-10T00:00:00Z'), R, newId)[0]).toMatchObject({ exitReason: 'AUTO_AFTER_6_MONTHS' });
  });

  it('escalates after 2 full years, then removal needs 2 clean years and the rectification', () => {
    let s = run({}, decideTrigger({}, overdue('2026-06-01T00:00:00Z'), R, newId));
    s = run(s, decideDueTimers(s, new Date('2028-06-01T00:00:00Z'), R, newId));
    const [serious] = activeEntries(s);
    expect(serious).toMatchObject({ list: 'SERIOUS', reason: 'ESCALATION_FROM_ABNORMAL', listedAt: '2028-06-01T00:00:00.000Z' });
    expect(activeEntries(s, 'ABNORMAL')).toEqual([]);
    expect(() => decideSeriousRemoval(s, serious.entryId, new Date('2030-05-31T00:00:00Z'), R)).toThrow(
      expect.objectContaining({ code: 'CREDIT.REMOVAL_NOT_YET_ELIGIBLE' }),
    );
    expect(() => decideSeriousRemoval(s, serious.entryId, new Date('2030-06-01T00:00:00Z'), R)).toThrow(CreditErrors.RECTIFICATION_OUTSTANDING);
    s = run(s, decideRectification(s, { entryId: serious.entryId, evidence: ['r'], at: new Date('2029-01-01T00:00:00Z') }, R));
    const exit = decideSeriousRemoval(s, serious.entryId, new Date('2030-06-01T00:00:00Z'), R);
    expect(exit[0]).toMatchObject({ kind: 'EXITED', exitReason: 'CLEAN_2_YEARS' });
  });

  it('a second escalation while already on the serious list by escalation restarts that entry instead of a duplicate', () => {
    let s = run({}, decideTrigger({}, overdue('2026-06-01T00:00:00Z'), R, newId));
    s = run(s, decideDueTimers(s, new Date('2028-06-01T00:00:00Z'), R, newId));
    const serious = activeEntries(s, 'SERIOUS')[0];
    s = run(s, decideTrigger(s, overdue('2028-07-01T00:00:00Z', 'evt-9'), R, newId));
    s = run(s, decideDueTimers(s, new Date('2030-07-01T00:00:00Z'), R, newId));
    expect(activeEntries(s).map((e) => [e.list, e.reason, e.entryId])).toEqual([['SERIOUS', 'ESCALATION_FROM_ABNORMAL', serious.entryId]]);
    expect(s[serious.entryId]).toMatchObject({ clockStartedAt: '2030-07-01T00:00:00.000Z', rectifiedAt: null });
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
        const after = replay(decideDueTimers(state, new Date(now), R, () => 'z'), state);
        for (const e of activeEntries(after, 'ABNORMAL')) expect(addYearsUtc(new Date(e.clockStartedAt), 2).getTime()).toBeGreaterThan(now);
        expect(decideDueTimers(after, new Date(now), R, () => 'zz')).toEqual([]);
        for (const e of Object.values(after)) {
          expect(e.clockStartedAt >= e.listedAt).toBe(true);
          if (e.exitedAt) expect(e.exitedAt >= e.listedAt).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a late scheduler decides the same as a punctual one (events take effect at their due instant)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 200 }), { maxLength: 12 }), fc.boolean(), (ticks, rectified) => {
        let s: ListState = replay(decideTrigger({}, overdue('2026-01-01T00:00:00Z'), R, () => 'a'));
        if (rectified) s = replay(decideRectification(s, { entryId: 'a', evidence: [], at: new Date('2026-02-01T00:00:00Z') }, R), s);
        let punctual = s;
        let now = SIMULATION_START;
        for (const d of ticks) {
          now += d * day;
          punctual = replay(decideDueTimers(punctual, new Date(now), R, () => 'b'), punctual);
        }
        const late = replay(decideDueTimers(s, new Date(now), R, () => 'b'), s);
        expect(late).toEqual(punctual);
      }),
    );
  });
});
