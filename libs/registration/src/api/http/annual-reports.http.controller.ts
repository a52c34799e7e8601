import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@sop/auth';
import { UsccPipe } from '@sop/http';
import { AnnualReports } from '../../application/annual-reports/annual-reports.use-cases';
import { annualReportView, ReviewAnnualReportRequest, SubmitAnnualReportRequest } from './annual-reports.dto';

/** Annual reports (regulations §4): submission by the organization, the registrar's conclusion, the list. */
@ApiTags('registration')
@Controller()
export class AnnualReportsHttpController {
  constructor(private readonly annualReports: AnnualReports) {}

  @Post('organizations/:uscc/annual-reports')
  @ApiBearerAuth()
  @Roles('org-representative', 'registrar')
  @ApiOperation({ summary: "Submit the previous year's annual report (due 31 March for foundations, 31 May otherwise; regulations §4)" })
  async submitAnnualReport(@Param('uscc', new UsccPipe()) uscc: string, @Body() body: SubmitAnnualReportRequest, @CurrentPrincipal() principal: Principal) {
    return annualReportView(await this.annualReports.submit(uscc, body.reportYear, principal, body.partyOrganization));
  }

  @Post('organizations/:uscc/annual-reports/:year/review')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('registrar')
  @ApiOperation({ summary: 'Conclude an annual report: PASS, BASIC_PASS or FAIL' })
  async reviewAnnualReport(
    @Param('uscc', new UsccPipe()) uscc: string,
    @Param('year', ParseIntPipe) year: number,
    @Body() body: ReviewAnnualReportRequest,
    @CurrentPrincipal() principal: Principal,
  ) {
    return annualReportView(await this.annualReports.review(uscc, year, body.outcome, principal));
  }

  @Get('organizations/:uscc/annual-reports')
  @ApiBearerAuth()
  @Roles('org-representative', 'registrar', 'auditor')
  async annualReportsOf(@Param('uscc', new UsccPipe()) uscc: string, @CurrentPrincipal() principal: Principal) {
    return { items: (await this.annualReports.list(uscc, principal)).map(annualReportView) };
  }
}
