import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsCivilDate } from '@sop/util';
import { PERFORMANCE_BAND_OUTCOMES } from '@sop/contracts';

export class PerformanceBandDto {
  @ApiProperty({ example: 90, description: 'inclusive lower bound of the score (0–100)' })
  @IsInt() @Min(0) @Max(100)
  minScore: number;

  @ApiProperty({ enum: PERFORMANCE_BAND_OUTCOMES })
  @IsIn(PERFORMANCE_BAND_OUTCOMES)
  outcome: (typeof PERFORMANCE_BAND_OUTCOMES)[number];
}

/** Issue 11 item 5: the bar after a failed final acceptance or a termination (local practice; mark unconfirmed numbers). */
export class PerformanceBarDto {
  @ApiProperty({ example: 12, description: 'calendar months from the Beijing date of the failure; admitted again on the same date that many months later' })
  @IsInt() @Min(1) @Max(60)
  months: number;

  @ApiProperty({ example: true, description: 'a failed acceptance of the last milestone, not cured by a passing re-acceptance' })
  @IsBoolean()
  afterFailedFinalAcceptance: boolean;

  @ApiProperty({ example: true, description: 'a termination of the contract by the purchaser' })
  @IsBoolean()
  afterTermination: boolean;

  @ApiProperty({ example: 'local practice: barred for 12 months after a failed final acceptance or a termination for breach (regulations §7.2, UNCONFIRMED)' })
  @IsString() @IsNotEmpty() @MaxLength(500)
  source: string;

  @ApiProperty({ example: true, description: 'the numbers are not confirmed against a published instrument' })
  @IsBoolean()
  unconfirmed: boolean;

  @ApiPropertyOptional({ example: 2, description: "scoring: points deducted from a bidder's total per failed milestone acceptance within `months` before the bid deadline (0–20; absent: none)" })
  @IsOptional() @IsInt() @Min(0) @Max(20)
  scoreDeductionPoints?: number;
}

/** The body of POST /rule-sets/:jurisdiction/versions: a local rule set's next version (its performance bands). */
export class PublishRuleSetVersionRequest {
  @ApiProperty({ example: '2027-01-01', description: 'Beijing date (YYYY-MM-DD) after today: the version applies from 00:00 Beijing time of it' })
  @IsCivilDate()
  effectiveOn: string;

  @ApiProperty({
    type: [PerformanceBandDto],
    description: 'performance bands, minScore strictly descending, the last from 0 (local practice, regulations §7.2)',
    example: [
      { minScore: 90, outcome: 'EXCELLENT' },
      { minScore: 80, outcome: 'GOOD' },
      { minScore: 60, outcome: 'QUALIFIED' },
      { minScore: 0, outcome: 'UNQUALIFIED' },
    ],
  })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => PerformanceBandDto)
  bands: PerformanceBandDto[];

  @ApiProperty({ example: '北京市财政局 政府购买服务绩效管理办法 (local practice, regulations §7.2)', description: 'the local instrument the bands come from' })
  @IsString() @IsNotEmpty() @MaxLength(500)
  source: string;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(1000)
  note?: string;

  @ApiPropertyOptional({ type: PerformanceBarDto, description: 'optional performance bar (issue 11 item 5); absent: the version bars no one for performance' })
  @IsOptional() @ValidateNested() @Type(() => PerformanceBarDto)
  performanceBar?: PerformanceBarDto;
}
