import { ApiProperty } from '@nestjs/swagger';

/** RFC 6749 §5.1 successful token response. */
export class TokenResponseDto {
  @ApiProperty({ description: 'ES256 JWT; send as Authorization: Bearer <token>.' })
  access_token!: string;

  @ApiProperty({ example: 'Bearer' })
  token_type!: 'Bearer';

  @ApiProperty({ example: 900, description: 'Lifetime in seconds.' })
  expires_in!: number;
}
