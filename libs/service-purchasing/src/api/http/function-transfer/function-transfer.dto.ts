import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { FIRST_REVIEW_RECOMMENDATIONS, FUNCTION_STAGES, KINDS_OF_ACT, ORGAN_UNIT_ID_FORMAT, TRANSFER_MODES, type FirstReviewRecommendation, type FunctionStage, type KindOfAct, type TransferMode } from '@sop/contracts';
import { USCC_FORMAT } from '@sop/util';

const DIVISION = /^\d{6}$/;
/** The shape of a civil date; whether it is a real day is the domain's 400 FUNCTION_TRANSFER.TERM_INVALID. */
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const AREA = /^[A-Z][A-Z0-9_]{1,59}$/;

export class IdentifyFunctionRequest {
  @ApiProperty({ example: 'MARKET_ACCESS', description: 'the function area the concentration watch groups by (UPPER_SNAKE)' })
  @Matches(AREA, { message: 'functionArea must be UPPER_SNAKE, 2–60 characters' })
  functionArea: string;

  @ApiProperty({ example: '南锣鼓巷主街新开办、变更商户营业执照申请初审' })
  @IsString() @IsNotEmpty() @MaxLength(300)
  title: string;

  @ApiProperty({ enum: KINDS_OF_ACT })
  @IsIn(KINDS_OF_ACT)
  kindOfAct: KindOfAct;

  @ApiPropertyOptional({ example: '《优化营商环境条例》第四十条；东城区委托协议', description: 'the legal basis; without one the item cannot pass IDENTIFIED' })
  @IsOptional() @IsString() @MaxLength(500)
  legalBasis?: string;

  @ApiProperty({ example: '商会具备承接条件，街道提出' })
  @IsString() @IsNotEmpty() @MaxLength(1000)
  reason: string;
}

export class MoveStageRequest {
  @ApiProperty({ enum: FUNCTION_STAGES, description: 'the next stage (one at a time) or REVOKED (take-back, with legalBasis)' })
  @IsIn(FUNCTION_STAGES)
  to: FunctionStage;

  @ApiPropertyOptional({ description: 'legal basis recorded with the move (required to pass IDENTIFIED if none is on record, and for REVOKED)' })
  @IsOptional() @IsString() @MaxLength(500)
  legalBasis?: string;

  @ApiProperty({ example: '试点半年，评估合格' })
  @IsString() @IsNotEmpty() @MaxLength(1000)
  reason: string;
}

export class CatalogueQuery {
  @ApiPropertyOptional({ example: '110101' }) @IsOptional() @Matches(DIVISION, { message: 'jurisdiction must be a 6-digit division code' }) jurisdiction?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ORGAN_UNIT_ID_FORMAT, { message: 'departmentUnitId must be a unit id' }) departmentUnitId?: string;
}

export class GrantQualificationRequest {
  @ApiProperty({ example: '51110101MJ0000018X', description: 'the organization (known to purchasing from registration events)' })
  @Matches(USCC_FORMAT, { message: 'uscc must be an 18-character USCC' })
  uscc: string;
}

export class QualificationsQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(USCC_FORMAT, { message: 'uscc must be an 18-character USCC' }) uscc?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(DIVISION, { message: 'jurisdiction must be a 6-digit division code' }) jurisdiction?: string;
}

export class ConcludeAgreementRequest {
  @ApiProperty() @IsUUID() itemId: string;
  @ApiProperty({ description: 'the qualified undertaking organization' }) @Matches(USCC_FORMAT, { message: 'uscc must be an 18-character USCC' }) uscc: string;
  @ApiProperty({ example: '110101', description: "the division where the function is transferred (within the department's jurisdiction)" })
  @Matches(DIVISION, { message: 'area must be a 6-digit division code' })
  area: string;
  @ApiProperty({ enum: TRANSFER_MODES }) @IsIn(TRANSFER_MODES) mode: TransferMode;
  @ApiPropertyOptional({ description: 'PURCHASED: the procurement of this service awarded to the organization by this department' })
  @IsOptional() @IsUUID()
  procurementId?: string;
  @ApiPropertyOptional({ description: 'agreed value in fen (PURCHASED: the awarded price is taken)', default: 0 })
  @IsOptional() @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER)
  valueFen?: number;
  @ApiProperty({ example: '南锣鼓巷主街商户外立面装修图纸初审' }) @IsString() @IsNotEmpty() @MaxLength(1000) scope: string;
  @ApiProperty({ example: ['5个工作日内出具初审意见'] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(500, { each: true })
  serviceStandards: string[];
  @ApiProperty({ example: '2026-03-02' }) @Matches(DATE, { message: 'termStart must be YYYY-MM-DD' }) termStart: string;
  @ApiProperty({ example: '2027-03-01' }) @Matches(DATE, { message: 'termEnd must be YYYY-MM-DD' }) termEnd: string;
  @ApiProperty({ example: 5, description: 'working days for the first review (official calendar)' }) @IsInt() @Min(1) @Max(60) firstReviewWorkingDays: number;
  @ApiProperty({ example: '东城区市场监督管理局 登记注册科', description: "the department's supervisor (an office, not a person)" })
  @IsString() @IsNotEmpty() @MaxLength(200)
  supervisor: string;
}

export class AgreementsQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(DIVISION, { message: 'jurisdiction must be a 6-digit division code' }) jurisdiction?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(USCC_FORMAT, { message: 'uscc must be an 18-character USCC' }) uscc?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() itemId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ORGAN_UNIT_ID_FORMAT, { message: 'departmentUnitId must be a unit id' }) departmentUnitId?: string;
}

export class TakeBackRequest {
  @ApiProperty({ enum: ['SUSPENDED', 'REVOKED'] }) @IsIn(['SUSPENDED', 'REVOKED']) action: 'SUSPENDED' | 'REVOKED';
  @ApiProperty({ description: 'a revocation for cause reaches credit supervision as credit information' }) @IsBoolean() forCause: boolean;
  @ApiProperty({ example: ['初审意见多次与事实不符'] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(500, { each: true })
  reasons: string[];
  @ApiProperty({ example: '委托协议第十二条' }) @IsString() @IsNotEmpty() @MaxLength(500) legalBasis: string;
}

export class SubmitCaseRequest {
  @ApiProperty({ example: 'FACADE_DRAWING' }) @IsString() @IsNotEmpty() @MaxLength(100) matterKind: string;
  @ApiProperty({ example: '南锣鼓巷45号店铺外立面改造' }) @IsString() @IsNotEmpty() @MaxLength(300) subject: string;
  @ApiProperty({ example: '更换门头招牌，保持青砖灰瓦风貌' }) @IsString() @IsNotEmpty() @MaxLength(4000) description: string;
}

export class FirstReviewRequest {
  @ApiProperty({ enum: FIRST_REVIEW_RECOMMENDATIONS }) @IsIn(FIRST_REVIEW_RECOMMENDATIONS) recommendation: FirstReviewRecommendation;
  @ApiProperty({ example: ['招牌尺寸符合街区风貌导则'] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(1000, { each: true })
  reasons: string[];
  @ApiPropertyOptional({ example: [] })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(1000, { each: true })
  conditions?: string[];
}

export class DepartmentDecisionRequest {
  @ApiProperty({ enum: ['APPROVED', 'APPROVED_WITH_CONDITIONS', 'REFUSED'] })
  @IsIn(['APPROVED', 'APPROVED_WITH_CONDITIONS', 'REFUSED'])
  decision: 'APPROVED' | 'APPROVED_WITH_CONDITIONS' | 'REFUSED';
  @ApiProperty({ example: ['招牌材质不符合历史文化街区保护要求'] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(1000, { each: true })
  reasons: string[];
  @ApiPropertyOptional()
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(1000, { each: true })
  conditions?: string[];
}

export class CasesQuery {
  @ApiPropertyOptional({ description: 'true: only first reviews past their deadline' }) @IsOptional() @IsIn(['true', 'false']) overdue?: 'true' | 'false';
}

export class ConcentrationQuery {
  @ApiProperty({ example: '110101' }) @Matches(DIVISION, { message: 'jurisdiction must be a 6-digit division code' }) jurisdiction: string;
  @ApiPropertyOptional({ example: 'MARKET_ACCESS' }) @IsOptional() @Matches(AREA, { message: 'functionArea must be UPPER_SNAKE' }) functionArea?: string;
}
