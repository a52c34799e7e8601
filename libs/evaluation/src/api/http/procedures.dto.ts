import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { USCC_FORMAT } from '@sop/util';
import { CommitteeVoteDto } from './grades.dto';

export class ApplyForEvaluationRequest {
  @ApiProperty({ example: '52110108MJ0000018M', description: 'the applying organization (the representative’s own)' })
  @Matches(USCC_FORMAT, { message: 'uscc must be an 18-character USCC' })
  uscc: string;
}

export class ExpertDto {
  @ApiProperty({ example: 'expert-0042' }) @IsString() @IsNotEmpty() @MaxLength(100) expertId: string;
  @ApiProperty({ example: '张明' }) @IsString() @IsNotEmpty() @MaxLength(100) name: string;
}

export class AssignExpertsRequest {
  @ApiProperty({ type: [ExpertDto], description: 'the expert group; none may be declared linked to the organization (recusal)' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(15) @ValidateNested({ each: true }) @Type(() => ExpertDto)
  experts: ExpertDto[];
}

export class DeclareExpertLinkRequest {
  @ApiProperty({ example: '52110108MJ0000018M' }) @Matches(USCC_FORMAT, { message: 'uscc must be an 18-character USCC' }) uscc: string;
  @ApiProperty({ example: '曾任该组织理事' }) @IsString() @IsNotEmpty() @MaxLength(500) basis: string;
}

export class FieldAssessmentRequest {
  @ApiProperty({ example: '实地考察：查阅档案、座谈' }) @IsString() @IsNotEmpty() @MaxLength(2000) summary: string;
}

export class ScoreSheetRequest {
  @ApiProperty({ example: 'expert-0042', description: 'an expert of the assigned group' }) @IsString() @IsNotEmpty() @MaxLength(100) expertId: string;
  @ApiProperty({ example: { 'BC.1': 38, 'BC.2': 28 }, description: 'whole points per indicator code of the framework, each at most its maximum; every indicator' })
  @IsObject()
  scores: Record<string, number>;
  @ApiPropertyOptional({ example: 0, description: "local bonus points, at most the framework's maxBonus" }) @IsOptional() @IsInt() @Min(0) @Max(100) bonus?: number;
}

export class PreliminaryOpinionRequest {
  @ApiProperty({ example: '建议评为3A' }) @IsString() @IsNotEmpty() @MaxLength(2000) opinion: string;
}

export class CommitteeDecisionRequest {
  @ApiProperty({ type: CommitteeVoteDto }) @IsObject() @ValidateNested() @Type(() => CommitteeVoteDto) committee: CommitteeVoteDto;
  @ApiPropertyOptional({ description: "the committee's total if it amends the expert group's (default: the aggregated total)" }) @IsOptional() @IsInt() @Min(0) @Max(1100) total?: number;
}

export class ReviewRequestBody {
  @ApiProperty({ example: '对“内部治理”得分有异议' }) @IsString() @IsNotEmpty() @MaxLength(2000) grounds: string;
}

export class NamedVoteDto {
  @ApiProperty({ example: '委员甲' }) @IsString() @IsNotEmpty() @MaxLength(100) member: string;
  @ApiProperty() @IsBoolean() inFavour: boolean;
}

export class ReviewDecisionRequest {
  @ApiProperty({ example: 9, description: 'all members of the deciding committee' }) @IsInt() @Min(1) @Max(1000) members: number;
  @ApiProperty({ type: [NamedVoteDto], description: 'the named vote of the members present' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @ValidateNested({ each: true }) @Type(() => NamedVoteDto)
  votes: NamedVoteDto[];
  @ApiPropertyOptional({ description: 'the reviewed total (absent: unchanged); the grade follows from the cut-offs' }) @IsOptional() @IsInt() @Min(0) @Max(1100) total?: number;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) explanation: string;
}

export class VoidCertificateRequest {
  @ApiProperty({ example: '关于宣布XX证书牌匾作废的公告' }) @IsString() @IsNotEmpty() @MaxLength(500) announcement: string;
}
