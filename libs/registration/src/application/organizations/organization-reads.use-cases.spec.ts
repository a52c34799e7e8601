import { MovableClock } from '@sop/util';
import type { RegisterEntry } from '../../domain/organization-lifecycle';
import { SOCIAL_GROUP_ENTRY } from '../../test-support/register-entry.fixture';
import { OrganizationReads } from './organization-reads.use-cases';
import { OrganizationStore, type OrganizationRecord, type OrganizationVersion } from './organizations.ports';

const entry = (domicile: string): RegisterEntry => ({ ...SOCIAL_GROUP_ENTRY, domicile });
const version = (seq: number, effectiveAt: string, domicile: string, recordedAt = '2027-06-01T00:00:00Z'): OrganizationVersion => ({
  uscc: 'U',
  seq,
  changeType: seq === 1 ? 'REGISTERED' : 'CHANGED',
  effectiveAt: new Date(effectiveAt),
  recordedAt: new Date(recordedAt),
  recordedBy: 'registrar',
  entry: entry(domicile),
  details: null,
});

/** Only the reads the register needs; every write is unexpected here. */
class FakeRegister extends OrganizationStore {
  constructor(private readonly versions: OrganizationVersion[]) {
    super();
  }
  organizationHistory = async (uscc: string) => this.versions.filter((v) => v.uscc === uscc);
  findOrganization = async (): Promise<OrganizationRecord | null> => null;
  lockOrganization = async (): Promise<OrganizationRecord | null> => null;
  allocateUscc = unexpected;
  insertOrganization = unexpected;
  updateOrganizationUnit = unexpected;
  updateOrganization = unexpected;
  appendOrganizationVersion = unexpected;
  listOrganizationsWithSupervisingUnit = unexpected;
}
async function unexpected(): Promise<never> {
  throw new Error('not a read');
}

describe('the public register: history and asOf', () => {
  // A change recorded later but effective on the same day as the registration: asOf takes the higher sequence.
  const reads = new OrganizationReads(
    new FakeRegister([version(1, '2027-01-10T08:00:00Z', '旧址'), version(2, '2027-03-01T00:00:00Z', '新址'), version(3, '2027-03-01T00:00:00Z', '再迁址')]),
    new MovableClock(new Date('2027-07-01T00:00:00Z')),
  );

  it('answers with the entry in effect at the instant, the latest sequence on a tie', async () => {
    expect((await reads.asOf('U', new Date('2027-02-01T00:00:00Z'))).entry.domicile).toBe('旧址');
    const { entry: now, version: v } = await reads.asOf('U', new Date('2027-03-01T00:00:00Z'));
    expect({ domicile: now.domicile, seq: v.seq }).toEqual({ domicile: '再迁址', seq: 3 });
  });

  it('is NOT_FOUND before registration and for an unknown organization', async () => {
    await expect(reads.asOf('U', new Date('2027-01-01T00:00:00Z'))).rejects.toMatchObject({ kind: 'NOT_FOUND', code: 'REGISTRATION.ORGANIZATION_NOT_REGISTERED_AT' });
    await expect(reads.history('X')).rejects.toMatchObject({ kind: 'NOT_FOUND', code: 'REGISTRATION.ORGANIZATION_NOT_FOUND' });
    await expect(reads.getOrganization('X')).rejects.toMatchObject({ kind: 'NOT_FOUND', code: 'REGISTRATION.ORGANIZATION_NOT_FOUND', message: 'no organization with USCC X' });
  });
});

describe('the public register: knownAt (bitemporal, regulations §1.1 社团条例 Art. 23)', () => {
  // Registered 10 Jan (recorded then); a change recorded on 10 May with effect from 1 May (Beijing).
  const clock = new MovableClock(new Date('2027-06-01T00:00:00Z'));
  const reads = new OrganizationReads(
    new FakeRegister([version(1, '2027-01-10T08:00:00Z', '旧址', '2027-01-10T08:00:00Z'), version(2, '2027-04-30T16:00:00Z', '新址', '2027-05-10T02:00:00Z')]),
    clock,
  );

  it('shows what had been recorded by knownAt; asOf defaults to knownAt', async () => {
    expect((await reads.asOf('U', new Date('2027-05-03T00:00:00Z'), new Date('2027-05-05T00:00:00Z'))).entry.domicile).toBe('旧址');
    expect((await reads.asOf('U', new Date('2027-05-03T00:00:00Z'), new Date('2027-05-10T02:00:00Z'))).entry.domicile).toBe('新址');
    expect((await reads.asOf('U', undefined, new Date('2027-05-05T00:00:00Z'))).version.seq).toBe(1);
    expect((await reads.asOf('U', undefined, new Date('2027-05-11T00:00:00Z'))).version.seq).toBe(2);
  });

  it('refuses a knownAt in the future (400) and is NOT_FOUND before the registration was recorded', async () => {
    await expect(reads.asOf('U', undefined, new Date('2027-06-01T00:00:01Z'))).rejects.toMatchObject({ kind: 'INVALID', code: 'REGISTRATION.KNOWN_AT_IN_FUTURE' });
    await expect(reads.asOf('U', new Date('2027-05-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'))).rejects.toMatchObject({
      kind: 'NOT_FOUND',
      code: 'REGISTRATION.ORGANIZATION_NOT_REGISTERED_AT',
    });
  });
});
