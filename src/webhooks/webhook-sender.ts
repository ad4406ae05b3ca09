import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { type LookupFunction } from 'node:net';
import { type ResolvedTarget } from './webhook-targets';

export interface SendOutcome {
  /** The answer's status; null when none came (refused, timed out, connection failed). */
  statusCode: number | null;
  ok: boolean;
  /** What went wrong, in fixed words (never a response body). */
  error: string | null;
}

/** The receiver's answer is read and dropped, up to this much: a 2xx is all that matters. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * POSTs the payload to the pinned address (the connection never looks the host up again; TLS
 * still checks the certificate for the URL's host). A redirect is not followed: it is a failure,
 * retried like any other. The whole exchange is bounded by `timeoutMs`.
 */
export function sendWebhook(target: ResolvedTarget, headers: Record<string, string>, payload: string, timeoutMs: number): Promise<SendOutcome> {
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const request = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: SendOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const req = request(target.url, {
      method: 'POST',
      lookup: pinned,
      headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload).toString(), 'user-agent': 'ccr-exchange-webhooks' },
      agent: false,
    });
    const timer = setTimeout(() => {
      finish({ statusCode: null, ok: false, error: 'timed out' });
      req.destroy();
    }, timeoutMs);
    req.on('error', () => finish({ statusCode: null, ok: false, error: 'connection failed' }));
    req.on('response', (res: IncomingMessage) => {
      let received = 0;
      const status = res.statusCode ?? 0;
      const done = () => finish({ statusCode: status, ok: status >= 200 && status < 300, error: status >= 200 && status < 300 ? null : describeStatus(status) });
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > MAX_RESPONSE_BYTES) {
          done();
          res.destroy();
        }
      });
      res.on('end', done);
      res.on('error', done);
    });
    req.end(payload);
  });
}

function describeStatus(status: number): string {
  if (status >= 300 && status < 400) return 'redirect not followed';
  return `answered ${status}`;
}
