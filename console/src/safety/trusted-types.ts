/**
 * Trusted Types (CSP `require-trusted-types-for 'script'; trusted-types ccr-worker`): the one
 * policy lets the console start its own workers from same-origin script URLs and nothing else.
 * React itself never assigns to a script sink. Browsers without Trusted Types get the plain URL.
 */
interface TrustedTypePolicyLike {
  createScriptURL(input: string): unknown;
}
interface TrustedTypesLike {
  createPolicy(name: string, rules: { createScriptURL(input: string): string }): TrustedTypePolicyLike;
}

let policy: TrustedTypePolicyLike | null | undefined;

function workerPolicy(): TrustedTypePolicyLike | null {
  if (policy !== undefined) return policy;
  const factory = (globalThis as { trustedTypes?: TrustedTypesLike }).trustedTypes;
  policy = factory
    ? factory.createPolicy('ccr-worker', {
        createScriptURL(input) {
          const url = new URL(input, self.location.href);
          if (url.origin !== self.location.origin) throw new TypeError('workers come from this origin only');
          return url.href;
        },
      })
    : null;
  return policy;
}

/** A module worker from one of the console's own built scripts. */
export function startWorker(scriptUrl: string, name: string): Worker {
  const url = workerPolicy()?.createScriptURL(scriptUrl) ?? scriptUrl;
  return new Worker(url as string, { type: 'module', name });
}
