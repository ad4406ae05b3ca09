import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { MayBeOmitted } from '../../platform/http/may-be-omitted';
import { IsBase64Bytes } from './base64-bytes';

/** OPAQUE messages are base64url; the longest (a registration record) is a few hundred characters. */
const OPAQUE_MESSAGE = /^[A-Za-z0-9_-]{20,2000}$/;
const ENROLMENT_CODE = /^[A-Za-z0-9_-]{22}$/;
const TOTP_CODE = /^\d{6}$/;

export class EnrolmentCodeDto {
  @ApiProperty({ description: 'The single-use code, shown once: hand it over in person or by phone.' })
  code!: string;

  @ApiProperty({ example: 'https://ccr.example.org/#enrol=…', description: 'PUBLIC_URL/#enrol=<code>: the fragment never reaches a server log.' })
  link!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
}

export class StartEnrolmentDto {
  @ApiProperty({ description: 'The enrolment code (22 base64url characters).' })
  @Matches(ENROLMENT_CODE, { message: 'code must be the 22-character enrolment code' })
  code!: string;

  @ApiProperty({ description: 'OPAQUE registration request (client.startRegistration).' })
  @Matches(OPAQUE_MESSAGE, { message: 'registrationRequest must be a base64url OPAQUE message' })
  registrationRequest!: string;
}

export class EnrolmentStartedDto {
  @ApiProperty({ format: 'uuid' }) principalId!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ description: 'OPAQUE registration response (for client.finishRegistration).' }) registrationResponse!: string;
  @ApiProperty({ description: "The server's OPAQUE static public key: pin it and compare with finishRegistration's serverStaticPublicKey." }) serverPublicKey!: string;
  @ApiProperty({ description: 'TOTP secret (base32) to add to an authenticator app; confirmed by a code at finish.' }) totpSecret!: string;
  @ApiProperty({ example: 'otpauth://totp/CCR%20Exchange:jo?secret=…&algorithm=SHA1&digits=6&period=30' }) totpUri!: string;
}

export class FinishEnrolmentDto {
  @ApiProperty()
  @Matches(ENROLMENT_CODE, { message: 'code must be the 22-character enrolment code' })
  code!: string;

  @ApiProperty({ description: 'OPAQUE registration record (client.finishRegistration).' })
  @Matches(OPAQUE_MESSAGE, { message: 'registrationRecord must be a base64url OPAQUE message' })
  registrationRecord!: string;

  @ApiProperty({ example: '123456', description: 'The current code of the authenticator just set up.' })
  @Matches(TOTP_CODE, { message: 'totpCode must be 6 digits' })
  totpCode!: string;
}

export class EnrolledDto {
  @ApiProperty({ format: 'uuid' }) principalId!: string;
  @ApiProperty({ description: 'True when the person was enrolled before (re-enrolment, logged as person_recovered).' }) recovered!: boolean;
}

export class StartSignInDto {
  @ApiProperty()
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9._@-]{2,99}$/, { message: 'username is 3-100 characters: lowercase letters, digits, . _ @ -' })
  username!: string;

  @ApiProperty({ description: 'OPAQUE KE1 (client.startLogin).' })
  @Matches(OPAQUE_MESSAGE, { message: 'startLoginRequest must be a base64url OPAQUE message' })
  startLoginRequest!: string;
}

export class SignInStartedDto {
  @ApiProperty({ format: 'uuid', description: 'Names this attempt in the finish step; good once, for two minutes.' }) loginId!: string;
  @ApiProperty({ description: 'OPAQUE KE2 (for client.finishLogin). An unknown name gets an answer of the same shape.' }) loginResponse!: string;
}

export class FinishSignInDto {
  @ApiProperty({ format: 'uuid' })
  @Matches(/^[0-9a-f-]{36}$/, { message: 'loginId must be the id the start step returned' })
  loginId!: string;

  @ApiProperty({ description: 'OPAQUE KE3 (client.finishLogin).' })
  @Matches(OPAQUE_MESSAGE, { message: 'finishLoginRequest must be a base64url OPAQUE message' })
  finishLoginRequest!: string;
}

export class SessionDto {
  @ApiProperty({ enum: ['second_factor', 'full'], description: 'second_factor: only the second-factor step is open; full: signed in.' })
  stage!: 'second_factor' | 'full';

  @ApiProperty({ description: 'Send as the X-CCR-CSRF header on every request made with the session cookie. Keep it in memory only.' })
  csrfToken!: string;

  @ApiProperty({ type: [String], example: ['totp'], description: 'Second factors the person can use (stage second_factor).' })
  secondFactors!: string[];
}

export class SecondFactorDto {
  @ApiProperty({ example: '123456' })
  @Matches(TOTP_CODE, { message: 'totpCode must be 6 digits' })
  totpCode!: string;
}

export class StartSecretChangeDto {
  @ApiProperty({ description: 'OPAQUE registration request for the new secret.' })
  @Matches(OPAQUE_MESSAGE, { message: 'registrationRequest must be a base64url OPAQUE message' })
  registrationRequest!: string;
}

export class SecretChangeStartedDto {
  @ApiProperty() registrationResponse!: string;
  @ApiProperty() serverPublicKey!: string;
}

export class FinishSecretChangeDto {
  @ApiProperty({ description: 'OPAQUE registration record made with the new secret.' })
  @Matches(OPAQUE_MESSAGE, { message: 'registrationRecord must be a base64url OPAQUE message' })
  registrationRecord!: string;

  @ApiProperty({ example: '123456', description: 'A fresh code of your authenticator: confirms it is you at the desk.' })
  @Matches(TOTP_CODE, { message: 'totpCode must be 6 digits' })
  totpCode!: string;

  @ApiPropertyOptional({ description: "Your person keys' envelope re-sealed under the new secret's export key (base64): stored with the new secret, atomically, so your keys stay unlockable." })
  @MayBeOmitted()
  @IsBase64Bytes(41, 1024)
  envelope?: string;
}
