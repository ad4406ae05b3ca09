import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { sqlIn, sqlSubsetOf } from '../../database/sql-checks';
import {
  CAPTURE_MODES,
  type CaptureMode,
  CONSENT_ACTIONS,
  type ConsentAction,
  type InformedConsentItem,
  type InterpreterAffiliation,
  PURPOSE_CODES,
  type PurposeCode,
  SHAREABLE_NOTE_CATEGORIES,
  type NoteCategory,
} from '../consent.vocabulary';
import { ConsentEntity } from './consent.entity';

export interface InterpreterRecord {
  used: boolean;
  qualified?: boolean;
  affiliation?: InterpreterAffiliation;
  /** Attested: not a family member, a child, or the person causing harm. */
  notFamilyOrPersonCausingHarm?: boolean;
}

/**
 * The terms of one version of a consent. Everything here is what the server needs to enforce the
 * release; the survivor's own words and anything identifying are in the sealed terms record.
 */
@Entity({ name: 'consent_versions' })
@Check('consent_versions_window', 'valid_from < valid_until')
@Check('consent_versions_capture_mode', sqlIn('capture_mode', CAPTURE_MODES))
@Check('consent_versions_purpose', sqlIn('purpose', PURPOSE_CODES))
@Check('consent_versions_actions', `cardinality(actions) > 0 AND ${sqlSubsetOf('actions', CONSENT_ACTIONS)}`)
@Check('consent_versions_categories', sqlSubsetOf('categories', SHAREABLE_NOTE_CATEGORIES))
export class ConsentVersionEntity {
  @PrimaryColumn({ name: 'consent_id', type: 'uuid' })
  consentId!: string;

  @PrimaryColumn({ type: 'integer' })
  version!: number;

  @ManyToOne(() => ConsentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'consent_id' })
  consent?: ConsentEntity;

  @Column({ type: 'text', array: true })
  categories!: NoteCategory[];

  @Column({ type: 'text', array: true })
  actions!: ConsentAction[];

  @Column({ type: 'text' })
  purpose!: PurposeCode;

  @Column({ name: 'valid_from', type: 'timestamptz' })
  validFrom!: Date;

  @Column({ name: 'valid_until', type: 'timestamptz' })
  validUntil!: Date;

  @Column({ name: 'capture_mode', type: 'text' })
  captureMode!: CaptureMode;

  /** BCP 47 language tag of the conversation and the form (C-8). */
  @Column({ type: 'text' })
  language!: string;

  @Column({ type: 'jsonb' })
  interpreter!: InterpreterRecord;

  @Column({ name: 'informed_consent', type: 'text', array: true })
  informedConsent!: InformedConsentItem[];

  /** Survivor's deny provisions: never to these agencies, whatever any consent says. */
  @Column({ name: 'deny_agency_ids', type: 'uuid', array: true })
  denyAgencyIds!: string[];

  /** SHA-256 of the signed release document kept by the custodian (never the document). */
  @Column({ name: 'release_document_sha256', type: 'bytea', nullable: true })
  releaseDocumentSha256!: Buffer | null;

  /** Sealed record (custodian only) with the survivor's own words of purpose and other free text. */
  @Column({ name: 'terms_record_id', type: 'uuid', nullable: true })
  termsRecordId!: string | null;

  @Column({ name: 'recorded_by_principal_id', type: 'uuid' })
  recordedByPrincipalId!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  /** The custodian agency's signature (key epoch `signerEpoch`) over the canonical terms. */
  @Column({ name: 'signer_epoch', type: 'integer' })
  signerEpoch!: number;

  @Column({ type: 'bytea' })
  signature!: Buffer;
}
