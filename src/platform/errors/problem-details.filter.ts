import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { type Request, type Response } from 'express';
import { PinoLogger } from 'nestjs-pino';
import { requestIdOf } from '../http/request-id';
import { PROBLEM_CONTENT_TYPE } from './problem-details';
import { classify, toProblemDetails } from './to-problem';
import { isTokenEndpoint, oauthEquivalent, sendOAuthError } from './token-endpoint-errors';

/** The one place where errors become HTTP responses: RFC 9457 problem+json, always. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: PinoLogger) {
    this.logger.setContext(ProblemDetailsFilter.name);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const shape = classify(exception);
    // An outage (the database away) is not a bug: a warning per request, its cause's kind and SQLSTATE.
    if (shape.status === 503) this.logger.warn({ err: exception }, 'service unavailable');
    else if (shape.status >= 500) this.logger.error({ err: exception }, 'unhandled error');
    if (response.headersSent) {
      response.end();
      return;
    }
    const oauth = isTokenEndpoint(request) ? oauthEquivalent(shape.status) : undefined;
    if (oauth) {
      sendOAuthError(response, oauth.status, { error: oauth.error, error_description: shape.detail }, shape.headers);
      return;
    }
    const body = toProblemDetails(shape, request.path, requestIdOf(request));
    response.status(shape.status);
    for (const [name, value] of Object.entries(shape.headers ?? {})) response.setHeader(name, value);
    response.setHeader('Content-Type', PROBLEM_CONTENT_TYPE);
    response.send(JSON.stringify(body));
  }
}
