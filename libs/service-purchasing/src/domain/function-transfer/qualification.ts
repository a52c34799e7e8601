import type { EvaluationGrade } from '@sop/contracts';
import { addCivilDays, addCivilYears, civilDateOf, compareCivilDates, type CivilDate } from '@sop/util';
import type { MeasureSet, SupplierStatus } from '../supplier-eligibility';
import { gradeRank, type GradeInForce } from '../supplier-grade';
import { transferRuleVersionOf, type TransferRuleSet } from './transfer-rules';

/** The facts civil affairs' rules read, as purchasing keeps them from registration, credit and evaluation events. */
export interface UndertakerFacts {
  uscc: string;
  name: string;
  registeringAuthority: string;
  status: SupplierStatus;
  registrationEventId: string | null;
  statusEventId: string | null;
  measures: (MeasureSet & { eventId: string }) | null;
  grade: GradeInForce | null;
}

export interface QualificationRuleResult {
  rule: 'REGISTERED_AND_ACTIVE' | 'ON_NO_LIST' | 'MINIMUM_GRADE' | 'ANNUAL_REPORT';
  outcome: 'PASS' | 'FAIL';
  detail: string;
  evidence: Record<string, unknown>;
}

export interface QualificationEvaluation {
  qualified: boolean;
  rules: QualificationRuleResult[];
  ruleVersion: string;
  asOf: string;
}

const r = (rule: QualificationRuleResult['rule'], ok: boolean, detail: string, evidence: Record<string, unknown>): QualificationRuleResult => ({ rule, outcome: ok ? 'PASS' : 'FAIL', detail, evidence });

/**
 * Civil affairs' rules for the catalogue of organizations qualified to undertake transferred functions (regulations
 * §8 item 2: Suzhou — registered; 2016 Opinions — credit status; Guangzhou — 3A+), each with the facts it read, so
 * the evaluation is frozen with the grant.
 */
export function evaluateQualification(facts: UndertakerFacts, rules: TransferRuleSet, now: Date): QualificationEvaluation {
  const q = rules.qualification;
  const lists = facts.measures?.lists ?? [];
  const barring = lists.filter((l) => q.barringLists.includes(l));
  const g = facts.grade;
  const min = q.minimumGrade;
  const gradeOk = min === null || (g !== null && gradeRank(g.grade) >= gradeRank(min as EvaluationGrade));
  const results = [
    r('REGISTERED_AND_ACTIVE', facts.status === 'ACTIVE', `registration status ${facts.status}`, {
      status: facts.status,
      registeringAuthority: facts.registeringAuthority,
      registrationEventId: facts.registrationEventId,
      statusEventId: facts.statusEventId,
    }),
    r('ON_NO_LIST', barring.length === 0, barring.length ? `on the ${barring.join(' and ')} list` : 'on neither list', {
      lists,
      barringLists: q.barringLists,
      measuresEventId: facts.measures?.eventId ?? null,
      measuresRuleVersion: facts.measures?.ruleVersion ?? null,
    }),
    r('MINIMUM_GRADE', gradeOk, min === null ? 'no grade threshold' : g ? `grade ${g.grade} in force, ${min} required` : `no grade in force, ${min} required`, {
      minimumGrade: min,
      grade: g ? { gradeId: g.gradeId, grade: g.grade, validFrom: g.validFrom, validUntil: g.validUntil, ruleVersion: g.ruleVersion } : null,
    }),
    // Purchasing learns no annual reports; a missing or false one puts an organization on the abnormal list (§5.1), which credit publishes.
    r('ANNUAL_REPORT', !lists.includes('ABNORMAL'), lists.includes('ABNORMAL') ? 'abnormal list (annual report not clean as far as the service knows)' : 'no annual-report failure known (abnormal list as proxy)', {
      basis: q.annualReport,
      abnormalListed: lists.includes('ABNORMAL'),
    }),
  ];
  return { qualified: results.every((x) => x.outcome === 'PASS'), rules: results, ruleVersion: transferRuleVersionOf(rules), asOf: now.toISOString() };
}

/** Validity from the grant's Beijing date for the rule's years, inclusive (5 years from 2026-03-02: through 2031-03-01). */
export function validityOf(grantedAt: Date, rules: TransferRuleSet): { validFrom: CivilDate; validTo: CivilDate } {
  const validFrom = civilDateOf(grantedAt);
  return { validFrom, validTo: addCivilDays(addCivilYears(validFrom, rules.qualification.validityYears), -1) };
}

export type QualificationStatus = 'ACTIVE' | 'SUSPENDED';

export interface UndertakerQualification {
  id: string;
  uscc: string;
  name: string;
  jurisdiction: string;
  validFrom: string;
  validTo: string;
  status: QualificationStatus;
  evaluation: QualificationEvaluation;
  grantedBy: string;
  grantedAt: string;
  suspension: { cause: string; evidence: Record<string, unknown>; suspendedAt: string; eventId: string } | null;
  revision: number;
  eventId: string;
}

/** In force on `day`: active and `day` within its validity. */
export function qualificationInForce(q: UndertakerQualification, day: CivilDate): boolean {
  return q.status === 'ACTIVE' && compareCivilDates(q.validFrom as CivilDate, day) <= 0 && compareCivilDates(day, q.validTo as CivilDate) <= 0;
}

/** The cause of an automatic suspension in credit's joint-measure set (a listing on a barring list), or null. */
export function listingCause(lists: readonly string[], rules: TransferRuleSet): string[] {
  return lists.filter((l) => rules.qualification.barringLists.includes(l));
}
