import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AgenciesService } from '../agencies/agencies.service';
import { type AgencyEntity } from '../agencies/agency.entity';
import { type AuthenticatedPrincipal } from '../auth/authenticated-principal';
import { ActivePrincipalCache } from './active-principal-cache';
import { type ClientPublicJwk, PrincipalEntity } from './principal.entity';
import { COORDINATING_BODY_ROLES, MEMBER_AGENCY_ROLES, type PrincipalKind, type PrincipalStatus, type Role } from './principal.vocabulary';
import { AlreadyBootstrappedError, PersonEnrolledError, PrincipalNotFoundError, RoleNotAllowedHereError, UsernameTakenError } from './principals.errors';
import { PrincipalsRepository } from './principals.repository';
import { generateSecret, SecretHasher } from './secret-hasher';

export interface NewPrincipal {
  kind: PrincipalKind;
  username: string;
  displayName: string;
  roles: Role[];
  /** Service accounts may register a public key for private_key_jwt instead of receiving a secret. */
  clientJwk?: ClientPublicJwk;
}

export interface PrincipalWithSecret {
  principal: PrincipalEntity;
  /** Shown exactly once; only its Argon2id hash is stored. Absent when a client key was registered. */
  oneTimeSecret?: string;
}

type ActivePrincipal = Omit<AuthenticatedPrincipal, 'tokenId'>;

@Injectable()
export class PrincipalsService {
  /** Who is active, per process, for at most half a second (decision 0147): every request asks. */
  private readonly active = new ActivePrincipalCache<ActivePrincipal>();

  constructor(
    private readonly principals: PrincipalsRepository,
    private readonly agencies: AgenciesService,
    private readonly hasher: SecretHasher,
    private readonly dataSource: DataSource,
  ) {
    agencies.onStatusChange(() => this.active.invalidate());
  }

  /**
   * The authenticated view of a principal, or null if it, or its agency, is not active. A change
   * of either status through this process applies to the next request; through another process,
   * within ACTIVE_PRINCIPAL_TTL_MS.
   */
  resolveActive(id: string, agencyId: string): Promise<ActivePrincipal | null> {
    return this.active.resolve(`${id}/${agencyId}`, async () => {
      const principal = await this.principals.findActiveInActiveAgency(id, agencyId);
      if (!principal) return null;
      // Shared by the requests that find it cached: frozen, so none can change another's view.
      return Object.freeze({ id: principal.id, agencyId: principal.agencyId, kind: principal.kind, roles: Object.freeze([...principal.roles]), username: principal.username });
    });
  }

  /** For the token endpoint: an active principal of an active agency, by username / client id. */
  findActiveByUsername(username: string): Promise<PrincipalEntity | null> {
    return this.principals.findActiveByUsernameInActiveAgency(username);
  }

  /** An active principal of an active agency, by id (for a person signing in by an enrolment code). */
  findActiveById(id: string): Promise<PrincipalEntity | null> {
    return this.principals.findActiveByIdInActiveAgency(id);
  }

  isEnrolledPerson(id: string): Promise<boolean> {
    return this.principals.isEnrolledPerson(id);
  }

  /** The person enrolled a secret of their own: the administrator-issued password stops working. */
  forgetPassword(manager: EntityManager, id: string): Promise<void> {
    return this.principals.forgetSecret(manager, id);
  }

  verifySecret(secret: string, principal: PrincipalEntity | null): boolean {
    return this.hasher.verify(secret, principal?.secretHash);
  }

  async create(agencyId: string, input: NewPrincipal): Promise<PrincipalWithSecret> {
    const agency = await this.agencies.get(agencyId);
    assertRolesFit(agency, input);
    if (await this.principals.usernameExists(input.username)) throw new UsernameTakenError();
    const oneTimeSecret = input.clientJwk ? undefined : generateSecret();
    const principal = this.newPrincipal(agencyId, input, oneTimeSecret);
    await this.principals.insert(principal);
    return { principal: await this.get(agencyId, principal.id), oneTimeSecret };
  }

  listInAgency(agencyId: string): Promise<PrincipalEntity[]> {
    return this.principals.listInAgency(agencyId);
  }

  async get(agencyId: string, id: string): Promise<PrincipalEntity> {
    const principal = await this.principals.findInAgency(id, agencyId);
    if (!principal) throw new PrincipalNotFoundError();
    return principal;
  }

  async setStatus(agencyId: string, id: string, status: PrincipalStatus): Promise<PrincipalEntity> {
    await this.get(agencyId, id);
    await this.principals.setStatus(id, status);
    this.active.invalidate();
    return this.get(agencyId, id);
  }

  /** A new secret (returned once), or a new client key; the old credential stops working at once. */
  async rotateCredentials(agencyId: string, id: string, clientJwk?: ClientPublicJwk): Promise<PrincipalWithSecret> {
    const principal = await this.get(agencyId, id);
    if (clientJwk && principal.kind !== 'service') {
      throw new RoleNotAllowedHereError('only service accounts authenticate with a client key');
    }
    if (await this.principals.isEnrolledPerson(id)) throw new PersonEnrolledError();
    const oneTimeSecret = clientJwk ? undefined : generateSecret();
    await this.principals.setCredentials(id, { secretHash: oneTimeSecret ? this.hasher.hash(oneTimeSecret) : null, clientJwk: clientJwk ?? null });
    return { principal: await this.get(agencyId, id), oneTimeSecret };
  }

  /**
   * First start: the coordinating body and its first administrator, whose credential is printed
   * once by the operator CLI. Refused once any administrator exists (no default password anywhere).
   */
  async bootstrapFirstAdministrator(input: { username: string; displayName: string; coordinatingBodyName: string }): Promise<PrincipalWithSecret> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('LOCK TABLE principals IN SHARE ROW EXCLUSIVE MODE');
      if (await this.principals.anyAdminExists(manager)) throw new AlreadyBootstrappedError();
      const body = await this.agencies.ensureCoordinatingBody(manager, input.coordinatingBodyName);
      const oneTimeSecret = generateSecret();
      const admin = this.newPrincipal(body.id, { kind: 'person', username: input.username, displayName: input.displayName, roles: ['admin'] }, oneTimeSecret);
      await this.principals.insert(admin, manager);
      return { principal: admin, oneTimeSecret };
    });
  }

  private newPrincipal(agencyId: string, input: NewPrincipal, secret: string | undefined): PrincipalEntity {
    return Object.assign(new PrincipalEntity(), {
      id: randomUUID(),
      agencyId,
      kind: input.kind,
      username: input.username,
      displayName: input.displayName,
      roles: [...new Set(input.roles)],
      status: 'active' as const,
      secretHash: secret ? this.hasher.hash(secret) : null,
      clientJwk: input.clientJwk ?? null,
      credentialsRotatedAt: null,
    });
  }
}

/** Service accounts are agency systems; auditors and administrators live in the coordinating body. */
function assertRolesFit(agency: AgencyEntity, input: NewPrincipal): void {
  const allowed = agency.coordinatingBody ? COORDINATING_BODY_ROLES : MEMBER_AGENCY_ROLES;
  const misplaced = input.roles.filter((role) => !allowed.includes(role));
  if (misplaced.length > 0) {
    const where = agency.coordinatingBody ? 'the coordinating body' : 'a member agency';
    throw new RoleNotAllowedHereError(`${misplaced.join(', ')} cannot belong to ${where}`);
  }
  const isService = input.roles.includes('service');
  if (isService !== (input.kind === 'service') || (isService && input.roles.length > 1)) {
    throw new RoleNotAllowedHereError('a service account has exactly the role service, and only service accounts have it');
  }
  if (input.clientJwk && input.kind !== 'service') {
    throw new RoleNotAllowedHereError('only service accounts authenticate with a client key');
  }
}
