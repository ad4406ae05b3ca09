import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import { firstRowAs, statement } from '../database/statement';
import { run } from '../database/transactions';
import { type ClientPublicJwk, PrincipalEntity } from './principal.entity';
import { type PrincipalStatus } from './principal.vocabulary';

export type ActivePrincipalRow = Pick<PrincipalEntity, 'id' | 'agencyId' | 'kind' | 'roles' | 'username'>;

/**
 * Principals are managed by the coordinating body's administrators across all agencies, so these
 * queries are scoped by the agency named in the route, not by the caller's agency.
 */
@Injectable()
export class PrincipalsRepository {
  constructor(@InjectRepository(PrincipalEntity) private readonly principals: Repository<PrincipalEntity>) {}

  /**
   * The principal, only if it and its agency are active and it belongs to `agencyId`. Every
   * authenticated request asks this, so it is one prepared statement, not a query builder.
   */
  findActiveInActiveAgency(id: string, agencyId: string): Promise<ActivePrincipalRow | null> {
    return run(
      this.principals.manager,
      statement(
        `SELECT p.id, p.agency_id AS "agencyId", p.kind, p.roles, p.username
           FROM principals p JOIN agencies a ON a.id = p.agency_id
          WHERE p.id = $1 AND p.agency_id = $2 AND p.status = 'active' AND a.status = 'active'`,
        [id, agencyId],
        firstRowAs<ActivePrincipalRow>(),
      ),
    );
  }

  findActiveByUsernameInActiveAgency(username: string): Promise<PrincipalEntity | null> {
    return this.principals
      .createQueryBuilder('principal')
      .innerJoin('principal.agency', 'agency')
      .where('principal.username = :username', { username })
      .andWhere(`principal.status = 'active' AND agency.status = 'active'`)
      .getOne();
  }

  findActiveByIdInActiveAgency(id: string): Promise<PrincipalEntity | null> {
    return this.principals
      .createQueryBuilder('principal')
      .innerJoin('principal.agency', 'agency')
      .where('principal.id = :id', { id })
      .andWhere(`principal.status = 'active' AND agency.status = 'active'`)
      .getOne();
  }

  /** Whether the person signs in with a secret of their own (src/people): then no password is issued to them. */
  async isEnrolledPerson(id: string): Promise<boolean> {
    const rows: unknown[] = await this.principals.query(`SELECT 1 FROM person_logins WHERE principal_id = $1`, [id]);
    return rows.length > 0;
  }

  async forgetSecret(manager: EntityManager, id: string): Promise<void> {
    await manager.getRepository(PrincipalEntity).update({ id }, { secretHash: null, credentialsRotatedAt: new Date() });
  }

  findInAgency(id: string, agencyId: string): Promise<PrincipalEntity | null> {
    return this.principals.findOneBy({ id, agencyId });
  }

  listInAgency(agencyId: string): Promise<PrincipalEntity[]> {
    return this.principals.find({ where: { agencyId }, order: { createdAt: 'ASC' } });
  }

  usernameExists(username: string): Promise<boolean> {
    return this.principals.existsBy({ username });
  }

  async anyAdminExists(manager?: EntityManager): Promise<boolean> {
    const repository = manager?.getRepository(PrincipalEntity) ?? this.principals;
    const rows: unknown[] = await repository.query(`SELECT 1 FROM principals WHERE 'admin' = ANY(roles) LIMIT 1`);
    return rows.length > 0;
  }

  async insert(principal: PrincipalEntity, manager?: EntityManager): Promise<void> {
    await (manager?.getRepository(PrincipalEntity) ?? this.principals).insert(principal);
  }

  async setStatus(id: string, status: PrincipalStatus): Promise<void> {
    await this.principals.update({ id }, { status });
  }

  async setCredentials(id: string, credentials: { secretHash: string | null; clientJwk: ClientPublicJwk | null }): Promise<void> {
    await this.principals.update({ id }, { ...credentials, credentialsRotatedAt: new Date() });
  }
}
