import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsCivilDate } from '@sop/util';
import { EVALUATION_GRADES, type EvaluationGrade } from '@sop/contracts';

export class GradeCutOffDto {
  @ApiProperty({ enum: EVALUATION_GRADES })
  @IsIn(EVALUATION_GRADES)
  grade: EvaluationGrade;

  @ApiProperty({ example: 950, description: 'lowest total (inclusive) that earns the grade, 0–1000' })
  @IsInt() @Min(0) @Max(1000)
  minScore: number;
}

/** The body of POST /evaluation/rule-sets/:jurisdiction/versions: a local rule set's next version (its grade cut-offs). */
export class PublishEvaluationRuleSetVersionRequest {
  @ApiProperty({ example: '2027-01-01', description: 'Beijing date (YYYY-MM-DD) after today: the version applies from 00:00 Beijing time of it' })
  @IsCivilDate()
  effectiveOn: string;

  @ApiProperty({
    type: [GradeCutOffDto],
    description: 'grade cut-offs, 5A..1A, minScore strictly descending (set locally, regulations §6 Scoring)',
    example: [
      { grade: '5A', minScore: 950 },
      { grade: '4A', minScore: 901 },
      { grade: '3A', minScore: 851 },
      { grade: '2A', minScore: 801 },
      { grade: '1A', minScore: 701 },
    ],
  })
  @IsArray() @ArrayMinSize(5) @ArrayMaxSize(5) @ValidateNested({ each: true }) @Type(() => GradeCutOffDto)
  cutOffs: GradeCutOffDto[];

  @ApiProperty({ example: '安徽省社会组织评估等级标准 (local practice, regulations §6 Scoring)', description: 'the local instrument the cut-offs come from' })
  @IsString() @IsNotEmpty() @MaxLength(500)
  source: string;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(1000)
  note?: string;
}
