import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@sop/auth';
import { BudgetLines } from '../../application/budgets/budget-lines.use-cases';
import { CreateBudgetLineRequest } from './budgets.dto';

/** Budget lines of purchasing organs in fen (Order 102 Art. 3): procurements commit against them. */
@ApiTags('budgets')
@ApiBearerAuth()
@Controller('budgets')
export class BudgetsHttpController {
  constructor(private readonly budgets: BudgetLines) {}

  @Post()
  @Roles('finance-officer')
  @ApiOperation({
    summary:
      'Create a budget line (organ, fiscal year, line code, amount in fen) of a registered purchasing organ in your jurisdiction (else 404 PURCHASING.ORGAN_NOT_FOUND); the same code twice in a year 409 PURCHASING.BUDGET_LINE_EXISTS',
  })
  create(@Body() body: CreateBudgetLineRequest, @CurrentPrincipal() principal: Principal) {
    return this.budgets.create({ organUnitId: body.organUnitId, fiscalYear: body.fiscalYear, lineCode: body.lineCode, description: body.description, amountFen: body.amountFen }, principal);
  }

  @Get(':id')
  @Roles('finance-officer', 'purchaser', 'auditor')
  @ApiOperation({
    summary: "A budget line with amount, committed, paid and remaining fen: finance officers in their jurisdiction, the organ's purchasers, auditors; else 404 PURCHASING.BUDGET_LINE_NOT_FOUND",
  })
  line(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.budgets.line(id, principal);
  }
}
