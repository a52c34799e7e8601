import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { CATALOGUE_ITEM_CODE_FORMAT, ORGAN_UNIT_ID_FORMAT } from '@sop/contracts';

/** The body of POST /budgets: a budget line of a registered purchasing organ, in fen. */
export class CreateBudgetLineRequest {
  @ApiProperty({ example: 'unit-haidian-mca', description: "the purchasing organ's unit id (registered; in your jurisdiction)" })
  @Matches(ORGAN_UNIT_ID_FORMAT, { message: 'organUnitId must be 1–100 letters, digits or . _ : -' })
  organUnitId: string;

  @ApiProperty({ example: 2026 })
  @IsInt() @Min(2000) @Max(2100)
  fiscalYear: number;

  @ApiProperty({ example: '2080208-01', description: 'the line code (1–40 letters, digits, . _ -), unique per organ and fiscal year' })
  @Matches(CATALOGUE_ITEM_CODE_FORMAT, { message: 'lineCode must be 1–40 letters, digits or . _ -' })
  lineCode: string;

  @ApiProperty({ example: '养老服务购买' })
  @IsString() @IsNotEmpty() @MaxLength(500)
  description: string;

  @ApiProperty({ example: 50_000_000, description: 'the amount in fen (分), a positive whole number' })
  @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER)
  amountFen: number;
}
