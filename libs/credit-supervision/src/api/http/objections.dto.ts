import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** Request bodies of the objection endpoints (regulations §5.3). */

export class FileObjectionRequest {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(4000) grounds: string;
}

export class DecideObjectionRequest {
  @ApiProperty() @IsBoolean() upheld: boolean;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(4000) reason: string;
}
