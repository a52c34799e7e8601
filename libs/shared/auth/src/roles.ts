/** Platform roles (ARCHITECTURE.md "API"). Every non-public endpoint names the roles it admits. */
export const ROLES = [
  'registrar',
  'supervising-unit',
  'credit-officer',
  'evaluator',
  'finance-officer',
  'purchaser',
  'auditor',
  'org-representative',
  'applicant',
] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated caller. `jurisdiction` is a 6-digit division code scoping what an officer may touch. */
export interface Principal {
  subject: string;
  roles: Role[];
  jurisdiction: string;
  /** For organization representatives: the organization they speak for. */
  organizationUscc?: string;
  /** For supervising / guidance units: their unit id. */
  unitId?: string;
}
