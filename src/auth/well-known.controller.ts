import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CONFIG } from '../config/config';
import { type AppConfig } from '../config/config.types';
import { Public } from './decorators/public.decorator';
import { GRANT_CLIENT_CREDENTIALS, GRANT_JWT_BEARER, GRANT_PASSWORD } from './oauth/token-request';
import { type PublishedJwk, TokenKeyRing } from './token-keys';

@ApiTags('auth')
@Controller('.well-known')
@Public()
export class WellKnownController {
  constructor(
    private readonly keys: TokenKeyRing,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('jwks.json')
  @ApiOkResponse({ description: 'Public keys that verify access tokens (current and not yet retired).' })
  jwks(): { keys: PublishedJwk[] } {
    return this.keys.jwks();
  }

  @Get('oauth-authorization-server')
  @ApiOkResponse({ description: 'RFC 8414 authorization server metadata (paths relative to this service).' })
  metadata(): Record<string, unknown> {
    return {
      issuer: this.config.auth.issuer,
      token_endpoint: '/oauth/token',
      jwks_uri: '/.well-known/jwks.json',
      grant_types_supported: [GRANT_CLIENT_CREDENTIALS, GRANT_PASSWORD, ...(this.config.auth.oidc ? [GRANT_JWT_BEARER] : [])],
      token_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_basic', 'client_secret_post'],
      token_endpoint_auth_signing_alg_values_supported: ['EdDSA', 'ES256'],
    };
  }
}
