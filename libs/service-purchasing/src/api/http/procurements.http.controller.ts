import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles, type Principal } from '@sop/auth';
import { ProcurementAwards } from '../../application/procurements/awards.use-cases';
import { Procurements } from '../../application/procurements/procurements.use-cases';
import { SealedBids } from '../../application/procurements/sealed-bids.use-cases';
import type { QualificationRequirements, ScoringMethod } from '../../domain/procurement/procurement-notice';
import { AwardRequest, ScoreBidsRequest, AmendNoticeRequest, CancelNoticeRequest, ListProcurementsQuery, PublishNoticeRequest, QualificationRequirementsDto, ScoringMethodDto, SubmitBidRequest } from './procurements.dto';

function requirementsOf(dto: QualificationRequirementsDto): QualificationRequirements {
  return {
    registeredAndActive: dto.registeredAndActive ?? true,
    notOnSeriousList: dto.notOnSeriousList ?? true,
    noMajorViolationYears: dto.noMajorViolationYears ?? null,
    minimumGrade: dto.minimumGrade ?? null,
    other: dto.other ?? [],
  };
}

function scoringOf(dto: ScoringMethodDto): ScoringMethod {
  return { priceWeight: dto.priceWeight, criteria: dto.criteria.map((c) => ({ name: c.name, weight: c.weight, maxPoints: c.maxPoints })) };
}

/** Procurement notices (public information) and their sealed bids. */
@ApiTags('procurements')
@Controller('procurements')
export class ProcurementsHttpController {
  constructor(
    private readonly procurements: Procurements,
    private readonly bids: SealedBids,
    private readonly awards: ProcurementAwards,
  ) {}

  @Post()
  @ApiBearerAuth()
  @Roles('purchaser')
  @ApiOperation({
    summary:
      "Publish a procurement notice for your purchasing organ (unit_id): method (SINGLE_SOURCE with a justification), catalogue item (not in the catalogue in force 422 PURCHASING.CATALOGUE_ITEM_UNKNOWN; a negative-list item 422 PURCHASING.NEGATIVE_LIST_ITEM with the article), the estimate committed against your organ's budget line (422 PURCHASING.BUDGET_EXCEEDED), requirements, scoring (weights sum to 100), the bid deadline (the method's minimum period: open tender 20 days, GPL Art. 35). Gets an ocid. Publishes ProcurementNoticePublished (purchasing.procurement.v1)",
  })
  publish(@Body() body: PublishNoticeRequest, @CurrentPrincipal() principal: Principal) {
    return this.procurements.publish(
      {
        title: body.title,
        description: body.description,
        method: body.method,
        justification: body.justification,
        catalogueItemCode: body.catalogueItemCode,
        budgetLineId: body.budgetLineId,
        estimatedFen: body.estimatedFen,
        requirements: requirementsOf(body.qualificationRequirements),
        scoring: scoringOf(body.scoring),
        bidDeadline: new Date(body.bidDeadline),
      },
      principal,
    );
  }

  @Get()
  @Public()
  @ApiOperation({ summary: 'Procurement notices, newest first, of a division and those under it (public; never any bid)' })
  list(@Query() query: ListProcurementsQuery) {
    return this.procurements.list(query.jurisdiction);
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'A procurement notice with its amendments and cancellation (public; never any bid)' })
  get(@Param('id') id: string) {
    return this.procurements.get(id);
  }

  @Post(':id/amendments')
  @ApiBearerAuth()
  @Roles('purchaser')
  @ApiOperation({
    summary:
      'Amend a notice before its deadline, with reasons: bid deadline, qualification requirements, scoring. A change of requirements or scoring extends the deadline so the minimum period holds again from the amendment. Publishes ProcurementAmended',
  })
  amend(@Param('id') id: string, @Body() body: AmendNoticeRequest, @CurrentPrincipal() principal: Principal) {
    return this.procurements.amend(
      id,
      {
        reasons: body.reasons,
        bidDeadline: body.bidDeadline ? new Date(body.bidDeadline) : undefined,
        requirements: body.qualificationRequirements ? requirementsOf(body.qualificationRequirements) : undefined,
        scoring: body.scoring ? scoringOf(body.scoring) : undefined,
      },
      principal,
    );
  }

  @Post(':id/cancellation')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('purchaser')
  @ApiOperation({ summary: "Cancel a procurement with reasons; the estimate goes back to the budget line. Publishes ProcurementCancelled" })
  cancel(@Param('id') id: string, @Body() body: CancelNoticeRequest, @CurrentPrincipal() principal: Principal) {
    return this.procurements.cancel(id, body.reasons, principal);
  }

  @Post(':id/bids')
  @ApiBearerAuth()
  @Roles('org-representative')
  @ApiOperation({
    summary:
      "Submit (or replace) your organization's sealed bid before the deadline (org_uscc; known to purchasing as a supplier): price in fen, technical proposal, declarations. Encrypted at rest; the event names only bidder and time. After the deadline 409 PURCHASING.PROCUREMENT_CLOSED",
  })
  submitBid(@Param('id') id: string, @Body() body: SubmitBidRequest, @CurrentPrincipal() principal: Principal) {
    return this.bids.submit(id, { priceFen: body.priceFen, technicalProposal: body.technicalProposal, declarations: body.declarations }, principal);
  }

  @Get(':id/bids/mine')
  @ApiBearerAuth()
  @Roles('org-representative')
  @ApiOperation({ summary: "Your organization's own bid with its content (a bidder reads only its own)" })
  myBid(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.bids.mine(id, principal);
  }

  @Post(':id/bids/mine/withdrawal')
  @HttpCode(200)
  @ApiBearerAuth()
  @Roles('org-representative')
  @ApiOperation({ summary: "Withdraw your organization's bid before the deadline (its content is discarded). Publishes BidWithdrawn" })
  withdraw(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.bids.withdraw(id, principal);
  }

  @Get(':id/bids')
  @ApiBearerAuth()
  @Roles('purchaser', 'auditor')
  @ApiOperation({
    summary: "Open the bids after the deadline: the procurement's purchaser and auditors. Before the deadline 409 PURCHASING.BIDS_SEALED with the deadline, for everyone",
  })
  openBids(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.bids.open(id, principal);
  }

  @Post(':id/scores')
  @ApiBearerAuth()
  @Roles('purchaser')
  @ApiOperation({
    summary:
      "The evaluation panel's scores (the procurement's purchaser, after the deadline): quality points per criterion of the notice for every bid eligible at the deadline (recorded then, frozen); the price score is lowest eligible price / bid price × price weight; totals ranked, equal totals broken by priority (direct-registration category, 3A+). Once only (409 PURCHASING.ALREADY_SCORED). Publishes BidsScored",
  })
  score(@Param('id') id: string, @Body() body: ScoreBidsRequest, @CurrentPrincipal() principal: Principal) {
    return this.awards.score(id, body.scores.map((s) => ({ bidderUscc: s.bidderUscc, quality: s.quality.map((q) => ({ criterion: q.criterion, points: q.points })) })), principal);
  }

  @Get(':id/scores')
  @ApiBearerAuth()
  @Roles('purchaser', 'auditor')
  @ApiOperation({ summary: "The recorded scores with each criterion (the procurement's purchaser and auditors)" })
  scores(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.awards.scores(id, principal);
  }

  @Post(':id/award')
  @ApiBearerAuth()
  @Roles('purchaser')
  @ApiOperation({
    summary:
      "Award (the procurement's purchaser, after scoring) with reasons: eligibility re-run at award and frozen in the award; the highest total still eligible wins (a named bidder not eligible at award 422 PURCHASING.INELIGIBLE_AT_AWARD with the failing rules and evidence; any other than the best 422 PURCHASING.AWARD_DEVIATION_REFUSED); starts the standstill. Publishes EligibilityEvaluated and ProcurementAwarded",
  })
  award(@Param('id') id: string, @Body() body: AwardRequest, @CurrentPrincipal() principal: Principal) {
    return this.awards.award(id, { reasons: body.reasons, bidderUscc: body.bidderUscc }, principal);
  }

  @Get(':id/award')
  @Public()
  @ApiOperation({ summary: "The award notice (public): the winner, its price and scores, reasons, standstill, the number of bids and the winner's eligibility per rule at the deadline and at award; nothing of the losing bids" })
  getAward(@Param('id') id: string) {
    return this.awards.publicAward(id);
  }
}
