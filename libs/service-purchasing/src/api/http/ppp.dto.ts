import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested, IsObject } from 'class-validator';
import { PURCHASE_METHODS } from '@sop/contracts';
import { IsDecimalNumber, IsInstant, USCC_FORMAT } from '@sop/util';
import { ContractContentDto } from './contract-performance.dto';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class AvailabilityPaymentDto {
  @ApiProperty({ example: 1, description: 'year of the term, 1..n' }) @IsInt() @Min(1) @Max(30) year: number;
  @ApiProperty({ example: '2027-04-30', description: 'a Beijing date within that year of the term' }) @Matches(DATE) dueOn: string;
  @ApiProperty({ example: 1_000_000_00, description: 'integer fen' }) @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER) amountFen: number;
  @ApiProperty({ example: ['年度绩效评价报告'] }) @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(1000, { each: true }) deliverables: string[];
}

export class PppAgreementRequest {
  @ApiProperty({ example: '52110108MJ0000001X' }) @Matches(USCC_FORMAT, { message: 'partnerUscc must be an 18-character unified social credit code' }) partnerUscc: string;
  @ApiProperty({ example: '海淀区康养中心PPP项目' }) @IsString() @IsNotEmpty() @MaxLength(300) projectName: string;
  @ApiProperty({ example: '海政函〔2026〕12号 实施方案批复（物有所值评价、财政承受能力论证通过）' }) @IsString() @IsNotEmpty() @MaxLength(500) approval: string;
  @ApiProperty({ enum: PURCHASE_METHODS, description: 'how the partner was selected' }) @IsIn(PURCHASE_METHODS) method: (typeof PURCHASE_METHODS)[number];
  @ApiProperty() @IsUUID() budgetLineId: string;
  @ApiProperty({ example: '2026-05-01' }) @Matches(DATE) termStart: string;
  @ApiProperty({ example: '2036-04-30', description: 'whole years, 10–30 (PPP rule data, UNCONFIRMED)' }) @Matches(DATE) termEnd: string;
  @ApiProperty() @IsInstant() signedAt: string;
  @ApiProperty({ type: [AvailabilityPaymentDto], description: 'one availability payment per year' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(30) @ValidateNested({ each: true }) @Type(() => AvailabilityPaymentDto)
  payments: AvailabilityPaymentDto[];
  @ApiProperty({ type: ContractContentDto }) @IsObject() @ValidateNested() @Type(() => ContractContentDto) content: ContractContentDto;
}

export class YearAssessmentRequest {
  @ApiProperty({ example: 86, description: "the year's performance score 0–100; the payment is earned at the agreement's minimum (60, UNCONFIRMED rule data)" })
  @IsDecimalNumber(2) @Min(0) @Max(100)
  score: number;

  @ApiProperty({ type: [String], example: ['设施可用，运维达标'] })
  @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(1000, { each: true })
  findings: string[];
}
