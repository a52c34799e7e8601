import { EVALUATION_GRADES, ORGANIZATION_CATEGORIES, ORGANIZATION_FORMS, PERFORMANCE_OUTCOMES, PURCHASE_METHODS, GRADE_ADJUSTMENT_REASONS } from '@sop/contracts';
import { ABNORMAL_REASONS, JOINT_MEASURES, SERIOUS_REASONS } from '../../domain/credit-rules';
import { EXIT_REASONS } from '../../domain/list-state';
import { USCC_FORMAT } from '@sop/util';
import { PENALTY_KINDS } from '../../domain/penalty';

/**
 * The data dictionary of the public credit register (regulations §5.3 disclosure): a JSON Schema (2020-12) of one
 * public profile — one line of the bulk export, and the body of GET /profiles/{uscc}. Published at
 * GET /credit/register/schema so that open-data users can validate and understand every field; the integration
 * tests validate real exports against it, so it cannot drift from what the service emits.
 */
const USCC = { type: 'string', pattern: USCC_FORMAT.source, description: 'Unified social credit code (GB 32100-2015)' };
const DIVISION = { type: 'string', pattern: '^\\d{6}$', description: 'Administrative division code (GB/T 2260) of an authority' };
const INSTANT = { type: 'string', format: 'date-time', description: 'UTC instant (ISO 8601)' };
const DATE = { type: 'string', format: 'date', description: 'Civil date in China Standard Time (Beijing, UTC+8), YYYY-MM-DD' };
const nullable = (s: object) => ({ anyOf: [s, { type: 'null' }] });
const obj = (properties: Record<string, object>, description?: string, optional: Record<string, object> = {}) => ({
  type: 'object',
  ...(description ? { description } : {}),
  additionalProperties: false,
  required: Object.keys(properties),
  properties: { ...properties, ...optional },
});

const listEntry = obj(
  {
    entryId: { type: 'string', format: 'uuid' },
    reason: { enum: [...new Set([...ABNORMAL_REASONS, ...SERIOUS_REASONS])], description: 'Trigger of the listing (regulations §5.1 / §5.2)' },
    listedAt: INSTANT,
    clockRestartedAt: { type: 'array', items: INSTANT, description: 'Re-occurrences while listed; each restarts the listing clock' },
    status: { enum: ['ACTIVE', 'EXITED'], description: 'Entries annulled after an upheld objection are not shown' },
    exitedAt: nullable(INSTANT),
    exitReason: nullable({ enum: [...EXIT_REASONS] }),
    removalDeadline: {
      ...nullable(INSTANT),
      description: 'Removal after verified rectification is due within 5 working days of the verification: the instant they run out (24:00 Beijing time of the last working day)',
    },
    removalDueOn: { ...nullable(DATE), description: 'That last working day (Beijing date, official holiday calendar)' },
    removedLate: { type: 'boolean' },
    decidingAuthority: DIVISION,
    ruleVersion: { type: 'string', description: 'Credit rule set id@version the listing applied' },
  },
  'One entry on a list, with reasons and dates; no evidence references, no personal data.',
);

export const PUBLIC_PROFILE_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'urn:sop:credit:public-profile:v1',
  title: 'Public credit profile of a social organization',
  description:
    'Registration facts, the abnormal-activity list (活动异常名录) and the serious illegal and dishonest list (严重违法失信名单), penalties, evaluation grades, government purchases undertaken and the credit information on record (MCA Order 60). Contains no personal data. Money in integer fen (1 yuan = 100 fen); instants in UTC, civil dates (YYYY-MM-DD) in Beijing time (UTC+8).',
  ...obj({
    uscc: USCC,
    name: { type: 'string' },
    form: { enum: [...ORGANIZATION_FORMS] },
    category: { enum: [...ORGANIZATION_CATEGORIES] },
    registeringAuthority: DIVISION,
    domicile: { type: 'string' },
    nameEffectiveFrom: { ...nullable(INSTANT), description: 'Effective date of the change registration that set the name (null: as registered)' },
    domicileEffectiveFrom: nullable(INSTANT),
    registrationStatus: { enum: ['REGISTERED', 'REVOKED', 'DEREGISTERED'] },
    registeredAt: INSTANT,
    asOf: { ...nullable(INSTANT), description: 'The instant the profile describes (null: now)' },
    lists: obj({ abnormalActivity: { type: 'array', items: listEntry }, seriousIllegalDishonest: { type: 'array', items: listEntry } }),
    onAbnormalList: { type: 'boolean' },
    onSeriousList: { type: 'boolean' },
    jointMeasures: { type: 'array', items: { enum: [...JOINT_MEASURES] }, description: 'Joint measures in force (regulations §5.3)' },
    penalties: {
      type: 'array',
      items: obj({
        kind: { enum: [...PENALTY_KINDS] },
        amountFen: nullable({ type: 'integer', minimum: 1 }),
        suspendedUntil: nullable(INSTANT),
        decidedAt: INSTANT,
        decidingBody: { type: 'string' },
        basis: { type: 'string' },
      }),
    },
    grades: {
      type: 'array',
      description: 'Evaluation grades (regulations §6), newest first, with their status at the instant',
      items: obj({
        gradeId: { type: 'string', format: 'uuid' },
        grade: { ...nullable({ enum: [...EVALUATION_GRADES] }), description: 'The grade now (after any lowering); null once cancelled' },
        awardedGrade: { enum: [...EVALUATION_GRADES] },
        status: { enum: ['ANNOUNCED', 'IN_FORCE', 'EXPIRED', 'SUPERSEDED', 'CANCELLED'] },
        evaluatingAuthority: DIVISION,
        announcedAt: INSTANT,
        validFrom: DATE,
        validUntil: DATE,
        adjustments: {
          type: 'array',
          items: obj({
            previousGrade: { enum: [...EVALUATION_GRADES] },
            newGrade: nullable({ enum: [...EVALUATION_GRADES] }),
            reason: { enum: [...GRADE_ADJUSTMENT_REASONS] },
            effectiveAt: INSTANT,
            ruleVersion: { type: 'string' },
          }),
        },
        ruleVersion: { type: 'string' },
      }),
    },
    governmentPurchases: {
      type: 'array',
      description: 'Purchase-of-services contracts undertaken (publicly announced, Order 102 Art. 23) and their assessments',
      items: obj({
        contractId: { type: 'string', format: 'uuid' },
        purchaser: { type: 'string' },
        title: { type: 'string' },
        method: { enum: [...PURCHASE_METHODS] },
        valueFen: { type: 'integer', minimum: 1 },
        termStart: DATE,
        termEnd: DATE,
        signedAt: INSTANT,
        assessments: {
          type: 'array',
          items: obj({ outcome: { enum: [...PERFORMANCE_OUTCOMES] }, score: { type: 'integer', minimum: 0, maximum: 100 }, breach: { type: 'boolean' }, assessedAt: INSTANT, ruleVersion: { type: 'string' } }),
        },
        acceptances: {
          type: 'array',
          description: 'Milestone acceptances by the purchaser: passed or failed, score, band (rule data of the purchasing rule version)',
          items: obj({
            sequence: { type: 'integer', minimum: 1 },
            attempt: { type: 'integer', minimum: 1 },
            passed: { type: 'boolean' },
            score: { type: 'integer', minimum: 0, maximum: 100 },
            band: { enum: [...PERFORMANCE_OUTCOMES] },
            acceptedAt: INSTANT,
            ruleVersion: { type: 'string' },
          }),
        },
        termination: nullable(obj({ terminatedAt: INSTANT, paidFen: { type: 'integer', minimum: 0 }, unpaidFen: { type: 'integer', minimum: 0 }, reasonCount: { type: 'integer', minimum: 1 } })),
      }),
    },
    information: {
      type: 'array',
      description: 'Credit information on record (Order 60 Art. 6-7 categories) with its 5-working-day capture deadline',
      items: obj({
        category: { enum: ['BASIC', 'ANNUAL_REPORT', 'INSPECTION', 'PENALTY', 'OTHER'] },
        factType: { type: 'string' },
        summary: { type: 'string' },
        occurredAt: INSTANT,
        recordedAt: INSTANT,
        captureDeadline: { ...INSTANT, description: 'The instant the 5 working days run out: 24:00 Beijing time of the last working day' },
        captureDueOn: { ...DATE, description: 'That last working day (Beijing date, official holiday calendar)' },
        capturedLate: { type: 'boolean', description: 'recorded at or after captureDeadline' },
      }),
    },
  }, undefined, {
    knownAt: { ...INSTANT, description: 'Bitemporal read (GET /profiles/{uscc}?knownAt=): only what had been recorded by this instant; absent otherwise' },
  }),
} as const;
