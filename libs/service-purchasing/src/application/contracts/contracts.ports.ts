import type { Tx } from '@sop/messaging';
import type { ContractStatus } from '../../domain/performance-assessment';
import type { PurchaseMethod } from '../../domain/purchasing-rules';

export interface Contract {
  id: string;
  supplierUscc: string;
  purchaser: string;
  title: string;
  method: PurchaseMethod;
  valueFen: number;
  termStart: string;
  termEnd: string;
  multiYear: boolean;
  budgetAssured: boolean;
  stableService: boolean;
  signedAt: Date;
  status: ContractStatus;
  ruleVersion: string;
  /** The signing principal's subject; with the two below, the purchaser binding (domain/purchaser-binding.ts). */
  recordedBy: string;
  /** The registered organ that signed (the principal's claim unit_id); null for rows signed before the organ registry without a unit. */
  purchaserUnitId: string | null;
  /** The signing organ's jurisdiction (before the registry: the signer's); null only for rows recorded before the binding. */
  purchaserJurisdiction: string | null;
  /** The version of the organ's registration in force at signing; null before the organ registry. */
  purchaserOrganVersion: number | null;
  recordedAt: Date;
  eventId: string;
  /** The creating request's Idempotency-Key (unique per recordedBy) and the SHA-256 of its body; null without one. */
  idempotencyKey: string | null;
  requestHash: string | null;
  /** NOT_EVALUATED: a supplier outside civil-affairs registration, eligibility attested by the purchaser; absent/null: evaluated. */
  supplierEligibility?: string | null;
  /** Stand-alone contracts: declared a public service (true) or not (false); absent/null: not declared. */
  publicService?: boolean | null;
}

/** Persistence port of contracts. Calls with a Tx run in the caller's transaction; `null` reads outside one. */
export abstract class ContractStore {
  abstract insertContract(tx: Tx, contract: Contract): Promise<void>;
  abstract contract(tx: Tx | null, id: string): Promise<Contract | null>;
  abstract contractByIdempotencyKey(tx: Tx | null, idempotencyKey: string, recordedBy: string): Promise<Contract | null>;
}
