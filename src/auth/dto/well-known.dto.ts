import { ApiProperty } from '@nestjs/swagger';

/** A public EC P-256 key that verifies access tokens (RFC 7517). */
export class PublishedJwkDto {
  @ApiProperty({ enum: ['EC'] }) kty!: string;
  @ApiProperty({ enum: ['P-256'] }) crv!: string;
  @ApiProperty({ description: 'base64url x coordinate.' }) x!: string;
  @ApiProperty({ description: 'base64url y coordinate.' }) y!: string;
  @ApiProperty({ description: 'Key id: the `kid` header of the tokens it verifies.' }) kid!: string;
  @ApiProperty({ enum: ['ES256'] }) alg!: 'ES256';
  @ApiProperty({ enum: ['sig'] }) use!: 'sig';
}

export class JwksDto {
  @ApiProperty({ type: [PublishedJwkDto] }) keys!: PublishedJwkDto[];
}

/** RFC 8414 §2 authorization server metadata; every URL is absolute, under the configured PUBLIC_URL. */
export class AuthorizationServerMetadataDto {
  @ApiProperty({ format: 'uri', example: 'https://ccr.example.org', description: 'The issuer identifier: `iss` of access tokens, an accepted `aud` of client assertions.' })
  issuer!: string;

  @ApiProperty({ format: 'uri', example: 'https://ccr.example.org/oauth/token', description: 'Also accepted as the `aud` of client assertions (RFC 7523 §3).' })
  token_endpoint!: string;

  @ApiProperty({ format: 'uri', example: 'https://ccr.example.org/.well-known/jwks.json' })
  jwks_uri!: string;

  @ApiProperty({
    type: [String],
    example: ['client_credentials', 'password', 'urn:ietf:params:oauth:grant-type:jwt-bearer'],
    description: 'The JWT-bearer grant is listed when an external OpenID provider is trusted (OIDC_ISSUER).',
  })
  grant_types_supported!: string[];

  @ApiProperty({ type: [String], example: [], description: 'Empty: there is no authorization endpoint.' })
  response_types_supported!: string[];

  @ApiProperty({ type: [String], example: ['private_key_jwt', 'client_secret_basic', 'client_secret_post'] })
  token_endpoint_auth_methods_supported!: string[];

  @ApiProperty({ type: [String], example: ['EdDSA', 'Ed25519', 'ES256'], description: 'Algorithms of private_key_jwt client assertions (Ed25519 keys: EdDSA or its fully-specified name Ed25519, RFC 9864).' })
  token_endpoint_auth_signing_alg_values_supported!: string[];

  @ApiProperty({ format: 'uri', example: 'https://ccr.example.org/docs' })
  service_documentation!: string;
}
