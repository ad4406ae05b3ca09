import type { HttpCore } from '../http/http-core';

export interface WhoAmI {
  id: string;
  agencyId: string;
  kind: 'service' | 'person';
  username: string;
  roles: string[];
}

export class PrincipalsApi {
  constructor(private readonly http: HttpCore) {}

  /** The principal the credentials authenticate, as the server sees it. */
  async me(): Promise<WhoAmI> {
    return (await this.http.request<WhoAmI>({ method: 'GET', path: '/principals/me' })).body;
  }
}
