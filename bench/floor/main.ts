import { startFloor } from './floor-app';

/**
 * The bare floor as its own process (npm run bench starts it next to the API; decision 0132).
 * FLOOR_API_URL: the service whose tokens it accepts; its published keys are read once at start.
 * FLOOR_ADAPTER=fastify: the same floor on Nest's Fastify adapter (bench:fixed-cost's "floor fastify").
 */
async function main(): Promise<void> {
  const apiUrl = required('FLOOR_API_URL');
  // Read from the process itself: the published URLs name the issuer, which need not carry a port.
  const metadata = (await (await fetch(`${apiUrl}/.well-known/oauth-authorization-server`)).json()) as { issuer: string };
  const jwks = (await (await fetch(`${apiUrl}/.well-known/jwks.json`)).json()) as { keys: [] };
  const stop = await startFloor({
    port: Number(required('PORT')),
    databaseUrl: required('DATABASE_URL'),
    jwks,
    issuer: metadata.issuer,
    audience: process.env.JWT_AUDIENCE ?? 'ccr-exchange-api',
    adapter: process.env.FLOOR_ADAPTER === 'fastify' ? 'fastify' : 'express',
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void stop().then(() => process.exit(0)));
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
