import { randomUUID } from 'node:crypto';
import { type Role, ROLES } from '../../src/principals/principal.vocabulary';
import { startTestApp, type TestApp } from '../support/app';
import { type Actor, TestCcr } from '../support/ccr';
import { concretePath, declaredRoutes, type DeclaredRoute } from '../support/routes';

/**
 * Closed by default: every route declares @Public or the roles it admits, and the guard enforces
 * exactly that for every role. Adding a route without an access rule fails here.
 */
describe('access control on every route', () => {
  let t: TestApp;
  let routes: DeclaredRoute[];
  const actors = new Map<Role, Actor>();

  beforeAll(async () => {
    t = await startTestApp();
    routes = declaredRoutes(t.app);
    const ccr = new TestCcr(t);
    const member = await ccr.agency('advocacy');
    const body = await ccr.coordinatingBodyId();
    actors.set('admin', await ccr.admin());
    actors.set('auditor', await ccr.person(body, ['auditor']));
    actors.set('advocate', await ccr.person(member, ['advocate']));
    actors.set('agency_worker', await ccr.person(member, ['agency_worker']));
    actors.set('service', await ccr.service(member));
  });
  afterAll(() => t.close());

  it('finds the routes', () => {
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.map((route) => `${route.method} ${route.path}`)).toContain('POST /oauth/token');
  });

  it('every route is @Public or declares the roles it admits', () => {
    const undeclared = routes.filter((route) => !route.isPublic && (!route.roles || route.roles.length === 0));
    expect(undeclared.map((route) => route.handler)).toEqual([]);
    for (const route of routes) expect(route.isPublic && route.roles !== undefined).toBe(false);
  });

  it('refuses every protected route without a token (401)', async () => {
    for (const route of routes.filter((each) => !each.isPublic)) {
      const response = await send(route, undefined);
      expect({ route: route.handler, status: response.status }).toEqual({ route: route.handler, status: 401 });
    }
  });

  it.each([...ROLES])('admits %s exactly where declared and answers 403 elsewhere', async (role) => {
    const actor = actors.get(role) as Actor;
    for (const route of routes.filter((each) => !each.isPublic)) {
      const response = await send(route, actor);
      const admitted = route.roles?.includes(role) ?? false;
      const outcome = admitted ? (response.status === 401 || response.status === 403 ? 'refused' : 'admitted') : response.status === 403 ? 'refused' : `status ${response.status}`;
      expect({ route: route.handler, outcome }).toEqual({ route: route.handler, outcome: admitted ? 'admitted' : 'refused' });
      if (!admitted) {
        // A 403 names the roles the route admits, so the integrator knows which credentials to use.
        expect({ route: route.handler, admittedRoles: response.body.admittedRoles }).toEqual({ route: route.handler, admittedRoles: route.roles });
        expect(response.body.detail).toBe(`Your role does not allow this action: this route admits ${route.roles?.join(', ')}.`);
      }
    }
  });

  function send(route: DeclaredRoute, actor: Actor | undefined) {
    const path = concretePath(route.path, randomUUID);
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    const request = t.http()[method](path);
    if (actor) request.set('Authorization', actor.bearer);
    return method === 'get' || method === 'delete' ? request : request.send({});
  }
});
