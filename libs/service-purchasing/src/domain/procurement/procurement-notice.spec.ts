import { amend, assertDeadline, assertJustification, assertOpenForBids, assertScoring, earliestDeadline, MINIMUM_BID_PERIODS, newOcid, type Procurement } from './procurement-notice';

const published = new Date('2026-03-02T02:00:00Z');
const day = 24 * 3600 * 1000;
const notice = (over: Partial<Procurement> = {}): Procurement => ({
  id: 'p1',
  ocid: 'ocds-sopdev-p1',
  organUnitId: 'unit-a',
  organJurisdiction: '110108',
  organName: 'x',
  budgetLineId: 'b1',
  title: 't',
  description: 'd',
  method: 'OPEN_TENDERING',
  justification: null,
  catalogueItemCode: 'PS-ELDERLY-CARE',
  catalogueVersion: 'catalogue/100000@v1',
  estimatedFen: 100,
  requirements: { registeredAndActive: true, notOnSeriousList: true, noMajorViolationYears: 3, minimumGrade: null, other: [] },
  scoring: { priceWeight: 30, criteria: [{ name: '方案', weight: 70, maxPoints: 70 }] },
  bidDeadline: new Date(published.getTime() + 25 * day),
  status: 'OPEN',
  amendments: [],
  publishedBy: 'p',
  publishedAt: published,
  cancelReasons: null,
  cancelledAt: null,
  revision: 1,
  ...over,
});

describe('procurement notice', () => {
  it('open tender: at least 20 days from the notice (GPL Art. 35, confirmed); the other periods are marked UNCONFIRMED', () => {
    expect(MINIMUM_BID_PERIODS.OPEN_TENDERING).toMatchObject({ days: 20, confirmed: true });
    for (const [method, p] of Object.entries(MINIMUM_BID_PERIODS)) if (method !== 'OPEN_TENDERING') expect(p.basis).toMatch(/^UNCONFIRMED/);
    expect(() => assertDeadline('OPEN_TENDERING', new Date(published.getTime() + 20 * day), published)).not.toThrow();
    expect(() => assertDeadline('OPEN_TENDERING', new Date(published.getTime() + 20 * day - 1), published)).toThrow(
      expect.objectContaining({ code: 'PURCHASING.DEADLINE_TOO_EARLY', extensions: { earliestDeadline: '2026-03-22T02:00:00.000Z', minimumPeriodDays: 20 }, violations: [expect.objectContaining({ field: 'bidDeadline' })] }),
    );
  });

  it('scoring: weights sum to 100, criteria named once with positive max points', () => {
    expect(() => assertScoring({ priceWeight: 100, criteria: [] })).not.toThrow();
    expect(() => assertScoring({ priceWeight: 30, criteria: [{ name: 'a', weight: 60, maxPoints: 10 }] })).toThrow(expect.objectContaining({ code: 'PURCHASING.SCORING_INVALID', message: 'the weights sum to 90, not 100' }));
    expect(() => assertScoring({ priceWeight: 30, criteria: [{ name: 'a', weight: 35, maxPoints: 10 }, { name: 'a', weight: 35, maxPoints: 10 }] })).toThrow(expect.objectContaining({ violations: [expect.objectContaining({ field: 'scoring.criteria.1.name' })] }));
    expect(() => assertScoring({ priceWeight: 30, criteria: [{ name: 'a', weight: 70, maxPoints: 0 }] })).toThrow(expect.objectContaining({ violations: [expect.objectContaining({ field: 'scoring.criteria.0.maxPoints' })] }));
  });

  it('single source needs a justification', () => {
    expect(() => assertJustification('SINGLE_SOURCE', ' ')).toThrow(expect.objectContaining({ code: 'PURCHASING.JUSTIFICATION_REQUIRED', violations: [expect.objectContaining({ field: 'justification' })] }));
    expect(() => assertJustification('SINGLE_SOURCE', '唯一供应商')).not.toThrow();
    expect(() => assertJustification('OPEN_TENDERING', undefined)).not.toThrow();
  });

  it('ocid: ocds-<prefix>-<id>', () => {
    expect(newOcid('sopdev', 'abc')).toBe('ocds-sopdev-abc');
  });

  it('a material amendment extends the deadline so the minimum period runs again from it; a later requested deadline stays', () => {
    const now = new Date(published.getTime() + 10 * day);
    const { next, changed, material } = amend(notice(), { reasons: ['r'], scoring: { priceWeight: 40, criteria: [{ name: '方案', weight: 60, maxPoints: 60 }] } }, now);
    expect(material).toBe(true);
    expect(changed).toEqual(['scoring', 'bidDeadline']);
    expect(next.bidDeadline).toEqual(earliestDeadline('OPEN_TENDERING', now));
    expect(next.revision).toBe(2);
    const later = new Date(published.getTime() + 40 * day);
    expect(amend(notice(), { reasons: ['r'], requirements: { ...notice().requirements, minimumGrade: '3A' }, bidDeadline: later }, now).next.bidDeadline).toEqual(later);
  });

  it('a deadline-only amendment keeps the minimum from the notice and stays in the future; an empty one is refused', () => {
    const now = new Date(published.getTime() + 10 * day);
    expect(amend(notice(), { reasons: ['r'], bidDeadline: new Date(published.getTime() + 21 * day) }, now)).toMatchObject({ material: false, changed: ['bidDeadline'] });
    expect(() => amend(notice(), { reasons: ['r'], bidDeadline: new Date(published.getTime() + 19 * day) }, now)).toThrow(expect.objectContaining({ code: 'PURCHASING.DEADLINE_TOO_EARLY' }));
    expect(() => amend(notice(), { reasons: ['r'], bidDeadline: new Date(now.getTime() - 1) }, now)).toThrow(expect.objectContaining({ code: 'PURCHASING.DEADLINE_TOO_EARLY' }));
    expect(() => amend(notice(), { reasons: ['r'], scoring: notice().scoring }, now)).toThrow(expect.objectContaining({ code: 'PURCHASING.AMENDMENT_EMPTY' }));
  });

  it('nothing is amended or bid after the deadline or once cancelled', () => {
    const p = notice();
    expect(() => assertOpenForBids(p, new Date(p.bidDeadline.getTime() - 1))).not.toThrow();
    expect(() => assertOpenForBids(p, p.bidDeadline)).toThrow(expect.objectContaining({ code: 'PURCHASING.PROCUREMENT_CLOSED', extensions: { bidDeadline: p.bidDeadline.toISOString() } }));
    expect(() => amend(p, { reasons: ['r'], bidDeadline: new Date(p.bidDeadline.getTime() + day) }, p.bidDeadline)).toThrow(expect.objectContaining({ code: 'PURCHASING.PROCUREMENT_CLOSED' }));
    expect(() => assertOpenForBids({ ...p, status: 'CANCELLED' }, published)).toThrow(expect.objectContaining({ code: 'PURCHASING.PROCUREMENT_CANCELLED' }));
  });
});
