import type { PURCHASE_METHODS } from '@sop/contracts';
import type { ProcurementMethod } from './ocds-codelists';

export type PurchaseMethod = (typeof PURCHASE_METHODS)[number];

/**
 * A contracting process as service purchasing knows it, the one input of the OCDS builders. The service fills it
 * from its own records; nothing here is read from a request. Money in integer fen; instants ISO 8601 with offset
 * (as in the purchasing events); civil dates `YYYY-MM-DD` are Beijing dates.
 *
 * Bids enter only as a count: their content never reaches this type, so no builder can publish it.
 */
export interface ProcurementSnapshot {
  /** `ocds-<prefix>-<procurement id>`: the contracting process. */
  ocid: string;
  procurementId: string;
  title: string;
  description?: string;
  /** The purchasing organ: buyer and procuring entity (Order 102 Art. 5: a state organ buys for itself). */
  buyer: { unitId: string; name: string; jurisdiction: string; uscc?: string };
  method: PurchaseMethod;
  /** Why this method: required by law for single source (GPL Art. 31), published for every non-open method. */
  methodRationale?: string;
  budgetLine: { id: string; description: string };
  catalogueItem: { code: string; name: string; catalogueVersion: string };
  /** The estimate committed against the budget line. */
  estimatedFen: number;
  scoring?: { priceWeightPercent: number; qualityWeightPercent: number; criteria: string[] };
  qualificationRequirements?: string;
  /** When the procurement was planned (the planning release). */
  plannedAt: string;
  notice?: { publishedAt: string; bidDeadline: string };
  amendments: SnapshotAmendment[];
  cancellation?: { cancelledAt: string; reasons: string[] };
  /** Bids received by the deadline (replacements and withdrawals already counted out). Published only from the award. */
  bids: { count: number };
  award?: SnapshotAward;
  contract?: SnapshotContract;
}

export interface SnapshotAmendment {
  /** 1 for the first amendment. */
  number: number;
  amendedAt: string;
  changed: string[];
  reasons: string[];
  bidDeadline: string;
}

export interface SnapshotSupplier {
  uscc: string;
  name: string;
}

export interface SnapshotAward {
  awardId: string;
  awardedAt: string;
  valueFen: number;
  suppliers: SnapshotSupplier[];
  reasons?: string;
  /** End of the standstill (challenge) period: the award is pending until then. */
  standstillEndsAt?: string;
}

export interface SnapshotMilestone {
  id: string;
  title: string;
  deliverables: string;
  amountFen: number;
  /** Beijing date the milestone is due. */
  dueDate: string;
  /** The purchaser's acceptance (Order 102: acceptance before payment). */
  acceptance?: { acceptedAt: string; passed: boolean };
}

export interface SnapshotPayment {
  id: string;
  milestoneId: string;
  paidAt: string;
  amountFen: number;
  /** The supplier paid; absent: the award's first supplier (a consortium's lead receives the payments). */
  payeeUscc?: string;
}

export interface SnapshotContract {
  contractId: string;
  title: string;
  signedAt: string;
  valueFen: number;
  /** Term, Beijing dates, inclusive. */
  termStart: string;
  termEnd: string;
  milestones: SnapshotMilestone[];
  payments: SnapshotPayment[];
  termination?: { terminatedAt: string; reasons: string[] };
  /** When the last outstanding payment completed the contract (its obligations performed and paid). */
  completedAt?: string;
}

/**
 * The OCDS procurementMethod of each purchase method, and the Chinese name published as procurementMethodDetails.
 * OCDS 1.1 (method codelist, after the WTO GPA): open = any interested supplier may bid; selective = only suppliers
 * the entity qualified or invited; limited = the entity contacts suppliers of its choice; direct = one supplier,
 * no competition.
 */
export const METHOD_MAPPING: Record<PurchaseMethod, { method: ProcurementMethod; details: string }> = {
  // 公开招标: a public notice, anyone who qualifies bids (GPL Art. 29 ff.).
  OPEN_TENDERING: { method: 'open', details: '公开招标' },
  // 邀请招标: at least three qualified suppliers are invited (GPL Art. 29): the GPA's selective tendering.
  INVITATIONAL_TENDERING: { method: 'selective', details: '邀请招标' },
  // 竞争性谈判 / 竞争性磋商 / 询价: the purchaser invites at least three suppliers it selects and negotiates or asks
  // for quotes; no open call to bid: the GPA's limited tendering.
  COMPETITIVE_NEGOTIATION: { method: 'limited', details: '竞争性谈判' },
  COMPETITIVE_CONSULTATION: { method: 'limited', details: '竞争性磋商' },
  REQUEST_FOR_QUOTATIONS: { method: 'limited', details: '询价' },
  // 单一来源: one supplier without competition (GPL Art. 31), OCDS 1.1 'direct'.
  SINGLE_SOURCE: { method: 'direct', details: '单一来源采购' },
  // 框架协议采购: suppliers enter the agreement through a public solicitation (MOF Order 110), so the process
  // that OCDS describes (the solicitation) is open.
  FRAMEWORK_AGREEMENT: { method: 'open', details: '框架协议采购' },
};
