import type { Tx } from '@sop/messaging';

/** The credit joint measures in force for an organization (regulations §5.3), as the last JointMeasuresChanged set them. */
export interface CreditMeasuresRecord {
  uscc: string;
  lists: string[];
  measures: string[];
  effectiveFrom: Date;
  ruleVersion: string;
  lastEventId: string;
  receivedAt: Date;
}

/** One measure set per organization, replaced as a whole. Calls with a Tx run in the caller's transaction; `null` reads outside one. */
export abstract class CreditMeasuresStore {
  abstract creditMeasures(tx: Tx | null, uscc: string): Promise<CreditMeasuresRecord | null>;
  abstract saveCreditMeasures(tx: Tx, record: CreditMeasuresRecord): Promise<void>;
}
