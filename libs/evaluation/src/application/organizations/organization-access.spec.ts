import type { Principal } from '@sop/auth';
import { evaluationOrganization, InMemoryOrganizationStore } from '../../test-support/in-memory-stores';
import { OrganizationAccess } from './organization-access';

describe('OrganizationAccess: who acts on and who reads an evaluation record', () => {
  const uscc = '52110108MJ0000018M';
  const evaluator: Principal = { subject: 'e', roles: ['evaluator'], jurisdiction: '110000' };
  const evaluatorShanghai: Principal = { ...evaluator, jurisdiction: '310000' };
  const auditor: Principal = { subject: 'a', roles: ['auditor'], jurisdiction: '100000' };
  const rep: Principal = { subject: 'r', roles: ['org-representative'], jurisdiction: '110108', organizationUscc: uscc };
  const repOther: Principal = { ...rep, organizationUscc: '52110105MJ0000026F' };
  let access: OrganizationAccess;

  beforeEach(() => {
    const organizations = new InMemoryOrganizationStore();
    organizations.orgs.set(uscc, evaluationOrganization({ uscc }));
    access = new OrganizationAccess(organizations);
  });

  it('evaluators act within their jurisdiction only; nobody else acts', async () => {
    await expect(access.forEvaluator(uscc, evaluator)).resolves.toMatchObject({ uscc });
    await expect(access.forEvaluator(uscc, evaluatorShanghai)).rejects.toMatchObject({ kind: 'NOT_FOUND', code: 'EVALUATION.ORGANIZATION_NOT_FOUND' });
    await expect(access.forEvaluator(uscc, auditor)).rejects.toMatchObject({ kind: 'FORBIDDEN', code: 'AUTH.ROLE_REQUIRED' });
    await expect(access.forEvaluator('52110108MJ0000034A', evaluator)).rejects.toMatchObject({ kind: 'NOT_FOUND', code: 'EVALUATION.ORGANIZATION_NOT_FOUND' });
  });

  it('auditors read all, evaluators within jurisdiction, a representative only its own organization', async () => {
    await expect(access.forReader(uscc, auditor)).resolves.toMatchObject({ uscc });
    await expect(access.forReader(uscc, evaluator)).resolves.toMatchObject({ uscc });
    await expect(access.forReader(uscc, rep)).resolves.toMatchObject({ uscc });
    await expect(access.forReader(uscc, evaluatorShanghai)).rejects.toMatchObject({ kind: 'NOT_FOUND', code: 'EVALUATION.ORGANIZATION_NOT_FOUND' });
    // Refused before looking the organization up: whether it exists is not revealed.
    await expect(access.forReader(uscc, repOther)).rejects.toMatchObject({ kind: 'FORBIDDEN', code: 'EVALUATION.NOT_OWN_ORGANIZATION' });
    await expect(access.forReader('52110108MJ0000034A', repOther)).rejects.toMatchObject({ kind: 'FORBIDDEN', code: 'EVALUATION.NOT_OWN_ORGANIZATION' });
  });
});
