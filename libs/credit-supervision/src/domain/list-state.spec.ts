import fc from 'fast-check';
import { ORDER_60_V1, addMonthsUtc, addYearsUtc, ruleSetAt, ruleVersionOf } from './credit-rules';
import {
  activeEntries,
  decideDueTimers,
  decideRectification,
  decideSeriousRemoval,
  decideTrigger,
  decideAnnulment,
  decideDeregistration,
  jointMeasuresOf,
  replay,
  ListRuleViolation,
  type ListEvent,
  type ListState,
  type ListTrigger,
} from './list-state';
import { penaltyTriggers, validatePenalty, type Penalty } from './penalty';

const R = ORDER_60_V1;
const USCC = '52110108MJ0000018M';
let n = 0;
const newId = () => `id-${++n}`;
const overdue = (at: string, evidence = 'evt-1'): ListTrigger => ({
  uscc: USCC,
  list: 'ABNORMAL',
  reason: 'ANNUAL_REPORT_OVERDUE',
  evidence: [evidence],
  at: new Date(at),
  decidingAuthority: '110108',
});

function run(state: ListState, events: ListEvent[]): ListState {
  return replay(events, state);
}

describe('credit rule sets', () => {
  it('picks the set in force and names its version', () => {
    expect(ruleVersionOf(ruleSetAt(new Date('2026-01-01T00:00:00Z')))).toBe('credit-lists/order-60@v1');
    expect(() => ruleSetAt(new Date('2017-01-01T00:00:00Z'))).toThrow(RangeError);
  });
  it('a later version applies from its effectiveFrom and decisions record it; earlier decisions keep theirs', () => {
    const v2 = { ...ORDER_60_V1, version: 2, effectiveFrom: '2030-01-01T00:00:00.000Z', serious: { ...ORDER_60_V1.serious, largeFineThresholdFen: 10_000_000 } };
    const sets = [ORDER_60_V1, v2];
    expect(ruleSetAt(new Date('2029-12-31T23:59:59.999Z'), sets).version).toBe(1);
    const rules = ruleSetAt(new Date('2030-01-01T00:00:00.000Z'), sets);
    expect(ruleVersionOf(rules)).toBe('credit-lists/order-60@v2');
    const fine: Penalty = { penaltyId: 'p', uscc: USCC, kind: 'FINE', amountFen: 6_000_000, suspendedUntil: null, decidedAt: '2030-02-01T00:00:00.000Z', decidingBody: 'x', basis: 'y' };
    expect(penaltyTriggers(fine, [], ORDER_60_V1, '110108').map((t) => t.reason)).toEqual(['LARGE_FINE']);
    const [trigger] = penaltyTriggers(fine, [], rules, '110108');
    expect(trigger.reason).toBe('WARNING_OR_SMALL_FINE');
    expect(decideTrigger({}, trigger, rules, newId)[0].ruleVersion).toBe('credit-lists/order-60@v2');
  });

  it('adds months clamping to the month end', () => {
    expect(addMonthsUtc(new Date('2025-08-31T10:00:00Z'), 6).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(addYearsUtc(new Date('2024-02-29T00:00:00Z'), 2).toISOString()).toBe('2026-02-28T00:00:00.000Z');
  });
});

describe('abnormal list (§5.1) and escalation (§5.2)', () => {
  it('lists on an overdue report with the event id as evidence and the rule version', () => {
    const [e] = decideTrigger({}, overdue('2026-06-01T00:00:00Z'), R, newId);
    expect(e).toMatchObject({ kind: 'ENTERED', list: 'ABNORMAL', reason: 'ANNUAL_REPORT_OVERDUE', evidence: ['evt-1'], ruleVersion: 'credit-lists/order-60@v1', rectificationRequired: true });
  });

  it('re-occurrence while listed restarts the clock instead of a second entry', () => {
    let s = run({}, decideTrigger({}, overdue('2026-06-01T00:00:00Z'), R, newId));
    const again = decideTrigger(s, overdue('2027-06-01T00:00:00Z', 'evt-2'), R, newId);
    expect(again).toHaveLength(1);
    expect(again[0].kind).toBe('CLOCK_RESTARTED');
    s = run(s, again);
    const [entry] = activeEntries(s);
    expect(entry).toMatchObject({ listedAt: '2026-06-01T00:00:00.000Z', clockStartedAt: '2027-06-01T00:00:00.000Z', evidence: ['evt-1', 'evt-2'] });
    // escalation is two years from the restart, not from the listing
    expect(decideDueTimers(s, new Date('2028-06-02T00:00:00Z'), R, newId)).toEqual([]);
    expect(decideDueTimers(s, new Date('2029-06-01T00:00:00Z'), R, newId)[0]).toMatchObject({ kind: 'ESCALATED', at: '2029-06-01T00:00:00.000Z' });
  });

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

  it('removal on verified rectification records the 5-working-day deadline', () => {
    const s = run({}, decideTrigger({}, overdue('2026-06-01T00:00:00Z'), R, newId));
    const id = activeEntries(s)[0].entryId;
    const ev = decideRectification(s, { entryId: id, evidence: ['r'], at: new Date('2026-06-10T00:00:00Z'), removalApplicationDeadline: new Date('2026-06-15T23:59:59.999Z') }, R);
    expect(ev.map((e) => e.kind)).toEqual(['RECTIFIED', 'EXITED']);
    expect(activeEntries(run(s, ev))).toEqual([]);
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
    expect(() => decideSeriousRemoval(s, serious.entryId, new Date('2030-06-01T00:00:00Z'), R)).toThrow(expect.objectContaining({ code: 'CREDIT.RECTIFICATION_OUTSTANDING' }));
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

  it('a new trigger of either list restarts the clean clock of the serious list', () => {
    let s = run({}, decideTrigger({}, { ...overdue('2026-01-01T00:00:00Z'), list: 'SERIOUS', reason: 'LARGE_FINE' }, R, newId));
    s = run(s, decideTrigger(s, overdue('2027-01-01T00:00:00Z'), R, newId));
    const serious = activeEntries(s, 'SERIOUS')[0];
    expect(serious.clockStartedAt).toBe('2027-01-01T00:00:00.000Z');
    expect(() => decideSeriousRemoval(s, serious.entryId, new Date('2028-06-01T00:00:00Z'), R)).toThrow(ListRuleViolation);
  });

  it('revocation entries leave only on deregistration; annulment keeps the history', () => {
    let s = run({}, decideTrigger({}, { ...overdue('2026-01-01T00:00:00Z'), list: 'SERIOUS', reason: 'REGISTRATION_REVOKED' }, R, newId));
    const id = activeEntries(s)[0].entryId;
    expect(() => decideSeriousRemoval(s, id, new Date('2030-01-01T00:00:00Z'), R)).toThrow(expect.objectContaining({ code: 'CREDIT.REMOVAL_ONLY_ON_DEREGISTRATION' }));
    s = run(s, decideDeregistration(s, USCC, new Date('2026-03-01T00:00:00Z'), R));
    expect(s[id]).toMatchObject({ status: 'EXITED', exitReason: 'DEREGISTERED_AFTER_REVOCATION' });
    s = run(s, decideAnnulment(s, id, 'obj-1', new Date('2026-04-01T00:00:00Z'), R));
    expect(s[id]).toMatchObject({ status: 'ANNULLED', annulledByObjectionId: 'obj-1', exitReason: 'DEREGISTERED_AFTER_REVOCATION' });
    expect(() => decideAnnulment(s, id, 'obj-2', new Date(), R)).toThrow(expect.objectContaining({ code: 'CREDIT.ENTRY_ALREADY_ANNULLED' }));
  });

  it('joint measures are the union over active lists (§5.3)', () => {
    let s = run({}, decideTrigger({}, overdue('2026-01-01T00:00:00Z'), R, newId));
    expect(jointMeasuresOf(s, USCC, R)).toEqual({ lists: ['ABNORMAL'], measures: ['NO_EVALUATION', 'NO_PURCHASE_OF_SERVICES'] });
    s = run(s, decideDueTimers(s, new Date('2028-01-01T00:00:00Z'), R, newId));
    expect(jointMeasuresOf(s, USCC, R).measures).toEqual(['GRADE_DOWNGRADE_REFERENCE', 'KEY_SUPERVISION', 'NO_EVALUATION', 'NO_FUNDING', 'NO_HONOURS', 'NO_PURCHASE_OF_SERVICES']);
  });
});

describe('penalties → list triggers', () => {
  const p = (id: string, kind: Penalty['kind'], decidedAt: string, amountFen: number | null = null): Penalty => ({
    penaltyId: id,
    uscc: USCC,
    kind,
    amountFen,
    suspendedUntil: kind === 'SUSPENSION' ? '2027-01-01T00:00:00.000Z' : null,
    decidedAt,
    decidingBody: '北京市海淀区民政局',
    basis: '社团条例 Art. 30',
  });
  it('classifies by kind and the RMB 50,000 threshold (fen)', () => {
    expect(penaltyTriggers(p('a', 'FINE', '2026-01-01T00:00:00Z', 4_999_999), [], R, '110108').map((t) => t.reason)).toEqual(['WARNING_OR_SMALL_FINE']);
    expect(penaltyTriggers(p('a', 'FINE', '2026-01-01T00:00:00Z', 5_000_000), [], R, '110108').map((t) => t.reason)).toEqual(['LARGE_FINE']);
    expect(penaltyTriggers(p('a', 'SUSPENSION', '2026-01-01T00:00:00Z'), [], R, '110108').map((t) => t.reason)).toEqual(['SUSPENSION_PENALTY']);
    expect(penaltyTriggers(p('a', 'REVOCATION', '2026-01-01T00:00:00Z'), [], R, '110108').map((t) => t.reason)).toEqual(['REGISTRATION_REVOKED']);
  });
  it('two warnings or small fines within 3 years → serious list', () => {
    const first = p('a', 'WARNING', '2024-01-02T00:00:00Z');
    expect(penaltyTriggers(p('b', 'FINE', '2026-12-31T00:00:00Z', 100), [first], R, '110108').map((t) => t.reason)).toEqual(['WARNING_OR_SMALL_FINE', 'REPEATED_WARNINGS_OR_FINES']);
    expect(penaltyTriggers(p('b', 'FINE', '2027-01-03T00:00:00Z', 100), [first], R, '110108').map((t) => t.reason)).toEqual(['WARNING_OR_SMALL_FINE']);
  });
  it('validates amounts and suspension ends', () => {
    expect(() => validatePenalty(p('a', 'FINE', '2026-01-01T00:00:00Z'))).toThrow(expect.objectContaining({ field: 'amountFen' }));
    expect(() => validatePenalty({ ...p('a', 'SUSPENSION', '2026-01-01T00:00:00Z'), suspendedUntil: '2025-01-01T00:00:00Z' })).toThrow(expect.objectContaining({ field: 'suspendedUntil' }));
  });
});

describe('properties', () => {
  const day = 86_400_000;
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  const step = fc.oneof(
    fc.record({ op: fc.constant('trigger' as const), days: fc.integer({ min: 0, max: 400 }), reason: fc.constantFrom('ANNUAL_REPORT_OVERDUE' as const, 'WARNING_OR_SMALL_FINE' as const) }),
    fc.record({ op: fc.constant('tick' as const), days: fc.integer({ min: 0, max: 900 }) }),
    fc.record({ op: fc.constant('rectify' as const), days: fc.integer({ min: 0, max: 400 }) }),
  );

  function simulate(steps: { op: string; days: number; reason?: string }[]) {
    let now = t0;
    let state: ListState = {};
    const log: ListEvent[] = [];
    let k = 0;
    const id = () => `e${++k}`;
    const apply = (events: ListEvent[]) => {
      log.push(...events);
      state = replay(events, state);
    };
    for (const s of steps) {
      now += s.days * day;
      apply(decideDueTimers(state, new Date(now), R, id)); // the scheduler runs before anything else happens
      if (s.op === 'trigger') apply(decideTrigger(state, { ...overdue(new Date(now).toISOString()), reason: s.reason as 'ANNUAL_REPORT_OVERDUE' }, R, id));
      if (s.op === 'rectify') {
        const open = activeEntries(state).find((e) => e.rectificationRequired && !e.rectifiedAt);
        if (open) apply(decideRectification(state, { entryId: open.entryId, evidence: ['x'], at: new Date(now) }, R));
      }
    }
    return { state, log, now };
  }

  it('rebuild: replaying the log gives the state built step by step', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        const { state, log } = simulate(steps);
        expect(replay(log)).toEqual(state);
      }),
    );
  });

  it('invariants: one active entry per list and reason; no abnormal entry outlives its 2 years; timers are idempotent', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
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
        let now = t0;
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
