import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { sqlIn } from '../database/sql-checks';
import {
  AGENCY_KINDS,
  AGENCY_STATUSES,
  type AgencyKind,
  type AgencyStatus,
  CONFIDENTIALITY_REGIMES,
  type ConfidentialityRegime,
} from './agency.vocabulary';

@Entity({ name: 'agencies' })
@Check('agencies_kind', sqlIn('kind', AGENCY_KINDS))
@Check('agencies_regime', sqlIn('regime', CONFIDENTIALITY_REGIMES))
@Check('agencies_status', sqlIn('status', AGENCY_STATUSES))
@Index('agencies_one_coordinating_body', ['coordinatingBody'], { unique: true, where: '"coordinating_body"' })
export class AgencyEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  name!: string;

  @Column({ type: 'text' })
  kind!: AgencyKind;

  @Column({ type: 'text' })
  regime!: ConfidentialityRegime;

  @Column({ type: 'text', default: 'active' })
  status!: AgencyStatus;

  /** The CCR's coordinating body: home of auditors and administrators, holder of no case data. */
  @Column({ name: 'coordinating_body', type: 'boolean', default: false })
  coordinatingBody!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
