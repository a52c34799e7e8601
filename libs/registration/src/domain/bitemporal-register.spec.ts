import { assertKnownAtNotInFuture, versionInEffect, type RecordedVersion } from './bitemporal-register';

const v = (seq: number, effectiveAt: string, recordedAt: string): RecordedVersion => ({ seq, effectiveAt: new Date(effectiveAt), recordedAt: new Date(recordedAt) });

/** Regulations §1.1 (社团条例 Art. 23 public announcement): what the public could see of the register at an instant. */
describe('bitemporal register reads (versionInEffect)', () => {
  // Registered 10 Jan; a change recorded on 10 May with effect from 1 May (Beijing); a revocation recorded on 1 Jun.
  const registered = v(1, '2027-01-10T00:00:00Z', '2027-01-10T00:00:00Z');
  const changed = v(2, '2027-04-30T16:00:00Z', '2027-05-10T02:00:00Z');
  const revoked = v(3, '2027-06-01T02:00:00Z', '2027-06-01T02:00:00Z');
  const history = [registered, changed, revoked];

  it('hides a change known later even for an asOf inside its effect: knownAt 5 May, asOf 3 May', () => {
    expect(versionInEffect(history, new Date('2027-05-03T00:00:00Z'), new Date('2027-05-05T00:00:00Z'))).toBe(registered);
  });

  it('shows the change once recorded, back to its effective day', () => {
    expect(versionInEffect(history, new Date('2027-05-03T00:00:00Z'), new Date('2027-05-10T02:00:00Z'))).toBe(changed);
    expect(versionInEffect(history, new Date('2027-05-03T00:00:00Z'))).toBe(changed);
    // before its effective day it is not in effect, whatever is known
    expect(versionInEffect(history, new Date('2027-04-30T15:59:59Z'), new Date('2027-05-20T00:00:00Z'))).toBe(registered);
  });

  it('hides a revocation until it is recorded, even for a later asOf', () => {
    expect(versionInEffect(history, new Date('2027-07-01T00:00:00Z'), new Date('2027-06-01T01:59:59Z'))).toBe(changed);
    expect(versionInEffect(history, new Date('2027-07-01T00:00:00Z'), new Date('2027-06-01T02:00:00Z'))).toBe(revoked);
  });

  it('is null before the registration was recorded or in effect; the later sequence wins a tie of effective instants', () => {
    expect(versionInEffect(history, new Date('2027-07-01T00:00:00Z'), new Date('2027-01-09T00:00:00Z'))).toBeNull();
    expect(versionInEffect(history, new Date('2027-01-01T00:00:00Z'))).toBeNull();
    const tie = [registered, v(2, '2027-03-01T00:00:00Z', '2027-03-01T00:00:00Z'), v(3, '2027-03-01T00:00:00Z', '2027-03-02T00:00:00Z')];
    expect(versionInEffect(tie, new Date('2027-03-05T00:00:00Z'))?.seq).toBe(3);
    expect(versionInEffect(tie, new Date('2027-03-05T00:00:00Z'), new Date('2027-03-01T12:00:00Z'))?.seq).toBe(2);
  });

  it('refuses a knownAt in the future with its own code', () => {
    const now = new Date('2027-06-01T00:00:00Z');
    expect(() => assertKnownAtNotInFuture(new Date('2027-06-01T00:00:00.001Z'), now)).toThrow(expect.objectContaining({ kind: 'INVALID', code: 'REGISTRATION.KNOWN_AT_IN_FUTURE' }));
    expect(() => assertKnownAtNotInFuture(now, now)).not.toThrow();
  });
});
