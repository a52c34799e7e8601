import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  ORGANIZATION_CATEGORIES,
  ORGANIZATION_FORMS,
  REGIMES,
  type OrganizationCategory,
  type OrganizationForm,
  type Regime,
} from '@sop/contracts';
import type { RegistrationApplication } from '../domain/registration-application';
import { FOUNDATION_TYPES, type FoundationType } from '../domain/founding-conditions';
import { ANNUAL_REPORT_OUTCOMES, type AnnualReportOutcome } from '../domain/annual-report-cycle';
import type { RuleSetVersion } from '../domain/registration-policy';
import type { AnnualReportRecord, OrganizationRecord, OrganizationVersion } from '../application/registration.ports';
import type { RegisterEntry } from '../domain/organization-lifecycle';
import type { PersonView } from '../application/registration.service';
import type { LegalRepresentativeView } from '../application/organization-lifecycle.service';

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

export class RegimeRuleDto {
  @ApiPropertyOptional({ enum: ORGANIZATION_FORMS, description: 'absent: any form' })
  @IsOptional() @IsIn(ORGANIZATION_FORMS)
  form?: OrganizationForm;

  @ApiPropertyOptional({ enum: ORGANIZATION_CATEGORIES, description: 'absent: any category' })
  @IsOptional() @IsIn(ORGANIZATION_CATEGORIES)
  category?: OrganizationCategory;

  @ApiProperty({ enum: REGIMES })
  @IsIn(REGIMES)
  regime: Regime;

  @ApiProperty({ example: '北京市民政局关于直接登记的通知 (2027)' })
  @IsString() @IsNotEmpty() @MaxLength(1000)
  source: string;
}

export class PublishPolicyVersionRequest {
  @ApiProperty({ example: '2027-01-01T00:00:00Z', description: 'must be in the future' })
  @IsISO8601({ strict: true })
  effectiveFrom: string;

  @ApiProperty({ type: [RegimeRuleDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => RegimeRuleDto)
  rules: RegimeRuleDto[];

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(500)
  note?: string;
}

export class DecisionQuery {
  @ApiProperty({ example: '110108' })
  @Matches(/^\d{6}$/)
  registeringAuthority: string;

  @ApiProperty({ enum: ORGANIZATION_FORMS })
  @IsIn(ORGANIZATION_FORMS)
  form: OrganizationForm;

  @ApiProperty({ enum: ORGANIZATION_CATEGORIES })
  @IsIn(ORGANIZATION_CATEGORIES)
  category: OrganizationCategory;

  @ApiPropertyOptional({ description: 'decide as of this instant (default now)' })
  @IsOptional() @IsISO8601({ strict: true })
  asOf?: string;
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
    decisionOverdue: extra.decisionOverdue,
    decidedAt: s.decidedAt?.toISOString() ?? null,
    decisionReasons: s.decisionReasons,
    decisionLegalBasis: s.decisionLegalBasis,
    uscc: s.uscc,
    ...(extra.people ? { people: extra.people } : {}),
  };
}

/** Public register fields of an organization (no personal data beyond the published legal representative). */
export function organizationPublicView(o: OrganizationRecord) {
  return {
    uscc: o.uscc,
    name: o.name,
    form: o.form,
    category: o.category,
    registeringAuthority: o.registeringAuthority,
    domicile: o.domicile,
    purpose: o.purpose,
    legalRepresentativeName: o.legalRepresentativeName,
    registeredCapitalFen: o.registeredCapitalFen,
    regime: o.regime,
    linkedUnit: o.unitId ? { name: o.unitName, role: o.unitRole } : null,
    status: o.status,
    registeredAt: o.registeredAt.toISOString(),
  };
}

export function policyVersionView(v: RuleSetVersion) {
  return {
    ruleSetId: v.ruleSetId,
    policyVersion: `${v.ruleSetId}@v${v.version}`,
    jurisdiction: v.jurisdiction,
    version: v.version,
    effectiveFrom: v.effectiveFrom.toISOString(),
    publishedAt: v.publishedAt.toISOString(),
    note: v.note,
    rules: v.rules,
  };
}

export class SubmitAnnualReportRequest {
  @ApiProperty({ example: 2026, description: 'the finished year the report covers' })
  @IsInt() @Min(1998) @Max(9999)
  reportYear: number;
}

export class ReviewAnnualReportRequest {
  @ApiProperty({ enum: ANNUAL_REPORT_OUTCOMES })
  @IsIn(ANNUAL_REPORT_OUTCOMES)
  outcome: AnnualReportOutcome;
}

export function annualReportView(r: AnnualReportRecord) {
  return {
    uscc: r.uscc,
    reportYear: r.reportYear,
    dueDate: r.dueDate,
    submittedAt: r.submittedAt.toISOString(),
    ruleVersion: r.ruleVersion,
    outcome: r.outcome,
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
  };
}

export class RegimeMetricsQuery {
  @ApiProperty({ example: '110000' })
  @Matches(/^\d{6}$/)
  jurisdiction: string;

  @ApiProperty({ example: '2026-01-01T00:00:00Z', description: 'applications submitted from (inclusive)' })
  @IsISO8601({ strict: true })
  from: string;

  @ApiPropertyOptional({ description: 'until (exclusive); default now' })
  @IsOptional() @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ description: 'compare before and after this instant, e.g. the effective date of a policy version' })
  @IsOptional() @IsISO8601({ strict: true })
  splitAt?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class LegalRepresentativeDto {
  @ApiProperty({ example: '李四' }) @IsString() @IsNotEmpty() @MaxLength(100) name: string;
  @ApiProperty({ example: '11010519491231002X', description: 'resident ID number (GB 11643); stored encrypted, never published, shown masked to registrars only' })
  @IsString() @IsNotEmpty() @MaxLength(18)
  idNumber: string;
}

export class ChangeOrganizationRequest {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(300) domicile?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(2000) purpose?: string;
  @ApiPropertyOptional({ description: 'integer fen' }) @IsOptional() @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER) registeredCapitalFen?: number;
  @ApiPropertyOptional({ example: '2027-02-01', description: 'under a supervising unit: the date it approved the change (filed within 30 days, 社团条例 Art. 18)' })
  @IsOptional() @Matches(DATE) supervisingUnitApprovedOn?: string;
  @ApiPropertyOptional({ type: LegalRepresentativeDto, description: 'change of legal representative (社团条例 Art. 12, 18; 民非条例 Art. 15); events and public reads carry the name only' })
  @IsOptional() @ValidateNested() @Type(() => LegalRepresentativeDto)
  legalRepresentative?: LegalRepresentativeDto;
  @ApiPropertyOptional({ example: '京审字〔2027〕第012号', description: 'financial audit before a change of legal representative; required for social groups (社团条例 Art. 27)' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  auditReportReference?: string;
  @ApiPropertyOptional({ example: '2027-02-01', description: 'the day the change took effect (default: now); not in the future, not before the latest register entry' })
  @IsOptional() @Matches(DATE) effectiveOn?: string;
}

export function legalRepresentativeView(r: LegalRepresentativeView) {
  return {
    name: r.name,
    effectiveFrom: r.effectiveFrom.toISOString(),
    supersededAt: r.supersededAt?.toISOString() ?? null,
    current: r.current,
    ...(r.idNumberMasked ? { idNumberMasked: r.idNumberMasked } : {}),
  };
}

export class DeregisterRequest {
  @ApiProperty({ example: '宗旨已实现，自行解散' }) @IsString() @IsNotEmpty() @MaxLength(1000) reason: string;
  @ApiProperty({ example: '2027-02-14', description: 'the day liquidation ended (apply within 15 days, 社团条例 Art. 21)' }) @Matches(DATE) liquidationCompletedOn: string;
}

export class RevokeRequest {
  @ApiProperty({ example: '弄虚作假骗取登记' }) @IsString() @IsNotEmpty() @MaxLength(1000) reason: string;
  @ApiProperty({ example: '社团条例 Art. 29' }) @IsString() @IsNotEmpty() @MaxLength(500) legalBasis: string;
}

export class AsOfQuery {
  @ApiPropertyOptional({ description: 'the register entry in effect at this instant' }) @IsOptional() @IsISO8601({ strict: true }) asOf?: string;
}

export function registerEntryView(uscc: string, e: RegisterEntry) {
  return {
    uscc,
    name: e.name,
    form: e.form,
    registeringAuthority: e.registeringAuthority,
    domicile: e.domicile,
    purpose: e.purpose,
    legalRepresentativeName: e.legalRepresentativeName,
    registeredCapitalFen: e.registeredCapitalFen,
    regime: e.regime,
    linkedUnit: e.unitName ? { name: e.unitName, role: e.unitRole } : null,
    status: e.status,
  };
}

/** Public history: register entries and what changed; not who recorded it. */
export function historyView(v: OrganizationVersion) {
  return {
    seq: v.seq,
    changeType: v.changeType,
    effectiveAt: v.effectiveAt.toISOString(),
    recordedAt: v.recordedAt.toISOString(),
    entry: registerEntryView(v.uscc, v.entry),
    details: v.details,
  };
}
