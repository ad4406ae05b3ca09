import { readFileSync } from 'node:fs';

/**
 * Where a process's CPU went, from a V8 `.cpuprofile`, by layer of the request path (issue 24).
 * Each busy sample goes to one layer (see Shares.layers); idle samples are left out, so the shares
 * are of the CPU the process really used. Work
 * that continues after an await (a database answer parsed, say) is charged to whatever the stack
 * shows then, not to the layer that awaited it.
 */
interface ProfileNode {
  id: number;
  callFrame: { url: string; functionName: string };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  /** µs between consecutive samples; the first is from the profile's start (the process's). */
  timeDeltas: number[];
}

/** First match wins, per frame; a stack may hold several layers (logging inside Nest's router, say). */
export const LAYERS: readonly { name: string; test: (url: string, fn: string) => boolean }[] = [
  { name: 'request logging (pino, pino-http, nestjs-pino)', test: (url) => /node_modules\/(pino|pino-http|nestjs-pino|pino-std-serializers|sonic-boom|fast-redact|on-exit-leak-free|thread-stream)\//.test(url) || url.includes('/platform/logging/') || url.includes('/http/request-id') },
  { name: 'security headers (helmet)', test: (url) => url.includes('node_modules/helmet/') },
  { name: 'body parsing (body-parser, raw-body, input checks)', test: (url) => /node_modules\/(body-parser|raw-body|iconv-lite|type-is|content-type|media-typer)\//.test(url) || url.includes('/http/body-parsing') || url.includes('/http/input-safety') },
  { name: 'validation (ValidationPipe, class-validator, class-transformer)', test: (url) => /node_modules\/(class-validator|class-transformer|validator)\//.test(url) || url.includes('pipes/validation.pipe') || url.includes('/http/validation') },
  { name: 'token check (passport, passport-jwt, jsonwebtoken; jose in the floor)', test: (url) => /node_modules\/(passport|passport-jwt|passport-strategy|jsonwebtoken|jws|jwa|@nestjs\/passport|jose)\//.test(url) || url.includes('/auth/jwt.strategy') || url.includes('/auth/access.guard') },
  { name: 'principal lookup (src/principals)', test: (url) => url.includes('/src/principals/') },
  { name: 'database driver (pg, TypeORM)', test: (url) => /node_modules\/(pg|pg-protocol|pg-pool|pg-types|postgres-bytea|typeorm)\//.test(url) },
  { name: 'Nest core (router, guards, interceptors, exception layer)', test: (url) => url.includes('node_modules/@nestjs/core/') || url.includes('node_modules/@nestjs/common/') || url.includes('node_modules/@nestjs/platform-express/') },
  { name: 'express (router, response)', test: (url) => /node_modules\/(express|router|finalhandler|send|on-finished|statuses|path-to-regexp)\//.test(url) },
  { name: "Node's HTTP and sockets", test: (url) => /^node:(_http|http|net|stream|internal\/(http|streams|stream_base|net))/.test(url) || url.startsWith('node:internal/http') },
  { name: 'garbage collection', test: (_url, fn) => fn === '(garbage collector)' },
];

/** The layers that name work of their own; the rest (Nest core, express, Node's HTTP) only carry it. */
const CARRIERS = new Set(['Nest core (router, guards, interceptors, exception layer)', 'express (router, response)', "Node's HTTP and sockets"]);
export const OTHER = 'other (V8 runtime, JSON, the handler itself)';

export interface Shares {
  /** Samples the process was running (idle left out). */
  busySamples: number;
  /**
   * Per layer, its share of the busy samples (0–1), a partition: a sample goes to the innermost
   * frame of a layer with work of its own (logging, helmet, parsing, validation, token, principal,
   * driver, GC) on its stack; failing that, to the innermost carrier (Nest, express, Node's HTTP).
   */
  layers: Record<string, number>;
}

/** `fromSeconds`: samples taken earlier after the process started (its start, the world's set-up) are left out. */
export function profileShares(path: string, fromSeconds = 0): Shares {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const parent = new Map<number, number>();
  const byId = new Map<number, ProfileNode>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const layerOfFrame = (node: ProfileNode) => LAYERS.find((each) => each.test(node.callFrame.url, node.callFrame.functionName))?.name;
  const attributed = new Map<number, string>();
  const attribute = (leaf: number): string => {
    const known = attributed.get(leaf);
    if (known) return known;
    let carrier: string | undefined;
    let owner: string | undefined;
    for (let id: number | undefined = leaf; id !== undefined && owner === undefined; id = parent.get(id)) {
      const node = byId.get(id);
      const layer = node ? layerOfFrame(node) : undefined;
      if (layer === undefined) continue;
      if (CARRIERS.has(layer)) carrier ??= layer;
      else owner = layer;
    }
    const layer = owner ?? carrier ?? OTHER;
    attributed.set(leaf, layer);
    return layer;
  };
  const counts = new Map<string, number>();
  let busy = 0;
  let atMicros = 0;
  for (const [index, sample] of profile.samples.entries()) {
    atMicros += profile.timeDeltas[index] ?? 0;
    if (atMicros < fromSeconds * 1e6) continue;
    const fn = byId.get(sample)?.callFrame.functionName;
    if (fn === '(idle)' || fn === '(program)') continue;
    busy += 1;
    const layer = attribute(sample);
    counts.set(layer, (counts.get(layer) ?? 0) + 1);
  }
  const layers: Record<string, number> = {};
  for (const name of [...LAYERS.map((each) => each.name), OTHER]) layers[name] = busy > 0 ? (counts.get(name) ?? 0) / busy : 0;
  return { busySamples: busy, layers };
}
