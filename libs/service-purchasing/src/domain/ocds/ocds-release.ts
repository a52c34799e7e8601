import { validateUscc } from '@sop/util';
import { cny } from './ocds-money';
import { ocdsDate, ocdsEndOfDay, ocdsStartOfDay, notAfter } from './ocds-dates';
import { ORGAN_UNIT_SCHEME, USCC_SCHEME, type PartyRole, type ReleaseTag } from './ocds-codelists';
import { METHOD_MAPPING, type ProcurementSnapshot, type SnapshotContract, type SnapshotSupplier } from './procurement-snapshot';

/** The lifecycle steps that publish a release; each is also the release's tag. */
export const LIFECYCLE_STEPS = [
  'planning',
  'tender',
  'tenderAmendment',
  'tenderCancellation',
  'award',
  'contract',
  'implementation',
  'contractTermination',
] as const satisfies readonly ReleaseTag[];
export type LifecycleStep = (typeof LIFECYCLE_STEPS)[number];

/** The event a release reports: its id becomes the release id, its instant the release date. */
export interface LifecycleEvent {
  step: LifecycleStep;
  eventId: string;
  /** ISO 8601 instant of the event. */
  at: string;
}

/** An OCDS release as built here: plain data, amounts as CnyAmount (write it with `ocdsJson`). */
export interface OcdsRelease {
  ocid: string;
  id: string;
  date: string;
  tag: ReleaseTag[];
  initiationType: 'tender';
  [section: string]: unknown;
}

type Ref = { id: string; name: string };

const reached = (step: LifecycleStep, stage: LifecycleStep) => LIFECYCLE_STEPS.indexOf(step) >= LIFECYCLE_STEPS.indexOf(stage);

/**
 * The release one lifecycle event publishes, with what the snapshot knew at the event's instant: amendments,
 * acceptances and payments dated after it are left out, so rebuilding an old release later gives the same release.
 *
 * Bids: before the award a release says nothing about them — not even how many arrived, which would tell bidders
 * how much competition they face while bids can still be submitted or withdrawn. From the award on, the tender says
 * `numberOfTenderers`, the one bid figure core OCDS 1.1 has; bid values, bidder names and scores would need the bids
 * extension, and the law publishes only the winner (and losing bids are the bidders' commercial information), so
 * none of them is published.
 */
export function releaseFor(event: LifecycleEvent, snapshot: ProcurementSnapshot): OcdsRelease {
  if (!LIFECYCLE_STEPS.includes(event.step)) throw new RangeError(`event.step must be one of ${LIFECYCLE_STEPS.join(', ')}`);
  if (!/^[^#]+$/.test(event.eventId)) throw new RangeError('event.eventId must be non-empty and must not contain # (OCDS release id)');
  const { step, at } = event;
  const buyer = buyerParty(snapshot);
  const suppliers = reached(step, 'award') ? required(snapshot.award, 'award', step).suppliers.map(supplierParty) : [];
  const contract = reached(step, 'contract') ? required(snapshot.contract, 'contract', step) : undefined;
  const payments = contract && reached(step, 'implementation') ? contract.payments.filter((p) => notAfter(p.paidAt, at)) : [];

  if (payments.length > 0) buyer.roles.push('payer');
  for (const s of suppliers) if (payments.some((p) => payeeOf(p.payeeUscc, snapshot) === s.identifier.id)) s.roles.push('payee');

  const release: OcdsRelease = {
    ocid: snapshot.ocid,
    id: event.eventId,
    date: ocdsDate(at),
    tag: [step],
    initiationType: 'tender',
    language: 'zh',
    parties: [buyer, ...suppliers],
    buyer: ref(buyer),
  };
  if (step === 'planning' || step === 'tender') release.planning = planning(snapshot);
  release.tender = tender(event, snapshot, ref(buyer));
  if (suppliers.length > 0) release.awards = [award(event, snapshot, suppliers.map(ref))];
  if (contract) release.contracts = [contractSection(event, snapshot, contract, ref(buyer), payments)];
  return release;
}

function required<T>(value: T | undefined, what: string, step: LifecycleStep): T {
  if (value === undefined) throw new RangeError(`a ${step} release needs the snapshot's ${what}`);
  return value;
}

function buyerParty(s: ProcurementSnapshot) {
  const additionalIdentifiers = s.buyer.uscc ? [{ scheme: USCC_SCHEME, id: checkedUscc(s.buyer.uscc, 'buyer.uscc') }] : undefined;
  return {
    id: `${ORGAN_UNIT_SCHEME}-${s.buyer.unitId}`,
    name: s.buyer.name,
    identifier: { scheme: ORGAN_UNIT_SCHEME, id: s.buyer.unitId, legalName: s.buyer.name },
    additionalIdentifiers,
    // The organ's jurisdiction, a GB/T 2260 division code: free party details in OCDS 1.1.
    details: { jurisdiction: s.buyer.jurisdiction },
    roles: ['buyer', 'procuringEntity'] as PartyRole[],
  };
}

function supplierParty(supplier: SnapshotSupplier) {
  const uscc = checkedUscc(supplier.uscc, 'award.suppliers[].uscc');
  return {
    id: `${USCC_SCHEME}-${uscc}`,
    name: supplier.name,
    identifier: { scheme: USCC_SCHEME, id: uscc, legalName: supplier.name },
    roles: ['supplier'] as PartyRole[],
  };
}

function checkedUscc(uscc: string, field: string): string {
  const check = validateUscc(uscc);
  if (!check.valid) throw new RangeError(`${field} is not a USCC: ${check.failedCheck} (${check.rule})`);
  return uscc;
}

/** The supplier a payment went to: the one named, else the first (a consortium's lead receives payments). */
function payeeOf(payeeUscc: string | undefined, s: ProcurementSnapshot): string {
  return payeeUscc ?? required(s.award, 'award', 'implementation').suppliers[0].uscc;
}

const ref = (party: { id: string; name: string }): Ref => ({ id: party.id, name: party.name });

function planning(s: ProcurementSnapshot) {
  return {
    rationale: s.description,
    budget: { id: s.budgetLine.id, description: s.budgetLine.description, amount: cny(s.estimatedFen) },
  };
}

function tender(event: LifecycleEvent, s: ProcurementSnapshot, procuringEntity: Ref) {
  const { step, at } = event;
  const mapping = METHOD_MAPPING[s.method];
  if (!mapping) throw new RangeError(`method ${s.method} is not a purchase method`);
  const section: Record<string, unknown> = {
    id: s.procurementId,
    title: s.title,
    description: s.description,
    status: tenderStatus(step),
    procuringEntity,
    items: [
      {
        id: '1',
        description: s.catalogueItem.name,
        // The guiding catalogue (Order 102 Art. 11) is the classification; its version names the list.
        classification: { scheme: s.catalogueItem.catalogueVersion, id: s.catalogueItem.code, description: s.catalogueItem.name },
      },
    ],
    value: cny(s.estimatedFen),
    procurementMethod: mapping.method,
    procurementMethodDetails: mapping.details,
    procurementMethodRationale: s.methodRationale,
    mainProcurementCategory: 'services',
  };
  if (step === 'planning') return section;

  const notice = required(s.notice, 'notice', step);
  const amendments = s.amendments.filter((a) => notAfter(a.amendedAt, at)).sort((a, b) => a.number - b.number);
  if (step === 'tenderAmendment' && amendments.length === 0) throw new RangeError('a tenderAmendment release needs an amendment dated at or before the event');
  const deadline = amendments.length > 0 ? amendments[amendments.length - 1].bidDeadline : notice.bidDeadline;
  section.tenderPeriod = { startDate: ocdsDate(notice.publishedAt), endDate: ocdsDate(deadline) };
  if (s.scoring) Object.assign(section, awardCriteria(s.scoring));
  section.eligibilityCriteria = s.qualificationRequirements;
  if (amendments.length > 0) {
    section.amendments = amendments.map((a) => ({
      id: String(a.number),
      date: ocdsDate(a.amendedAt),
      rationale: a.reasons.join('；'),
      description: `变更：${a.changed.map((field) => CHANGED_LABELS[field] ?? field).join('、')}`,
    }));
  }
  if (step === 'tenderCancellation') {
    const cancellation = required(s.cancellation, 'cancellation', step);
    section.documents = [
      { id: 'cancellation', documentType: 'cancellationDetails', title: '终止公告', description: cancellation.reasons.join('；'), datePublished: ocdsDate(cancellation.cancelledAt) },
    ];
  }
  if (reached(step, 'award')) section.numberOfTenderers = s.bids.count;
  return section;
}

/** What an amendment changed (the purchasing event's field names), in the notice's words. */
const CHANGED_LABELS: Record<string, string> = { bidDeadline: '投标截止时间', qualificationRequirements: '资格要求', scoring: '评分办法' };

function tenderStatus(step: LifecycleStep) {
  if (step === 'planning') return 'planning';
  if (step === 'tender' || step === 'tenderAmendment') return 'active';
  if (step === 'tenderCancellation') return 'cancelled';
  return 'complete';
}

/** 最低评标价法 is OCDS 1.1 'priceOnly'; 综合评分法 (price and quality weighted) is 'ratedCriteria'. */
function awardCriteria(scoring: NonNullable<ProcurementSnapshot['scoring']>) {
  const weights = `价格 ${scoring.priceWeightPercent}%，质量 ${scoring.qualityWeightPercent}%`;
  return {
    awardCriteria: scoring.priceWeightPercent === 100 ? 'priceOnly' : 'ratedCriteria',
    awardCriteriaDetails: scoring.criteria.length > 0 ? `${weights}；评分因素：${scoring.criteria.join('、')}` : weights,
  };
}

function award(event: LifecycleEvent, s: ProcurementSnapshot, suppliers: Ref[]) {
  const a = required(s.award, 'award', event.step);
  // Pending while the standstill period runs (OCDS: "not yet in force … cooling off period"), active after it.
  const pending = event.step === 'award' && a.standstillEndsAt !== undefined && !notAfter(a.standstillEndsAt, event.at);
  return {
    id: a.awardId,
    title: s.title,
    description: a.reasons,
    status: pending ? 'pending' : 'active',
    date: ocdsDate(a.awardedAt),
    value: cny(a.valueFen),
    suppliers,
  };
}

/**
 * OCDS 1.1 contract status: 'active' once signed (a contract is recorded here only when signed, so never 'pending' or
 * 'cancelled', which mean not yet / never signed); 'terminated' once it has come to a close — by early termination or,
 * as the codelist says, by "successful completion of the contract" (the last payment), as of the event.
 */
function contractStatus(event: LifecycleEvent, c: SnapshotContract): 'active' | 'terminated' {
  if (event.step === 'contractTermination') return 'terminated';
  return c.completedAt !== undefined && notAfter(c.completedAt, event.at) ? 'terminated' : 'active';
}

function contractSection(event: LifecycleEvent, s: ProcurementSnapshot, c: SnapshotContract, buyer: Ref, payments: SnapshotContract['payments']) {
  const { step, at } = event;
  const awardId = required(s.award, 'award', step).awardId;
  const supplierRef = (uscc: string | undefined): Ref => {
    const supplier = required(s.award, 'award', step).suppliers.find((x) => x.uscc === payeeOf(uscc, s));
    if (!supplier) throw new RangeError(`payment payee ${uscc} is not a supplier of the award`);
    return { id: `${USCC_SCHEME}-${supplier.uscc}`, name: supplier.name };
  };
  const section: Record<string, unknown> = {
    id: c.contractId,
    awardID: awardId,
    title: c.title,
    status: contractStatus(event, c),
    period: { startDate: ocdsStartOfDay(c.termStart), endDate: ocdsEndOfDay(c.termEnd) },
    value: cny(c.valueFen),
    dateSigned: ocdsDate(c.signedAt),
    implementation: {
      // One list per milestone id: scheduled at signing, met / not met once the purchaser's acceptance is dated.
      milestones: c.milestones.map((m) => {
        const accepted = m.acceptance && reached(step, 'implementation') && notAfter(m.acceptance.acceptedAt, at) ? m.acceptance : undefined;
        return {
          id: m.id,
          title: m.title,
          type: 'delivery',
          // OCDS 1.1 milestones have no value: the amount payable on acceptance is stated in the description.
          description: `交付物：${m.deliverables}；验收合格后支付 ${cny(m.amountFen).amount.decimal} 元`,
          dueDate: ocdsEndOfDay(m.dueDate),
          status: accepted ? (accepted.passed ? 'met' : 'notMet') : 'scheduled',
          dateMet: accepted?.passed ? ocdsDate(accepted.acceptedAt) : undefined,
          dateModified: accepted ? ocdsDate(accepted.acceptedAt) : undefined,
        };
      }),
      transactions: payments.map((p) => ({
        id: p.id,
        date: ocdsDate(p.paidAt),
        value: cny(p.amountFen),
        payer: buyer,
        payee: supplierRef(p.payeeUscc),
      })),
    },
  };
  if (step === 'contractTermination') {
    const termination = c.termination;
    if (!termination) throw new RangeError('a contractTermination release needs the snapshot contract.termination');
    section.documents = [
      // 'contractArrangements': "arrangements for ending the contract" (OCDS 1.1 documentType); it carries the reasons.
      { id: 'termination', documentType: 'contractArrangements', title: '合同终止', description: termination.reasons.join('；'), datePublished: ocdsDate(termination.terminatedAt) },
    ];
  }
  return section;
}
