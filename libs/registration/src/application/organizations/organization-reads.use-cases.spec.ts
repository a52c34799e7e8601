import type { RegisterEntry } from '../../domain/organization-lifecycle';
import { SOCIAL_GROUP_ENTRY } from '../../test-support/register-entry.fixture';
import { OrganizationReads } from './organization-reads.use-cases';
import { OrganizationStore, type OrganizationRecord, type OrganizationVersion } from './organizations.ports';

const entry = (domicile: string): RegisterEntry => ({ ...SOCIAL_GROUP_ENTRY, domicile });
const version = (seq: number, effectiveAt: string, domicile: string): OrganizationVersion => ({
  uscc: 'U',
  seq,
  changeType: seq === 1 ? 'REGISTERED' : 'CHANGED',
  effectiveAt: new Date(effectiveAt),
  recordedAt: new Date('2027-06-01T00:00:00Z'),
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
