import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles, type Principal } from '@sop/auth';
import { VentureProposals } from '../../application/venture-philanthropy/proposals.use-cases';
import { VentureRounds } from '../../application/venture-philanthropy/rounds.use-cases';
import { VentureSelection } from '../../application/venture-philanthropy/selection.use-cases';
import { AnnounceRoundRequest, ProposalRequest, ReviewRequest, SelectionRequest } from './venture-philanthropy.dto';

/** Venture philanthropy (公益创投, regulations §7.3): rounds, proposals, review, selection; projects are contracts. */
@ApiTags('venture-philanthropy')
@ApiBearerAuth()
@Controller('venture-philanthropy/rounds')
export class VenturePhilanthropyHttpController {
  constructor(
    private readonly rounds: VentureRounds,
    private readonly proposals: VentureProposals,
    private readonly selection: VentureSelection,
  ) {}

  @Post()
  @Roles('purchaser')
  @ApiOperation({ summary: "Announce a round for your organ: themes, fund (committed on your budget line; 422 PURCHASING.BUDGET_EXCEEDED), per-project cap, the panel's criteria, proposal deadline and a cycle of about a year (400 PURCHASE_MODES.ROUND_INVALID); eligibility rules as rule data. Publishes purchasing.venture-philanthropy.round-announced" })
  announce(@Body() body: AnnounceRoundRequest, @CurrentPrincipal() principal: Principal) {
    return this.rounds.announce(body, principal);
  }

  @Get()
  @Public()
  @ApiOperation({ summary: 'Rounds announced (public), oldest first' })
  list() {
    return this.rounds.list();
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'A round (public): the announcement and, once selected, its projects with their contracts, instalments paid and completion evaluation' })
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.rounds.get(id);
  }

  @Post(':id/proposals')
  @Roles('org-representative')
  @ApiOperation({ summary: "Submit your organization's proposal before the deadline (409 PURCHASE_MODES.PROPOSALS_CLOSED): a theme of the round, a budget within the cap, stages within the cycle summing to it (400 PURCHASE_MODES.PROPOSAL_INVALID); one per organization. Publishes purchasing.venture-philanthropy.proposal-submitted" })
  submit(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: ProposalRequest, @CurrentPrincipal() principal: Principal) {
    return this.proposals.submit(id, body, principal);
  }

  @Get(':id/proposals/mine')
  @Roles('org-representative')
  @ApiOperation({ summary: "Your organization's proposals in the round, with their status and contract once selected" })
  mine(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.proposals.mine(id, principal);
  }

  @Post(':id/review')
  @Roles('purchaser')
  @ApiOperation({ summary: "After the deadline, your organ's review: each proposer's eligibility as of the deadline, rule by rule with evidence (frozen), and the panel's scores per criterion for the eligible ones (400 PURCHASING.SCORES_INVALID otherwise). Publishes purchasing.venture-philanthropy.proposals-reviewed" })
  review(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: ReviewRequest, @CurrentPrincipal() principal: Principal) {
    return this.selection.review(id, body.scores, principal);
  }

  @Get(':id/review')
  @Roles('purchaser', 'auditor')
  @ApiOperation({ summary: 'The review as frozen (your organ; auditors): every proposal with its eligibility rule by rule and the scores' })
  reviewOf(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal) {
    return this.selection.reviewOf(id, principal);
  }

  @Post(':id/selection')
  @Roles('purchaser')
  @ApiOperation({ summary: "Select projects within the fund in rank order (422 PURCHASE_MODES.FUND_EXCEEDED, 400 SELECTION_INVALID), eligibility re-checked and frozen for each (422 PURCHASE_MODES.PROPOSAL_INELIGIBLE rule by rule): each project becomes a contract with its stages as instalments (ContractSigned); the rest of the fund is released. Publishes purchasing.venture-philanthropy.projects-selected" })
  select(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: SelectionRequest, @CurrentPrincipal() principal: Principal) {
    return this.selection.select(id, body, principal);
  }
}
