import { Body, Controller, Headers, HttpCode, Inject, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiExtraModels, ApiOkResponse, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { type Request, type Response } from 'express';
import { CONFIG } from '../../config/config';
import { type AppConfig } from '../../config/config.types';
import { Public } from '../decorators/public.decorator';
import { supportedGrantTypes } from './endpoints';
import { OAuthErrorFilter } from './oauth-error.filter';
import { OAuthError } from './oauth.errors';
import { ApiProblems } from '../../platform/errors/api-problems';
import { PROBLEM_CONTENT_TYPE } from '../../platform/errors/problem-details';
import { OAuthErrorDto, TokenResponseDto } from './token-response.dto';
import { parseTokenRequest } from './token-request';
import { TokenService } from './token.service';

@ApiTags('auth')
@Controller('oauth')
@Public()
@UseFilters(OAuthErrorFilter)
export class OAuthController {
  constructor(
    private readonly tokens: TokenService,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('token')
  @HttpCode(200)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({
    description:
      'RFC 6749 token request. grant_type=client_credentials with private_key_jwt (client_assertion_type, client_assertion) ' +
      'or client_secret_basic / client_secret_post; grant_type=password (username, password) for people on self-hosted ' +
      'deployments; grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer (assertion) with a token of the trusted OpenID provider.',
    schema: {
      type: 'object',
      required: ['grant_type'],
      properties: Object.fromEntries(
        ['grant_type', 'client_id', 'client_secret', 'client_assertion_type', 'client_assertion', 'username', 'password', 'assertion'].map((name) => [name, { type: 'string' }]),
      ),
    },
  })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiExtraModels(OAuthErrorDto)
  @ApiResponse({
    status: 400,
    description: 'RFC 6749 §5.2 error (invalid_request, invalid_grant, unsupported_grant_type), or a problem+json when the body is not well-formed.',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(OAuthErrorDto) } },
      [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/ProblemDetails' } },
    },
  })
  @ApiResponse({ status: 401, description: 'RFC 6749 §5.2 invalid_client, with WWW-Authenticate.', content: { 'application/json': { schema: { $ref: getSchemaPath(OAuthErrorDto) } } } })
  @ApiResponse({
    status: 503,
    description: 'RFC 6749 temporarily_unavailable, with Retry-After: the database is unreachable; nothing was issued.',
    content: { 'application/json': { schema: { $ref: getSchemaPath(OAuthErrorDto) } } },
  })
  @ApiProblems(413, 415, 429)
  async token(
    @Body() body: Record<string, unknown>,
    @Headers('authorization') authorization: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TokenResponseDto> {
    if (!request.is('application/x-www-form-urlencoded')) throw OAuthError.invalidRequest('Send the token request as application/x-www-form-urlencoded.');
    const issued = await this.tokens.grant(parseTokenRequest(body, authorization, supportedGrantTypes(this.config)), request.ip ?? 'unknown');
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Pragma', 'no-cache');
    return { access_token: issued.accessToken, token_type: 'Bearer', expires_in: issued.expiresIn };
  }
}
