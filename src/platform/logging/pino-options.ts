import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type Options } from 'pino-http';
import { assignRequestId } from '../http/request-id';
import { serializeError } from './error-serializer';

/** Only these fields of a request are ever logged: no headers, no query string, no body. */
function serializeRequest(request: IncomingMessage & { id?: unknown; method?: string; url?: string }) {
  return { id: request.id, method: request.method, path: (request.url ?? '').split('?')[0] };
}

function serializeResponse(response: ServerResponse) {
  return { statusCode: response.statusCode };
}

export function pinoHttpOptions(level: string): Options {
  return {
    level,
    genReqId: (request, response) => assignRequestId(request, response),
    customAttributeKeys: { reqId: 'requestId' },
    // One child logger per request (with its id), not two: the request's fields go on the access
    // line when it is written, instead of into a second child made for every request (decision 0148).
    quietReqLogger: true,
    quietResLogger: true,
    customSuccessObject: (request, _response, fields: object) => ({ req: request, ...fields }),
    customErrorObject: (request, _response, _error, fields: object) => ({ req: request, ...fields }),
    serializers: { req: serializeRequest, res: serializeResponse, err: serializeError },
    customLogLevel: (_request, response, error) => {
      if (error || response.statusCode >= 500) return 'error';
      return response.statusCode >= 400 ? 'warn' : 'info';
    },
    // Backstop only: nothing above serializes these, but a careless log call elsewhere must not leak.
    redact: {
      paths: [
        'req.headers',
        'res.headers',
        'headers',
        'authorization',
        '*.authorization',
        'password',
        '*.password',
        'client_secret',
        '*.client_secret',
        'access_token',
        '*.access_token',
        'assertion',
        '*.assertion',
        'body',
        '*.body',
      ],
      censor: '[redacted]',
    },
  };
}
