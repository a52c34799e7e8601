import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@sop/auth';
import { ProblemError } from '@sop/util';
import { ContractService } from '../application/contract.service';
import { IDEMPOTENCY_KEY_MAX, idempotencyKeyOf } from '../domain/idempotency';
import { PurchasingRuleViolation } from '../domain/purchasing-rule-violation';
import { AssessPerformanceRequest, SignContractRequest } from './purchasing.dto';

/** The slice of the (Express) response the controller touches. */
interface StatusResponse {
  status(code: number): unknown;
  setHeader(name: string, value: string): unknown;
}

function keyOf(raw: string | undefined): string | null {
  try {
    return idempotencyKeyOf(raw);
  } catch (err) {
    if (err instanceof PurchasingRuleViolation) throw ProblemError.badRequest(err.code, err.message, [{ field: err.field, rule: err.rule, message: err.message }]);
    throw err;
  }
}

/** Purchasers record contracts and assessments; finance officers and auditors read them. */
@ApiTags('contracts')
@ApiBearerAuth()
@Controller('contracts')
export class ContractHttpController {
  constructor(private readonly contracts: ContractService) {}

  @Post()
  @Roles('purchaser')
  @ApiOperation({ summary: 'Record a signed purchase-of-services contract (term per Order 102 Art. 24; supplier active and not barred by credit joint measures, regulations §5.3); publishes ContractSigned' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: `≤ ${IDEMPOTENCY_KEY_MAX} visible ASCII characters. A retry with the same key and body from the same principal answers 200 with the original contract (header Idempotent-Replayed: true) and publishes nothing; the same key with a different body → 409 PURCHASING.IDEMPOTENCY_KEY_REUSED`,
  })
  async sign(
    @Body() body: SignContractRequest,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: StatusResponse,
  ) {
    const { contract, replayed } = await this.contracts.sign(body, principal, keyOf(idempotencyKey));
    if (replayed) {
      res.status(200);
      res.setHeader('Idempotent-Replayed', 'true');
    }
    return contract;
  }

  @Get(':id')
  @Roles('purchaser', 'finance-officer', 'auditor')
  @ApiOperation({ summary: 'A contract with its performance assessments' })
  byId(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.contracts.contractOf(id);
  }

  @Post(':id/performance-assessments')
  @Roles('purchaser')
  @ApiOperation({ summary: "Assess the supplier's performance (score 0–100 → outcome band); only the contract's purchasing organ (same unit, or same jurisdiction for a contract recorded without a unit) — else 403 PURCHASING.NOT_THE_PURCHASER; publishes ContractPerformanceAssessed" })
  assess(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: AssessPerformanceRequest, @CurrentPrincipal() principal: Principal) {
    return this.contracts.assessPerformance(id, body, principal);
  }
}
