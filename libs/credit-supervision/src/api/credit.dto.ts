import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ABNORMAL_REASONS, LIST_KINDS, SERIOUS_REASONS, type ListKind } from '../domain/credit-rules';
import { PENALTY_KINDS, type PenaltyKind } from '../domain/penalty';
import { USCC_FORMAT } from '@sop/util';


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
  @IsOptional() @IsISO8601({ strict: true })
  suspendedUntil?: string;

  @ApiProperty({ description: 'when the decision took effect (UTC)' })
  @IsISO8601({ strict: true })
  decidedAt: string;

  @ApiProperty({ example: '北京市海淀区民政局' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  decidingBody: string;

  @ApiProperty({ example: '社会团体登记管理条例 第三十条' })
  @IsString() @IsNotEmpty() @MaxLength(500)
  basis: string;
}

export class RecordInspectionRequest {
  @ApiProperty() @Matches(USCC_FORMAT, { message: 'uscc must be an 18-character USCC' }) uscc: string;
  @ApiProperty({ description: 'inspection date (UTC); information is due within 5 working days (regulations §5)' }) @IsISO8601({ strict: true }) inspectedAt: string;
  @ApiProperty({ description: 'the public inspection conclusion (no personal data)' }) @IsString() @IsNotEmpty() @MaxLength(4000) conclusion: string;
}

export class IssueRectificationNoticeRequest {
  @ApiProperty() @Matches(USCC_FORMAT, { message: 'uscc must be an 18-character USCC' }) uscc: string;
  @ApiProperty({ description: 'inspection date (UTC)' }) @IsISO8601({ strict: true }) inspectedAt: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(4000) findings: string;
  @ApiProperty({ description: 'rectification deadline (UTC); not met → abnormal list, regulations §5.1 (3)' }) @IsISO8601({ strict: true }) deadline: string;
}

export class UnsignedLetterDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100) reference: string;
  @ApiProperty() @IsISO8601({ strict: true }) mailedAt: string;
}

export class RecordListTriggerRequest {
  @ApiProperty() @Matches(USCC_FORMAT, { message: 'uscc must be an 18-character USCC' }) uscc: string;
  @ApiProperty({ enum: LIST_KINDS }) @IsIn(LIST_KINDS) list: ListKind;
  @ApiProperty({ enum: [...new Set([...ABNORMAL_REASONS, ...SERIOUS_REASONS])], description: 'officer-entered triggers only; derived ones are refused' })
  @IsIn([...ABNORMAL_REASONS, ...SERIOUS_REASONS])
  reason: string;
  @ApiProperty({ type: [String], description: 'document / event references' })
  @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(100, { each: true })
  evidence: string[];
  @ApiProperty() @IsISO8601({ strict: true }) occurredAt: string;
  @ApiPropertyOptional({ type: [UnsignedLetterDto], description: 'UNREACHABLE_AT_DOMICILE: the two unsigned special letters (§5.1)' })
  @IsOptional() @IsArray() @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => UnsignedLetterDto)
  unsignedLetters?: UnsignedLetterDto[];
}

export class VerifyRectificationRequest {
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(100, { each: true }) evidence: string[];
  @ApiPropertyOptional({ description: 'abnormal list: when the organization applied for removal; removal is due within 5 working days (§5.1)' })
  @IsOptional() @IsISO8601({ strict: true })
  removalAppliedAt?: string;
}

export class RecordDeregistrationRequest {
  @ApiProperty() @IsISO8601({ strict: true }) deregisteredAt: string;
}

export class FileObjectionRequest {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(4000) grounds: string;
}

export class DecideObjectionRequest {
  @ApiProperty() @IsBoolean() upheld: boolean;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(4000) reason: string;
}

export class ProfileQueryParams {
  @ApiPropertyOptional({ description: 'answer as of this instant (UTC)' }) @IsOptional() @IsISO8601({ strict: true }) asOf?: string;
}

export class SearchQueryParams {
  @ApiProperty({ description: 'USCC or part of the name' }) @IsString() @IsNotEmpty() @MaxLength(200) q: string;
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
  @ApiPropertyOptional() @IsOptional() @Matches(USCC_FORMAT) cursor?: string;
}
