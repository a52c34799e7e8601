import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsInstant, USCC_FORMAT } from '@sop/util';
import { EVALUATION_GRADES, GRADE_ADJUSTMENT_REASONS, type EvaluationGrade, type GradeAdjustmentReason } from '../../domain/evaluation-rules';


/** The final meeting of the evaluation committee (regulations §6: quorum ≥ 2/3, named vote, majority of all members). */
export class CommitteeVoteDto {
  @ApiProperty({ example: 9, description: 'all members of the evaluation committee' })
  @IsInt() @Min(1) @Max(1000)
  members: number;

  @ApiProperty({ example: 7, description: 'members present at the final meeting (at least 2/3 of all members)' })
  @IsInt() @Min(0) @Max(1000)
  present: number;

  @ApiProperty({ example: 6, description: 'members who voted for the grade in the named vote (more than half of ALL members)' })
  @IsInt() @Min(0) @Max(1000)
  inFavour: number;
}

export class AwardGradeRequest {
  @ApiProperty({ example: '52110108MJ0000018M' })
  @Matches(USCC_FORMAT, { message: 'uscc must be an 18-character USCC' })
  uscc: string;

  @ApiProperty({ example: 912, description: 'total on the 1,000-point scale plus any local bonus (≤ 100); the grade follows from the cut-offs of the rule set in force (regulations §6)' })
  @IsInt() @Min(0) @Max(1100)
  score: number;

  @ApiProperty({
    example: '2026-06-15T10:00:00+08:00',
    description: 'when civil affairs announced the result: an ISO 8601 instant with an offset; its Beijing date picks the rule set and the validity',
  })
  @IsInstant()
  announcedAt: string;

  @ApiProperty({ type: CommitteeVoteDto })
  @IsObject() @ValidateNested() @Type(() => CommitteeVoteDto)
  committee: CommitteeVoteDto;
}

export class AdjustGradeRequest {
  @ApiPropertyOptional({ enum: EVALUATION_GRADES, description: 'the lower grade; absent = the grade is cancelled' })
  @IsOptional() @IsIn(EVALUATION_GRADES)
  newGrade?: EvaluationGrade;

  @ApiProperty({ enum: GRADE_ADJUSTMENT_REASONS })
  @IsIn(GRADE_ADJUSTMENT_REASONS)
  reason: GradeAdjustmentReason;

  @ApiProperty({ example: '上年度年检不合格' })
  @IsString() @IsNotEmpty() @MaxLength(500)
  explanation: string;

  @ApiPropertyOptional({ example: '2026-08-01T09:00:00+08:00', description: 'when the adjustment takes effect: an ISO 8601 instant with an offset; default now' })
  @IsOptional() @IsInstant()
  effectiveAt?: string;

  @ApiPropertyOptional({ type: [String], description: 'event ids or document references; the evidence of open verification cases is added' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(200, { each: true })
  evidence?: string[];
}
