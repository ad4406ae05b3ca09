import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Rows written by the benchmark's baseline route: one INSERT of a record-sized row. No survivor data. */
@Entity({ name: 'bench_baseline_rows' })
export class BenchBaselineRowEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'bytea' })
  payload!: Buffer;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
