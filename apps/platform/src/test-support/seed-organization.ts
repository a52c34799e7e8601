import type { EmbeddedTestHost } from './embedded-test-host';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** A resident ID number (GB 11643) with a valid check character. */
export function residentId(body17: string): string {
  const sum = [...body17].reduce((acc, d, i) => acc + Number(d) * WEIGHTS[i], 0);
  return body17 + '10X98765432'[sum % 11];
}

/** A social group's application in Haidian (registering authority 110108), as the applicant submits it. */
export function socialGroupApplication(name: string, legalRepresentativeIdNumber: string): Record<string, unknown> {
  return {
    proposedName: name,
    form: 'SOCIAL_GROUP',
    category: 'SCIENCE_TECHNOLOGY',
    registeringAuthority: '110108',
    domicile: '北京市海淀区中关村南大街5号',
    purpose: '组织科技志愿服务',
    legalRepresentativeName: '赵六',
    legalRepresentativeIdNumber,
    registeredCapitalFen: 3_000_000,
    individualMembers: 50,
  };
}

/** Submits (applicant-1) and approves (Haidian registrar) a social group over HTTP: its application id and USCC. */
export async function seedRegisteredOrganization(host: EmbeddedTestHost, name: string, legalRepresentativeIdNumber: string): Promise<{ applicationId: string; uscc: string; texts: string[] }> {
  const post = async (path: string, token: string, body?: unknown) => {
    const res = await fetch(host.base + path, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`seeding: POST ${path} answered ${res.status} ${text}`);
    return text;
  };
  const submitted = await post('/registration/applications', host.token(['applicant'], '110108', 'applicant-1'), socialGroupApplication(name, legalRepresentativeIdNumber));
  const applicationId = (JSON.parse(submitted) as { id: string }).id;
  const approved = await post(`/registration/applications/${applicationId}/approve`, host.token(['registrar'], '110108', 'registrar-haidian'));
  return { applicationId, uscc: (JSON.parse(approved) as { organization: { uscc: string } }).organization.uscc, texts: [submitted, approved] };
}
