import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { EXEMPTION_CERTIFIERS, type ExemptionCertifier } from '../../domain/unreachable-at-domicile';
import { IsCivilDate, IsInstant, USCC_FORMAT } from '@sop/util';
import { ABNORMAL_REASONS, LIST_KINDS, SERIOUS_REASONS, type ListKind } from '../../domain/credit-rules';

/** Request bodies of the officers' list-entry endpoints (triggers, rectification, deregistration). */

export class UnsignedLetterDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100) reference: string;
  @ApiProperty({ example: '2026-09-01', description: 'the Beijing date the special letter was mailed (YYYY-MM-DD); two letters 20–60 days apart (§5.1 (6), 2017 draft)' })
  @IsCivilDate()
  mailedOn: string;
}

export class UnreachableExemptionDto {
  @ApiProperty({ enum: EXEMPTION_CERTIFIERS }) @IsIn(EXEMPTION_CERTIFIERS) certifiedBy: ExemptionCertifier;
  @ApiProperty({ description: 'reference of the written certification' }) @IsString() @IsNotEmpty() @MaxLength(100) reference: string;
  @ApiProperty({ example: '2026-10-20', description: 'the Beijing date of the certification (YYYY-MM-DD)' }) @IsCivilDate() certifiedOn: string;
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
  @ApiProperty() @IsInstant() occurredAt: string;
  @ApiPropertyOptional({ type: [UnsignedLetterDto], description: 'UNREACHABLE_AT_DOMICILE: the two unsigned special letters (§5.1)' })
  @IsOptional() @IsArray() @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => UnsignedLetterDto)
  unsignedLetters?: UnsignedLetterDto[];
  @ApiPropertyOptional({
    type: UnreachableExemptionDto,
    description: 'UNREACHABLE_AT_DOMICILE: the supervising or guidance unit certifies the organization is not directly responsible; the trigger is refused (422 CREDIT.UNREACHABLE_EXEMPTED) and the certification recorded (§5.1 (6), 2017 draft Art. 12)',
  })
  @IsOptional() @ValidateNested() @Type(() => UnreachableExemptionDto)
  exemption?: UnreachableExemptionDto;
}

export class VerifyRectificationRequest {
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(100, { each: true }) evidence: string[];
  @ApiPropertyOptional({ description: 'abnormal list: when the organization applied for removal (ISO 8601 with an offset); the entry is removed, due within 5 working days of the verification (§5.1)' })
  @IsOptional() @IsInstant()
  removalAppliedAt?: string;
  @ApiPropertyOptional({ description: 'when the rectification was verified (ISO 8601 with an offset; default: now); the 5 working days of §5.1 run from its Beijing date' })
  @IsOptional() @IsInstant()
  verifiedAt?: string;
}

export class RecordDeregistrationRequest {
  @ApiProperty() @IsInstant() deregisteredAt: string;
}
