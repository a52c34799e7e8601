import type { Principal } from '@sop/auth';
import { assertBidsOpenable, bidderOf } from './sealed-bid';

const deadline = new Date('2026-04-01T09:00:00Z');
const p = { id: 'p1', organUnitId: 'unit-a', bidDeadline: deadline };
const who = (roles: Principal['roles'], over: Partial<Principal> = {}): Principal => ({ subject: 's', roles, jurisdiction: '110000', ...over });

describe('sealed bids', () => {
  it('before the deadline nobody opens the bids: not the purchaser, not auditors (409 with the deadline)', () => {
    const before = new Date(deadline.getTime() - 1);
    for (const principal of [who(['purchaser'], { unitId: 'unit-a' }), who(['auditor'])])
      expect(() => assertBidsOpenable(principal, p, before)).toThrow(expect.objectContaining({ code: 'PURCHASING.BIDS_SEALED', extensions: { bidDeadline: deadline.toISOString() } }));
  });

  it('from the deadline the own purchaser and auditors open them; another organ, finance officers and bidders never', () => {
    expect(() => assertBidsOpenable(who(['purchaser'], { unitId: 'unit-a' }), p, deadline)).not.toThrow();
    expect(() => assertBidsOpenable(who(['auditor']), p, deadline)).not.toThrow();
    for (const principal of [who(['purchaser'], { unitId: 'unit-b' }), who(['finance-officer']), who(['org-representative'], { organizationUscc: 'X' })])
      expect(() => assertBidsOpenable(principal, p, deadline)).toThrow(expect.objectContaining({ code: 'PURCHASING.NOT_THE_PURCHASER' }));
  });

  it('a bidder is the organization its token names', () => {
    expect(bidderOf(who(['org-representative'], { organizationUscc: '52110108MJ0000018N' }))).toBe('52110108MJ0000018N');
    expect(() => bidderOf(who(['org-representative']))).toThrow(expect.objectContaining({ code: 'PURCHASING.BIDDER_NOT_AN_ORGANIZATION' }));
  });
});
