import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles, type Principal } from '@sop/auth';
import { OfficialCalendars } from '@sop/messaging';
import { PublishCalendarYear } from '../../application/calendar/publish-calendar-year.use-case';
import { PublishCalendarYearRequest } from './calendar.dto';

/**
 * The official holiday calendar every deadline counts on (Civil Code Art. 203, working days): read by anyone,
 * extended by a national registrar with each year's State Council notice.
 */
@ApiTags('calendar')
@Controller('calendar')
export class CalendarHttpController {
  constructor(
    private readonly calendars: OfficialCalendars,
    private readonly publishing: PublishCalendarYear,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'The official holiday calendar: its version and every year it covers (holidays, make-up working days, source notice)' })
  calendar() {
    const current = this.calendars.current();
    return { calendarId: current.id, calendarVersion: current.calendarVersion, years: current.years() };
  }

  @Post('years')
  @ApiBearerAuth()
  @Roles('registrar')
  @ApiOperation({ summary: 'Publish a year of the official holiday calendar from the State Council notice (national registrar); every service counts on it from then on' })
  publish(@Body() body: PublishCalendarYearRequest, @CurrentPrincipal() principal: Principal) {
    return this.publishing.publish(body, principal);
  }
}
