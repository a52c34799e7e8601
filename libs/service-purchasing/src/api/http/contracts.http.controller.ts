import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@sop/auth';
import { GetContract } from '../../application/contracts/get-contract.use-case';
import { SignContract } from '../../application/contracts/sign-contract.use-case';
import { IDEMPOTENCY_KEY_MAX, idempotencyKeyOf } from '../../domain/idempotency';
import { SignContractRequest } from './contracts.dto';

/** The slice of the (Express) response the controller touches. */
interface StatusResponse {
  status(code: number): unknown;
  setHeader(name: string, value: string): unknown;
}

/** Purchasing organs' users record contracts; they, finance officers and auditors read them within reach (read-reach.ts). */
@ApiTags('contracts')
@ApiBearerAuth()
@Controller('contracts')
export class ContractsHttpController {
  constructor(
    private readonly signing: SignContract,
    private readonly reading: GetContract,
  ) {}

  @Post()
  @Roles('purchaser')
  @ApiOperation({
    summary:
      "Record a signed purchase-of-services contract for the caller's purchasing organ: the token's unit_id must be an organ registered as a state organ (POST /organs) in a division the token's jurisdiction covers, else 403 PURCHASING.PURCHASER_NOT_REGISTERED (Order 102 Art. 5); the purchaser is its registered name (an optional `purchaser` must equal it, else 422 PURCHASING.PURCHASER_NAME_MISMATCH). Term per Order 102 Art. 24; supplier active and not barred by credit joint measures (regulations §5.3); publishes ContractSigned with the organ's unit id. Term dates are Beijing dates (YYYY-MM-DD, inclusive); signedAt an ISO 8601 instant with its offset; the answer adds signedOn, termStartsAt and termEndsAt",
  })
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
    const { contract, replayed } = await this.signing.sign(body, principal, idempotencyKeyOf(idempotencyKey));
    if (replayed) {
      res.status(200);
      res.setHeader('Idempotent-Replayed', 'true');
    }
    return contract;
  }

  @Get(':id')
  @Roles('purchaser', 'finance-officer', 'auditor')
  @ApiOperation({
    summary:
      "A contract with its performance assessments (Beijing dates beside instants: signedOn, termStartsAt/termEndsAt, assessedOn). Within reach only: auditors every contract, finance officers those of purchasing organs in their jurisdiction, purchasers their own organ's; anything else is 404 PURCHASING.CONTRACT_NOT_FOUND exactly as a missing contract",
  })
  byId(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.reading.contractOf(id, principal);
  }
}
