import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsNotEmpty, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A contract milestone (Order 102 Art. 23 price and payment schedule): deliverables, due date, amount. */
export class MilestoneDto {
  @ApiProperty({ example: 1, description: 'numbered 1..n, once each' })
  @IsInt() @Min(1) @Max(100)
  sequence: number;

  @ApiProperty({ example: '第一阶段：入户评估与服务计划' })
  @IsString() @IsNotEmpty() @MaxLength(300)
  title: string;

  @ApiProperty({ example: ['200户入户评估报告'], description: 'what is delivered and accepted' })
  @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(1000, { each: true })
  deliverables: string[];

  @ApiProperty({ example: '2026-06-30', description: 'last day for the deliverables: a Beijing date within the term' })
  @Matches(DATE, { message: 'dueOn must be YYYY-MM-DD' })
  dueOn: string;

  @ApiProperty({ example: 100_000, description: 'integer fen; the milestones sum to the contract value' })
  @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER)
  amountFen: number;
}
