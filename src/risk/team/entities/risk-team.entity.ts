import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AgencyEntity } from '../../../agencies/agency.entity';

/**
 * A standing high-risk team (MARAC, DVHRT): member agencies and a chair agency. No survivor data:
 * a name the CCR gives the team, ids, a rule and times.
 */
@Entity({ name: 'risk_teams' })
export class RiskTeamEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'chair_agency_id', type: 'uuid' })
  chairAgencyId!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'chair_agency_id' })
  chair?: AgencyEntity;

  /** DVHRT practice: the survivor's written consent before the team hears a case (decision 0098). */
  @Column({ name: 'requires_written_consent', type: 'boolean' })
  requiresWrittenConsent!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A member agency of a team (the chair is one). */
@Entity({ name: 'risk_team_members' })
@Index('risk_team_members_agency', ['agencyId'])
export class RiskTeamMemberEntity {
  @PrimaryColumn({ name: 'team_id', type: 'uuid' })
  teamId!: string;

  @PrimaryColumn({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @ManyToOne(() => RiskTeamEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'team_id' })
  team?: RiskTeamEntity;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agency_id' })
  agency?: AgencyEntity;
}
