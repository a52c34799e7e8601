import { OrganizationDeregistered, OrganizationRegistered, OrganizationRevoked, type OrganizationDeregisteredV1, type OrganizationRegisteredV1, type OrganizationRevokedV1 } from '@sop/contracts';
import { buildCloudEvent, dataschemaOf, type Tx } from '@sop/messaging';
import type { SupplierStatus } from '../../domain/supplier-eligibility';
import { organizationRegisteredData } from '../../test-support/organization-registered.fixture';
import { SupplierRegistrationFacts } from './supplier-registration.use-cases';
import { SupplierStore, type StoredMeasureSet, type Supplier, type SupplierRegistration } from './suppliers.ports';

/** Suppliers in a map, with the adapter's upsert semantics: a registration never touches the status. */
class InMemorySupplierStore extends SupplierStore {
  readonly rows = new Map<string, Supplier & { categoryPriority: boolean; lastEventId: string; statusEventId: string | null }>();
  async supplier(_tx: Tx | null, uscc: string) {
    return this.rows.get(uscc) ?? null;
  }
  async saveRegistration(_tx: Tx, { eventId, ...r }: SupplierRegistration) {
    const existing = this.rows.get(r.uscc);
    this.rows.set(r.uscc, { status: 'ACTIVE', statusChangedAt: null, statusEventId: null, ...existing, ...r, lastEventId: eventId });
  }
  async lockSupplierFacts() {
    /* nothing to lock */
  }
  async setSupplierStatus(_tx: Tx, uscc: string, status: SupplierStatus, at: Date, eventId: string) {
    const row = this.rows.get(uscc);
    if (row) this.rows.set(uscc, { ...row, status, statusChangedAt: at, statusEventId: eventId });
  }
  async measures(): Promise<StoredMeasureSet | null> {
    return null;
  }
  async saveMeasures() {
    /* not used here */
  }
}

const tx = {} as Tx;
const uscc = '52110108MJ0000018M';
const now = new Date('2026-03-02T00:00:00.000Z');
const event = <T extends object>(contract: { type: string; topic: string; version: number }, data: T) => buildCloudEvent<T>('registration', dataschemaOf(contract), { type: contract.type, subject: uscc, data }, now);
const registered = () => event<OrganizationRegisteredV1>(OrganizationRegistered, organizationRegisteredData(uscc));
const revoked = () => event<OrganizationRevokedV1>(OrganizationRevoked, { uscc, registeringAuthority: '110108', reason: '违法', legalBasis: '条例', revokedAt: '2026-03-01T00:00:00.000Z' });
const deregistered = () =>
  event<OrganizationDeregisteredV1>(OrganizationDeregistered, { uscc, registeringAuthority: '110108', reason: '清算完毕', liquidationCompletedOn: '2026-03-01', filedLate: false, deregisteredAt: '2026-03-02T00:00:00.000Z' });

describe('SupplierRegistrationFacts (registration.organization.*)', () => {
  let store: InMemorySupplierStore;
  let facts: SupplierRegistrationFacts;
  beforeEach(() => {
    store = new InMemorySupplierStore();
    facts = new SupplierRegistrationFacts(store);
  });

  it('a registration makes an ACTIVE supplier with its category priority', async () => {
    const e = registered();
    await facts.onOrganizationRegistered(e, tx);
    expect(store.rows.get(uscc)).toMatchObject({ status: 'ACTIVE', categoryPriority: true, registeredAt: new Date('2024-01-01T00:00:00.000Z'), lastEventId: e.id });
  });

  it('status only moves forward (ACTIVE → REVOKED → DEREGISTERED); a re-published registration never reactivates', async () => {
    await facts.onOrganizationRegistered(registered(), tx);
    const r = revoked();
    await facts.onOrganizationRevoked(r, tx);
    expect(store.rows.get(uscc)).toMatchObject({ status: 'REVOKED', statusChangedAt: new Date('2026-03-01T00:00:00.000Z'), statusEventId: r.id });
    await facts.onOrganizationRegistered(registered(), tx);
    expect(store.rows.get(uscc)?.status).toBe('REVOKED');
    await facts.onOrganizationDeregistered(deregistered(), tx);
    await facts.onOrganizationRevoked(revoked(), tx);
    expect(store.rows.get(uscc)?.status).toBe('DEREGISTERED');
  });

  it('a status change for an organization purchasing never registered is ignored', async () => {
    await facts.onOrganizationRevoked(revoked(), tx);
    expect(store.rows.size).toBe(0);
  });
});
