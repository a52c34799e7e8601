import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PURCHASE_METHODS } from '@sop/contracts';
import type { PurchaseMethod } from '../../domain/purchasing-rules';
import { IsInstant, USCC_FORMAT } from '@sop/util';
import { MilestoneDto } from './milestone.dto';

/** The shape of a civil date; whether it is a real day (parseCivilDate) is the domain's 400 PURCHASING.TERM_INVALID. */
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class MultiYearDeclarationDto {
  @ApiProperty({ description: 'budget assurance for every year of the term (Order 102 Art. 24)' })
  @IsBoolean()
  budgetAssured: boolean;

  @ApiProperty({ description: 'a stable, continuous service with steady funding and little price change (Order 102 Art. 24)' })
  @IsBoolean()
  stableService: boolean;
}

export class SignContractRequest {
  @ApiProperty({ example: '52110108MJ0000018M', description: 'the undertaking social organization' })
  @Matches(USCC_FORMAT, { message: 'supplierUscc must be an 18-character USCC' })
  supplierUscc: string;

  @ApiPropertyOptional({
    example: '北京市海淀区民政局',
    description: "optional: the purchaser is the registered organ of the token's unit_id (Order 102 Art. 5); if given, it must be that organ's registered name",
  })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  purchaser?: string;

  @ApiProperty({ example: '社区居家养老服务' })
  @IsString() @IsNotEmpty() @MaxLength(300)
  title: string;

  @ApiProperty({ enum: PURCHASE_METHODS })
  @IsIn(PURCHASE_METHODS)
  method: PurchaseMethod;

  @ApiProperty({ example: 12_000_000, description: 'contract value, integer fen (分) > 0' })
  @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER)
  valueFen: number;

  @ApiProperty({ example: '2026-01-01', description: 'first day of the term: a Beijing (China Standard Time) date, inclusive; the term starts at 00:00 Beijing time' })
  @Matches(DATE, { message: 'termStart must be YYYY-MM-DD' })
  termStart: string;

  @ApiProperty({
    example: '2026-12-31',
    description: 'last day of the term: a Beijing date, inclusive (ends at 24:00 Beijing time); normally ≤ 1 year (2027-01-01 → at the latest 2027-12-31), ≤ 3 years with multiYear (Order 102 Art. 24)',
  })
  @Matches(DATE, { message: 'termEnd must be YYYY-MM-DD' })
  termEnd: string;

  @ApiProperty({ example: '2026-03-01T10:00:00+08:00', description: 'when the contract was signed: an ISO 8601 instant with its offset (Z or ±hh:mm); not in the future; its Beijing date is compared with the registration date' })
  @IsInstant()
  signedAt: string;

  @ApiPropertyOptional({ type: MultiYearDeclarationDto, description: 'required for a term over one year' })
  @IsOptional() @ValidateNested() @Type(() => MultiYearDeclarationDto)
  multiYear?: MultiYearDeclarationDto;

  @ApiPropertyOptional({ type: [MilestoneDto], description: 'optional: milestones summing to valueFen; without them the contract is accepted and paid as one implicit milestone of its whole value, due on termEnd' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => MilestoneDto)
  milestones?: MilestoneDto[];

  @ApiPropertyOptional({ example: true, description: 'the purchaser declares the contracted service a public service (Order 102 Art. 9): counted in the 财综〔2016〕54号 social-organization share report' })
  @IsOptional() @IsBoolean()
  publicService?: boolean;
}
