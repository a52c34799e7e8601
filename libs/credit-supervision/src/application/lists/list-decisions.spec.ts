import { decideRectification, decideTrigger } from '../../domain/list-decisions';
import { idSequence, overdueTrigger, USCC } from '../../test-support/list-fixtures';
import { InMemoryListStore, InMemoryOrganizationStore, recordingTx } from '../../test-support/in-memory-lists';
import { SUINING_V1 } from '../../domain/credit-rules';
import type { CreditRuleSetStore } from '../rule-sets/rule-sets.ports';
import { ListDecisions } from './list-decisions';

describe('ListDecisions (the list decision core)', () => {
  const now = new Date('2026-06-02T00:00:00.000Z');
  const setup = () => {
    const lists = new InMemoryListStore();
    const organizations = new InMemoryOrganizationStore();
    return { lists, organizations, core: new ListDecisions(organizations, lists) };
  };

  it('locks the organization, logs each event under its published id, updates the view with its timer index, publishes joint measures once they change', async () => {
    const { lists, organizations, core } = setup();
    const { tx, published } = recordingTx();
    const newId = idSequence();
    const events = await core.decide(tx, USCC, now, (s, r) => decideTrigger(s, overdueTrigger('2026-06-01T00:00:00Z'), r, newId), 'cause-1');
    expect(organizations.locks).toEqual([USCC]);
    expect(published.map((p) => [p.type, p.causationId])).toEqual([
      ['credit.list.entered', 'cause-1'],
      ['credit.joint-measures.changed', 'cause-1'],
    ]);
    expect(published[1]).toMatchObject({ policyVersion: 'credit-lists/order-60@v1', data: { uscc: USCC, lists: ['ABNORMAL'], measures: ['NO_EVALUATION'], effectiveFrom: '2026-06-01T00:00:00.000Z' } });
    expect(lists.log).toEqual([{ eventId: published[0].id, event: events[0], recordedAt: now }]);
    // the 2-year escalation is the timer of an entry that still needs its rectification
    // (24:00 Beijing time of 1 June 2028; updated for civil time, was 00:00 UTC)
    expect(lists.view.get('id-1')).toMatchObject({ entry: { status: 'ACTIVE' }, nextDueAt: new Date('2028-06-01T16:00:00.000Z') });

    // a rectification changes no list: no new joint-measures event; the timer index stays on the escalation, since an
    // entry that needed rectifying has no 6-month removal (correction 3; it was 1 December 2026)
    const { tx: tx2, published: second } = recordingTx();
    await core.decide(tx2, USCC, now, (s, r) => decideRectification(s, { entryId: 'id-1', evidence: ['r'], at: now }, r));
    expect(second.map((p) => p.type)).toEqual(['credit.list.rectification-recorded']);
    expect(lists.view.get('id-1')?.nextDueAt).toEqual(new Date('2028-06-01T16:00:00.000Z'));
  });

  it('a decision without events writes and publishes nothing', async () => {
    const { lists, core } = setup();
    const { tx, published } = recordingTx();
    expect(await core.decide(tx, USCC, now, () => [])).toEqual([]);
    expect([published, lists.log, [...lists.measures.values()]]).toEqual([[], [], []]);
  });

  it("applies the rule set of the organization's registering authority from the store and records it (issue §2, regulations §5.3)", async () => {
    const org = (registeringAuthority: string) => ({ uscc: USCC, name: 'x', registeringAuthority, registrationStatus: 'REGISTERED' });
    const store = { localVersions: async () => [SUINING_V1], insertVersion: async () => undefined } as unknown as CreditRuleSetStore;
    for (const [authority, version, measures] of [
      ['510903', 'credit-lists/510900@v1', ['NO_EVALUATION', 'NO_PURCHASE_OF_SERVICES']],
      ['110108', 'credit-lists/order-60@v1', ['NO_EVALUATION']],
    ] as const) {
      const core = new ListDecisions(new InMemoryOrganizationStore([org(authority)]), new InMemoryListStore(), undefined, undefined, store);
      const { tx, published } = recordingTx();
      const [entered] = await core.decide(tx, USCC, now, (s, r) => decideTrigger(s, overdueTrigger('2026-06-01T00:00:00Z'), r, idSequence()));
      expect(entered.ruleVersion).toBe(version);
      expect(published[1]).toMatchObject({ policyVersion: version, data: { measures, ruleVersion: version } });
    }
  });
});
