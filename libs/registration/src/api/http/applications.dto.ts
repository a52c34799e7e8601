// Requests and views of applications: submission, consent, decision.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ORGANIZATION_CATEGORIES, ORGANIZATION_FORMS, type OrganizationCategory, type OrganizationForm } from '@sop/contracts';
import type { RegistrationApplication } from '../../domain/registration-application';
import { FOUNDATION_TYPES, type FoundationType } from '../../domain/founding-conditions';
import type { PersonView } from '../../application/applications/application-reads.use-cases';

export class UnitRefDto {
  @ApiProperty({ example: 'unit-bj-health-commission', description: 'the unit id (matches the unit_id claim of its users)' })
  @IsString() @IsNotEmpty() @MaxLength(120)
  id: string;

  @ApiProperty({ example: '北京市卫生健康委员会' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  name: string;
}

export class OfficerDto {
  @ApiProperty({ example: '王五' })
  @IsString() @IsNotEmpty() @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ example: '秘书长' })
  @IsOptional() @IsString() @MaxLength(100)
  title?: string;

  @ApiProperty({ example: '11010519491231002X', description: 'citizen ID number (GB 11643); stored encrypted, shown masked to registrars only' })
  @IsString() @IsNotEmpty() @MaxLength(18)
  idNumber: string;
}

export class SubmitApplicationRequest {
  @ApiProperty({ example: '北京市海淀区社区养老服务中心', description: 'division + field + organization-form word (MCA Order 69)' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  proposedName: string;

  @ApiProperty({ enum: ORGANIZATION_FORMS })
  @IsIn(ORGANIZATION_FORMS)
  form: OrganizationForm;

  @ApiProperty({ enum: ORGANIZATION_CATEGORIES })
  @IsIn(ORGANIZATION_CATEGORIES)
  category: OrganizationCategory;

  @ApiProperty({ example: '110108', description: 'division code of the registering authority (GB/T 2260)' })
  @Matches(/^\d{6}$/, { message: 'registeringAuthority must be a 6-digit division code' })
  registeringAuthority: string;

  @ApiProperty({ example: '北京市海淀区中关村大街1号' })
  @IsString() @IsNotEmpty() @MaxLength(300)
  domicile: string;

  @ApiProperty({ example: '为社区老年人提供日间照料服务' })
  @IsString() @IsNotEmpty() @MaxLength(2000)
  purpose: string;

  @ApiProperty({ example: '张三' })
  @IsString() @IsNotEmpty() @MaxLength(100)
  legalRepresentativeName: string;

  @ApiProperty({ example: '11010519491231002X', description: 'citizen ID number (GB 11643 check character); never returned, never in events' })
  @IsString() @IsNotEmpty() @MaxLength(18)
  legalRepresentativeIdNumber: string;

  @ApiProperty({ example: 3000000, description: 'activity funds / start-up capital / original fund in integer fen (分)' })
  @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER)
  registeredCapitalFen: number;

  @ApiPropertyOptional({ example: 50, description: 'social groups: individual members (社团条例 Art. 10(1))' })
  @IsOptional() @IsInt() @Min(0) @Max(10_000_000)
  individualMembers?: number;

  @ApiPropertyOptional({ example: 0, description: 'social groups: unit members (社团条例 Art. 10(1))' })
  @IsOptional() @IsInt() @Min(0) @Max(10_000_000)
  unitMembers?: number;

  @ApiPropertyOptional({ enum: FOUNDATION_TYPES, description: 'foundations: public or non-public fundraising (基金会条例 Art. 3)' })
  @IsOptional() @IsIn(FOUNDATION_TYPES)
  foundationType?: FoundationType;

  @ApiPropertyOptional({
    example: '国函〔2027〕12号',
    description: 'national social groups and foundations (registering authority 100000) whose name uses 中国/全国/中华: the reference of the approval (社团条例 Art. 10 para. 2); local organizations and social service organizations may not use these words',
  })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  nameApprovalReference?: string;

  @ApiPropertyOptional({ type: UnitRefDto, description: 'required under DUAL_MANAGEMENT (the supervising unit that must consent); optional guidance unit under DIRECT' })
  @IsOptional() @ValidateNested() @Type(() => UnitRefDto)
  supervisingUnit?: UnitRefDto;

  @ApiPropertyOptional({ type: [OfficerDto], description: 'proposed leaders other than the legal representative' })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => OfficerDto)
  officers?: OfficerDto[];
}

export class ReasonsRequest {
  @ApiProperty({ example: ['同一行政区域内已有业务范围相同的社会团体'], description: 'a refusal states its reasons (社团条例 Art. 12)' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(1000, { each: true })
  reasons: string[];

  @ApiPropertyOptional({ example: '社团条例 Art. 13(2)' })
  @IsOptional() @IsString() @MaxLength(500)
  legalBasis?: string;
}

export function applicationView(application: RegistrationApplication, extra: { decisionOverdue: boolean; people?: PersonView[] }) {
  const s = application.snapshot;
  return {
    id: s.id,
    proposedName: s.proposedName,
    form: s.form,
    category: s.category,
    registeringAuthority: s.registeringAuthority,
    domicile: s.domicile,
    purpose: s.purpose,
    legalRepresentativeName: s.legalRepresentativeName,
    registeredCapitalFen: s.registeredCapitalFen,
    individualMembers: s.individualMembers,
    unitMembers: s.unitMembers,
    foundationType: s.foundationType,
    nameApprovalReference: s.nameApprovalReference ?? null,
    linkedUnit: s.unit,
    regime: s.regime,
    policyVersion: s.policyVersion,
    regimeSource: s.regimeSource,
    checksVersion: s.checksVersion,
    reroutedFromPolicyVersion: s.reroutedFromPolicyVersion,
    status: s.status,
    consent: { status: s.consentStatus, decidedAt: s.consentDecidedAt?.toISOString() ?? null, reasons: s.consentReasons },
    submittedAt: s.submittedAt.toISOString(),
    decisionDueBy: s.decisionDueBy.toISOString(),
    /** The last day of the 60-day decision period (Beijing date); decisionDueBy is 24:00 Beijing time of it. */
    decisionDueOn: application.decisionDueOn,
    /** The holiday calendar that placed the last day (Civil Code Art. 203); null = provisional (that year's notice is not yet in the calendar). */
    decisionDueCalendarVersion: s.decisionDueCalendarVersion,
    decisionOverdue: extra.decisionOverdue,
    decidedAt: s.decidedAt?.toISOString() ?? null,
    decisionReasons: s.decisionReasons,
    decisionLegalBasis: s.decisionLegalBasis,
    uscc: s.uscc,
    ...(extra.people ? { people: extra.people } : {}),
  };
}
