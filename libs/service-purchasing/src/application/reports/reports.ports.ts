/** A contract signed in a period as the share report reads it (procurement contracts with their notice's catalogue item). */
export interface SignedContractRow {
  id: string;
  supplierUscc: string;
  valueFen: number;
  purchaserJurisdiction: string | null;
  signedAt: Date;
  procurementId: string | null;
  /** Stand-alone contracts: the purchaser's declaration; null when not declared. */
  publicService: boolean | null;
  /** Procurement contracts: the notice's catalogue item and the catalogue version it was checked against. */
  catalogue: { itemCode: string; version: string } | null;
}

/** Read port of the reports (a snapshot read, no transaction needed). */
export abstract class ReportStore {
  abstract contractsSignedBetween(from: Date, before: Date): Promise<SignedContractRow[]>;
}
