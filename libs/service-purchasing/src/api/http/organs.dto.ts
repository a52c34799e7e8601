import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ORGAN_UNIT_ID_FORMAT, PURCHASING_ORGAN_KINDS, type PurchasingOrganKind } from '@sop/contracts';

const DIVISION = /^\d{6}$/;

/** The body of POST /organs: a state organ registered as a purchasing organ (Order 102 Art. 5). */
export class RegisterOrganRequest {
  @ApiProperty({ example: 'unit-haidian-mca', description: "the organ's unit id: the token claim unit_id of its users (1–100 of letters, digits, . _ : -)" })
  @Matches(ORGAN_UNIT_ID_FORMAT, { message: 'unitId must be 1–100 letters, digits or . _ : - (starting with a letter or digit)' })
  unitId: string;

  @ApiProperty({ example: '北京市海淀区民政局' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  name: string;

  @ApiProperty({ enum: PURCHASING_ORGAN_KINDS, description: 'only STATE_ORGAN purchases (Order 102 Art. 5); the others are refused with their article (Art. 5, Art. 8 exclusions)' })
  @IsIn(PURCHASING_ORGAN_KINDS)
  kind: PurchasingOrganKind;

  @ApiProperty({ example: '110108', description: "6-digit division code of the organ; the finance officer's jurisdiction must cover it" })
  @Matches(DIVISION, { message: 'jurisdiction must be a 6-digit division code' })
  jurisdiction: string;
}

/** The body of POST /organs/:unitId/versions: a change, recorded as the organ's next version. */
export class ChangeOrganRequest {
  @ApiPropertyOptional({ example: '北京市海淀区民政局（社会组织管理处）' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: PURCHASING_ORGAN_KINDS, description: 'a kind other than STATE_ORGAN keeps the unit on record; it signs no more contracts' })
  @IsOptional() @IsIn(PURCHASING_ORGAN_KINDS)
  kind?: PurchasingOrganKind;

  @ApiPropertyOptional({ example: '110108', description: "a division code the finance officer's jurisdiction covers" })
  @IsOptional() @Matches(DIVISION, { message: 'jurisdiction must be a 6-digit division code' })
  jurisdiction?: string;

  @ApiProperty({ example: '机构改革更名' })
  @IsString() @IsNotEmpty() @MaxLength(500)
  reason: string;
}

export class ListOrgansQuery {
  @ApiPropertyOptional({ example: '110000', description: 'the division whose organs to list (default: your jurisdiction; auditors: the whole country)' })
  @IsOptional() @Matches(DIVISION, { message: 'jurisdiction must be a 6-digit division code' })
  jurisdiction?: string;
}
