import fc from 'fast-check';
import { addCivilDays, civilDateOf, endOfCivilDay, MovableClock } from '@sop/util';
import { decideRectification, decideTrigger } from '../../domain/list-decisions';
import { activeEntries, type ListEntry } from '../../domain/list-state';
import { InMemoryListStore, InMemoryOrganizationStore, InMemoryRectificationNoticeStore, recordingTx, recordingUnitOfWork } from '../../test-support/in-memory-lists';
import { C, overdueTrigger, USCC } from '../../test-support/list-fixtures';
import { CreditCalendar } from '../calendar/credit-calendar';
import { ListDecisions } from '../lists/list-decisions';
import { RunDueTimersUseCase } from './run-due-timers.use-case';

const DAY = 86_400_000;
/** 10:00 Beijing time on Monday 5 January 2026; the scheduler runs at 01:00 Beijing each day, facts come later in the day. */
const START = Date.parse('2026-01-05T02:00:00Z');
const runAt = (day: number) => new Date(START + day * DAY - 9 * 3_600_000);
const factAt = (day: number) => new Date(START + day * DAY);

type Fact =
  | { day: number; op: 'trigger'; reason: 'ANNUAL_REPORT_OVERDUE' | 'WARNING_OR_SMALL_FINE' }
  | { day: number; op: 'rectify' }
  | { day: number; op: 'notice'; days: number };

/** One platform: facts recorded when they take effect; the scheduler runs daily, except (if given) during a gap. */
async function platform(facts: Fact[], lastDay: number, gap?: { from: number; to: number }) {
  const lists = new InMemoryListStore();
  const organizations = new InMemoryOrganizationStore([{ uscc: USCC, name: '北京市海淀区社区服务中心', registeringAuthority: '110108', registrationStatus: 'REGISTERED' }]);
  const notices = new InMemoryRectificationNoticeStore();
  const decisions = new ListDecisions(organizations, lists, new CreditCalendar(C), notices);
  const { uow } = recordingUnitOfWork();
  const clock = new MovableClock(runAt(0));
  const timers = new RunDueTimersUseCase(uow, lists, notices, decisions, clock);
  const { tx } = recordingTx();
  let n = 0;
  for (let day = 0; day <= lastDay; day++) {
    if (!gap || day < gap.from || day >= gap.to) await timers.runDueTimers(runAt(day));
    for (const f of facts.filter((x) => x.day === day)) {
      const at = factAt(day);
      if (f.op === 'trigger') await decisions.decide(tx, USCC, at, (s, r) => decideTrigger(s, { ...overdueTrigger(at.toISOString(), `fact-${++n}`), reason: f.reason }, r, () => `e${++n}`), undefined, at);
      if (f.op === 'rectify')
        await decisions.decide(
          tx,
          USCC,
          at,
          (s, r) => {
            const open = activeEntries(s).find((e) => e.rectificationRequired && !e.rectifiedAt);
            return open ? decideRectification(s, { entryId: open.entryId, evidence: [`fact-${++n}`], at }, r) : [];
          },
          undefined,
          at,
        );
      if (f.op === 'notice')
        await notices.insertNotice(tx, {
          id: `notice-${day}`,
          uscc: USCC,
          inspectedAt: at,
          findings: 'x',
          deadline: endOfCivilDay(addCivilDays(civilDateOf(at), f.days)),
          status: 'OPEN',
          resolvedAt: null,
          issuedBy: 'officer',
          recordedAt: at,
        });
    }
  }
  return { entries: await lists.allEntries(), notices: [...notices.notices.values()].map((x) => [x.id, x.status, x.resolvedAt?.toISOString()]).sort() };
}

/** What the lists say, without the generated ids. */
const lists = (entries: ListEntry[]) =>
  entries
    .map(({ list, reason, status, listedAt, clockStartedAt, clockRestarts, rectificationRequired, rectifiedAt, exitedAt, exitReason, removalDeadline }) =>
      JSON.stringify({ list, reason, status, listedAt, clockStartedAt, clockRestarts, rectificationRequired, rectifiedAt, exitedAt, exitReason, removalDeadline }),
    )
    .sort();

describe('timers after downtime (effective dates, not detection dates)', () => {
  const fact: fc.Arbitrary<Fact> = fc.oneof(
    fc.record({ day: fc.integer({ min: 0, max: 1100 }), op: fc.constant('trigger' as const), reason: fc.constantFrom('ANNUAL_REPORT_OVERDUE' as const, 'WARNING_OR_SMALL_FINE' as const) }),
    fc.record({ day: fc.integer({ min: 0, max: 1100 }), op: fc.constant('rectify' as const) }),
    fc.record({ day: fc.integer({ min: 0, max: 1100 }), op: fc.constant('notice' as const), days: fc.integer({ min: 1, max: 120 }) }),
  );

  it('a platform whose scheduler ran once after a long gap ends with the lists of one that ran daily', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fact, { minLength: 1, maxLength: 10 }), fc.integer({ min: 0, max: 900 }), fc.integer({ min: 30, max: 800 }), async (facts, from, length) => {
        const lastDay = 1200;
        const daily = await platform(facts, lastDay);
        const restarted = await platform(facts, lastDay, { from, to: Math.min(from + length, lastDay) });
        expect(lists(restarted.entries)).toEqual(lists(daily.entries));
        expect(restarted.notices).toEqual(daily.notices);
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('example: a fine’s 6 months ran out during the gap before a new situation; the removal keeps its date', async () => {
    // Fined on day 0 (nothing to rectify): 6 months to 5 July 2026. An overdue annual report on day 200
    // (24 July) is a new entry, not a restart of the fine's entry, whether or not the scheduler ran in between.
    // (5 July 2026 is a Sunday: the 6 months end at 24:00 Beijing on Monday 6 July.)
    const facts: Fact[] = [
      { day: 0, op: 'trigger', reason: 'WARNING_OR_SMALL_FINE' },
      { day: 200, op: 'trigger', reason: 'ANNUAL_REPORT_OVERDUE' },
    ];
    const daily = await platform(facts, 260);
    const restarted = await platform(facts, 260, { from: 10, to: 250 });
    expect(lists(restarted.entries)).toEqual(lists(daily.entries));
    const fine = restarted.entries.find((e) => e.reason === 'WARNING_OR_SMALL_FINE');
    expect(fine).toMatchObject({ status: 'EXITED', exitReason: 'AUTO_AFTER_6_MONTHS', exitedAt: '2026-07-06T16:00:00.000Z', clockRestarts: [] });
  });
});
