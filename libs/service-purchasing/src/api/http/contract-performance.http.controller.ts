import { Body, Controller, Headers, Param, ParseIntPipe, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@sop/auth';
import { ContractFromAward } from '../../application/contract-performance/contract-from-award.use-case';
import { ContractPayments } from '../../application/contract-performance/contract-payments.use-case';
import { MilestoneAcceptances } from '../../application/contract-performance/milestone-acceptance.use-case';
import { PaymentDecisions } from '../../application/contract-performance/payment-decisions.use-case';
import { TerminateContract } from '../../application/contract-performance/terminate-contract.use-case';
import { IDEMPOTENCY_KEY_MAX, idempotencyKeyOf } from '../../domain/idempotency';
import { ContractFromAwardRequest, MilestoneAcceptanceRequest, PaymentDecisionRequest, PaymentRequest, TerminationRequest } from './contract-performance.dto';

interface StatusResponse {
  status(code: number): unknown;
  setHeader(name: string, value: string): unknown;
}

/** The contract of an awarded procurement (Order 102 Art. 23–24). */
@ApiTags('contracts')
@ApiBearerAuth()
@Controller('procurements')
export class ProcurementContractHttpController {
  constructor(private readonly fromAward: ContractFromAward) {}

  @Post(':id/contract')
  @Roles('purchaser')
  @ApiOperation({
    summary:
      "Sign the contract of your organ's awarded procurement once the standstill has ended (409 PURCHASING.STANDSTILL_NOT_ENDED): supplier the awarded bidder, value the awarded price (≤ the commitment), Art. 23 content, Art. 24 term, eligibility re-checked at signing, milestones (Beijing due dates within the term) summing to the value (400 PURCHASING.MILESTONES_INVALID). One per procurement (409 PURCHASING.CONTRACT_EXISTS). Publishes ContractSigned with procurementId, ocid and milestones",
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: `≤ ${IDEMPOTENCY_KEY_MAX} visible ASCII characters; a retry with the same body answers 200 with the original contract (Idempotent-Replayed: true)` })
  async sign(
    @Param('id') id: string,
    @Body() body: ContractFromAwardRequest,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: StatusResponse,
  ) {
    const { contract, replayed } = await this.fromAward.sign(id, body, principal, idempotencyKeyOf(idempotencyKey));
    if (replayed) {
      res.status(200);
      res.setHeader('Idempotent-Replayed', 'true');
    }
    return contract;
  }
}

/** Performance of a contract: acceptance of milestones, payments, payment decisions on flagged contracts, termination. */
@ApiTags('contracts')
@ApiBearerAuth()
@Controller('contracts')
export class ContractPerformanceHttpController {
  constructor(
    private readonly acceptances: MilestoneAcceptances,
    private readonly payments: ContractPayments,
    private readonly decisions: PaymentDecisions,
    private readonly termination: TerminateContract,
  ) {}

  @Post(':id/milestones/:sequence/acceptance')
  @Roles('purchaser')
  @ApiOperation({
    summary:
      "Accept (passed) or refuse (failed) a milestone of your organ's contract with the performance score (banded by the rule set in force; the rule version is recorded) and findings. One passed acceptance per milestone (409 PURCHASING.MILESTONE_ALREADY_ACCEPTED); a failed one may be re-submitted after rework (attempt 2, 3 …). Publishes purchasing.contract.milestone-accepted",
  })
  accept(@Param('id', new ParseUUIDPipe()) id: string, @Param('sequence', new ParseIntPipe()) sequence: number, @Body() body: MilestoneAcceptanceRequest, @CurrentPrincipal() principal: Principal) {
    return this.acceptances.accept(id, sequence, body, principal);
  }

  @Post(':id/payments')
  @Roles('finance-officer')
  @ApiOperation({
    summary:
      "Record a payment against an accepted milestone (finance officer of the purchaser's jurisdiction): 409 PURCHASING.MILESTONE_NOT_ACCEPTED before acceptance, 422 PURCHASING.MILESTONE_OVERPAID beyond its amount, 422 PURCHASING.BUDGET_EXCEEDED beyond the budget line's commitment, 409 PURCHASING.PAYMENT_NEEDS_DECISION / PAYMENT_WITHHELD on a flagged contract without a PAY decision. The last payment completes the contract. Publishes purchasing.contract.payment-made",
  })
  pay(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: PaymentRequest, @CurrentPrincipal() principal: Principal) {
    return this.payments.pay(id, body, principal);
  }

  @Post(':id/payment-decisions')
  @Roles('finance-officer')
  @ApiOperation({
    summary:
      "On a contract flagged by its supplier's serious listing: the decision PAY or WITHHOLD, with reasons, on further payments of a milestone (finance officer of the purchaser's jurisdiction; 409 PURCHASING.CONTRACT_NOT_FLAGGED otherwise). Publishes purchasing.contract.payment-decided",
  })
  decide(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: PaymentDecisionRequest, @CurrentPrincipal() principal: Principal) {
    return this.decisions.decide(id, body, principal);
  }

  @Post(':id/termination')
  @Roles('purchaser')
  @ApiOperation({
    summary:
      "Terminate your organ's contract with reasons: TERMINATED, nothing more accepted or paid (409 PURCHASING.CONTRACT_NOT_IN_PERFORMANCE), the unpaid value released from the budget line. Publishes purchasing.contract.terminated",
  })
  terminate(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: TerminationRequest, @CurrentPrincipal() principal: Principal) {
    return this.termination.terminate(id, body.reasons, principal, body.cause);
  }
}
