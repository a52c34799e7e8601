import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { USCC_FORMAT } from '@sop/util';

/** Request bodies of the inspection and rectification-notice endpoints. */

export class RecordInspectionRequest {
  @ApiProperty() @Matches(USCC_FORMAT, { message: 'uscc must be an 18-character USCC' }) uscc: string;
  @ApiProperty({ description: 'inspection date (UTC); information is due within 5 working days (regulations §5)' }) @IsISO8601({ strict: true }) inspectedAt: string;
  @ApiProperty({ description: 'the public inspection conclusion (no personal data)' }) @IsString() @IsNotEmpty() @MaxLength(4000) conclusion: string;
}

export class IssueRectificationNoticeRequest {
  @ApiProperty() @Matches(USCC_FORMAT, { message: 'uscc must be an 18-character USCC' }) uscc: string;
  @ApiProperty({ description: 'inspection date (UTC)' }) @IsISO8601({ strict: true }) inspectedAt: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(4000) findings: string;
  @ApiProperty({ description: 'rectification deadline (UTC); not met → abnormal list, regulations §5.1 (3)' }) @IsISO8601({ strict: true }) deadline: string;
}
