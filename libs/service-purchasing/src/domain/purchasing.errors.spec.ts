import { definitionsOf, DomainError } from '@sop/util';
import { PurchasingErrors } from './purchasing.errors';

describe('PurchasingErrors', () => {
  it('declares each code the service answers with, with the kind that keeps its HTTP status', () => {
    expect(Object.fromEntries(definitionsOf(PurchasingErrors).map((d) => [d.code, d.kind]))).toEqual({
      'PURCHASING.METHOD_UNKNOWN': 'INVALID', // 400
      'PURCHASING.VALUE_INVALID': 'INVALID',
      'PURCHASING.TERM_INVALID': 'INVALID',
      'PURCHASING.TERM_TOO_LONG': 'REFUSED', // 422
      'PURCHASING.SIGNED_IN_FUTURE': 'INVALID',
      'PURCHASING.NO_RULE_SET': 'REFUSED',
      'PURCHASING.SUPPLIER_UNKNOWN': 'REFUSED',
      'PURCHASING.SUPPLIER_NOT_ACTIVE': 'REFUSED',
      'PURCHASING.SUPPLIER_BARRED': 'REFUSED',
      'PURCHASING.SIGNED_BEFORE_REGISTRATION': 'REFUSED',
      'PURCHASING.IDEMPOTENCY_KEY_INVALID': 'INVALID',
      'PURCHASING.IDEMPOTENCY_KEY_REUSED': 'CONFLICT', // 409
      'PURCHASING.SCORE_INVALID': 'INVALID',
      'PURCHASING.CONTRACT_NOT_SIGNED': 'CONFLICT',
      'PURCHASING.ASSESSMENT_BEFORE_TERM': 'REFUSED',
      'PURCHASING.NOT_THE_PURCHASER': 'FORBIDDEN', // 403
      'PURCHASING.ORGAN_NOT_A_PURCHASER': 'REFUSED',
      'PURCHASING.ORGAN_JURISDICTION_INVALID': 'INVALID',
      'PURCHASING.ORGAN_OUTSIDE_JURISDICTION': 'FORBIDDEN',
      'PURCHASING.ORGAN_ALREADY_REGISTERED': 'CONFLICT',
      'PURCHASING.ORGAN_CHANGE_EMPTY': 'INVALID',
      'PURCHASING.ORGAN_VERSION_CONFLICT': 'CONFLICT',
      'PURCHASING.ORGAN_NOT_FOUND': 'NOT_FOUND',
      'PURCHASING.PURCHASER_NOT_REGISTERED': 'FORBIDDEN',
      'PURCHASING.PURCHASER_NAME_MISMATCH': 'REFUSED',
      'PURCHASING.RULE_SET_JURISDICTION': 'INVALID',
      'PURCHASING.RULE_SET_PUBLISHER_LEVEL': 'FORBIDDEN',
      'PURCHASING.RULE_SET_EFFECTIVE_DATE_NOT_FUTURE': 'INVALID',
      'PURCHASING.RULE_SET_BANDS_INVALID': 'INVALID',
      'PURCHASING.RULE_SET_VERSION_CONFLICT': 'CONFLICT',
      'PURCHASING.CONTRACT_NOT_FOUND': 'NOT_FOUND', // 404
      'PURCHASING.SUPPLIER_NOT_FOUND': 'NOT_FOUND',
    });
    for (const d of definitionsOf(PurchasingErrors)) expect(d.meaning.length).toBeGreaterThan(20);
  });

  it('a refusal names its field and rule as a violation and as `rule`, beside its extensions', () => {
    const err = new PurchasingErrors.SUPPLIER_NOT_ACTIVE('organization X is REVOKED', { field: 'supplierUscc', rule: 'Order 102 Art. 6–7', extensions: { supplierStatus: 'REVOKED' } });
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({
      code: 'PURCHASING.SUPPLIER_NOT_ACTIVE',
      kind: 'REFUSED',
      message: 'organization X is REVOKED',
      violations: [{ field: 'supplierUscc', rule: 'Order 102 Art. 6–7', message: 'organization X is REVOKED' }],
      extensions: { rule: 'Order 102 Art. 6–7', supplierStatus: 'REVOKED' },
    });
  });
});
