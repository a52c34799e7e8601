import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { ALL_EVENT_CONTRACTS } from '@sop/contracts';
import { EventCatalog, payloadProblems } from '@sop/messaging';
import { decideAnnulment, decideDeregistration, decideRectification, decideSeriousRemoval, decideTrigger } from '../../domain/list-decisions';
import { activeEntries, replay, type ListEvent, type ListState } from '../../domain/list-state';
import { decideDueTimers } from '../../domain/list-timers';
import { C, R, USCC } from '../../test-support/list-fixtures';
import { LIST_EVENT_CONTRACT, listEventFromPublished, listEventPayload } from './list-event.mapping';

const catalog = new EventCatalog(ALL_EVENT_CONTRACTS);

/** One timeline that produces every kind of list event. */
function timeline(): ListEvent[] {
  const log: ListEvent[] = [];
  let s: ListState = {};
  const add = (events: ListEvent[]) => {
    log.push(...events);
    s = replay(events, s);
  };
  const trigger = (reason: 'ANNUAL_REPORT_OVERDUE' | 'REGISTRATION_REVOKED', at: string) =>
    decideTrigger(s, { uscc: USCC, list: reason === 'REGISTRATION_REVOKED' ? 'SERIOUS' : 'ABNORMAL', reason, evidence: [randomUUID()], at: new Date(at), decidingAuthority: '110108' }, R, randomUUID);
  add(trigger('ANNUAL_REPORT_OVERDUE', '2026-06-01T00:00:00Z'));
  add(trigger('ANNUAL_REPORT_OVERDUE', '2027-06-01T00:00:00Z'));
  add(decideDueTimers(s, new Date('2029-06-02T00:00:00Z'), R, randomUUID, C));
  const serious = activeEntries(s, 'SERIOUS')[0].entryId;
  add(decideRectification(s, { entryId: serious, evidence: ['r'], at: new Date('2030-01-01T00:00:00Z') }, R));
  add(decideSeriousRemoval(s, serious, new Date('2031-06-03T00:00:00Z'), R, C));
  add(trigger('REGISTRATION_REVOKED', '2031-07-01T00:00:00Z'));
  add(decideDeregistration(s, USCC, new Date('2031-08-01T00:00:00Z'), R));
  add(decideAnnulment(s, serious, randomUUID(), new Date('2031-09-01T00:00:00Z'), R));
  // The optional civil-time fields: a restart that owes the rectification again, a removal with its Beijing due date.
  add(trigger('ANNUAL_REPORT_OVERDUE', '2031-10-01T00:00:00Z'));
  const abnormal = activeEntries(s, 'ABNORMAL')[0].entryId;
  add(decideRectification(s, { entryId: abnormal, evidence: ['report'], at: new Date('2031-10-10T00:00:00Z') }, R));
  add(trigger('ANNUAL_REPORT_OVERDUE', '2031-11-01T00:00:00Z'));
  add(decideRectification(s, { entryId: abnormal, evidence: ['report-2'], at: new Date('2031-11-10T00:00:00Z'), removal: { at: new Date('2031-11-12T00:00:00Z'), calendar: C } }, R));
  return log;
}

describe('list events on the wire', () => {
  const log = timeline();

  it('covers every kind', () => {
    expect(new Set(log.map((e) => e.kind))).toEqual(new Set(Object.keys(LIST_EVENT_CONTRACT)));
  });

  it('every payload satisfies its published contract (strict write mode)', async () => {
    for (const e of log) {
      expect(await payloadProblems(catalog.require(LIST_EVENT_CONTRACT[e.kind].type), listEventPayload(e), 'write')).toEqual([]);
    }
  });

  it('property: published → domain is lossless, so replaying the topic rebuilds the same lists', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: log.length }), (n) => {
        const prefix = log.slice(0, n);
        const wire = prefix.map((e) => JSON.parse(JSON.stringify({ type: LIST_EVENT_CONTRACT[e.kind].type, data: listEventPayload(e) })) as { type: string; data: object });
        const back = wire.map((w) => listEventFromPublished(w.type, w.data)).filter((e): e is ListEvent => e !== null);
        expect(replay(back)).toEqual(replay(prefix));
      }),
    );
    expect(listEventFromPublished('credit.penalty.recorded', {})).toBeNull();
  });
});
