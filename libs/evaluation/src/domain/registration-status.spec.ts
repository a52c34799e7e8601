import { registrationStatusAfter, VERIFICATION_CAUSE_OF_REGISTRATION_END } from './registration-status';

describe('registration status followed by evaluation', () => {
  it('an active registration ends by revocation or deregistration', () => {
    expect(registrationStatusAfter('ACTIVE', 'REVOKED')).toBe('REVOKED');
    expect(registrationStatusAfter('ACTIVE', 'DEREGISTERED')).toBe('DEREGISTERED');
  });
  it('a revoked organization may still be deregistered; deregistration is final', () => {
    expect(registrationStatusAfter('REVOKED', 'DEREGISTERED')).toBe('DEREGISTERED');
    expect(registrationStatusAfter('DEREGISTERED', 'REVOKED')).toBeNull();
  });
  it('the same status reported again changes nothing', () => {
    expect(registrationStatusAfter('REVOKED', 'REVOKED')).toBeNull();
    expect(registrationStatusAfter('DEREGISTERED', 'DEREGISTERED')).toBeNull();
  });
  it('names the cause of the verification case of a grade in force', () => {
    expect(VERIFICATION_CAUSE_OF_REGISTRATION_END).toEqual({ REVOKED: 'REGISTRATION_REVOKED', DEREGISTERED: 'DEREGISTERED' });
  });
});
