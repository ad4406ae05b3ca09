import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { type Response } from 'express';
import { sendOAuthError } from '../../platform/errors/token-endpoint-errors';
import { OAuthError } from './oauth.errors';

/** Renders token-endpoint errors as RFC 6749 §5.2 JSON; anything else goes to the global filter. */
@Catch(OAuthError)
export class OAuthErrorFilter implements ExceptionFilter {
  catch(error: OAuthError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const headers: Record<string, string> =
      error.status === 401 ? { 'WWW-Authenticate': error.usedBasicAuth ? 'Basic realm="ccr-exchange"' : 'Bearer realm="ccr-exchange"' } : {};
    sendOAuthError(response, error.status, { error: error.code, error_description: error.description }, headers);
  }
}
