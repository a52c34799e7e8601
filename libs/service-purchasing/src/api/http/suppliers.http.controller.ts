import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@sop/auth';
import { UsccPipe } from '@sop/http';
import { SupplierProfile } from '../../application/suppliers/supplier-profile.use-case';

/** Potential undertakers as purchasing knows them from registration, credit and evaluation events. */
@ApiTags('suppliers')
@ApiBearerAuth()
@Controller('suppliers')
export class SuppliersHttpController {
  constructor(private readonly profiles: SupplierProfile) {}

  @Get(':uscc')
  @Roles('purchaser', 'finance-officer', 'auditor')
  @ApiOperation({ summary: 'A registered social organization as a potential undertaker: status, barring credit measures (+ ruleVersion), grade in force (validity in Beijing dates, judged on today\'s Beijing date asOfDate), priority reasons' })
  byUscc(@Param('uscc', new UsccPipe()) uscc: string) {
    return this.profiles.supplierOf(uscc);
  }
}
