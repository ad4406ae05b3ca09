import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { setConsoleHeaders } from './console-headers';

/** The repository (or installed package) root: the nearest folder above with a package.json. */
function packageRoot(from: string): string {
  let folder = from;
  while (!existsSync(join(folder, 'package.json')) && dirname(folder) !== folder) folder = dirname(folder);
  return folder;
}

/** Where `npm run build` puts the console (console/vite.config.mts). */
export const CONSOLE_DIR = join(packageRoot(__dirname), 'dist', 'console');

/**
 * The browser console at / (docs/console.md), from the same service as the API. Registered after
 * the API's routes (Nest mounts static files in an init hook, after its router), and only two
 * things are served: index.html at exactly / and the built files (hashed names under /assets/).
 * No catch-all: an unknown path is still the API's 404 problem+json. Not built → not served.
 */
@Module({})
export class ConsoleModule {
  static register(directory: string = CONSOLE_DIR): DynamicModule {
    if (!existsSync(join(directory, 'index.html'))) return { module: ConsoleModule };
    return {
      module: ConsoleModule,
      imports: [
        ServeStaticModule.forRoot({
          rootPath: directory,
          renderPath: '/',
          serveStaticOptions: { index: false, fallthrough: true, redirect: false, dotfiles: 'deny', etag: false, lastModified: false, setHeaders: setConsoleHeaders },
        }),
      ],
    };
  }
}
