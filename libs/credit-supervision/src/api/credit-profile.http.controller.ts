import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@sop/auth';
import { UsccPipe } from '@sop/http';
import { CreditProfileQuery } from '../infrastructure/credit-profile.query';

@ApiTags('public credit disclosure')
@Controller('profiles')
export class CreditProfileHttpController {
  constructor(private readonly profiles: CreditProfileQuery) {}

  @Get(':uscc')
  @Public()
  @ApiOperation({ summary: 'Public credit profile by USCC (no token; malformed USCC → 400 naming the failed check)' })
  byUscc(@Param('uscc', new UsccPipe()) uscc: string) {
    return this.profiles.byUscc(uscc);
  }
}
