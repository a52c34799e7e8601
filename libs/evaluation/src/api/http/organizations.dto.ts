import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** PUT /organizations/:uscc/investigation (Order 39 Art. 7, regulations §6). */
export class RecordInvestigationRequest {
  @ApiProperty({ example: true, description: 'under investigation by government or judicial organs (true), or no longer (false)' })
  @IsBoolean()
  underInvestigation: boolean;

  @ApiProperty({ example: '北京市公安局海淀分局立案侦查通知（京公海立字〔2026〕123号）', description: 'the investigating organ and its reference, or why the investigation ended' })
  @IsString() @IsNotEmpty() @MaxLength(500)
  basis: string;
}
