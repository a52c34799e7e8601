import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Roles } from '@sop/auth';
import { UsccPipe } from '@sop/http';
import { ProblemError } from '@sop/util';
import { PurchasingSupplierOrmEntity } from '../infrastructure/purchasing.orm-entities';

@ApiTags('suppliers')
@ApiBearerAuth()
@Controller('suppliers')
export class SupplierHttpController {
  constructor(private readonly ds: DataSource) {}

  @Get(':uscc')
  @Roles('purchaser', 'finance-officer', 'auditor')
  @ApiOperation({ summary: 'A registered social organization as a potential undertaker of purchased services' })
  async byUscc(@Param('uscc', new UsccPipe()) uscc: string) {
    const s = await this.ds.manager.findOneBy(PurchasingSupplierOrmEntity, { uscc });
    if (!s) throw ProblemError.notFound('PURCHASING.SUPPLIER_NOT_FOUND', `purchasing has no organization ${uscc}`);
    return {
      uscc: s.uscc,
      name: s.name,
      form: s.form,
      category: s.category,
      registeringAuthority: s.registeringAuthority,
      registeredAt: s.registeredAt.toISOString(),
      categoryPriority: Boolean(s.categoryPriority),
    };
  }
}
