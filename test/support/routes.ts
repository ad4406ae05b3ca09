import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { type INestApplication } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { IS_PUBLIC } from '../../src/auth/decorators/public.decorator';
import { ADMITTED_ROLES } from '../../src/auth/decorators/roles.decorator';
import { type Role } from '../../src/principals/principal.vocabulary';

export interface DeclaredRoute {
  method: string;
  path: string;
  handler: string;
  isPublic: boolean;
  roles: Role[] | undefined;
}

function joinPath(...parts: string[]): string {
  return ('/' + parts.map((part) => part.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')).replace(/\/+/g, '/');
}

/** Every route of the application, read from Nest's own metadata, with its access rule. */
export function declaredRoutes(app: INestApplication): DeclaredRoute[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  return discovery.getControllers().flatMap((wrapper) => {
    const controller = wrapper.metatype as (new (...args: never[]) => object) | undefined;
    const instance = wrapper.instance as Record<string, unknown> | undefined;
    if (!controller || !instance) return [];
    const prefix = (Reflect.getMetadata(PATH_METADATA, controller) as string | undefined) ?? '';
    return scanner.getAllMethodNames(Object.getPrototypeOf(instance) as object).flatMap((name) => {
      const handler = instance[name] as object;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (path === undefined) return [];
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const read = <T>(key: string): T | undefined =>
        (Reflect.getMetadata(key, handler) as T | undefined) ?? (Reflect.getMetadata(key, controller) as T | undefined);
      return (Array.isArray(path) ? path : [path]).map((each) => ({
        method,
        path: joinPath(prefix, each),
        handler: `${controller.name}.${name}`,
        isPublic: read<boolean>(IS_PUBLIC) === true,
        roles: read<Role[]>(ADMITTED_ROLES),
      }));
    });
  });
}

/** A concrete URL for a route: every path parameter becomes a fresh random UUID. */
export function concretePath(path: string, id: () => string): string {
  return path.replace(/:[A-Za-z]+/g, () => id());
}
