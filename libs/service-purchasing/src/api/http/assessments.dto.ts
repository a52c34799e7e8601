import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';

/** The body of POST /contracts/:id/performance-assessments. */
export class AssessPerformanceRequest {
  @ApiProperty({ example: 92, description: 'performance score 0–100; outcome by the bands of the rule set covering the purchaser in force (local practice, regulations §7.2); NOT_BANDED when it has none (the national default)' })
  @IsInt() @Min(0) @Max(100)
  score: number;

  @ApiProperty({ description: 'the supplier failed obligations the contract names' })
  @IsBoolean()
  breach: boolean;

  @ApiProperty({ example: '服务按合同完成，满意度调查良好' })
  @IsString() @IsNotEmpty() @MaxLength(1000)
  summary: string;
}
