import { randomBytes } from 'node:crypto';
import { type AgencyKind, type ConfidentialityRegime } from '../../src/agencies/agency.vocabulary';
import { type Role } from '../../src/principals/principal.vocabulary';
import { PrincipalsService } from '../../src/principals/principals.service';
import { type TestApp } from './app';

export interface Actor {
  id: string;
  agencyId: string;
  username: string;
  roles: Role[];
  secret: string;
  token: string;
  /** Authorization header value. */
  bearer: string;
}

let counter = 0;
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}-${randomBytes(3).toString('hex')}`;
}

/** Builds a CCR through the real API: the bootstrap administrator onboards agencies and principals. */
export class TestCcr {
  private adminActor?: Actor;

  constructor(private readonly t: TestApp) {}

  async admin(): Promise<Actor> {
    if (this.adminActor) return this.adminActor;
    const username = uniqueName('admin');
    const { principal, oneTimeSecret } = await this.t.app.get(PrincipalsService).bootstrapFirstAdministrator({
      username,
      displayName: 'Test administrator',
      coordinatingBodyName: 'Test coordinating body',
    });
    const secret = oneTimeSecret as string;
    this.adminActor = await this.actorFor(principal.id, principal.agencyId, username, ['admin'], secret, 'password');
    return this.adminActor;
  }

  async agency(kind: AgencyKind = 'advocacy', regime: ConfidentialityRegime = 'vawa_fvpsa_voca', name = uniqueName(kind)): Promise<string> {
    const admin = await this.admin();
    const response = await this.t.http().post('/agencies').set('Authorization', admin.bearer).send({ name, kind, regime }).expect(201);
    return response.body.id as string;
  }

  async coordinatingBodyId(): Promise<string> {
    return (await this.admin()).agencyId;
  }

  /** A person with the given roles in the agency, already holding an access token. */
  async person(agencyId: string, roles: Role[]): Promise<Actor> {
    const username = uniqueName(roles.join('-'));
    const created = await this.createPrincipal(agencyId, { kind: 'person', username, displayName: username, roles });
    return this.actorFor(created.id, agencyId, username, roles, created.secret, 'password');
  }

  /** An agency system (service account) with a client secret and an access token. */
  async service(agencyId: string): Promise<Actor> {
    const username = uniqueName('system');
    const created = await this.createPrincipal(agencyId, { kind: 'service', username, displayName: username, roles: ['service'] });
    return this.actorFor(created.id, agencyId, username, ['service'], created.secret, 'client_credentials');
  }

  async createPrincipal(agencyId: string, body: Record<string, unknown>): Promise<{ id: string; secret: string }> {
    const admin = await this.admin();
    const response = await this.t.http().post(`/agencies/${agencyId}/principals`).set('Authorization', admin.bearer).send(body).expect(201);
    return { id: response.body.principal.id as string, secret: response.body.oneTimeSecret as string };
  }

  async tokenFor(username: string, secret: string, grant: 'password' | 'client_credentials'): Promise<string> {
    const form =
      grant === 'password'
        ? { grant_type: 'password', username, password: secret }
        : { grant_type: 'client_credentials', client_id: username, client_secret: secret };
    const response = await this.t.http().post('/oauth/token').type('form').send(form).expect(200);
    return response.body.access_token as string;
  }

  private async actorFor(id: string, agencyId: string, username: string, roles: Role[], secret: string, grant: 'password' | 'client_credentials'): Promise<Actor> {
    const token = await this.tokenFor(username, secret, grant);
    return { id, agencyId, username, roles, secret, token, bearer: `Bearer ${token}` };
  }
}
