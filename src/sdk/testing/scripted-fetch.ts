/** A fetch that answers from a script and records what it was asked. Test-only. */
export type ScriptStep = Response | Error | ((init: RequestInit) => Promise<Response>);

export interface RecordedCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

export function scriptedFetch(...steps: ScriptStep[]): { fetch: typeof fetch; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const fetchStub: typeof fetch = (input, init = {}) => {
    calls.push({
      url: input instanceof Request ? input.url : input.toString(),
      method: init.method ?? 'GET',
      headers: { ...(init.headers as Record<string, string> | undefined) },
      body: typeof init.body === 'string' ? init.body : undefined,
    });
    const step = steps.shift();
    if (step === undefined) return Promise.reject(new Error('the script has no more answers'));
    if (step instanceof Error) return Promise.reject(step);
    if (typeof step === 'function') return step(init);
    return Promise.resolve(step);
  };
  return { fetch: fetchStub, calls };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

export function problem(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ status, ...body }), { status, headers: { 'content-type': 'application/problem+json', ...headers } });
}

/** What undici throws when nothing listens. */
export function connectionRefused(): Error {
  return Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
}
