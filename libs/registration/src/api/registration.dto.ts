import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ORGANIZATION_CATEGORIES, ORGANIZATION_FORMS, type OrganizationCategory, type OrganizationForm } from '@sop/contracts';
import type { RegistrationApplication } from '../domain/registration-application';
import type { OrganizationRecord } from '../application/registration.ports';

export class SubmitApplicationRequest {
  @ApiProperty({ example: '北京市海淀区社区养老服务中心' })
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

  @ApiProperty({ example: 3000000, description: 'activity funds / start-up capital / original fund in integer fen (分)' })
  @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER)
  registeredCapitalFen: number;
}

export function applicationView(application: RegistrationApplication) {
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
    regime: s.regime,
    policyVersion: s.policyVersion,
    status: s.status,
    submittedAt: s.submittedAt.toISOString(),
    decisionDueBy: s.decisionDueBy.toISOString(),
    decidedAt: s.decidedAt?.toISOString() ?? null,
    uscc: s.uscc,
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
    status: o.status,
    registeredAt: o.registeredAt.toISOString(),
  };
}
