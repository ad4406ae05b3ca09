import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { AgenciesRepository } from './agencies.repository';
import { AgencyNameTakenError, AgencyNotFoundError, CoordinatingBodyCannotBeSuspendedError } from './agencies.errors';
import { AgencyEntity } from './agency.entity';
import { type AgencyKind, type AgencyStatus, type ConfidentialityRegime } from './agency.vocabulary';

export interface NewAgency {
  name: string;
  kind: AgencyKind;
  regime: ConfidentialityRegime;
}

@Injectable()
export class AgenciesService {
  private readonly statusListeners: (() => void)[] = [];

  constructor(private readonly agencies: AgenciesRepository) {}

  async onboard(input: NewAgency): Promise<AgencyEntity> {
    if (await this.agencies.nameExists(input.name)) throw new AgencyNameTakenError();
    const agency = Object.assign(new AgencyEntity(), { id: randomUUID(), ...input, status: 'active', coordinatingBody: false });
    await this.agencies.insert(agency);
    return this.get(agency.id);
  }

  list(): Promise<AgencyEntity[]> {
    return this.agencies.list();
  }

  async get(id: string): Promise<AgencyEntity> {
    const agency = await this.agencies.findById(id);
    if (!agency) throw new AgencyNotFoundError();
    return agency;
  }

  async setStatus(id: string, status: AgencyStatus): Promise<AgencyEntity> {
    const agency = await this.get(id);
    if (agency.coordinatingBody && status === 'suspended') throw new CoordinatingBodyCannotBeSuspendedError();
    await this.agencies.setStatus(id, status);
    for (const listener of this.statusListeners) listener();
    return this.get(id);
  }

  /**
   * Called after every change of an agency's status made through this process (the principals'
   * cache of who is active forgets at once; decision 0147).
   */
  onStatusChange(listener: () => void): void {
    this.statusListeners.push(listener);
  }

  /** The coordinating body, created on first use (bootstrap). */
  async ensureCoordinatingBody(manager: EntityManager, name: string): Promise<AgencyEntity> {
    const existing = await this.agencies.findCoordinatingBody(manager);
    if (existing) return existing;
    const body = Object.assign(new AgencyEntity(), {
      id: randomUUID(),
      name,
      kind: 'other' as const,
      regime: 'none' as const,
      status: 'active' as const,
      coordinatingBody: true,
    });
    await this.agencies.insert(body, manager);
    return body;
  }
}
