import type { Principal, Role } from '@sop/auth';
import { ROLES } from '@sop/auth';
import { assertContractReadable, assertOrganReadable, assertPaysFor } from './read-reach';

/**
 * The object-level read policy of contracts and organs, role by role against four objects: the caller's own organ's,
 * another organ's in the caller's jurisdiction, one in another jurisdiction, and one recorded with no purchaser
 * binding at all. Outside reach is always the not-found error (404), never 403.
 */
describe('read reach of purchasing objects', () => {
  // The caller: unit-haidian-mca in Haidian (110108), jurisdiction 110108.
  const caller = (roles: Role[], jurisdiction = '110108', unitId: string | undefined = 'unit-haidian-mca'): Principal => ({ subject: 'caller', roles, jurisdiction, ...(unitId ? { unitId } : {}) });
  const contracts = {
    own: { id: 'c-own', purchaserUnitId: 'unit-haidian-mca', purchaserJurisdiction: '110108', recordedBy: 'someone' },
    sameJurisdiction: { id: 'c-same', purchaserUnitId: 'unit-haidian-finance', purchaserJurisdiction: '110108', recordedBy: 'someone' },
    otherJurisdiction: { id: 'c-other', purchaserUnitId: 'unit-xuhui-mca', purchaserJurisdiction: '310104', recordedBy: 'someone' },
    none: { id: 'c-none', purchaserUnitId: null, purchaserJurisdiction: null, recordedBy: 'someone' },
  };
  type Case = keyof typeof contracts;
  const readable = (p: Principal, c: Case): boolean | string => {
    try {
      assertContractReadable(p, contracts[c]);
      return true;
    } catch (err) {
      const e = err as { code: string; kind: string; message: string };
      expect(e).toMatchObject({ code: 'PURCHASING.CONTRACT_NOT_FOUND', kind: 'NOT_FOUND', message: `no contract ${contracts[c].id}` });
      return false;
    }
  };
  const row = (p: Principal) => (Object.keys(contracts) as Case[]).map((c) => readable(p, c));

  it.each<[Role, boolean[]]>([
    ['auditor', [true, true, true, true]],
    ['finance-officer', [true, true, false, false]],
    ['purchaser', [true, false, false, false]],
  ])('%s reads contracts: own / same jurisdiction / other jurisdiction / no binding', (role, expected) => {
    expect(row(caller([role]))).toEqual(expected);
  });

  it('every other role reaches no contract, and each refusal is the missing-contract 404 (same code and detail)', () => {
    for (const role of ROLES.filter((r) => !['auditor', 'finance-officer', 'purchaser'].includes(r))) expect(row(caller([role]))).toEqual([false, false, false, false]);
  });

  it('a finance officer reaches by covering jurisdiction: a provincial one reaches Haidian, not Shanghai; national reaches every bound contract', () => {
    expect(row(caller(['finance-officer'], '110000', undefined))).toEqual([true, true, false, false]);
    expect(row(caller(['finance-officer'], '100000', undefined))).toEqual([true, true, true, false]);
    expect(row(caller(['finance-officer'], '110105', undefined))).toEqual([false, false, false, false]);
  });

  it('a purchaser reaches its own unit only, wherever its token says it is; without a unit only contracts bound to exactly its jurisdiction', () => {
    expect(row(caller(['purchaser'], '310104'))).toEqual([true, false, false, false]);
    expect(row(caller(['purchaser'], '110108', 'unit-other'))).toEqual([false, false, false, false]);
    const jurisdictionBound = { id: 'c-legacy', purchaserUnitId: null, purchaserJurisdiction: '110108', recordedBy: 'old' };
    expect(() => assertContractReadable(caller(['purchaser'], '110108', undefined), jurisdictionBound)).not.toThrow();
    expect(() => assertContractReadable(caller(['purchaser'], '110000', undefined), jurisdictionBound)).toThrow(expect.objectContaining({ code: 'PURCHASING.CONTRACT_NOT_FOUND' }));
    expect(() => assertContractReadable({ ...caller(['purchaser']), subject: 'someone' }, contracts.none)).not.toThrow(); // its recorder
  });

  it('roles add up: a purchaser who is also a finance officer reaches its organ and its jurisdiction', () => {
    expect(row(caller(['purchaser', 'finance-officer']))).toEqual([true, true, false, false]);
    expect(row(caller(['applicant', 'purchaser']))).toEqual([true, false, false, false]);
  });

  it('organs: auditor all; finance officer by jurisdiction; purchaser its own unit; others 404 PURCHASING.ORGAN_NOT_FOUND', () => {
    const organs = [
      { unitId: 'unit-haidian-mca', jurisdiction: '110108' },
      { unitId: 'unit-haidian-finance', jurisdiction: '110108' },
      { unitId: 'unit-xuhui-mca', jurisdiction: '310104' },
    ];
    const organRow = (p: Principal) =>
      organs.map((o) => {
        try {
          assertOrganReadable(p, o);
          return true;
        } catch (err) {
          expect(err).toMatchObject({ code: 'PURCHASING.ORGAN_NOT_FOUND', kind: 'NOT_FOUND', message: `no purchasing organ ${o.unitId}` });
          return false;
        }
      });
    expect(organRow(caller(['auditor']))).toEqual([true, true, true]);
    expect(organRow(caller(['finance-officer']))).toEqual([true, true, false]);
    expect(organRow(caller(['purchaser']))).toEqual([true, false, false]);
    expect(organRow(caller(['registrar']))).toEqual([false, false, false]);
    expect(organRow(caller(['finance-officer'], '310000', undefined))).toEqual([false, false, true]);
  });

  it('pays only as the finance officer of the purchaser’s jurisdiction: an auditor’s or purchaser’s reach does not extend it', () => {
    const pays = (p: Principal, c: Case): string => {
      try {
        assertPaysFor(p, contracts[c]);
        return 'pays';
      } catch (err) {
        return (err as { code: string }).code;
      }
    };
    expect((Object.keys(contracts) as Case[]).map((c) => pays(caller(['finance-officer']), c))).toEqual(['pays', 'pays', 'PURCHASING.CONTRACT_NOT_FOUND', 'PURCHASING.CONTRACT_NOT_FOUND']);
    // Finance officer of Haidian who is also an auditor: reads Xuhui's contract, may not pay it.
    expect((Object.keys(contracts) as Case[]).map((c) => pays(caller(['finance-officer', 'auditor']), c))).toEqual(['pays', 'pays', 'AUTH.OUT_OF_JURISDICTION', 'AUTH.OUT_OF_JURISDICTION']);
    expect(pays(caller(['auditor']), 'own')).toBe('PURCHASING.CONTRACT_NOT_FOUND');
    expect(pays(caller(['purchaser']), 'own')).toBe('PURCHASING.CONTRACT_NOT_FOUND');
  });
});
