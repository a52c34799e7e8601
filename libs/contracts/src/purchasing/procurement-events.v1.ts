import { ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNotEmpty, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import type { EventContractDefinition } from '../shared/contract-types';
import { USCC_FORMAT } from '@sop/util';
import { PURCHASE_METHODS } from './contract-events.v1';
import { ORGAN_UNIT_ID_FORMAT } from './organ-events.v1';

/** An OCDS contracting-process identifier: `ocds-<prefix>-<uuid>` (the prefix is the publisher's, PURCHASING_OCDS_PREFIX). */
export const OCID_FORMAT = /^ocds-[a-z0-9]{6}-[0-9a-f-]{36}$/;

/** A catalogue item code (guiding catalogue and negative list, Order 102 Art. 10–11). */
export const CATALOGUE_ITEM_CODE_FORMAT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

const TOPIC = 'purchasing.procurement.v1';

/**
 * A purchasing organ published a procurement notice (Order 102 Art. 2: government-procurement methods and
 * procedures). Notices are public information; the key is the procurement id. Money in integer fen; instants ISO
 * 8601 in UTC. The qualification requirements and the scoring method are in the notice (read it over HTTP); the
 * event names what the next steps key on.
 */
export class ProcurementNoticePublishedV1 {
  @IsUUID() procurementId: string;
  @Matches(OCID_FORMAT) ocid: string;
  @Matches(ORGAN_UNIT_ID_FORMAT) organUnitId: string;
  @Matches(/^\d{6}$/) organJurisdiction: string;
  @IsUUID() budgetLineId: string;
  @IsString() @IsNotEmpty() @MaxLength(300) title: string;
  @IsIn(PURCHASE_METHODS) method: (typeof PURCHASE_METHODS)[number];
  @Matches(CATALOGUE_ITEM_CODE_FORMAT) catalogueItemCode: string;
  /** `catalogue/<jurisdiction>@v<version>`: the guiding catalogue in force for the organ when the notice was published. */
  @IsString() @IsNotEmpty() @MaxLength(100) catalogueVersion: string;
  /** Committed against the budget line with the notice. */
  @IsInt() @Min(1) estimatedFen: number;
  @IsISO8601({ strict: true }) bidDeadline: string;
  /** The minimum period from the notice to the deadline the method's rule data required (days). */
  @IsInt() @Min(0) minimumPeriodDays: number;
  @IsISO8601({ strict: true }) publishedAt: string;
}

export const ProcurementNoticePublished: EventContractDefinition<ProcurementNoticePublishedV1> = {
  type: 'purchasing.procurement.notice-published',
  topic: TOPIC,
  version: 1,
  payload: ProcurementNoticePublishedV1,
  description: 'A procurement notice for a purchase of services was published (method, catalogue item, budget commitment, bid deadline).',
};

/** A published notice was amended (deadline, qualification requirements or scoring), with reasons. */
export class ProcurementAmendedV1 {
  @IsUUID() procurementId: string;
  @Matches(OCID_FORMAT) ocid: string;
  /** 1 for the first amendment. */
  @IsInt() @Min(1) amendment: number;
  /** What changed: bidDeadline, qualificationRequirements, scoring. */
  @IsArray() @ArrayMinSize(1) @IsString({ each: true }) changed: string[];
  /** A change of requirements or scoring: the minimum period runs again from the amendment. */
  @IsBoolean() material: boolean;
  @IsArray() @ArrayMinSize(1) @IsString({ each: true }) @IsNotEmpty({ each: true }) reasons: string[];
  @IsISO8601({ strict: true }) previousBidDeadline: string;
  @IsISO8601({ strict: true }) bidDeadline: string;
  @IsISO8601({ strict: true }) amendedAt: string;
}

export const ProcurementAmended: EventContractDefinition<ProcurementAmendedV1> = {
  type: 'purchasing.procurement.amended',
  topic: TOPIC,
  version: 1,
  payload: ProcurementAmendedV1,
  description: 'A procurement notice was amended (bid deadline, qualification requirements or scoring method), with reasons.',
};

/** A procurement was cancelled with reasons; its commitment went back to the budget line. */
export class ProcurementCancelledV1 {
  @IsUUID() procurementId: string;
  @Matches(OCID_FORMAT) ocid: string;
  @IsArray() @ArrayMinSize(1) @IsString({ each: true }) @IsNotEmpty({ each: true }) reasons: string[];
  @IsUUID() budgetLineId: string;
  @IsInt() @Min(0) releasedFen: number;
  @IsISO8601({ strict: true }) cancelledAt: string;
}

export const ProcurementCancelled: EventContractDefinition<ProcurementCancelledV1> = {
  type: 'purchasing.procurement.cancelled',
  topic: TOPIC,
  version: 1,
  payload: ProcurementCancelledV1,
  description: 'A procurement was cancelled with reasons; the amount it committed is released to its budget line.',
};

/**
 * A sealed bid was received (or replaced) before the deadline. It carries no content: only that a bid arrived, from
 * which organization, when — the content stays sealed until the deadline.
 */
export class BidReceivedV1 {
  @IsUUID() procurementId: string;
  @Matches(OCID_FORMAT) ocid: string;
  @IsUUID() bidId: string;
  @Matches(USCC_FORMAT) bidderUscc: string;
  /** 1 for the first submission, higher for each replacement. */
  @IsInt() @Min(1) submission: number;
  @IsISO8601({ strict: true }) receivedAt: string;
}

export const BidReceived: EventContractDefinition<BidReceivedV1> = {
  type: 'purchasing.procurement.bid-received',
  topic: TOPIC,
  version: 1,
  payload: BidReceivedV1,
  description: 'A sealed bid was received or replaced before the deadline (no content: bidder and time only).',
};

/** A bidder withdrew its bid before the deadline. */
export class BidWithdrawnV1 {
  @IsUUID() procurementId: string;
  @Matches(OCID_FORMAT) ocid: string;
  @IsUUID() bidId: string;
  @Matches(USCC_FORMAT) bidderUscc: string;
  @IsISO8601({ strict: true }) withdrawnAt: string;
}

export const BidWithdrawn: EventContractDefinition<BidWithdrawnV1> = {
  type: 'purchasing.procurement.bid-withdrawn',
  topic: TOPIC,
  version: 1,
  payload: BidWithdrawnV1,
  description: 'A bidder withdrew its sealed bid before the deadline.',
};

