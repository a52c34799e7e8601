import { decideRevocation, revocationBasis, type RevocationSubject } from './revocation-grounds';

const err = (o: object) => expect.objectContaining(o) as unknown as Error;
const registeredAt = new Date('2026-03-01T02:00:00Z'); // 1 March 2026, Beijing
const group: RevocationSubject = { form: 'SOCIAL_GROUP', registeredAt, unitRole: null };
const minfei: RevocationSubject = { form: 'SOCIAL_SERVICE_ORGANIZATION', registeredAt, unitRole: 'BUSINESS_SUPERVISING_UNIT' };
const foundation: RevocationSubject = { form: 'FOUNDATION', registeredAt, unitRole: 'BUSINESS_SUPERVISING_UNIT' };
const later = new Date('2027-06-01T00:00:00Z');
const req = (ground: string, revocationKind = 'CERTIFICATE_REVOKED') => ({ ground, revocationKind, reason: '事实' });

describe('revocation grounds (regulations §1)', () => {
  it('lists each ground with its legal basis for the forms that have it', () => {
    expect(revocationBasis('FRAUD_IN_REGISTRATION', 'SOCIAL_GROUP')).toBe('社团条例 Art. 29');
    expect(revocationBasis('FRAUD_IN_REGISTRATION', 'SOCIAL_SERVICE_ORGANIZATION')).toBe('民非条例 Art. 24');
    expect(revocationBasis('FRAUD_IN_REGISTRATION', 'FOUNDATION')).toBe('基金会条例 Art. 41');
    expect(revocationBasis('NO_ACTIVITY_FOR_ONE_YEAR', 'SOCIAL_GROUP')).toBe('社团条例 Art. 29');
    expect(revocationBasis('NO_ACTIVITY_FOR_ONE_YEAR', 'FOUNDATION')).toBe('基金会条例 Art. 41');
    expect(revocationBasis('NO_ACTIVITY_FOR_ONE_YEAR', 'SOCIAL_SERVICE_ORGANIZATION')).toBeNull(); // 民非条例 Art. 24 has no such ground
    expect(revocationBasis('SUPERVISING_UNIT_WITHDREW_APPROVAL', 'SOCIAL_SERVICE_ORGANIZATION')).toBe('民非条例 Art. 24');
    expect(revocationBasis('SUPERVISING_UNIT_WITHDREW_APPROVAL', 'SOCIAL_GROUP')).toBeNull();
    expect(revocationBasis('CONTINUES_WHILE_DEREGISTRATION_DUE', 'FOUNDATION')).toBe('基金会条例 Art. 41');
    expect(revocationBasis('CONTINUES_WHILE_DEREGISTRATION_DUE', 'SOCIAL_GROUP')).toBeNull();
    expect(revocationBasis('toString', 'SOCIAL_GROUP')).toBeNull();
  });

  it('returns the ground, the kind (吊销 or 撤销) and the legal basis to record', () => {
    expect(decideRevocation(group, req('FRAUD_IN_REGISTRATION', 'REGISTRATION_CANCELLED'), later)).toEqual({
      ground: 'FRAUD_IN_REGISTRATION', revocationKind: 'REGISTRATION_CANCELLED', legalBasis: '社团条例 Art. 29',
    });
    expect(decideRevocation(foundation, req('CONTINUES_WHILE_DEREGISTRATION_DUE'), later)).toEqual({
      ground: 'CONTINUES_WHILE_DEREGISTRATION_DUE', revocationKind: 'CERTIFICATE_REVOKED', legalBasis: '基金会条例 Art. 41',
    });
    expect(decideRevocation(minfei, req('SUPERVISING_UNIT_WITHDREW_APPROVAL'), later).legalBasis).toBe('民非条例 Art. 24');
    // A given legal basis must be the ground's own.
    expect(decideRevocation(group, { ...req('FRAUD_IN_REGISTRATION'), legalBasis: ' 社团条例 Art. 29 ' }, later).legalBasis).toBe('社团条例 Art. 29');
    expect(() => decideRevocation(group, { ...req('FRAUD_IN_REGISTRATION'), legalBasis: '社团条例 Art. 30' }, later)).toThrow(err({ code: 'REGISTRATION.REVOCATION_GROUND_NOT_LISTED' }));
  });

  it('refuses grounds not listed for the form, an unnamed kind and missing facts', () => {
    expect(() => decideRevocation(group, req('SUPERVISING_UNIT_WITHDREW_APPROVAL'), later)).toThrow(err({ code: 'REGISTRATION.REVOCATION_GROUND_NOT_LISTED' }));
    expect(() => decideRevocation(minfei, req('NO_ACTIVITY_FOR_ONE_YEAR'), later)).toThrow(err({ code: 'REGISTRATION.REVOCATION_GROUND_NOT_LISTED' }));
    expect(() => decideRevocation(group, req('MISSED_ANNUAL_INSPECTION'), later)).toThrow(err({ code: 'REGISTRATION.REVOCATION_GROUND_NOT_LISTED' }));
    expect(() => decideRevocation(group, req('FRAUD_IN_REGISTRATION', 'REVOKED'), later)).toThrow(err({ code: 'REGISTRATION.REVOCATION_GROUNDS_REQUIRED' }));
    expect(() => decideRevocation(group, { ...req('FRAUD_IN_REGISTRATION'), reason: ' ' }, later)).toThrow(err({ code: 'REGISTRATION.REVOCATION_GROUNDS_REQUIRED' }));
  });

  it('needs the year after registration to have passed for the inactivity ground (社团条例 Art. 29; 基金会条例 Art. 41), by Beijing dates', () => {
    // Registered 1 March 2026 (Beijing): the year runs from 2 March 2026 and ends at 24:00 Beijing on 1 March 2027.
    const lastDayOfYear = new Date('2027-03-01T15:59:59.999Z'); // 23:59:59.999 Beijing, 1 March 2027
    const dayAfter = new Date('2027-03-01T16:00:00Z'); // 00:00 Beijing, 2 March 2027
    for (const o of [group, foundation]) {
      expect(() => decideRevocation(o, req('NO_ACTIVITY_FOR_ONE_YEAR'), lastDayOfYear)).toThrow(err({ code: 'REGISTRATION.REVOCATION_GROUND_NOT_MET' }));
      expect(decideRevocation(o, req('NO_ACTIVITY_FOR_ONE_YEAR'), dayAfter).ground).toBe('NO_ACTIVITY_FOR_ONE_YEAR');
    }
  });

  it('lets a supervising unit withdraw only an approval it gave (民非条例 Art. 24)', () => {
    for (const unitRole of [null, 'BUSINESS_GUIDANCE_UNIT'] as const) {
      expect(() => decideRevocation({ ...minfei, unitRole }, req('SUPERVISING_UNIT_WITHDREW_APPROVAL'), later)).toThrow(err({ code: 'REGISTRATION.REVOCATION_GROUND_NOT_MET' }));
    }
  });
});
