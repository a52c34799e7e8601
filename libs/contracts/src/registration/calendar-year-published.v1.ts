import { IsArray, IsInt, IsISO8601, IsNotEmpty, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { EventContractDefinition } from '../shared/contract-types';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A year of the official holiday calendar was published (or corrected) by a national registrar from the State
 * Council notice: the statutory holidays falling Monday–Friday and the make-up working weekends, as Beijing dates.
 * Every service extends its working-day calendar with it (Civil Code Art. 203 and every working-day deadline); a
 * computation that reaches a year without one is refused, never counted as weekends only.
 * Key and subject: the calendar id (one partition keeps its years in order).
 */
export class CalendarYearPublishedV1 {
  @IsString() @IsNotEmpty() @MaxLength(100) calendarId: string;
  /** The calendar's version after this year was added (decisions record `calendarId@v<version>`). */
  @IsInt() @Min(1) version: number;
  @IsInt() @Min(2018) @Max(2100) year: number;
  /** The notice, e.g. 国办发明电〔2026〕… */
  @IsString() @IsNotEmpty() @MaxLength(500) source: string;
  @IsArray() @Matches(DATE, { each: true }) holidays: string[];
  @IsArray() @Matches(DATE, { each: true }) workingWeekends: string[];
  @IsISO8601({ strict: true }) publishedAt: string;
}

export const CalendarYearPublished: EventContractDefinition<CalendarYearPublishedV1> = {
  type: 'registration.calendar.year-published',
  topic: 'registration.calendar.v1',
  version: 1,
  payload: CalendarYearPublishedV1,
  description: 'A year of the official holiday calendar (holidays and make-up working days) was published from the State Council notice.',
};
