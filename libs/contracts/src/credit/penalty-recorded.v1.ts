import { IsIn, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import type { EventContractDefinition } from '../shared/contract-types';
import { USCC_FORMAT } from '@sop/util';

export const CREDIT_PENALTY_KINDS = ['WARNING', 'FINE', 'SUSPENSION', 'REVOCATION'] as const;

/** An administrative penalty was recorded (Order 60 penalty information). Money in integer fen. Key: the USCC. */
export class PenaltyRecordedV1 {
  @IsUUID() penaltyId: string;
  @Matches(USCC_FORMAT) uscc: string;
  @IsIn(CREDIT_PENALTY_KINDS) kind: (typeof CREDIT_PENALTY_KINDS)[number];
  @IsOptional() @IsInt() @Min(1) amountFen?: number;
  @IsOptional() @IsISO8601({ strict: true }) suspendedUntil?: string;
  @IsISO8601({ strict: true }) decidedAt: string;
  @IsString() @IsNotEmpty() @MaxLength(200) decidingBody: string;
  @IsString() @IsNotEmpty() @MaxLength(500) basis: string;
  @IsISO8601({ strict: true }) recordedAt: string;
  /**
   * End of the 5-working-day capture window (regulations §5), an instant in UTC: 24:00 Beijing time (UTC+8) of the
   * 5th working day (official holiday calendar) after the Beijing date of `decidedAt`; recorded at or after it is late.
   */
  @IsISO8601({ strict: true }) captureDeadline: string;
  /** Optional: that last working day, a Beijing civil date (YYYY-MM-DD). */
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) captureDueOn?: string;
}

export const PenaltyRecorded: EventContractDefinition<PenaltyRecordedV1> = {
  type: 'credit.penalty.recorded',
  topic: 'credit.penalty.v1',
  version: 1,
  payload: PenaltyRecordedV1,
  description: 'A penalty (warning, fine, time-limited suspension, revocation) was entered in the credit record.',
};
