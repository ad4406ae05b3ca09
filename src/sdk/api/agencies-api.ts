import type { HttpCore } from '../http/http-core';
import { apiPath } from '../http/api-path';

export interface Agency {
  id: string;
  name: string;
  kind: string;
  regime: string;
  status: 'active' | 'suspended';
  coordinatingBody: boolean;
  createdAt: string;
}

/** The CCR directory of member agencies (any role may read it). */
export class AgenciesApi {
  constructor(private readonly http: HttpCore) {}

  async list(): Promise<Agency[]> {
    return (await this.http.request<Agency[]>({ method: 'GET', path: '/agencies' })).body;
  }

  async get(agencyId: string): Promise<Agency> {
    return (await this.http.request<Agency>({ method: 'GET', path: apiPath`/agencies/${agencyId}` })).body;
  }
}
