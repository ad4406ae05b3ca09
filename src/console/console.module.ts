import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type DynamicModule, Inject, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Express, NextFunction, Request, Response } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { setConsoleHeaders } from './console-headers';

/** The repository (or installed package) root: the nearest folder above with a package.json. */
function packageRoot(from: string): string {
  let folder = from;
  while (!existsSync(join(folder, 'package.json')) && dirname(folder) !== folder) folder = dirname(folder);
  return folder;
}

/** Where `npm run build` puts the console (console/vite.config.mts). */
export const CONSOLE_DIR = join(packageRoot(__dirname), 'dist', 'console');

const CONSOLE_DIRECTORY = Symbol('CONSOLE_DIRECTORY');

/** Options shared by the built files and index.html: no validators (hashed names, or no-store), no dotfiles. */
const SEND_OPTIONS = { index: false, fallthrough: true, redirect: false, dotfiles: 'deny', etag: false, lastModified: false, setHeaders: setConsoleHeaders } as const;

/**
 * The built files, each sent as the .br or .gz the build made beside it when the request accepts
 * that encoding, with Content-Encoding and Vary: Accept-Encoding (decision 0159). Static files
 * only: no API answer is ever compressed (BREACH). A path that is not valid percent-encoding is
 * left to the API, which answers it with problem+json (express-static-gzip would send plain text).
 */
function builtFiles(directory: string): (request: Request, response: Response, next: NextFunction) => void {
  const serve = expressStaticGzip(directory, { enableBrotli: true, orderPreference: ['br', 'gzip'], index: false, serveStatic: SEND_OPTIONS });
  return (request, response, next) => {
    try {
      decodeURIComponent(request.path);
    } catch {
      next();
      return;
    }
    serve(request, response, next);
  };
}

/**
 * The browser console at / (docs/console.md), from the same service as the API. Mounted in an
 * init hook, after Nest's router, so API routes always win, and only two things are served:
 * index.html at exactly / and the built files (hashed names under /assets/). No catch-all: an
 * unknown path is still the API's 404 problem+json. Not built → not served (decision 0106).
 */
@Module({})
export class ConsoleModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(CONSOLE_DIRECTORY) private readonly directory: string | null,
  ) {}

  static register(directory: string = CONSOLE_DIR): DynamicModule {
    const built = existsSync(join(directory, 'index.html'));
    return { module: ConsoleModule, providers: [{ provide: CONSOLE_DIRECTORY, useValue: built ? directory : null }] };
  }

  onModuleInit(): void {
    // No HTTP server (the admin tools' application context): nothing to serve.
    const adapter = this.adapterHost.httpAdapter as HttpAdapterHost['httpAdapter'] | undefined;
    if (this.directory === null || !adapter) return;
    const app = adapter.getInstance<Express>();
    const index = join(this.directory, 'index.html');
    app.use(builtFiles(this.directory));
    // index.html is half a kilobyte and never stored: it is sent as it is.
    app.get('/', (_request: Request, response: Response, next: NextFunction) => {
      setConsoleHeaders(response, index);
      response.sendFile(index, { dotfiles: 'deny', etag: false, lastModified: false }, (error?: Error) => {
        if (error) next(error);
      });
    });
  }
}
