import fc from 'fast-check';
import { CreditErrors } from './credit.errors';
import { applyListEvent, replay } from './list-state';
import { simulate, timelineStep, USCC } from '../test-support/list-fixtures';

describe('the list view as a fold of the list-event log', () => {
  it('rebuild: replaying the log gives the state built step by step', () => {
    fc.assert(
      fc.property(fc.array(timelineStep, { maxLength: 30 }), (steps) => {
        const { state, log } = simulate(steps);
        expect(replay(log)).toEqual(state);
      }),
    );
  });

  it('an event about an entry the log never entered is refused (CREDIT.ENTRY_NOT_FOUND)', () => {
    const rectified = { kind: 'RECTIFIED' as const, uscc: USCC, entryId: 'never-entered', list: 'ABNORMAL' as const, at: '2026-01-01T00:00:00.000Z', ruleVersion: 'credit-lists/order-60@v1', evidence: [] };
    expect(() => applyListEvent({}, rectified)).toThrow(CreditErrors.ENTRY_NOT_FOUND);
  });
});
