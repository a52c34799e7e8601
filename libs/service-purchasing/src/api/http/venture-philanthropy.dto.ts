import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested, IsObject } from 'class-validator';
import { PURCHASE_METHODS } from '@sop/contracts';
import { IsInstant } from '@sop/util';
import { ContractContentDto } from './contract-performance.dto';
import { MilestoneDto } from './milestone.dto';
import { BidScoreDto, QualityCriterionDto } from './procurements.dto';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const FEN = () => [IsInt(), Min(1), Max(Number.MAX_SAFE_INTEGER)];
const apply = (...decorators: PropertyDecorator[]): PropertyDecorator => (target, key) => decorators.forEach((d) => d(target, key));
const reasons = () => apply(IsArray(), ArrayMinSize(1), ArrayMaxSize(20), IsString({ each: true }), IsNotEmpty({ each: true }), MaxLength(1000, { each: true }));

/** The body of POST /venture-philanthropy/rounds (regulations §7.3). */
export class AnnounceRoundRequest {
  @ApiProperty({ example: '海淀区2026年度公益创投大赛' }) @IsString() @IsNotEmpty() @MaxLength(300) title: string;
  @ApiProperty({ example: '资助社会组织自主设计的社区公益服务项目' }) @IsString() @IsNotEmpty() @MaxLength(4000) description: string;
  @ApiProperty({ example: ['为老服务', '青少年服务'] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(100, { each: true })
  themes: string[];
  @ApiProperty({ description: "a budget line of your organ; the fund is committed on it" }) @IsUUID() budgetLineId: string;
  @ApiProperty({ example: 200_000_00, description: 'the fund (integer fen)' }) @apply(...FEN()) fundFen: number;
  @ApiProperty({ example: 50_000_00, description: 'the most one project receives (integer fen; Zibo 2019: RMB 50,000)' }) @apply(...FEN()) perProjectCapFen: number;
  @ApiProperty({ enum: PURCHASE_METHODS, example: 'COMPETITIVE_CONSULTATION', description: 'the government-procurement method the round is run under' }) @IsIn(PURCHASE_METHODS) method: (typeof PURCHASE_METHODS)[number];
  @ApiProperty({ type: [QualityCriterionDto], description: "the panel's criteria, weights summing to 100" })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(30) @ValidateNested({ each: true }) @Type(() => QualityCriterionDto)
  criteria: QualityCriterionDto[];
  @ApiProperty({ example: '2026-04-30T09:00:00.000Z' }) @IsInstant() proposalDeadline: string;
  @ApiProperty({ example: '2026-05-15', description: 'first day of the cycle (Beijing date), on or after the deadline' }) @Matches(DATE) cycleStart: string;
  @ApiProperty({ example: '2027-05-14', description: 'last day of the cycle: about a year (at most one)' }) @Matches(DATE) cycleEnd: string;
}

/** The body of POST /venture-philanthropy/rounds/{id}/proposals. */
export class ProposalRequest {
  @ApiProperty({ example: '为老服务' }) @IsString() @IsNotEmpty() @MaxLength(100) theme: string;
  @ApiProperty({ example: '社区独居老人关爱计划' }) @IsString() @IsNotEmpty() @MaxLength(300) title: string;
  @ApiProperty({ example: '组织志愿者定期探访独居老人' }) @IsString() @IsNotEmpty() @MaxLength(4000) summary: string;
  @ApiProperty({ example: 50_000_00, description: 'integer fen, within the per-project cap' }) @apply(...FEN()) budgetFen: number;
  @ApiProperty({ type: [MilestoneDto], description: 'stages (instalments) within the cycle, summing to the budget' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(24) @ValidateNested({ each: true }) @Type(() => MilestoneDto)
  stages: MilestoneDto[];
  @ApiProperty({ type: ContractContentDto, description: 'the Order 102 Art. 23 content of the contract, if selected' })
  @IsObject() @ValidateNested() @Type(() => ContractContentDto)
  content: ContractContentDto;
}

export class ReviewRequest {
  @ApiProperty({ type: [BidScoreDto], description: "every proposal eligible at the deadline, once (bidderUscc: the proposing organization)" })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => BidScoreDto)
  scores: BidScoreDto[];
}

export class SelectionRequest {
  @ApiProperty({ type: [String], description: 'the proposals selected, within the fund, in rank order' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @IsUUID('all', { each: true })
  proposalIds: string[];
  @ApiProperty({ type: [String], example: ['评审得分靠前且在资金额度内'] }) @reasons() reasons: string[];
}
