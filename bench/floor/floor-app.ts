import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Body, type CanActivate, Controller, type ExecutionContext, Get, HttpCode, Inject, Injectable, Module, Post, UnauthorizedException, UseGuards } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from 'jose';
import { Pool } from 'pg';

/**
 * The bare floor of issue 24: what a minimal NestJS 11 app on this machine does for one
 * authenticated write, and nothing of the project. It verifies the service's own bearer token
 * (signature, issuer, audience, expiry) against the keys the service publishes, and INSERTs
 * one row of the baseline route's size through a pg pool of 10. No logging, no validation, no
 * principal lookup, no interceptors: each of those is a share of the difference the profile names.
 */
interface FloorSettings {
  port: number;
  /**
   * The HTTP adapter: Express (Nest's default, the API's) or Fastify (`@nestjs/platform-fastify`),
   * to measure what the adapter alone costs for the same guard, body and INSERT (decision 0166).
   */
  adapter?: 'express' | 'fastify';
  databaseUrl: string;
  jwks: JSONWebKeySet;
  issuer: string;
  audience: string;
}

const FLOOR_SETTINGS = Symbol('floor settings');

@Injectable()
class BearerGuard implements CanActivate {
  private readonly keys: ReturnType<typeof createLocalJWKSet>;

  constructor(@Inject(FLOOR_SETTINGS) private readonly settings: FloorSettings) {
    this.keys = createLocalJWKSet(settings.jwks);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const header = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>().headers.authorization ?? '';
    if (!header.startsWith('Bearer ')) throw new UnauthorizedException();
    await jwtVerify(header.slice(7), this.keys, { issuer: this.settings.issuer, audience: this.settings.audience }).catch(() => {
      throw new UnauthorizedException();
    });
    return true;
  }
}

@Controller()
class FloorController {
  constructor(private readonly pool: Pool) {}

  @Get('health/ready')
  ready(): { status: string } {
    return { status: 'ok' };
  }

  @Post('bench/baseline')
  @HttpCode(201)
  @UseGuards(BearerGuard)
  async write(@Body() body: { payload: string }): Promise<{ id: string }> {
    const id = randomUUID();
    await this.pool.query('INSERT INTO bench_floor_rows (id, payload) VALUES ($1, $2)', [id, Buffer.from(body.payload, 'base64')]);
    return { id };
  }
}

function floorModule(settings: FloorSettings, pool: Pool) {
  @Module({
    controllers: [FloorController],
    providers: [
      { provide: Pool, useValue: pool },
      { provide: FLOOR_SETTINGS, useValue: settings },
    ],
  })
  class FloorModule {}
  return FloorModule;
}

export async function startFloor(settings: FloorSettings): Promise<() => Promise<void>> {
  const pool = new Pool({ connectionString: settings.databaseUrl, max: 10 });
  // The same shape as bench_baseline_rows, so the two INSERTs write the same bytes.
  await pool.query('CREATE TABLE IF NOT EXISTS bench_floor_rows (id uuid PRIMARY KEY, payload bytea NOT NULL, created_at timestamptz NOT NULL DEFAULT now())');
  const module = floorModule(settings, pool);
  const options = { logger: false as const, abortOnError: false };
  const app =
    settings.adapter === 'fastify'
      ? await (async () => {
          // Loaded only for this variant: the API and the Express floor never load Fastify.
          const { FastifyAdapter } = await import('@nestjs/platform-fastify');
          return NestFactory.create(module, new FastifyAdapter(), options);
        })()
      : await NestFactory.create(module, options);
  await app.listen(settings.port, '127.0.0.1');
  return async () => {
    await app.close();
    await pool.end();
  };
}
