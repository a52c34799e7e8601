import { GradeExpired } from '@sop/contracts';
import type { NewEvent } from '@sop/messaging';
import { MovableClock } from '@sop/util';
import type { GradeRecord } from '../../domain/grade';
import { gradeRecord } from '../../test-support/grade-record.fixture';
import { InMemoryGradeStore, InMemoryOrganizationStore, listUnitOfWork } from '../../test-support/in-memory-stores';
import { PublishDueExpiries } from './publish-due-expiries.use-case';

describe('GradeExpired once per grade whose validity ended (publishDueExpiries)', () => {
  const base: GradeRecord = gradeRecord({ gradeId: 'g-a' });
  let store: InMemoryGradeStore;
  let events: NewEvent<object>[];
  let service: PublishDueExpiries;
  const clock = new MovableClock(new Date('2031-12-31T15:59:59.999Z')); // 23:59:59.999 Beijing time on validUntil

  beforeEach(() => {
    store = new InMemoryGradeStore();
    events = [];
    service = new PublishDueExpiries(listUnitOfWork(events), new InMemoryOrganizationStore(), store, clock);
  });

  it('publishes the payload of the contract once; a second run publishes nothing; SUPERSEDED and CANCELLED grades never', async () => {
    store.gradeRows.push(
      { ...base },
      { ...base, gradeId: 'g-lowered', uscc: '52110108MJ0000026F', grade: '2A', validUntil: '2030-11-17', ruleVersion: 'evaluation/order-39@v1' },
      { ...base, gradeId: 'g-superseded', status: 'SUPERSEDED', supersededByGradeId: 'g-a' },
      { ...base, gradeId: 'g-cancelled', status: 'CANCELLED' },
      { ...base, gradeId: 'g-later', validUntil: '2032-12-31' },
    );
    expect(await service.execute()).toBe(1); // only the lowered one, ended 2030-11-17
    clock.set(new Date('2031-12-31T16:00:00.000Z')); // 00:00 Beijing time on 1 January 2032 (was: 00:00Z)
    expect(await service.execute()).toBe(1);
    expect(events).toEqual([
      {
        type: GradeExpired.type,
        subject: '52110108MJ0000026F',
        policyVersion: 'evaluation/order-39@v1',
        data: { gradeId: 'g-lowered', uscc: '52110108MJ0000026F', grade: '2A', validUntil: '2030-11-17', expiredAt: '2030-11-17T16:00:00.000Z', ruleVersion: 'evaluation/order-39@v1' },
      },
      {
        type: GradeExpired.type,
        subject: base.uscc,
        policyVersion: 'evaluation/measures-2026@v1',
        data: { gradeId: 'g-a', uscc: base.uscc, grade: '4A', validUntil: '2031-12-31', expiredAt: '2031-12-31T16:00:00.000Z', ruleVersion: 'evaluation/measures-2026@v1' },
      },
    ]);
    expect(await service.execute(new Date('2040-01-01T00:00:00.000Z'))).toBe(1); // g-later only
    expect(await service.execute(new Date('2040-01-01T00:00:00.000Z'))).toBe(0);
    expect(events.map((e) => (e.data as { gradeId: string }).gradeId)).toEqual(['g-lowered', 'g-a', 'g-later']);
  });

  it('a grade superseded between the look-up and its transaction is re-read and skipped', async () => {
    store.gradeRows.push({ ...base });
    const listed = store.gradesDueToExpire.bind(store);
    store.gradesDueToExpire = async (before, limit) => {
      const due = (await listed(before, limit)).map((g) => ({ ...g }));
      store.gradeRows[0] = { ...store.gradeRows[0], status: 'SUPERSEDED', supersededByGradeId: 'g-b' };
      return due;
    };
    expect(await service.execute(new Date('2032-01-02T00:00:00.000Z'))).toBe(0);
    expect(events).toEqual([]);
  });
});
