import type { Principal } from '@sop/auth';
import { MovableClock } from '@sop/util';
import { RegistrationApplication } from '../../domain/registration-application';
import { NATIONAL_DEFAULT_VERSION, resolveRegime } from '../../domain/registration-policy';
import { PersonalDataStore, PiiProtector, type PersonalDataRecord } from '../personal-data/personal-data.ports';
import { PersonalDataService } from '../personal-data/personal-data.service';
import { ApplicationReads } from './application-reads.use-cases';
import { ApplicationStore } from './applications.ports';

const now = new Date('2026-11-25T08:00:00Z');
const facts = {
  proposedName: '北京市海淀区康复医疗服务中心',
  form: 'SOCIAL_SERVICE_ORGANIZATION' as const,
  category: 'HEALTH' as const,
  registeringAuthority: '110108',
  domicile: '北京市海淀区学院路30号',
  purpose: '康复医疗服务',
  legalRepresentativeName: '王五',
  registeredCapitalFen: 5_000_000,
  supervisingUnit: { id: 'unit-health', name: '海淀区卫生健康委员会' },
};
const application = RegistrationApplication.submit('a-1', facts, resolveRegime([NATIONAL_DEFAULT_VERSION], { ...facts, at: now }), 'applicant-1', now);
const person: PersonalDataRecord = { applicationId: 'a-1', personRole: 'LEGAL_REPRESENTATIVE', position: 0, name: '王五', title: null, idNumberCipher: '11010519491231002X', idNumberIndex: 'i' };

class OneApplication extends ApplicationStore {
  findApplication = async (_tx: unknown, id: string) => (id === 'a-1' ? application : null);
  listApplicationsNamingUnit = async (unitId: string) => (unitId === 'unit-health' ? [application] : []);
  addApplication = unexpected;
  saveApplication = unexpected;
  listPendingApplications = unexpected;
  nameTaken = unexpected;
  applicationFacts = unexpected;
}
class OnePerson extends PersonalDataStore {
  findPersonalData = async () => [person];
  savePersonalData = unexpected;
  legalRepresentativesOf = unexpected;
  supersedeLegalRepresentative = unexpected;
  legalRepresentativeOfSocialGroup = unexpected;
}
class ClearPii extends PiiProtector {
  encrypt = (s: string) => s;
  decrypt = (s: string) => s;
  blindIndex = (s: string) => s;
}
async function unexpected(): Promise<never> {
  throw new Error('not a read');
}

const as = (roles: Principal['roles'], jurisdiction: string, extra: Partial<Principal> = {}): Principal => ({ subject: 'someone', roles, jurisdiction, ...extra });

describe('reading an application', () => {
  const clock = new MovableClock(now);
  const people = new OnePerson();
  const reads = new ApplicationReads(new OneApplication(), people, new PersonalDataService(people, new ClearPii()), clock);

  it('shows registrars in jurisdiction the masked ID number, auditors and the named unit the names only', async () => {
    expect((await reads.getApplication('a-1', as(['registrar'], '110000'))).people).toEqual([{ role: 'LEGAL_REPRESENTATIVE', name: '王五', title: null, idNumberMasked: '110***********002X' }]);
    expect((await reads.getApplication('a-1', as(['auditor'], '110108'))).people).toEqual([{ role: 'LEGAL_REPRESENTATIVE', name: '王五', title: null }]);
    expect((await reads.getApplication('a-1', as(['supervising-unit'], '310000', { unitId: 'unit-health' }))).people[0]).not.toHaveProperty('idNumberMasked');
    expect((await reads.getApplication('a-1', { ...as(['applicant'], '310000'), subject: 'applicant-1' })).application).toBe(application);
  });

  it('answers other units, other applicants, other jurisdictions and unknown applications alike: 404 (issue 10)', async () => {
    await expect(reads.getApplication('a-1', as(['supervising-unit'], '110108', { unitId: 'unit-edu' }))).rejects.toMatchObject({ kind: 'NOT_FOUND', code: 'REGISTRATION.APPLICATION_NOT_FOUND' });
    // Another applicant in the same division (the hole: it used to fall through to the jurisdiction check).
    await expect(reads.getApplication('a-1', { subject: 'someone-else', roles: ['applicant'], jurisdiction: '110108' })).rejects.toMatchObject({ kind: 'NOT_FOUND', code: 'REGISTRATION.APPLICATION_NOT_FOUND' });
    await expect(reads.getApplication('a-1', as(['registrar'], '310000'))).rejects.toMatchObject({ kind: 'NOT_FOUND', code: 'REGISTRATION.APPLICATION_NOT_FOUND' });
    await expect(reads.getApplication('a-2', as(['registrar'], '110108'))).rejects.toMatchObject({ kind: 'NOT_FOUND', code: 'REGISTRATION.APPLICATION_NOT_FOUND' });
  });

  it("lists a unit's worklist by its unit_id claim and flags the decision deadline", async () => {
    await expect(reads.listForUnit(as(['supervising-unit'], '110108'))).rejects.toMatchObject({ kind: 'FORBIDDEN', code: 'REGISTRATION.UNIT_CLAIM_REQUIRED' });
    expect(await reads.listForUnit(as(['supervising-unit'], '110108', { unitId: 'unit-health' }))).toEqual([application]);
    expect(reads.isOverdue(application)).toBe(false);
    clock.set(new Date(application.snapshot.decisionDueBy.getTime() + 1));
    expect(reads.isOverdue(application)).toBe(true);
  });
});
