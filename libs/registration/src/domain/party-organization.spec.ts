import fc from 'fast-check';
import { civilDateOf, CN_OFFICIAL_CALENDAR, type CivilDate } from '@sop/util';
import { assessPartyOrganization, declarationProblems, meets, PARTY_BUILDING_V1 as RULES, requiredCoverage } from './party-organization';

const at = (iso: string) => new Date(iso);

describe('Party-organization coverage (regulations §5.1 trigger 2, rule data PARTY_BUILDING_V1)', () => {
  it('requires its own organization from 3 full members (党章 Art. 30), own or joint from 1, at least an instructor below', () => {
    expect([0, 1, 2, 3, 40].map((n) => requiredCoverage(n, RULES))).toEqual(['ANY', 'OWN_OR_JOINT', 'OWN_OR_JOINT', 'OWN', 'OWN']);
    expect(meets('INSTRUCTOR', 'ANY')).toBe(true);
    expect(meets('INSTRUCTOR', 'OWN_OR_JOINT')).toBe(false);
    expect(meets('JOINT', 'OWN_OR_JOINT')).toBe(true);
    expect(meets('JOINT', 'OWN')).toBe(false);
    expect(meets('NONE', 'ANY')).toBe(false);
  });

  it('a covered record has no deadline; an uncovered one runs 6 months from its Beijing day (Civil Code Art. 201-203)', () => {
    const covered = assessPartyOrganization({ form: 'OWN', fullPartyMembers: 3, organizationName: '支部' }, at('2025-03-03T02:00:00Z'), null, RULES, CN_OFFICIAL_CALENDAR);
    expect(covered).toMatchObject({ covered: true, dueOn: null, requiredCoverage: 'OWN', ruleVersion: 'party-building/national@v1' });
    // 2025-03-03 (Mon) + 6 months = 2025-09-03 (Wed), a working day.
    const none = assessPartyOrganization({ form: 'NONE', fullPartyMembers: 0 }, at('2025-03-03T02:00:00Z'), null, RULES, CN_OFFICIAL_CALENDAR);
    expect(none).toMatchObject({ covered: false, requiredCoverage: 'ANY', dueOn: '2025-09-03' });
  });

  it('counts from the Beijing day, not the UTC day: 23:59 Beijing on 31 March and 00:00 Beijing on 1 April differ', () => {
    const late = assessPartyOrganization({ form: 'NONE', fullPartyMembers: 0 }, at('2025-03-31T15:59:59.999Z'), null, RULES, CN_OFFICIAL_CALENDAR);
    const next = assessPartyOrganization({ form: 'NONE', fullPartyMembers: 0 }, at('2025-03-31T16:00:00.000Z'), null, RULES, CN_OFFICIAL_CALENDAR);
    // 31 March + 6 months: 30 September has no 31st → its last day (Art. 202), a Tuesday; 1 April + 6 months = 1 October,
    // National Day: moved past the holiday (1-8 October 2025) to 9 October (Art. 203).
    expect(late.dueOn).toBe('2025-09-30');
    expect(next.dueOn).toBe('2025-10-09');
  });

  it('staying uncovered keeps the first deadline; losing coverage starts a new one; without the calendar of the year the deadline stays open', () => {
    const first = assessPartyOrganization({ form: 'NONE', fullPartyMembers: 0 }, at('2025-03-03T02:00:00Z'), null, RULES, CN_OFFICIAL_CALENDAR);
    const again = assessPartyOrganization({ form: 'NONE', fullPartyMembers: 2 }, at('2025-05-06T02:00:00Z'), first, RULES, CN_OFFICIAL_CALENDAR);
    expect(again.dueOn).toBe(first.dueOn);
    const lost = assessPartyOrganization({ form: 'JOINT', fullPartyMembers: 4, organizationName: '联合支部' }, at('2025-05-06T02:00:00Z'), { covered: true, uncoveredSince: null }, RULES, CN_OFFICIAL_CALENDAR);
    expect(lost).toMatchObject({ covered: false, requiredCoverage: 'OWN', dueOn: '2025-11-06' });
    const open = assessPartyOrganization({ form: 'NONE', fullPartyMembers: 0 }, at('2025-03-03T02:00:00Z'), null, RULES, null);
    expect(open).toMatchObject({ covered: false, dueOn: null });
    expect(open.uncoveredSince).toEqual(at('2025-03-03T02:00:00Z'));
  });

  it('refuses inconsistent declarations, naming the field', () => {
    expect(declarationProblems({ form: 'OWN', fullPartyMembers: 2, organizationName: '支部' }, RULES).map((p) => p.field)).toEqual(['fullPartyMembers']);
    expect(declarationProblems({ form: 'JOINT', fullPartyMembers: 1 }, RULES).map((p) => p.field)).toEqual(['organizationName']);
    expect(declarationProblems({ form: 'NONE', fullPartyMembers: 0, organizationName: 'x' }, RULES).map((p) => p.field)).toEqual(['form']);
    expect(declarationProblems({ form: 'INSTRUCTOR', fullPartyMembers: 0, organizationName: '张指导员', jointWithUscc: '51110108MJ0000018N' }, RULES).map((p) => p.field)).toEqual(['jointWithUscc']);
    expect(declarationProblems({ form: 'OWN', fullPartyMembers: 3, organizationName: '中共某某支部' }, RULES)).toEqual([]);
  });

  it('property: every deadline is a working day at least 6 months after the day the episode began', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2018-01-01T00:00:00Z'), max: Date.parse('2026-06-01T00:00:00Z') }), (ms) => {
        const start = new Date(ms);
        const a = assessPartyOrganization({ form: 'NONE', fullPartyMembers: 0 }, start, null, RULES, CN_OFFICIAL_CALENDAR);
        const due = a.dueOn as CivilDate;
        const day = civilDateOf(start);
        const [y, m] = day.split('-').map(Number);
        const minimum = `${m + 6 > 12 ? y + 1 : y}-${String(((m + 5) % 12) + 1).padStart(2, '0')}-01`;
        return CN_OFFICIAL_CALENDAR.isWorkingDay(due) && due >= minimum && due > day;
      }),
      { numRuns: 500 },
    );
  });
});
