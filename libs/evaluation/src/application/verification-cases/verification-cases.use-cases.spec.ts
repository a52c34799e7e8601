import type { Principal } from '@sop/auth';
import type { NewEvent } from '@sop/messaging';
import { MovableClock } from '@sop/util';
import { evaluationOrganization, InMemoryOrganizationStore, InMemoryVerificationCaseStore, listUnitOfWork } from '../../test-support/in-memory-stores';
import { OrganizationAccess } from '../organizations/organization-access';
import type { VerificationCase } from './verification-cases.ports';
import { VerificationCases } from './verification-cases.use-cases';

describe('VerificationCases: listing, and confirming a grade after verification', () => {
  const uscc = '52110108MJ0000018M';
  const now = new Date('2027-03-01T00:00:00.000Z');
  const evaluator: Principal = { subject: 'e', roles: ['evaluator'], jurisdiction: '110000' };
  const auditor: Principal = { subject: 'a', roles: ['auditor'], jurisdiction: '100000' };
  const open: VerificationCase = {
    id: 'c-1',
    uscc,
    gradeId: 'g-1',
    status: 'OPEN',
    cause: 'CREDIT_GRADE_DOWNGRADE_REFERENCE',
    evidence: ['e-1'],
    openedAt: new Date('2027-02-01T00:00:00.000Z'),
    ruleVersion: 'evaluation/measures-2026@v1',
    closedAt: null,
    outcome: null,
    adjustmentId: null,
  };
  let cases: InMemoryVerificationCaseStore;
  let useCases: VerificationCases;
  const events: NewEvent<object>[] = [];

  beforeEach(() => {
    const organizations = new InMemoryOrganizationStore();
    organizations.orgs.set(uscc, evaluationOrganization({ uscc }));
    cases = new InMemoryVerificationCaseStore();
    cases.caseRows.set(open.id, { ...open });
    useCases = new VerificationCases(listUnitOfWork(events), new OrganizationAccess(organizations), organizations, cases, new MovableClock(now));
  });

  it('evaluators and auditors list cases (instants as ISO strings); others may not', async () => {
    expect(await useCases.list('OPEN', auditor)).toEqual({ items: [{ ...open, openedAt: '2027-02-01T00:00:00.000Z', closedAt: null }] });
    await expect(useCases.list(undefined, { subject: 'r', roles: ['org-representative'], jurisdiction: '110108', organizationUscc: uscc })).rejects.toMatchObject({
      kind: 'FORBIDDEN',
      code: 'AUTH.ROLE_REQUIRED',
    });
  });

  it('confirming closes the case with GRADE_CONFIRMED, once; nothing is published', async () => {
    expect(await useCases.confirmGrade('c-1', evaluator)).toMatchObject({ id: 'c-1', status: 'CLOSED', outcome: 'GRADE_CONFIRMED', closedAt: now.toISOString() });
    expect(cases.caseRows.get('c-1')).toMatchObject({ status: 'CLOSED', closedAt: now, adjustmentId: null });
    await expect(useCases.confirmGrade('c-1', evaluator)).rejects.toMatchObject({ kind: 'CONFLICT', code: 'EVALUATION.CASE_NOT_OPEN' });
    await expect(useCases.confirmGrade('c-2', evaluator)).rejects.toMatchObject({ kind: 'NOT_FOUND', code: 'EVALUATION.CASE_NOT_FOUND' });
    await expect(useCases.confirmGrade('c-1', auditor)).rejects.toMatchObject({ kind: 'FORBIDDEN', code: 'AUTH.ROLE_REQUIRED' });
    expect(events).toEqual([]);
  });
});
