import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { assertJurisdiction, CurrentPrincipal, Roles, type Principal } from '@sop/auth';
import { UsccPipe } from '@sop/http';
import { ProblemError } from '@sop/util';
import { EvaluationOrganizationOrmEntity } from '../infrastructure/evaluation.orm-entities';

@ApiTags('evaluation')
@ApiBearerAuth()
@Controller('organizations')
export class EvaluationOrganizationHttpController {
  constructor(private readonly ds: DataSource) {}

  @Get(':uscc')
  @Roles('evaluator', 'auditor')
  @ApiOperation({ summary: 'An organization as evaluation knows it, with the date it becomes eligible for grading' })
  async byUscc(@Param('uscc', new UsccPipe()) uscc: string, @CurrentPrincipal() principal: Principal) {
    const org = await this.ds.manager.findOneBy(EvaluationOrganizationOrmEntity, { uscc });
    if (!org) throw ProblemError.notFound('EVALUATION.ORGANIZATION_NOT_FOUND', `evaluation has no organization ${uscc}`);
    if (!principal.roles.includes('auditor')) assertJurisdiction(principal, org.registeringAuthority, `organization ${uscc}`);
    return {
      uscc: org.uscc,
      name: org.name,
      form: org.form,
      category: org.category,
      registeringAuthority: org.registeringAuthority,
      registeredAt: org.registeredAt.toISOString(),
      eligibleForEvaluationFrom: org.eligibleFrom.toISOString(),
    };
  }
}
