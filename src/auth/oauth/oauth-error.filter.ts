import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { type Response } from 'express';
import { OAuthError } from './oauth.errors';

/** Renders token-endpoint errors as RFC 6749 §5.2 JSON; anything else goes to the global filter. */
@Catch(OAuthError)
export class OAuthErrorFilter implements ExceptionFilter {
  catch(error: OAuthError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    response.status(error.status).setHeader('Cache-Control', 'no-store').setHeader('Pragma', 'no-cache');
    if (error.status === 401) response.setHeader('WWW-Authenticate', error.usedBasicAuth ? 'Basic realm="ccr-exchange"' : 'Bearer realm="ccr-exchange"');
    response.json({ error: error.code, error_description: error.description });
  }
}
