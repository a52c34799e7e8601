import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsInstant, USCC_FORMAT } from '@sop/util';
import { PENALTY_KINDS, type PenaltyKind } from '../../domain/penalty';

/** Request bodies of the penalties endpoint (money in integer fen). */

export class RecordPenaltyRequest {
  @ApiProperty({ example: '52110108MJ0000018M' })
  @Matches(USCC_FORMAT, { message: 'uscc must be an 18-character USCC' })
  uscc: string;

  @ApiProperty({ enum: PENALTY_KINDS })
  @IsIn(PENALTY_KINDS)
  kind: PenaltyKind;

  @ApiPropertyOptional({ example: 1_000_000, description: 'FINE only: integer fen (分); RMB 50,000 = 5,000,000 fen is the serious-list threshold (regulations §5.2)' })
  @IsOptional() @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER)
  amountFen?: number;

  @ApiPropertyOptional({ description: 'SUSPENSION only: end of the time-limited suspension (UTC)' })
  @IsOptional() @IsInstant()
  suspendedUntil?: string;

  @ApiProperty({ description: 'when the decision took effect (UTC)' })
  @IsInstant()
  decidedAt: string;

  @ApiProperty({ example: '北京市海淀区民政局' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  decidingBody: string;

  @ApiProperty({ example: '社会团体登记管理条例 第三十条' })
  @IsString() @IsNotEmpty() @MaxLength(500)
  basis: string;
}
