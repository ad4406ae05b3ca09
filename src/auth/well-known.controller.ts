import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CONFIG } from '../config/config';
import { type AppConfig } from '../config/config.types';
import { Public } from './decorators/public.decorator';
import { AuthorizationServerMetadataDto, JwksDto } from './dto/well-known.dto';
import { JWKS_PATH, publicEndpoint, supportedGrantTypes, TOKEN_PATH } from './oauth/endpoints';
import { TokenKeyRing } from './token-keys';

@ApiTags('auth')
@Controller('.well-known')
@Public()
export class WellKnownController {
  constructor(
    private readonly keys: TokenKeyRing,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('jwks.json')
  @ApiOkResponse({ type: JwksDto, description: 'Public keys that verify access tokens (current and not yet retired).' })
  jwks(): JwksDto {
    return this.keys.jwks() as JwksDto;
  }

  /** RFC 8414: absolute URLs under the configured public URL, which is also the issuer. */
  @Get('oauth-authorization-server')
  @ApiOkResponse({ type: AuthorizationServerMetadataDto, description: 'RFC 8414 authorization server metadata.' })
  metadata(): AuthorizationServerMetadataDto {
    return {
      issuer: this.config.auth.issuer,
      token_endpoint: publicEndpoint(this.config, TOKEN_PATH),
      jwks_uri: publicEndpoint(this.config, JWKS_PATH),
      grant_types_supported: supportedGrantTypes(this.config),
      response_types_supported: [],
      token_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_basic', 'client_secret_post'],
      token_endpoint_auth_signing_alg_values_supported: ['EdDSA', 'Ed25519', 'ES256'],
      service_documentation: publicEndpoint(this.config, '/docs'),
    };
  }
}
