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

/** RFC 6749 §5.2 error response of the token endpoint. */
export class OAuthErrorDto {
  @ApiProperty({ enum: ['invalid_request', 'invalid_client', 'invalid_grant', 'unauthorized_client', 'unsupported_grant_type', 'temporarily_unavailable'] })
  error!: string;

  @ApiProperty({ description: 'Generic by design: it never says which part of a credential was wrong, nor whether an account exists.' })
  error_description!: string;
}
