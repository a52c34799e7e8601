import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CASE_STATUSES, type CaseStatus } from '../../application/verification-cases/verification-cases.ports';

/** The query of GET /verification-cases: optionally one status. */
export class VerificationCaseQuery {
  @ApiPropertyOptional({ enum: CASE_STATUSES })
  @IsOptional() @IsIn(CASE_STATUSES)
  status?: CaseStatus;
}
