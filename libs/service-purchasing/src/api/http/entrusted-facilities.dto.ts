import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested, IsObject } from 'class-validator';
import { FACILITY_KINDS, PURCHASE_METHODS, type FacilityKind } from '@sop/contracts';
import { IsDecimalNumber, IsInstant, USCC_FORMAT } from '@sop/util';
import { COMPARISONS, type Comparison } from '../../domain/entrusted-facilities/facility';
import { ContractContentDto } from './contract-performance.dto';
import { MultiYearDeclarationDto } from './contracts.dto';
import { MilestoneDto } from './milestone.dto';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class RegisterFacilityRequest {
  @ApiProperty({ example: '海淀区北太平庄街道养老照料中心' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty({ enum: FACILITY_KINDS }) @IsIn(FACILITY_KINDS) kind: FacilityKind;
  @ApiProperty({ example: '北京市海淀区北太平庄路18号' }) @IsString() @IsNotEmpty() @MaxLength(300) address: string;
  @ApiProperty({ example: 120, description: 'beds or places' }) @IsInt() @Min(1) @Max(100_000) capacity: number;
}

export class FeeItemDto {
  @ApiProperty({ example: '床位费' }) @IsString() @IsNotEmpty() @MaxLength(100) item: string;
  @ApiProperty({ example: '元/人/月' }) @IsString() @IsNotEmpty() @MaxLength(50) unit: string;
  @ApiProperty({ example: 2_500_00, description: 'the most charged to a user per unit (integer fen)' }) @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER) capFen: number;
}

export class ServiceIndicatorDto {
  @ApiProperty({ example: '入住率' }) @IsString() @IsNotEmpty() @MaxLength(100) name: string;
  @ApiProperty({ example: '%' }) @IsString() @MaxLength(30) unit: string;
  @ApiProperty({ enum: COMPARISONS }) @IsIn(COMPARISONS) comparison: Comparison;
  @ApiProperty({ example: 60 }) @IsDecimalNumber(4) threshold: number;
}

export class EntrustRequest {
  @ApiProperty({ example: '52110108MJ0000001X' }) @Matches(USCC_FORMAT, { message: 'operatorUscc must be an 18-character unified social credit code' }) operatorUscc: string;
  @ApiPropertyOptional({ description: "your organ's awarded procurement that selected the operator (the award must name it)" }) @IsOptional() @IsUUID() procurementId?: string;
  @ApiPropertyOptional({ example: '《北京市养老服务设施公建民营实施办法》第8条', description: 'or: the legal basis the operator is recorded with (then budgetLineId and method)' }) @IsOptional() @IsString() @MaxLength(500) legalBasis?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() budgetLineId?: string;
  @ApiPropertyOptional({ enum: PURCHASE_METHODS }) @IsOptional() @IsIn(PURCHASE_METHODS) method?: (typeof PURCHASE_METHODS)[number];
  @ApiProperty({ type: ContractContentDto }) @IsObject() @ValidateNested() @Type(() => ContractContentDto) content: ContractContentDto;
  @ApiProperty({ example: '2026-05-01' }) @Matches(DATE) termStart: string;
  @ApiProperty({ example: '2027-04-30', description: 'Order 102 Art. 24 applies' }) @Matches(DATE) termEnd: string;
  @ApiProperty() @IsInstant() signedAt: string;
  @ApiPropertyOptional({ type: MultiYearDeclarationDto }) @IsOptional() @ValidateNested() @Type(() => MultiYearDeclarationDto) multiYear?: MultiYearDeclarationDto;
  @ApiProperty({ type: [FeeItemDto] }) @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => FeeItemDto) fees: FeeItemDto[];
  @ApiProperty({ type: [ServiceIndicatorDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => ServiceIndicatorDto) indicators: ServiceIndicatorDto[];
  @ApiProperty({ type: [MilestoneDto], description: 'subsidies per period (the contract milestones); by award they sum to the awarded price' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => MilestoneDto)
  subsidies: MilestoneDto[];
}

export class IndicatorValueDto {
  @ApiProperty({ example: '入住率' }) @IsString() @IsNotEmpty() @MaxLength(100) indicator: string;
  @ApiProperty({ example: 72.5 }) @IsDecimalNumber(4) value: number;
}

export class PeriodCheckRequest {
  @ApiProperty({ type: [IndicatorValueDto], description: 'one value per service indicator' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => IndicatorValueDto)
  results: IndicatorValueDto[];
  @ApiProperty({ example: 86, description: "the period's performance score 0–100, banded by the rule set in force" }) @IsDecimalNumber(4) @Min(0) @Max(100) score: number;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(1000, { each: true }) findings?: string[];
}
