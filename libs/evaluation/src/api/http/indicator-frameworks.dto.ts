import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsCivilDate } from '@sop/util';

export class IndicatorDto {
  @ApiProperty({ example: 'IG.2' }) @IsString() @IsNotEmpty() @MaxLength(40) code: string;
  @ApiProperty({ example: '组织机构' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty({ example: 80, description: 'the most points the indicator gives' }) @IsInt() @Min(1) @Max(1000) max: number;
}

export class IndicatorSectionDto {
  @ApiProperty({ example: 'INTERNAL_GOVERNANCE', description: "one of the form's four sections, in order (regulations §6 Content)" }) @IsString() @MaxLength(60) section: string;
  @ApiProperty({ example: '内部治理' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiProperty({ type: [IndicatorDto] }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => IndicatorDto) indicators: IndicatorDto[];
}

/** The body of POST /evaluation/indicator-frameworks/:jurisdiction/:form/versions. */
export class PublishIndicatorFrameworkRequest {
  @ApiProperty({ example: '2027-01-01', description: 'Beijing date after today from which the version applies' }) @IsCivilDate() effectiveOn: string;
  @ApiProperty({ type: [IndicatorSectionDto], description: "the form's four sections; maxima adding up to 1,000" })
  @IsArray() @ArrayMinSize(4) @ArrayMaxSize(4) @ValidateNested({ each: true }) @Type(() => IndicatorSectionDto)
  sections: IndicatorSectionDto[];
  @ApiProperty({ example: 50, description: 'local bonus points, 0–100 (regulations §6 Scoring)' }) @IsInt() @Min(0) @Max(100) maxBonus: number;
  @ApiProperty({ example: '北京市社会组织评估指标（测试）' }) @IsString() @IsNotEmpty() @MaxLength(500) source: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) note?: string;
}
