import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { CATALOGUE_ITEM_CODE_FORMAT } from '@sop/contracts';
import { IsCivilDate } from '@sop/util';
import { CATALOGUE_CATEGORIES, type CatalogueCategory } from '../../domain/procurement/catalogue';

const CODE_MESSAGE = 'code must be 1–40 letters, digits or . _ -';

export class CatalogueItemDto {
  @ApiProperty({ example: 'BJ-ELDERLY-01' })
  @Matches(CATALOGUE_ITEM_CODE_FORMAT, { message: CODE_MESSAGE })
  code: string;

  @ApiProperty({ example: '居家养老上门服务' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  name: string;

  @ApiProperty({ enum: CATALOGUE_CATEGORIES, description: 'Order 102 Art. 9: public services to society, or auxiliary services for government duties' })
  @IsIn(CATALOGUE_CATEGORIES)
  category: CatalogueCategory;
}

export class NegativeListItemDto {
  @ApiProperty({ example: 'BJ-NEG-01' })
  @Matches(CATALOGUE_ITEM_CODE_FORMAT, { message: CODE_MESSAGE })
  code: string;

  @ApiProperty({ example: '政府机关自身人员招聘' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'Order 102 Art. 10(5)', description: 'the article that excludes it' })
  @IsString() @IsNotEmpty() @MaxLength(200)
  article: string;
}

/** The body of POST /catalogues/:jurisdiction/versions: a complete version of a jurisdiction's catalogue and negative list. */
export class PublishCatalogueVersionRequest {
  @ApiProperty({ example: '2027-01-01', description: 'Beijing date (YYYY-MM-DD), today or later: the version applies from 00:00 Beijing time of it' })
  @IsCivilDate()
  effectiveOn: string;

  @ApiProperty({ type: [CatalogueItemDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(2000) @ValidateNested({ each: true }) @Type(() => CatalogueItemDto)
  items: CatalogueItemDto[];

  @ApiProperty({ type: [NegativeListItemDto], description: "the jurisdiction's own negative-list entries; Order 102 Art. 10's apply in any case" })
  @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => NegativeListItemDto)
  negativeList: NegativeListItemDto[];

  @ApiProperty({ example: '北京市政府购买服务指导性目录 (2027)' })
  @IsString() @IsNotEmpty() @MaxLength(500)
  source: string;

  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(1000)
  note?: string;
}

export class ListCataloguesQuery {
  @ApiPropertyOptional({ example: '110108', description: 'a division: the answer adds the version in force for it today' })
  @IsOptional() @Matches(/^\d{6}$/, { message: 'jurisdiction must be a 6-digit division code' })
  jurisdiction?: string;
}
