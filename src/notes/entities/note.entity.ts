import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { CaseEntity } from '../../cases/case.entity';
import { NOTE_CATEGORIES, type NoteCategory } from '../../consent/consent.vocabulary';
import { sqlIn } from '../../database/sql-checks';
import { RecordEntity } from '../../records/entities/record.entity';

/**
 * A case note of the custodian agency. Each version is its own sealed record (fresh DEK); the
 * note points at the current one. Who can read it is the record's wraps, each justified by consent.
 */
@Entity({ name: 'notes' })
@Index('notes_case', ['caseId', 'createdAt'])
@Check('notes_category', sqlIn('category', NOTE_CATEGORIES))
export class NoteEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id' })
  case?: CaseEntity;

  @Column({ name: 'author_agency_id', type: 'uuid' })
  authorAgencyId!: string;

  @Column({ type: 'text' })
  category!: NoteCategory;

  @Column({ name: 'current_version', type: 'integer' })
  currentVersion!: number;

  @Column({ name: 'current_record_id', type: 'uuid' })
  currentRecordId!: string;

  @ManyToOne(() => RecordEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'current_record_id' })
  currentRecord?: RecordEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** The record of each version of a note (history is kept). */
@Entity({ name: 'note_versions' })
export class NoteVersionEntity {
  @PrimaryColumn({ name: 'note_id', type: 'uuid' })
  noteId!: string;

  @PrimaryColumn({ type: 'integer' })
  version!: number;

  @ManyToOne(() => NoteEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'note_id' })
  note?: NoteEntity;

  @Column({ name: 'record_id', type: 'uuid', unique: true })
  recordId!: string;

  @ManyToOne(() => RecordEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'record_id' })
  record?: RecordEntity;

  @Column({ name: 'created_by_principal_id', type: 'uuid' })
  createdByPrincipalId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
