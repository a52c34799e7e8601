import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { SELF_REGULATION_KINDS, type SelfRegulationKind } from '@sop/contracts';
import { USCC_FORMAT } from '@sop/util';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class PledgeDto {
  @ApiProperty({ example: '南锣公约' }) @IsString() @IsNotEmpty() @MaxLength(200) title: string;
  @ApiProperty({ example: '2026.1' }) @IsString() @IsNotEmpty() @MaxLength(40) version: string;
  @ApiProperty({ example: '诚信经营，明码标价，维护街区风貌……' }) @IsString() @IsNotEmpty() @MaxLength(20000) text: string;
}

export class SignatureDto {
  @ApiProperty({ example: '2026.1' }) @IsString() @IsNotEmpty() @MaxLength(40) pledgeVersion: string;
  @ApiProperty({ example: '北京南锣文创商店有限公司' }) @IsString() @IsNotEmpty() @MaxLength(200) businessName: string;
  @ApiProperty({ example: '91110101MA01ABCD1X' }) @Matches(USCC_FORMAT, { message: 'businessUscc must be an 18-character USCC' }) businessUscc: string;
  @ApiProperty({ example: '2026-03-02' }) @Matches(DATE, { message: 'signedOn must be YYYY-MM-DD' }) signedOn: string;
}

export class PatrolDto {
  @ApiProperty({ example: '2026-03-02' }) @Matches(DATE, { message: 'patrolledOn must be YYYY-MM-DD' }) patrolledOn: string;
  @ApiProperty({ example: '南锣鼓巷主街（地安门东大街至鼓楼东大街）' }) @IsString() @IsNotEmpty() @MaxLength(300) area: string;
  @ApiProperty({ example: ['3家店铺占道经营'] }) @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(1000, { each: true }) findings: string[];
  @ApiProperty({ example: ['当场劝导，次日复查'] }) @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(1000, { each: true }) followUps: string[];
}

export class RectificationDto {
  @ApiProperty({ example: '北京南锣文创商店有限公司' }) @IsString() @IsNotEmpty() @MaxLength(200) businessName: string;
  @ApiPropertyOptional() @IsOptional() @Matches(USCC_FORMAT, { message: 'businessUscc must be an 18-character USCC' }) businessUscc?: string;
  @ApiProperty({ example: '门前占道摆放货架' }) @IsString() @IsNotEmpty() @MaxLength(1000) issue: string;
  @ApiProperty({ example: '货架收回店内，三日内整改' }) @IsString() @IsNotEmpty() @MaxLength(2000) proposal: string;
  @ApiPropertyOptional({ example: '2026-03-05' }) @IsOptional() @Matches(DATE, { message: 'dueOn must be YYYY-MM-DD' }) dueOn?: string;
}

/** The body of POST /function-transfer/self-regulation/{uscc}/records: one record, its kind's part filled. */
export class SelfRegulationRequest {
  @ApiProperty({ enum: SELF_REGULATION_KINDS }) @IsIn(SELF_REGULATION_KINDS) kind: SelfRegulationKind;
  @ApiPropertyOptional({ type: PledgeDto }) @IsOptional() @ValidateNested() @Type(() => PledgeDto) pledge?: PledgeDto;
  @ApiPropertyOptional({ type: SignatureDto }) @IsOptional() @ValidateNested() @Type(() => SignatureDto) signature?: SignatureDto;
  @ApiPropertyOptional({ type: PatrolDto }) @IsOptional() @ValidateNested() @Type(() => PatrolDto) patrol?: PatrolDto;
  @ApiPropertyOptional({ type: RectificationDto }) @IsOptional() @ValidateNested() @Type(() => RectificationDto) rectification?: RectificationDto;
}

export class SelfRegulationQuery {
  @ApiPropertyOptional({ enum: SELF_REGULATION_KINDS }) @IsOptional() @IsIn(SELF_REGULATION_KINDS) kind?: SelfRegulationKind;
}
