import { randomUUID } from 'node:crypto';
import type { OrganizationRegisteredV1 } from '@sop/contracts';

/** An OrganizationRegistered payload for a community-service organization registered in Haidian; override what a test needs. */
export function organizationRegisteredData(uscc: string, over: Partial<OrganizationRegisteredV1> = {}): OrganizationRegisteredV1 {
  return {
    uscc,
    applicationId: randomUUID(),
    name: '北京市海淀区社区服务中心',
    form: 'SOCIAL_SERVICE_ORGANIZATION',
    category: 'URBAN_RURAL_COMMUNITY_SERVICE',
    registeringAuthority: '110108',
    domicile: '北京市海淀区',
    purpose: '社区服务',
    legalRepresentativeName: '李四',
    registeredCapitalFen: 1_000_000,
    regime: 'DIRECT',
    policyVersion: 'registration-regime/national-default@v1',
    registeredAt: '2024-01-01T00:00:00.000Z',
    ...over,
  };
}
