import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsNotEmpty, IsObject, IsString, MaxLength, ValidateNested } from 'class-validator';
import { IsCivilDate } from '@sop/util';
import { JOINT_MEASURES, type JointMeasure } from '../../domain/credit-rules';

/** The joint measures of each list under a local rule set (regulations §5.3). */
export class JointMeasuresByListDto {
  @ApiProperty({ enum: JOINT_MEASURES, isArray: true, example: ['NO_EVALUATION', 'NO_PURCHASE_OF_SERVICES'] })
  @IsArray() @ArrayMaxSize(JOINT_MEASURES.length) @IsIn(JOINT_MEASURES, { each: true })
  ABNORMAL: JointMeasure[];

  @ApiProperty({ enum: JOINT_MEASURES, isArray: true, example: ['GRADE_DOWNGRADE_REFERENCE', 'KEY_SUPERVISION', 'NO_EVALUATION', 'NO_FUNDING', 'NO_HONOURS', 'NO_PURCHASE_OF_SERVICES'] })
  @IsArray() @ArrayMaxSize(JOINT_MEASURES.length) @IsIn(JOINT_MEASURES, { each: true })
  SERIOUS: JointMeasure[];
}

/** The body of POST /rule-sets/:jurisdiction/versions: a local credit rule set's next version. */
export class PublishCreditRuleSetVersionRequest {
  @ApiProperty({ example: '2027-01-01', description: 'Beijing date (YYYY-MM-DD) after today: the version applies from 00:00 Beijing time of it' })
  @IsCivilDate()
  effectiveFrom: string;

  @ApiProperty({ type: JointMeasuresByListDto, description: 'joint measures per list (local rules may extend them to the abnormal list, regulations §5.3)' })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => JointMeasuresByListDto)
  jointMeasures: JointMeasuresByListDto;

  @ApiProperty({ example: '遂宁市社会组织信用信息管理办法 (local rules, regulations §5.3)', description: 'the local instrument the measures come from' })
  @IsString() @IsNotEmpty() @MaxLength(500)
  source: string;
}
