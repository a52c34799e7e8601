import { divisionPrefix, jurisdictionCovers, NATIONAL_DIVISION, parseCivilDate, startOfCivilDay, type CivilDate } from '@sop/util';

/**
 * Credit rules as versioned data (ARCHITECTURE "Rules as data"). Every list decision records the id@version of
 * the rule set it applied, so a later rule change never rewrites history. Source of every number:
 * ../../../../shared/domain/regulations.md §5 (社会组织信用信息管理办法, MCA Order 60, 2018 [S14]).
 */

export const LIST_KINDS = ['ABNORMAL', 'SERIOUS'] as const;
export type ListKind = (typeof LIST_KINDS)[number];

/** §5.1: the seven entry triggers of the abnormal-activity list (活动异常名录). */
export const ABNORMAL_REASONS = [
  'ANNUAL_REPORT_OVERDUE', // 1
  'PARTY_ORGANIZATION_NOT_SET_UP', // 2
  'RECTIFICATION_NOT_MET', // 3
  'PUBLIC_FUNDRAISING_CONDITIONS_LOST', // 4
  'WARNING_OR_SMALL_FINE', // 5
  'UNREACHABLE_AT_DOMICILE', // 6
  'OTHER_BY_LAW', // 7
] as const;
export type AbnormalReason = (typeof ABNORMAL_REASONS)[number];

/** §5.2: the eight entry triggers of the serious illegal and dishonest list (严重违法失信名单). */
export const SERIOUS_REASONS = [
  'ESCALATION_FROM_ABNORMAL', // 1
  'FRAUDULENT_CHANGE_REVOKED', // 2
  'SUSPENSION_PENALTY', // 3
  'LARGE_FINE', // 4
  'REPEATED_WARNINGS_OR_FINES', // 5
  'DISHONEST_JUDGMENT_DEBTOR', // 6
  'REGISTRATION_REVOKED', // 7
  'OTHER_BY_LAW', // 8
] as const;
export type SeriousReason = (typeof SERIOUS_REASONS)[number];
export type ListReason = AbnormalReason | SeriousReason;

export const JOINT_MEASURES = [
  'KEY_SUPERVISION',
  'NO_FUNDING',
  'NO_PURCHASE_OF_SERVICES',
  'NO_HONOURS',
  'GRADE_DOWNGRADE_REFERENCE',
  'NO_EVALUATION',
] as const;
export type JointMeasure = (typeof JOINT_MEASURES)[number];

export interface TriggerRule {
  /** Does the organization have to rectify / fulfil an obligation before removal (else: 6-month automatic removal)? */
  rectificationRequired: boolean;
  /** Derived by this service from events or officers' records (not entered directly as a trigger). */
  derived: boolean;
  source: string;
}

export interface CreditRuleSet {
  id: string;
  version: number;
  /**
   * The division whose organizations (by their registering authority's division) it governs: 100000 = the national
   * default (Order 60); a local version governs its division and those below (issue §2 "local rules are local").
   */
  jurisdiction: string;
  /** Inclusive, a Beijing civil date (YYYY-MM-DD): in force from 00:00 Beijing time that day (16:00 UTC the day before). */
  effectiveFrom: CivilDate;
  source: string;
  captureWorkingDays: number;
  abnormal: {
    autoRemovalMonths: number;
    escalationYears: number;
    removalAfterVerificationWorkingDays: number;
    unreachableLettersRequired: number;
    /** Whole days between the mailing dates (Beijing) of two consecutive letters, inclusive bounds. */
    unreachableLetterIntervalDays: { min: number; max: number };
    triggers: Record<AbnormalReason, TriggerRule>;
  };
  serious: {
    largeFineThresholdFen: number;
    repeatWindowYears: number;
    repeatCount: number;
    cleanYearsForRemoval: number;
    triggers: Record<SeriousReason, TriggerRule>;
  };
  jointMeasures: Record<ListKind, JointMeasure[]>;
}

const S14 = 'regulations.md §5 — 社会组织信用信息管理办法 (MCA Order 60, 2018) [S14]';
const t = (rectificationRequired: boolean, derived: boolean, source: string): TriggerRule => ({ rectificationRequired, derived, source });

/** National default, in force with Order 60 on 2018-01-24. */
export const ORDER_60_V1: CreditRuleSet = {
  id: 'credit-lists/order-60',
  version: 1,
  jurisdiction: NATIONAL_DIVISION,
  effectiveFrom: '2018-01-24' as CivilDate,
  source: S14,
  captureWorkingDays: 5, // §5 capture deadline: within 5 working days
  abnormal: {
    autoRemovalMonths: 6, // §5.1 removal 6 months after listing where nothing needs rectifying (final wording UNCONFIRMED)
    escalationYears: 2, // §5.2 trigger 1: on the abnormal list for 2 full years
    removalAfterVerificationWorkingDays: 5, // §5.1 removal within 5 working days of verifying
    unreachableLettersRequired: 2, // §5.1 "cannot be contacted" = two special letters unsigned
    // §5.1 (6): DRAFT-ERA — the 2017 draft set 20–60 days between the two mailings; the final interval is UNCONFIRMED
    // (regulations.md §5.1). Kept as data so a rule set can change it once the final text is confirmed.
    unreachableLetterIntervalDays: { min: 20, max: 60 },
    triggers: {
      ANNUAL_REPORT_OVERDUE: t(true, true, '§5.1 (1); obligation: submit the report'),
      // Derived from registration's Party-organization records and their deadline (registration.party-organization.overdue).
      PARTY_ORGANIZATION_NOT_SET_UP: t(true, true, '§5.1 (2); obligation: set up the Party organization as required'),
      RECTIFICATION_NOT_MET: t(true, true, '§5.1 (3)'),
      PUBLIC_FUNDRAISING_CONDITIONS_LOST: t(true, false, '§5.1 (4)'),
      WARNING_OR_SMALL_FINE: t(false, true, '§5.1 (5); the penalty is executed, nothing to rectify'),
      UNREACHABLE_AT_DOMICILE: t(true, false, '§5.1 (6); two unsigned letters'),
      OTHER_BY_LAW: t(true, false, '§5.1 (7)'),
    },
  },
  serious: {
    largeFineThresholdFen: 5_000_000, // §5.2 (4): RMB 50,000 = 5,000,000 fen
    repeatWindowYears: 3, // §5.2 (5)
    repeatCount: 2, // §5.2 (5): two or more
    cleanYearsForRemoval: 2, // §5.2 removal: 2 full years with no new listing event
    triggers: {
      ESCALATION_FROM_ABNORMAL: t(true, true, '§5.2 (1); removal also needs the rectification'),
      // Derived from registration's revocation of a change registration as fraudulent (registration.organization.change-revoked).
      FRAUDULENT_CHANGE_REVOKED: t(false, true, '§5.2 (2)'),
      SUSPENSION_PENALTY: t(false, true, '§5.2 (3)'),
      LARGE_FINE: t(false, true, '§5.2 (4)'),
      REPEATED_WARNINGS_OR_FINES: t(false, true, '§5.2 (5)'),
      DISHONEST_JUDGMENT_DEBTOR: t(false, false, '§5.2 (6)'),
      REGISTRATION_REVOKED: t(false, true, '§5.2 (7); removed on deregistration'),
      OTHER_BY_LAW: t(false, false, '§5.2 (8)'),
    },
  },
  jointMeasures: {
    // §5.3: national rules bar purchases of services from serious-listed organizations only; barring abnormal-listed
    // ones is local practice (Suining) and lives in that jurisdiction's local version (SUINING_V1), not here.
    // §6: the 2021 national evaluation rules bar organizations on either list from evaluation.
    ABNORMAL: ['NO_EVALUATION'],
    // §5.3 measures for the serious list; §6: the 2021 national evaluation rules bar listed organizations (either list).
    SERIOUS: ['KEY_SUPERVISION', 'NO_FUNDING', 'NO_PURCHASE_OF_SERVICES', 'NO_HONOURS', 'GRADE_DOWNGRADE_REFERENCE', 'NO_EVALUATION'],
  },
};

/**
 * A local version of the credit rules (table credit_rule_set_version): the national default's numbers with the
 * jurisdiction's own joint measures (regulations §5.3: "local rules extend these to abnormal-listed organizations").
 */
export interface LocalCreditRuleSetVersion {
  jurisdiction: string;
  version: number;
  /** A Beijing civil date; in force from 00:00 Beijing time that day. */
  effectiveFrom: CivilDate;
  jointMeasures: Record<ListKind, JointMeasure[]>;
  source: string;
  publishedBy: string;
  publishedAt: Date;
}

export function creditRuleSetIdFor(jurisdiction: string): string {
  return jurisdiction === NATIONAL_DIVISION ? ORDER_60_V1.id : `credit-lists/${jurisdiction}`;
}

/** The rule set a local version stands for: the national default's numbers and triggers, its own joint measures. */
export function localRuleSet(v: Pick<LocalCreditRuleSetVersion, 'jurisdiction' | 'version' | 'effectiveFrom' | 'jointMeasures' | 'source'>): CreditRuleSet {
  return {
    ...ORDER_60_V1,
    id: creditRuleSetIdFor(v.jurisdiction),
    version: v.version,
    jurisdiction: v.jurisdiction,
    effectiveFrom: v.effectiveFrom,
    source: v.source,
    jointMeasures: { ABNORMAL: [...v.jointMeasures.ABNORMAL].sort(), SERIOUS: [...v.jointMeasures.SERIOUS].sort() },
  };
}

/** Suining (四川省遂宁市, division 510900). */
export const SUINING_DIVISION = '510900';

/**
 * Seeded local version (migration 1732500000250): regulations §5.3 names Suining's local rules as barring
 * abnormal-listed organizations from purchasing (and venture philanthropy and evaluation) [S14]. The date those
 * local rules took effect is UNCONFIRMED in regulations.md; the seed uses Order 60's date.
 */
export const SUINING_V1: LocalCreditRuleSetVersion = {
  jurisdiction: SUINING_DIVISION,
  version: 1,
  effectiveFrom: '2018-01-24' as CivilDate,
  jointMeasures: {
    ABNORMAL: ['NO_EVALUATION', 'NO_PURCHASE_OF_SERVICES'],
    SERIOUS: [...ORDER_60_V1.jointMeasures.SERIOUS],
  },
  source: 'regulations.md §5.3 — Suining local credit rules (abnormal-listed: no purchase of services, no evaluation) [S14]',
  publishedBy: 'seed',
  publishedAt: new Date('2018-01-24T00:00:00.000Z'),
};

export const CREDIT_RULE_SETS: readonly CreditRuleSet[] = [ORDER_60_V1, localRuleSet(SUINING_V1)];

export function ruleVersionOf(rules: CreditRuleSet): string {
  return `${rules.id}@v${rules.version}`;
}

/** The instant a rule set comes into force: 00:00 Beijing time of its effective date. */
export function ruleSetStartsAt(rules: Pick<CreditRuleSet, 'effectiveFrom'>): Date {
  const day = parseCivilDate(rules.effectiveFrom);
  if (!day) throw new RangeError(`a rule set's effectiveFrom is a civil date (YYYY-MM-DD), got ${rules.effectiveFrom}`);
  return startOfCivilDay(day);
}

/** The national rule set in force at `at`: the latest whose effective date (Beijing) has begun by then. */
export function ruleSetAt(at: Date, sets: readonly CreditRuleSet[] = CREDIT_RULE_SETS): CreditRuleSet {
  return ruleSetFor(at, NATIONAL_DIVISION, sets);
}

/**
 * The rule set deciding for an organization registered in `division` (its registering authority's) at `at` (issue §2
 * "local rules are local", regulations §5.3): of the rule sets whose jurisdiction covers the division, the most
 * specific one with a version in force (district > city > province > national); within it the latest effective
 * date (Beijing) begun by then, ties by the higher version. A division code that is no division gets the national rules.
 */
export function ruleSetFor(at: Date, division: string, sets: readonly CreditRuleSet[] = CREDIT_RULE_SETS): CreditRuleSet {
  const applicable = sets
    .filter((s) => ruleSetStartsAt(s).getTime() <= at.getTime())
    .filter((s) => s.jurisdiction === NATIONAL_DIVISION || jurisdictionCovers(s.jurisdiction, division))
    .sort(
      (a, b) =>
        divisionPrefix(b.jurisdiction).length - divisionPrefix(a.jurisdiction).length ||
        ruleSetStartsAt(b).getTime() - ruleSetStartsAt(a).getTime() ||
        b.version - a.version,
    );
  if (applicable.length === 0) throw new RangeError(`no credit rule set in force at ${at.toISOString()}`);
  return applicable[0];
}

export function ruleSetByVersion(version: string, sets: readonly CreditRuleSet[] = CREDIT_RULE_SETS): CreditRuleSet {
  const found = sets.find((s) => ruleVersionOf(s) === version);
  if (!found) throw new RangeError(`unknown credit rule set ${version}`);
  return found;
}

export function triggerRule(rules: CreditRuleSet, list: ListKind, reason: ListReason): TriggerRule {
  const table = (list === 'ABNORMAL' ? rules.abnormal.triggers : rules.serious.triggers) as Record<string, TriggerRule>;
  const rule = table[reason];
  if (!rule) throw new RangeError(`${reason} is not a ${list} list trigger`);
  return rule;
}

export function isReasonOf(list: ListKind, reason: string): reason is ListReason {
  return list === 'ABNORMAL' ? (ABNORMAL_REASONS as readonly string[]).includes(reason) : (SERIOUS_REASONS as readonly string[]).includes(reason);
}
