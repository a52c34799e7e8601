import fc from 'fast-check';
import { ORDER_60_V1 } from '../domain/credit-rules';
import { decideRectification, decideTrigger, type ListTrigger } from '../domain/list-decisions';
import { activeEntries, replay, type ListEvent, type ListState } from '../domain/list-state';
import { decideDueTimers } from '../domain/list-timers';
import { TEST_CALENDAR } from './test-calendar';

/** Shared inputs of the domain specs: one organization in Haidian (110108), the national rule set, triggers. */
export const R = ORDER_60_V1;
/** The official calendar followed by invented test years (test-calendar.ts): timelines run years ahead. */
export const C = TEST_CALENDAR;
export const USCC = '52110108MJ0000018M';

/** Entry ids `id-1`, `id-2`, … (one sequence per spec file). */
export function idSequence(prefix = 'id-'): () => string {
  let n = 0;
  return () => `${prefix}${++n}`;
}

/** §5.1 trigger 1: the annual report is overdue, the event id as evidence. */
export const overdueTrigger = (at: string, evidence = 'evt-1'): ListTrigger => ({
  uscc: USCC,
  list: 'ABNORMAL',
  reason: 'ANNUAL_REPORT_OVERDUE',
  evidence: [evidence],
  at: new Date(at),
  decidingAuthority: '110108',
});

export function run(state: ListState, events: ListEvent[]): ListState {
  return replay(events, state);
}

const day = 86_400_000;
export const SIMULATION_START = Date.parse('2026-01-01T00:00:00Z');

/** One step of a random timeline: a trigger, the scheduler's tick, or a verified rectification, some days later. */
export const timelineStep = fc.oneof(
  fc.record({ op: fc.constant('trigger' as const), days: fc.integer({ min: 0, max: 400 }), reason: fc.constantFrom('ANNUAL_REPORT_OVERDUE' as const, 'WARNING_OR_SMALL_FINE' as const) }),
  fc.record({ op: fc.constant('tick' as const), days: fc.integer({ min: 0, max: 900 }) }),
  fc.record({ op: fc.constant('rectify' as const), days: fc.integer({ min: 0, max: 400 }) }),
);

/** Runs a timeline as the service would (the scheduler runs before anything else happens); returns state, log and the end. */
export function simulate(steps: { op: string; days: number; reason?: string }[]) {
  let now = SIMULATION_START;
  let state: ListState = {};
  const log: ListEvent[] = [];
  const id = idSequence('e');
  const apply = (events: ListEvent[]) => {
    log.push(...events);
    state = replay(events, state);
  };
  for (const s of steps) {
    now += s.days * day;
    apply(decideDueTimers(state, new Date(now), R, id, C));
    if (s.op === 'trigger') apply(decideTrigger(state, { ...overdueTrigger(new Date(now).toISOString()), reason: s.reason as 'ANNUAL_REPORT_OVERDUE' }, R, id));
    if (s.op === 'rectify') {
      const open = activeEntries(state).find((e) => e.rectificationRequired && !e.rectifiedAt);
      if (open) apply(decideRectification(state, { entryId: open.entryId, evidence: ['x'], at: new Date(now) }, R));
    }
  }
  return { state, log, now };
}
