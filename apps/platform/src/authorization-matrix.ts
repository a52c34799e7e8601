import type { Role } from '@sop/auth';

/**
 * Who may call each endpoint and on which objects (issue 10 §2): the platform's authorization decisions in one
 * table, checked against the running platform by authorization-matrix.spec.ts. Every operation of the OpenAPI
 * document needs an entry; a new endpoint without a decision fails the test.
 *
 * Reach of a role on the endpoint's object:
 *  - anywhere: any object (auditors read nationally; purchasers look up any supplier);
 *  - jurisdiction: objects whose division the caller's jurisdiction covers; outside it, as if missing (404);
 *  - own: the caller's own object (org_uscc for representatives, the submitting subject for applicants, the named
 *    unit for units); anything else, as if missing (404) or not theirs (403);
 *  - division: the caller names a division itself (a rule set, a report); outside its jurisdiction 403.
 *  - create: the call creates an object (no existing one to reach).
 */
export type Reach = 'anywhere' | 'jurisdiction' | 'own' | 'division' | 'create';

export interface Decision {
  /** 'public': no token needed; else the roles allowed and each one's reach. */
  access: 'public' | Partial<Record<Role, Reach>>;
  /**
   * The seeded object the request names, when the relation test (own / same / other jurisdiction) runs for it:
   * `body` (if any) passes validation, so a refusal is the policy's, not the validator's. Endpoints without it are
   * checked on roles only here; their object rules are covered by their services' use-case and HTTP tests.
   */
  relation?: { object: 'organization' | 'application'; body?: (uscc: string) => Record<string, unknown> };
}

const OFFICER_READ = { 'credit-officer': 'jurisdiction', registrar: 'jurisdiction', auditor: 'anywhere' } as const;

export const AUTHORIZATION_MATRIX: Record<string, Decision> = {
  // registration
  'GET /registration/calendar': { access: 'public' },
  'POST /registration/calendar/years': { access: { registrar: 'division' } },
  'POST /registration/applications': { access: { applicant: 'create', registrar: 'create' } },
  'GET /registration/applications/{id}': {
    access: { applicant: 'own', registrar: 'jurisdiction', auditor: 'jurisdiction', 'supervising-unit': 'own' },
    relation: { object: 'application' },
  },
  'GET /registration/supervising-unit/applications': { access: { 'supervising-unit': 'own' } },
  'POST /registration/applications/{id}/consent': { access: { 'supervising-unit': 'own' } },
  'POST /registration/applications/{id}/refuse-consent': { access: { 'supervising-unit': 'own' } },
  'POST /registration/applications/{id}/approve': { access: { registrar: 'jurisdiction' }, relation: { object: 'application', body: () => ({}) } },
  'POST /registration/applications/{id}/refuse': { access: { registrar: 'jurisdiction' }, relation: { object: 'application', body: () => ({ reasons: ['材料不全'] }) } },
  'GET /registration/organizations/{uscc}': { access: 'public' },
  'GET /registration/organizations/{uscc}/history': { access: 'public' },
  'POST /registration/organizations/{uscc}/changes': {
    access: { registrar: 'jurisdiction' },
    relation: { object: 'organization', body: () => ({ domicile: '北京市海淀区中关村南大街6号' }) },
  },
  'GET /registration/organizations/{uscc}/legal-representatives': { access: { registrar: 'jurisdiction', auditor: 'jurisdiction' }, relation: { object: 'organization' } },
  'POST /registration/organizations/{uscc}/deregistration': { access: { registrar: 'jurisdiction' } },
  'POST /registration/organizations/{uscc}/revocation': { access: { registrar: 'jurisdiction' } },
  'POST /registration/organizations/{uscc}/changes/{seq}/revocation': { access: { registrar: 'jurisdiction' } },
  'GET /registration/policy/versions': { access: 'public' },
  'GET /registration/policy/rule-sets/{jurisdiction}/versions/{version}': { access: 'public' },
  'GET /registration/policy/decision': { access: 'public' },
  'POST /registration/policy/rule-sets/{jurisdiction}/versions': { access: { registrar: 'division' } },
  'POST /registration/organizations/{uscc}/annual-reports': { access: { 'org-representative': 'own', registrar: 'jurisdiction' } },
  'GET /registration/organizations/{uscc}/annual-reports': {
    access: { 'org-representative': 'own', registrar: 'jurisdiction', auditor: 'jurisdiction' },
    relation: { object: 'organization' },
  },
  'POST /registration/organizations/{uscc}/annual-reports/{year}/review': { access: { registrar: 'jurisdiction' } },
  'POST /registration/organizations/{uscc}/party-organization': {
    access: { 'org-representative': 'own', registrar: 'jurisdiction' },
    relation: { object: 'organization', body: () => ({ form: 'INSTRUCTOR', fullPartyMembers: 0, organizationName: '党建工作指导员' }) },
  },
  'GET /registration/organizations/{uscc}/party-organization': {
    access: { 'org-representative': 'own', registrar: 'jurisdiction', auditor: 'jurisdiction' },
    relation: { object: 'organization' },
  },
  'GET /registration/party-organization/coverage': { access: { registrar: 'division', auditor: 'division' } },
  'GET /registration/metrics/regimes': { access: { registrar: 'division', auditor: 'division' } },
  'GET /registration/errors': { access: 'public' },
  'GET /registration/health/live': { access: 'public' },
  'GET /registration/health/ready': { access: 'public' },
  'GET /registration/audit/commands': { access: { auditor: 'anywhere' } },
  'GET /registration/audit/keys': { access: 'public' },
  // credit supervision
  'GET /credit/profiles': { access: 'public' },
  'GET /credit/profiles/{uscc}': { access: 'public' },
  'GET /credit/register/schema': { access: 'public' },
  'POST /credit/register/exports': { access: OFFICER_READ },
  'GET /credit/register/exports/{id}': { access: OFFICER_READ },
  'GET /credit/register/exports/{id}/download': { access: OFFICER_READ },
  'POST /credit/penalties': {
    access: { 'credit-officer': 'jurisdiction' },
    relation: {
      object: 'organization',
      body: (uscc) => ({ uscc, kind: 'WARNING', decidedAt: '2026-11-02T00:00:00.000Z', decidingBody: '北京市海淀区民政局', basis: '社会团体登记管理条例 第三十条' }),
    },
  },
  'POST /credit/inspections': { access: { 'credit-officer': 'jurisdiction' } },
  'POST /credit/rectification-notices': { access: { 'credit-officer': 'jurisdiction' } },
  'POST /credit/rectification-notices/{id}/met': { access: { 'credit-officer': 'jurisdiction' } },
  'POST /credit/list-triggers': { access: { 'credit-officer': 'jurisdiction' } },
  'POST /credit/entries/{id}/rectification': { access: { 'credit-officer': 'jurisdiction' } },
  'POST /credit/entries/{id}/removal': { access: { 'credit-officer': 'jurisdiction' } },
  'POST /credit/organizations/{uscc}/deregistration': { access: { 'credit-officer': 'jurisdiction' } },
  'POST /credit/entries/{id}/objections': { access: { 'org-representative': 'own' } },
  'POST /credit/objections/{id}/decision': { access: { 'credit-officer': 'jurisdiction' } },
  'GET /credit/records/{uscc}': {
    access: { 'credit-officer': 'jurisdiction', auditor: 'anywhere', 'org-representative': 'own' },
    relation: { object: 'organization' },
  },
  'GET /credit/list-view/verification': { access: { auditor: 'anywhere', 'credit-officer': 'jurisdiction' } },
  'GET /credit/rule-sets': { access: 'public' },
  'POST /credit/rule-sets/{jurisdiction}/versions': { access: { 'credit-officer': 'division' } },
  'GET /credit/health/live': { access: 'public' },
  'GET /credit/health/ready': { access: 'public' },
  'GET /credit/audit/commands': { access: { auditor: 'anywhere' } },
  'GET /credit/audit/keys': { access: 'public' },
  'GET /credit/errors': { access: 'public' },
  // evaluation
  'POST /evaluation/grades': { access: { evaluator: 'jurisdiction' } },
  'POST /evaluation/grades/{id}/adjustments': { access: { evaluator: 'jurisdiction' } },
  'GET /evaluation/organizations/{uscc}': {
    access: { evaluator: 'jurisdiction', auditor: 'anywhere', 'org-representative': 'own' },
    relation: { object: 'organization' },
  },
  'PUT /evaluation/organizations/{uscc}/investigation': {
    access: { evaluator: 'jurisdiction' },
    relation: { object: 'organization', body: () => ({ underInvestigation: false, basis: '案件已结' }) },
  },
  'GET /evaluation/organizations/{uscc}/grades': {
    access: { evaluator: 'jurisdiction', auditor: 'anywhere', 'org-representative': 'own' },
    relation: { object: 'organization' },
  },
  'GET /evaluation/verification-cases': { access: { evaluator: 'jurisdiction', auditor: 'anywhere' } },
  'POST /evaluation/verification-cases/{id}/confirmation': { access: { evaluator: 'jurisdiction' } },
  'GET /evaluation/rule-sets': { access: 'public' },
  'POST /evaluation/rule-sets/{jurisdiction}/versions': { access: { evaluator: 'division' } },
  // evaluation procedure (issue 13)
  'GET /evaluation/indicator-frameworks': { access: 'public' },
  'POST /evaluation/indicator-frameworks/{jurisdiction}/{form}/versions': { access: { evaluator: 'division' } },
  'POST /evaluation/procedures': { access: { 'org-representative': 'own' } },
  'POST /evaluation/procedures/tracking': { access: { evaluator: 'jurisdiction' } },
  'GET /evaluation/procedures/{id}': { access: { evaluator: 'jurisdiction', auditor: 'anywhere', 'org-representative': 'own' } },
  'GET /evaluation/organizations/{uscc}/procedures': {
    access: { evaluator: 'jurisdiction', auditor: 'anywhere', 'org-representative': 'own' },
    relation: { object: 'organization' },
  },
  'GET /evaluation/organizations/{uscc}/public-grade': { access: 'public' },
  'GET /evaluation/organizations/{uscc}/certificates': {
    access: { evaluator: 'jurisdiction', auditor: 'anywhere', 'org-representative': 'own' },
    relation: { object: 'organization' },
  },
  'POST /evaluation/procedures/{id}/eligibility-review': { access: { evaluator: 'jurisdiction' } },
  'POST /evaluation/procedures/{id}/experts': { access: { evaluator: 'jurisdiction' } },
  'POST /evaluation/procedures/{id}/field-assessment': { access: { evaluator: 'jurisdiction' } },
  'POST /evaluation/procedures/{id}/score-sheets': { access: { evaluator: 'jurisdiction' } },
  'POST /evaluation/procedures/{id}/preliminary-opinion': { access: { evaluator: 'jurisdiction' } },
  'POST /evaluation/procedures/{id}/committee-decision': { access: { evaluator: 'jurisdiction' } },
  'POST /evaluation/procedures/{id}/notice': { access: { evaluator: 'jurisdiction' } },
  'POST /evaluation/procedures/{id}/reviews': { access: { 'org-representative': 'own' } },
  'POST /evaluation/procedures/{id}/reviews/{reviewId}/decision': { access: { evaluator: 'jurisdiction' } },
  'POST /evaluation/procedures/{id}/announcement': { access: { evaluator: 'jurisdiction' } },
  'POST /evaluation/certificates/{id}/return': { access: { evaluator: 'jurisdiction' } },
  'POST /evaluation/certificates/{id}/voiding': { access: { evaluator: 'jurisdiction' } },
  'POST /evaluation/experts/{expertId}/links': { access: { evaluator: 'jurisdiction' } },
  'GET /evaluation/health/live': { access: 'public' },
  'GET /evaluation/health/ready': { access: 'public' },
  'GET /evaluation/audit/commands': { access: { auditor: 'anywhere' } },
  'GET /evaluation/audit/keys': { access: 'public' },
  'GET /evaluation/errors': { access: 'public' },
  // service purchasing
  'GET /purchasing/suppliers/{uscc}': { access: { purchaser: 'anywhere', 'finance-officer': 'anywhere', auditor: 'anywhere' }, relation: { object: 'organization' } },
  'POST /purchasing/organs': { access: { 'finance-officer': 'division' } },
  'GET /purchasing/organs': { access: { 'finance-officer': 'division', auditor: 'anywhere' } },
  'POST /purchasing/organs/{unitId}/versions': { access: { 'finance-officer': 'jurisdiction' } },
  'GET /purchasing/organs/{unitId}': { access: { 'finance-officer': 'jurisdiction', auditor: 'anywhere', purchaser: 'own' } },
  'POST /purchasing/contracts': { access: { purchaser: 'own' } },
  'GET /purchasing/contracts/{id}': { access: { purchaser: 'own', 'finance-officer': 'jurisdiction', auditor: 'anywhere' } },
  'POST /purchasing/contracts/{id}/performance-assessments': { access: { purchaser: 'own' } },
  // contract performance: the purchaser accepts milestones and terminates; finance (the purchaser's jurisdiction) pays and decides on flagged contracts
  'POST /purchasing/procurements/{id}/contract': { access: { purchaser: 'own' } },
  'POST /purchasing/contracts/{id}/milestones/{sequence}/acceptance': { access: { purchaser: 'own' } },
  'POST /purchasing/contracts/{id}/payments': { access: { 'finance-officer': 'jurisdiction' } },
  'POST /purchasing/contracts/{id}/payment-decisions': { access: { 'finance-officer': 'jurisdiction' } },
  'POST /purchasing/contracts/{id}/termination': { access: { purchaser: 'own' } },
  'GET /purchasing/rule-sets': { access: 'public' },
  'POST /purchasing/rule-sets/{jurisdiction}/versions': { access: { 'finance-officer': 'division' } },
  'POST /purchasing/budgets': { access: { 'finance-officer': 'jurisdiction' } },
  'GET /purchasing/budgets/{id}': { access: { 'finance-officer': 'jurisdiction', purchaser: 'own', auditor: 'anywhere' } },
  'GET /purchasing/catalogues': { access: 'public' },
  'GET /purchasing/reports/social-organization-share': { access: { 'finance-officer': 'division', auditor: 'anywhere' } },
  'POST /purchasing/catalogues/{jurisdiction}/versions': { access: { 'finance-officer': 'division' } },
  'POST /purchasing/procurements': { access: { purchaser: 'own' } },
  'GET /purchasing/procurements': { access: 'public' },
  'GET /purchasing/procurements/{id}': { access: 'public' },
  'POST /purchasing/procurements/{id}/amendments': { access: { purchaser: 'own' } },
  'POST /purchasing/procurements/{id}/cancellation': { access: { purchaser: 'own' } },
  'POST /purchasing/procurements/{id}/bids': { access: { 'org-representative': 'own' } },
  'GET /purchasing/procurements/{id}/bids/mine': { access: { 'org-representative': 'own' } },
  'POST /purchasing/procurements/{id}/bids/mine/withdrawal': { access: { 'org-representative': 'own' } },
  'GET /purchasing/procurements/{id}/bids': { access: { purchaser: 'own', auditor: 'anywhere' } },
  'POST /purchasing/procurements/{id}/scores': { access: { purchaser: 'own' } },
  'GET /purchasing/procurements/{id}/scores': { access: { purchaser: 'own', auditor: 'anywhere' } },
  'POST /purchasing/procurements/{id}/award': { access: { purchaser: 'own' } },
  'GET /purchasing/procurements/{id}/award': { access: 'public' },
  // OCDS 1.1 open data (issue 11 item 6): public and read-only
  'GET /purchasing/ocds/releases': { access: 'public' },
  'GET /purchasing/ocds/releases/{releaseId}': { access: 'public' },
  'GET /purchasing/ocds/records': { access: 'public' },
  'GET /purchasing/ocds/records/{ocid}': { access: 'public' },
  'GET /purchasing/ocds/bulk': { access: 'public' },
  // service purchasing: purchase modes beyond tenders (issue 11 item 4; regulations §7.3). Payments of their contracts
  // go through POST /purchasing/contracts/{id}/payments (finance officer of the jurisdiction).
  'POST /purchasing/venture-philanthropy/rounds': { access: { purchaser: 'own' } },
  'GET /purchasing/venture-philanthropy/rounds': { access: 'public' },
  'GET /purchasing/venture-philanthropy/rounds/{id}': { access: 'public' },
  'POST /purchasing/venture-philanthropy/rounds/{id}/proposals': { access: { 'org-representative': 'own' } },
  'GET /purchasing/venture-philanthropy/rounds/{id}/proposals/mine': { access: { 'org-representative': 'own' } },
  'POST /purchasing/venture-philanthropy/rounds/{id}/review': { access: { purchaser: 'own' } },
  'GET /purchasing/venture-philanthropy/rounds/{id}/review': { access: { purchaser: 'own', auditor: 'anywhere' } },
  'POST /purchasing/venture-philanthropy/rounds/{id}/selection': { access: { purchaser: 'own' } },
  'POST /purchasing/entrusted-facilities': { access: { purchaser: 'own' } },
  'GET /purchasing/entrusted-facilities/{id}': { access: 'public' },
  'POST /purchasing/entrusted-facilities/{id}/operation': { access: { purchaser: 'own' } },
  'POST /purchasing/entrusted-facilities/{id}/checks/{period}': { access: { purchaser: 'own' } },
  'POST /purchasing/ppp/agreements': { access: { purchaser: 'own' } },
  'POST /purchasing/ppp/agreements/{id}/years/{year}/assessment': { access: { purchaser: 'own' } },
  'GET /purchasing/ppp/agreements/{id}': { access: 'public' },
  // service purchasing: transfer of government functions (regulations §8, issue 12). Departments are purchasers of a
  // registered organ (own: their unit's items, agreements, cases); civil affairs' registrars qualify undertakers; the
  // association (org-representative, own org_uscc) records first reviews only — the decision is the department's.
  'POST /purchasing/function-transfer/catalogue-items': { access: { purchaser: 'create' } },
  'POST /purchasing/function-transfer/catalogue-items/{id}/stage': { access: { purchaser: 'own' } },
  'GET /purchasing/function-transfer/catalogue-items': { access: 'public' },
  'GET /purchasing/function-transfer/catalogue-items/{id}': { access: 'public' },
  'POST /purchasing/function-transfer/qualifications': { access: { registrar: 'jurisdiction' } },
  'GET /purchasing/function-transfer/qualifications': { access: 'public' },
  'GET /purchasing/function-transfer/qualifications/{id}': { access: 'public' },
  'GET /purchasing/function-transfer/rules': { access: 'public' },
  'POST /purchasing/function-transfer/rule-sets/{jurisdiction}/versions': { access: { registrar: 'division' } },
  'POST /purchasing/function-transfer/agreements': { access: { purchaser: 'create' } },
  'GET /purchasing/function-transfer/agreements': { access: 'public' },
  'GET /purchasing/function-transfer/agreements/{id}': { access: 'public' },
  'POST /purchasing/function-transfer/agreements/{id}/take-back': { access: { purchaser: 'own' } },
  'GET /purchasing/function-transfer/concentration': { access: 'public' },
  'POST /purchasing/function-transfer/agreements/{id}/cases': { access: { applicant: 'create' } },
  'GET /purchasing/function-transfer/agreements/{id}/cases': { access: { purchaser: 'own', 'org-representative': 'own', auditor: 'anywhere' } },
  'GET /purchasing/function-transfer/cases/mine': { access: { applicant: 'own' } },
  'GET /purchasing/function-transfer/cases/{id}': { access: { applicant: 'own', 'org-representative': 'own', purchaser: 'own', auditor: 'anywhere' } },
  'POST /purchasing/function-transfer/cases/{id}/first-review': { access: { 'org-representative': 'own' } },
  // the final decision: the transferring department only; an association (org-representative) is refused by role
  'POST /purchasing/function-transfer/cases/{id}/decision': { access: { purchaser: 'own' } },
  'POST /purchasing/function-transfer/self-regulation/{uscc}/records': { access: { 'org-representative': 'own' } },
  'GET /purchasing/function-transfer/self-regulation/{uscc}/records': { access: 'public' },
  'GET /purchasing/health/live': { access: 'public' },
  'GET /purchasing/health/ready': { access: 'public' },
  'GET /purchasing/audit/commands': { access: { auditor: 'anywhere' } },
  'GET /purchasing/audit/keys': { access: 'public' },
  'GET /purchasing/errors': { access: 'public' },
};
