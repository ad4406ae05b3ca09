import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AgencyEntity } from '../../../agencies/agency.entity';
import { NoteEntity } from '../../../notes/entities/note.entity';
import { RiskTeamEntity } from '../../team/entities/risk-team.entity';
import { TeamReferralEntity } from '../../team/entities/team-referral.entity';

/** A meeting of a team: when, who attended (agencies), and the agenda of referred cases. No survivor data. */
@Entity({ name: 'risk_meetings' })
@Index('risk_meetings_team', ['teamId', 'heldAt'])
export class RiskMeetingEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'team_id', type: 'uuid' })
  teamId!: string;

  @ManyToOne(() => RiskTeamEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'team_id' })
  team?: RiskTeamEntity;

  @Column({ name: 'held_at', type: 'timestamptz' })
  heldAt!: Date;

  @Column({ name: 'attendee_agency_ids', type: 'uuid', array: true })
  attendeeAgencyIds!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A referred case on a meeting's agenda, in order. */
@Entity({ name: 'risk_meeting_items' })
export class RiskMeetingItemEntity {
  @PrimaryColumn({ name: 'meeting_id', type: 'uuid' })
  meetingId!: string;

  @PrimaryColumn({ name: 'referral_id', type: 'uuid' })
  referralId!: string;

  @ManyToOne(() => RiskMeetingEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: RiskMeetingEntity;

  @ManyToOne(() => TeamReferralEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'referral_id' })
  referral?: TeamReferralEntity;

  @Column({ type: 'integer' })
  position!: number;
}

/** A sealed note of a meeting (a contribution or the minutes of an agenda item): the note holds the ciphertext. */
@Entity({ name: 'risk_meeting_notes' })
@Index('risk_meeting_notes_meeting', ['meetingId', 'referralId'])
@Index('risk_meeting_notes_author', ['authorAgencyId', 'createdAt'])
export class RiskMeetingNoteEntity {
  @PrimaryColumn({ name: 'note_id', type: 'uuid' })
  noteId!: string;

  @ManyToOne(() => NoteEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'note_id' })
  note?: NoteEntity;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId!: string;

  @ManyToOne(() => RiskMeetingEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: RiskMeetingEntity;

  @Column({ name: 'referral_id', type: 'uuid' })
  referralId!: string;

  @ManyToOne(() => TeamReferralEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'referral_id' })
  referral?: TeamReferralEntity;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ name: 'author_agency_id', type: 'uuid' })
  authorAgencyId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** An action item an agency took at a meeting: what it is stays sealed in a note of the owner's. */
@Entity({ name: 'risk_actions' })
@Index('risk_actions_owner', ['ownerAgencyId', 'dueAt'])
@Index('risk_actions_due', ['status', 'dueAt'])
export class RiskActionEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId!: string;

  @ManyToOne(() => RiskMeetingEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: RiskMeetingEntity;

  @Column({ name: 'referral_id', type: 'uuid' })
  referralId!: string;

  @ManyToOne(() => TeamReferralEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'referral_id' })
  referral?: TeamReferralEntity;

  @Column({ name: 'owner_agency_id', type: 'uuid' })
  ownerAgencyId!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_agency_id' })
  owner?: AgencyEntity;

  /** The sealed "what": a note of the owner agency's, wrapped like a contribution. */
  @Column({ name: 'note_id', type: 'uuid' })
  noteId!: string;

  @ManyToOne(() => NoteEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'note_id' })
  note?: NoteEntity;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ type: 'text', default: 'open' })
  status!: string;

  @Column({ name: 'not_done_reason', type: 'text', nullable: true })
  notDoneReason!: string | null;

  /** Set once by the overdue sweep (write-once: a repeated sweep raises nothing more). */
  @Column({ name: 'overdue_at', type: 'timestamptz', nullable: true })
  overdueAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', nullable: true })
  updatedAt!: Date | null;
}
