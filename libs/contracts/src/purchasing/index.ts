import type { EventContractDefinition } from '../shared/contract-types';
import { ContractPerformanceAssessed, ContractSigned } from './contract-events.v1';
import { FUNCTION_TRANSFER_CONTRACTS } from './function-transfer-events.v1';
import { PURCHASE_MODE_CONTRACTS } from './purchase-modes-events.v1';
import { VENTURE_PHILANTHROPY_CONTRACTS } from './venture-philanthropy-events.v1';
import { ContractFlagged, ContractTerminated, MilestoneAccepted, PaymentDecided, PaymentMade } from './contract-performance-events.v1';
import { PurchasingOrganChanged, PurchasingOrganRegistered } from './organ-events.v1';
import { BidsScored, EligibilityEvaluated, ProcurementAwarded } from './award-events.v1';
import { BidReceived, BidWithdrawn, ProcurementAmended, ProcurementCancelled, ProcurementNoticePublished } from './procurement-events.v1';

export * from './award-events.v1';
export * from './contract-events.v1';
export * from './function-transfer-events.v1';
export * from './contract-performance-events.v1';
export * from './organ-events.v1';
export * from './procurement-events.v1';
export * from './purchase-modes-events.v1';
export * from './venture-philanthropy-events.v1';

/** Event types the service-purchasing service publishes. */
export const PURCHASING_CONTRACTS: EventContractDefinition[] = [ContractSigned, ContractPerformanceAssessed, PurchasingOrganRegistered, PurchasingOrganChanged, ProcurementNoticePublished, ProcurementAmended, ProcurementCancelled, BidReceived, BidWithdrawn, EligibilityEvaluated, BidsScored, ProcurementAwarded, MilestoneAccepted, PaymentMade, ContractFlagged, PaymentDecided, ContractTerminated, ...FUNCTION_TRANSFER_CONTRACTS, ...VENTURE_PHILANTHROPY_CONTRACTS, ...PURCHASE_MODE_CONTRACTS];

/** Purchasing's topics, with explicit partition counts. */
export const PURCHASING_TOPICS: { topic: string; partitions: number }[] = [
  { topic: 'purchasing.contract.v1', partitions: 3 },
  { topic: 'purchasing.organ.v1', partitions: 3 },
  { topic: 'purchasing.procurement.v1', partitions: 3 },
  { topic: 'purchasing.function-transfer.v1', partitions: 3 },
  { topic: 'purchasing.venture-philanthropy.v1', partitions: 3 },
  { topic: 'purchasing.purchase-modes.v1', partitions: 3 },
];
