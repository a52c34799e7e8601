import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested, IsObject } from 'class-validator';
import { CATALOGUE_ITEM_CODE_FORMAT, PURCHASE_METHODS } from '@sop/contracts';
import { IsDecimalNumber, IsInstant, USCC_FORMAT } from '@sop/util';
import type { PurchaseMethod } from '../../domain/procurement/procurement-notice';

const GRADES = ['1A', '2A', '3A', '4A', '5A'] as const;

/** Conditions the next slice checks at the deadline and at award; stored with the notice. */
export class QualificationRequirementsDto {
  @ApiPropertyOptional({ default: true, description: 'registered and ACTIVE (Order 102 Art. 6–7)' })
  @IsOptional() @IsBoolean()
  registeredAndActive?: boolean;

  @ApiPropertyOptional({ default: true, description: 'not barred by NO_PURCHASE_OF_SERVICES / not on the serious list (regulations §5.3)' })
  @IsOptional() @IsBoolean()
  notOnSeriousList?: boolean;

  @ApiPropertyOptional({ example: 3, description: 'no major violation in the previous N years (Government Procurement Law Art. 22: 3)' })
  @IsOptional() @IsInt() @Min(1) @Max(10)
  noMajorViolationYears?: number;

  @ApiPropertyOptional({ enum: GRADES, description: 'a minimum evaluation grade in force' })
  @IsOptional() @IsIn(GRADES)
  minimumGrade?: (typeof GRADES)[number];

  @ApiPropertyOptional({ type: [String], description: 'project-specific conditions (Order 102 Art. 7, without discrimination)' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(500, { each: true })
  other?: string[];
}

export class QualityCriterionDto {
  @ApiProperty({ example: '服务方案' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  name: string;

  @ApiProperty({ example: 40, description: 'weight in the total (price weight + criteria weights = 100)' })
  @IsInt() @Min(1) @Max(100)
  weight: number;

  @ApiProperty({ example: 40, description: 'the most points the panel gives on it' })
  @IsInt() @Min(1) @Max(1000)
  maxPoints: number;
}

export class ScoringMethodDto {
  @ApiProperty({ example: 30 })
  @IsInt() @Min(0) @Max(100)
  priceWeight: number;

  @ApiProperty({ type: [QualityCriterionDto] })
  @IsArray() @ArrayMaxSize(30) @ValidateNested({ each: true }) @Type(() => QualityCriterionDto)
  criteria: QualityCriterionDto[];
}

/** The body of POST /procurements: a procurement notice. */
export class PublishNoticeRequest {
  @ApiProperty({ example: '海淀区社区居家养老服务项目' })
  @IsString() @IsNotEmpty() @MaxLength(300)
  title: string;

  @ApiProperty({ example: '为辖区老年人提供居家养老上门服务' })
  @IsString() @IsNotEmpty() @MaxLength(20000)
  description: string;

  @ApiProperty({ enum: PURCHASE_METHODS })
  @IsIn(PURCHASE_METHODS)
  method: PurchaseMethod;

  @ApiPropertyOptional({ description: 'required for SINGLE_SOURCE' })
  @IsOptional() @IsString() @MaxLength(2000)
  justification?: string;

  @ApiProperty({ example: 'PS-ELDERLY-CARE', description: 'an item of the guiding catalogue in force for your organ (a negative-list item is refused 422)' })
  @Matches(CATALOGUE_ITEM_CODE_FORMAT, { message: 'catalogueItemCode must be 1–40 letters, digits or . _ -' })
  catalogueItemCode: string;

  @ApiProperty({ description: "a budget line of your organ: the estimate is committed against it" })
  @IsUUID()
  budgetLineId: string;

  @ApiProperty({ example: 12_000_000, description: 'estimated amount in fen' })
  @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER)
  estimatedFen: number;

  @ApiProperty({ type: QualificationRequirementsDto })
  @IsObject() @ValidateNested() @Type(() => QualificationRequirementsDto)
  qualificationRequirements: QualificationRequirementsDto;

  @ApiProperty({ type: ScoringMethodDto })
  @IsObject() @ValidateNested() @Type(() => ScoringMethodDto)
  scoring: ScoringMethodDto;

  @ApiProperty({ example: '2026-04-10T17:00:00+08:00', description: 'an ISO 8601 instant with its offset, at least the minimum period of the method after now' })
  @IsInstant()
  bidDeadline: string;
}

export class AmendNoticeRequest {
  @ApiProperty({ type: [String], example: ['延长投标截止时间以便供应商准备'] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(1000, { each: true })
  reasons: string[];

  @ApiPropertyOptional({ description: 'the new bid deadline (ISO 8601 with offset)' })
  @IsOptional() @IsInstant()
  bidDeadline?: string;

  @ApiPropertyOptional({ type: QualificationRequirementsDto })
  @IsOptional() @ValidateNested() @Type(() => QualificationRequirementsDto)
  qualificationRequirements?: QualificationRequirementsDto;

  @ApiPropertyOptional({ type: ScoringMethodDto })
  @IsOptional() @ValidateNested() @Type(() => ScoringMethodDto)
  scoring?: ScoringMethodDto;
}

export class CancelNoticeRequest {
  @ApiProperty({ type: [String], example: ['预算调整，项目取消'] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(1000, { each: true })
  reasons: string[];
}

export class SubmitBidRequest {
  @ApiProperty({ example: 11_500_000, description: 'the price in fen' })
  @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER)
  priceFen: number;

  @ApiProperty({ example: '服务方案：……' })
  @IsString() @IsNotEmpty() @MaxLength(20000)
  technicalProposal: string;

  @ApiProperty({ type: [String], example: ['近三年无重大违法记录'] })
  @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(1000, { each: true })
  declarations: string[];
}

export class ListProcurementsQuery {
  @ApiPropertyOptional({ example: '110000', description: 'a division: its notices and those of the divisions under it (default: the whole country)' })
  @IsOptional() @Matches(/^\d{6}$/, { message: 'jurisdiction must be a 6-digit division code' })
  jurisdiction?: string;
}

export class QualityMarkDto {
  @ApiProperty({ example: '服务方案' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  criterion: string;

  @ApiProperty({ example: 8.5, description: 'points, 0 to the criterion’s max points' })
  @IsDecimalNumber(2) @Min(0) @Max(1_000_000)
  points: number;
}

export class BidScoreDto {
  @ApiProperty({ example: '51110000MJ0000001X' })
  @Matches(USCC_FORMAT, { message: 'bidderUscc must be an 18-character unified social credit code' })
  bidderUscc: string;

  @ApiProperty({ type: [QualityMarkDto] })
  @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => QualityMarkDto)
  quality: QualityMarkDto[];
}

export class ScoreBidsRequest {
  @ApiProperty({ type: [BidScoreDto], description: 'every bid eligible at the deadline, once' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => BidScoreDto)
  scores: BidScoreDto[];
}

export class AwardRequest {
  @ApiProperty({ type: [String], example: ['综合得分最高'] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(1000, { each: true })
  reasons: string[];

  @ApiPropertyOptional({ example: '51110000MJ0000001X', description: 'the bidder awarded (only needed to settle a tie at the top; any other than the highest eligible total is refused)' })
  @IsOptional() @Matches(USCC_FORMAT, { message: 'bidderUscc must be an 18-character unified social credit code' })
  bidderUscc?: string;
}
