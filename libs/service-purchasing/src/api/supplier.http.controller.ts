import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@sop/auth';
import { UsccPipe } from '@sop/http';
import { ContractService } from '../application/contract.service';

@ApiTags('suppliers')
@ApiBearerAuth()
@Controller('suppliers')
export class SupplierHttpController {
  constructor(private readonly contracts: ContractService) {}

  @Get(':uscc')
  @Roles('purchaser', 'finance-officer', 'auditor')
  @ApiOperation({ summary: 'A registered social organization as a potential undertaker: status, barring credit measures (+ ruleVersion), grade in force, priority reasons' })
  byUscc(@Param('uscc', new UsccPipe()) uscc: string) {
    return this.contracts.supplierOf(uscc);
  }
}
