import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested, IsObject } from 'class-validator';
import { PAYMENT_DECISIONS, TERMINATION_CAUSES, type TerminationCause } from '@sop/contracts';
import { IsInstant } from '@sop/util';
import { MultiYearDeclarationDto } from './contracts.dto';
import { MilestoneDto } from './milestone.dto';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const text = (max: number) => [IsString(), IsNotEmpty(), MaxLength(max)];
const reasonsOf = () => [IsArray(), ArrayMinSize(1), ArrayMaxSize(20), IsString({ each: true }), IsNotEmpty({ each: true }), MaxLength(1000, { each: true })];
const apply = (...decorators: PropertyDecorator[]): PropertyDecorator => (target, key) => decorators.forEach((d) => d(target, key));

/** Order 102 Art. 23 content (term, price and parties are fields of every contract). */
export class ContractContentDto {
  @ApiProperty({ example: '为辖区老年人提供居家养老上门服务', description: 'the service content' }) @apply(...text(4000)) serviceContent: string;
  @ApiProperty({ example: '200户，每户每月4次', description: 'quantity' }) @apply(...text(2000)) quantity: string;
  @ApiProperty({ example: '符合居家养老服务规范', description: 'quality and service standards' }) @apply(...text(4000)) qualityStandards: string;
  @ApiProperty({ example: '按里程碑验收合格后支付', description: 'price and payment schedule in words (the milestones carry the amounts)' }) @apply(...text(2000)) paymentSchedule: string;
  @ApiProperty({ example: '双方权利义务见合同第5条', description: 'rights and obligations of the parties' }) @apply(...text(4000)) rightsAndObligations: string;
  @ApiProperty({ example: '按绩效评价指标打分，分档见规则集', description: 'the performance assessment method' }) @apply(...text(2000)) assessmentMethod: string;
  @ApiProperty({ example: '违约方承担违约金并赔偿损失', description: 'liability for breach' }) @apply(...text(2000)) breachLiability: string;
}

export class ContractFromAwardRequest {
  @ApiPropertyOptional({ description: "default: the procurement's title" })
  @IsOptional() @apply(...text(300))
  title?: string;

  @ApiProperty({ type: ContractContentDto })
  @IsObject() @ValidateNested() @Type(() => ContractContentDto)
  content: ContractContentDto;

  @ApiProperty({ example: '2026-05-01', description: 'first day of the term (Beijing date, inclusive)' })
  @Matches(DATE, { message: 'termStart must be YYYY-MM-DD' })
  termStart: string;

  @ApiProperty({ example: '2027-04-30', description: 'last day of the term (Beijing date, inclusive); Order 102 Art. 24' })
  @Matches(DATE, { message: 'termEnd must be YYYY-MM-DD' })
  termEnd: string;

  @ApiProperty({ example: '2026-04-20T10:00:00+08:00', description: "when it was signed: after the award's standstill ended, not in the future" })
  @IsInstant()
  signedAt: string;

  @ApiPropertyOptional({ type: MultiYearDeclarationDto })
  @IsOptional() @ValidateNested() @Type(() => MultiYearDeclarationDto)
  multiYear?: MultiYearDeclarationDto;

  @ApiProperty({ type: [MilestoneDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => MilestoneDto)
  milestones: MilestoneDto[];
}

export class MilestoneAcceptanceRequest {
  @ApiProperty({ description: 'the deliverables pass (true) or fail (false) acceptance' })
  @IsBoolean()
  passed: boolean;

  @ApiProperty({ example: 88, description: "performance score 0–100, banded by the purchaser's rule set (local bands, §7.2)" })
  @IsInt() @Min(0) @Max(100)
  score: number;

  @ApiProperty({ example: ['服务记录完整'], description: 'findings and reasons' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(1000, { each: true })
  findings: string[];
}

export class PaymentRequest {
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(100) sequence: number;
  @ApiProperty({ example: 100_000, description: 'integer fen' }) @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER) amountFen: number;
  @ApiProperty({ example: '2026-07-10T10:00:00+08:00', description: 'when the money was paid: an instant with its offset, not in the future' }) @IsInstant() paidAt: string;
}

export class PaymentDecisionRequest {
  @ApiProperty({ example: 2 }) @IsInt() @Min(1) @Max(100) sequence: number;
  @ApiProperty({ enum: PAYMENT_DECISIONS }) @IsIn(PAYMENT_DECISIONS) decision: (typeof PAYMENT_DECISIONS)[number];
  @ApiProperty({ example: ['服务已实际提供，继续支付'] }) @apply(...reasonsOf()) reasons: string[];
}

export class TerminationRequest {
  @ApiProperty({ example: ['供应商严重违约'] }) @apply(...reasonsOf()) reasons: string[];
  @ApiProperty({
    enum: TERMINATION_CAUSES,
    description: "SUPPLIER_BREACH speaks against the supplier (credit information; a later eligibility bar where the rule set has one); the others do not",
  })
  @IsIn(TERMINATION_CAUSES)
  cause: TerminationCause;
}
