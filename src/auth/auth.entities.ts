import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** jti of every accepted RFC 7523 client assertion, until it expires: a replay is refused. */
@Entity({ name: 'client_assertion_jtis' })
@Index('client_assertion_jtis_expiry', ['expiresAt'])
export class ClientAssertionJtiEntity {
  @PrimaryColumn({ name: 'principal_id', type: 'uuid' })
  principalId!: string;

  @PrimaryColumn({ type: 'text' })
  jti!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}

/**
 * Failed token requests per client and per address, shared by every API process so the back-off
 * holds however many processes serve the endpoint.
 */
@Entity({ name: 'token_failures' })
export class TokenFailureEntity {
  /** `client:<client_id or username>` or `address:<ip>`. */
  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'integer' })
  failures!: number;

  @Column({ name: 'first_failure_at', type: 'timestamptz' })
  firstFailureAt!: Date;

  @Column({ name: 'blocked_until', type: 'timestamptz', nullable: true })
  blockedUntil!: Date | null;
}
