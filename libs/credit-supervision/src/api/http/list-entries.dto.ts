import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { USCC_FORMAT } from '@sop/util';
import { ABNORMAL_REASONS, LIST_KINDS, SERIOUS_REASONS, type ListKind } from '../../domain/credit-rules';

/** Request bodies of the officers' list-entry endpoints (triggers, rectification, deregistration). */

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
