import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { IsCivilDate, IsInstant, USCC_FORMAT } from '@sop/util';

/** Request bodies of the inspection and rectification-notice endpoints. */

export class RecordInspectionRequest {
  @ApiProperty() @Matches(USCC_FORMAT, { message: 'uscc must be an 18-character USCC' }) uscc: string;
  @ApiProperty({ description: 'inspection instant (ISO 8601 with an offset); information is due within 5 working days of its Beijing date (regulations §5)' }) @IsInstant() inspectedAt: string;
  @ApiProperty({ description: 'the public inspection conclusion (no personal data)' }) @IsString() @IsNotEmpty() @MaxLength(4000) conclusion: string;
}

export class IssueRectificationNoticeRequest {
  @ApiProperty() @Matches(USCC_FORMAT, { message: 'uscc must be an 18-character USCC' }) uscc: string;
  @ApiProperty({ description: 'inspection instant (ISO 8601 with an offset)' }) @IsInstant() inspectedAt: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(4000) findings: string;
  @ApiProperty({
    description: 'rectification deadline, a Beijing civil date (YYYY-MM-DD): it runs until 24:00 Beijing time that day; not met → abnormal list from 00:00 the day after, regulations §5.1 (3)',
    example: '2026-08-31',
  })
  @IsCivilDate()
  deadline: string;
}
