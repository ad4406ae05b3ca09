import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, Repository } from 'typeorm';
import { AgencyEntity } from './agency.entity';
import { type AgencyStatus } from './agency.vocabulary';

/**
 * The agency directory is shared by every member of the CCR (they must find recipients); it holds
 * no case data, so its reads are not agency-scoped.
 */
@Injectable()
export class AgenciesRepository {
  constructor(@InjectRepository(AgencyEntity) private readonly agencies: Repository<AgencyEntity>) {}

  findById(id: string): Promise<AgencyEntity | null> {
    return this.agencies.findOneBy({ id });
  }

  /** Pass the caller's transaction: a query on another pooled connection inside it can starve the pool. */
  findByIds(ids: readonly string[], manager?: EntityManager): Promise<AgencyEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return (manager?.getRepository(AgencyEntity) ?? this.agencies).findBy({ id: In([...ids]) });
  }

  list(): Promise<AgencyEntity[]> {
    return this.agencies.find({ order: { name: 'ASC' } });
  }

  nameExists(name: string): Promise<boolean> {
    return this.agencies.existsBy({ name });
  }

  findCoordinatingBody(manager?: EntityManager): Promise<AgencyEntity | null> {
    return (manager?.getRepository(AgencyEntity) ?? this.agencies).findOneBy({ coordinatingBody: true });
  }

  async insert(agency: AgencyEntity, manager?: EntityManager): Promise<void> {
    await (manager?.getRepository(AgencyEntity) ?? this.agencies).insert(agency);
  }

  async setStatus(id: string, status: AgencyStatus): Promise<void> {
    await this.agencies.update({ id }, { status });
  }
}
