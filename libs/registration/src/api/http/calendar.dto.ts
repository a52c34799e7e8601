import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsCivilDate } from '@sop/util';

/** A year of the official holiday calendar, as the State Council notice states it. */
export class PublishCalendarYearRequest {
  @ApiProperty({ example: 2027 }) @IsInt() @Min(2018) @Max(2100) year: number;
  @ApiProperty({ example: '国务院办公厅关于2027年部分节假日安排的通知' }) @IsString() @IsNotEmpty() @MaxLength(500) source: string;
  @ApiProperty({ example: ['2027-01-01'], description: 'holidays that fall Monday to Friday (Beijing dates)' })
  @IsArray()
  @ArrayMaxSize(60)
  @IsCivilDate({ each: true })
  holidays: string[];
  @ApiProperty({ example: [], description: 'Saturdays and Sundays that are working days (调休)' })
  @IsArray()
  @ArrayMaxSize(30)
  @IsCivilDate({ each: true })
  workingWeekends: string[];
}
