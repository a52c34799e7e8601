import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Matches, MaxLength, ValidateNested, IsObject } from 'class-validator';
import { EVALUATION_GRADES, type EvaluationGrade } from '@sop/contracts';

export class QualificationRulesDto {
  @ApiProperty({ example: 5, description: 'years a qualification is valid (Changzhou: 5, then re-apply)' }) @IsInt() validityYears: number;
  @ApiPropertyOptional({ enum: EVALUATION_GRADES, nullable: true, description: 'lowest grade in force; null: no threshold' })
  @IsOptional() @IsIn(EVALUATION_GRADES) // IsOptional admits null (no threshold)
  minimumGrade?: EvaluationGrade | null;
  @ApiProperty({ example: ['ABNORMAL', 'SERIOUS'] }) @IsArray() @ArrayMaxSize(2) @IsIn(['ABNORMAL', 'SERIOUS'], { each: true }) barringLists: string[];
}

export class ConcentrationRulesDto {
  @ApiProperty({ example: 2500 }) @IsNumber() hhiAlert: number;
  @ApiProperty({ example: 50 }) @IsNumber() shareAlertPercent: number;
  @ApiProperty({ example: 30 }) @IsNumber() overrideRateWarningPercent: number;
  @ApiProperty({ example: 1 }) @IsInt() overdueFirstReviewsWarning: number;
}

/** The body of POST /function-transfer/rule-sets/{jurisdiction}/versions: a local version of the transfer rules. */
export class PublishTransferRuleSetRequest {
  @ApiProperty({ example: '2026-03-02', description: 'first Beijing date it applies (not before today)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'effectiveOn must be YYYY-MM-DD' })
  effectiveOn: string;
  @ApiProperty({ example: '常州市承接政府职能转移社会组织资质管理办法 (test data)' }) @IsString() @IsNotEmpty() @MaxLength(500) source: string;
  @ApiProperty({ type: QualificationRulesDto }) @IsObject() @ValidateNested() @Type(() => QualificationRulesDto) qualification: QualificationRulesDto;
  @ApiProperty({ type: ConcentrationRulesDto }) @IsObject() @ValidateNested() @Type(() => ConcentrationRulesDto) concentration: ConcentrationRulesDto;
}
