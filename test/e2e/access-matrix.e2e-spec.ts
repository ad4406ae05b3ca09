import { randomUUID } from 'node:crypto';
import { type Role, ROLES } from '../../src/principals/principal.vocabulary';
import { ACCESS_TABLE } from '../support/access-table';
import { startTestApp, type TestApp } from '../support/app';
import { type Actor, TestCcr } from '../support/ccr';
import { concretePath, declaredRoutes, type DeclaredRoute } from '../support/routes';

const key = (route: DeclaredRoute) => `${route.method} ${route.path}`;

/**
 * Closed by default, checked against a table of who may call what written independently of the
 * code (test/support/access-table.ts): every route of the app is in the table and every route of
 * the table is in the app; each role gets in exactly where the table says (403 elsewhere), no
 * token gets a 401, and no call at all — admitted, refused or anonymous — answers a 5xx.
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

  it('the app and the table list the same routes', () => {
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.map(key).sort()).toEqual(Object.keys(ACCESS_TABLE).sort());
  });

  it('every route is @Public or declares the roles it admits, and public exactly where the table says', () => {
    const undeclared = routes.filter((route) => !route.isPublic && (!route.roles || route.roles.length === 0));
    expect(undeclared.map((route) => route.handler)).toEqual([]);
    expect(routes.filter((route) => route.isPublic && route.roles !== undefined).map((route) => route.handler)).toEqual([]);
    const publicInCode = routes.filter((route) => route.isPublic).map(key).sort();
    const publicInTable = Object.entries(ACCESS_TABLE).filter(([, admitted]) => admitted === 'public').map(([route]) => route).sort();
    expect(publicInCode).toEqual(publicInTable);
  });

  it('answers a public route without a token, and never with a 5xx', async () => {
    const outcomes = [];
    for (const route of routes.filter((each) => ACCESS_TABLE[key(each)] === 'public')) {
      outcomes.push({ route: key(route), serverError: (await send(route, undefined)).status >= 500 });
    }
    expect(outcomes.length).toBeGreaterThan(3);
    expect(outcomes.filter((outcome) => outcome.serverError)).toEqual([]);
  });

  it('refuses every other route without a token (401)', async () => {
    const outcomes = [];
    for (const route of routes.filter((each) => ACCESS_TABLE[key(each)] !== 'public')) {
      outcomes.push({ route: key(route), status: (await send(route, undefined)).status });
    }
    expect(outcomes.length).toBeGreaterThan(10);
    expect(outcomes.filter((outcome) => outcome.status !== 401)).toEqual([]);
  });

  it.each([...ROLES])('admits %s exactly where the table says, answers 403 elsewhere, and never a 5xx', async (role) => {
    const actor = actors.get(role) as Actor;
    const wrong = [];
    let admittedSomewhere = false;
    for (const route of routes.filter((each) => ACCESS_TABLE[key(each)] !== 'public')) {
      const expectedRoles = ACCESS_TABLE[key(route)] as readonly Role[];
      const admitted = expectedRoles.includes(role);
      admittedSomewhere ||= admitted;
      const { status, body } = await send(route, actor);
      const right = status < 500 && (admitted ? status !== 401 && status !== 403 : status === 403);
      if (!right) wrong.push({ route: key(route), status, expected: admitted ? 'admitted (not 401/403/5xx)' : 403 });
      // A 403 names the roles the route admits, so the integrator knows which credentials to use.
      const named = (body as { admittedRoles?: string[] }).admittedRoles;
      if (status === 403 && [...(named ?? [])].sort().join() !== [...expectedRoles].sort().join()) wrong.push({ route: key(route), status, admittedRoles: named, expected: expectedRoles });
    }
    expect(admittedSomewhere).toBe(true);
    expect(wrong).toEqual([]);
  });

  function send(route: DeclaredRoute, actor: Actor | undefined) {
    const path = concretePath(route.path, randomUUID);
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    const request = t.http()[method](path);
    if (actor) request.set('Authorization', actor.bearer);
    return method === 'get' || method === 'delete' ? request : request.send({});
  }
});
