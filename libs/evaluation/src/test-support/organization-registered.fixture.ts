import { randomUUID } from 'node:crypto';
import type { OrganizationRegisteredV1 } from '@sop/contracts';

/** OrganizationRegistered v1's payload for a Haidian (110108) social service organization; override what a test needs. */
export const organizationRegisteredData = (over: Partial<OrganizationRegisteredV1> & Pick<OrganizationRegisteredV1, 'uscc'>): OrganizationRegisteredV1 => ({
  applicationId: randomUUID(),
  name: '北京市海淀区测试社区服务中心',
  form: 'SOCIAL_SERVICE_ORGANIZATION',
  category: 'URBAN_RURAL_COMMUNITY_SERVICE',
  registeringAuthority: '110108',
  domicile: '北京市海淀区',
  purpose: '社区服务',
  legalRepresentativeName: '王五',
  registeredCapitalFen: 1_000_000,
  regime: 'DIRECT',
  policyVersion: 'registration-regime/national-default@v1',
  registeredAt: '2022-03-01T00:00:00.000Z',
  ...over,
});
