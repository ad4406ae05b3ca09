import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A monitoring report as computed (issue 23): aggregate, suppressed figures only — no survivor
 * data, no case ids. Kept so a published report can be fetched and re-verified later.
 */
@Entity({ name: 'monitoring_reports' })
@Index('monitoring_reports_agency', ['agencyId', 'createdAt'])
export class MonitoringReportEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'monitoring_reports_pkey' })
  id!: string;

  /** The coordinating body's agency of the person who asked: reads are scoped to it. */
  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'tree_size', type: 'bigint' })
  treeSize!: string;

  @Column({ type: 'text' })
  definitions!: string;

  @Column({ type: 'jsonb' })
  body!: Record<string, unknown>;
}
