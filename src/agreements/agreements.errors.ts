import { ConflictError, NotFoundError, UnprocessableError } from '../platform/errors/domain-error';
import { type FieldProblem } from '../platform/errors/problem-details';

/** Missing, or an agreement the caller's agency is not a party to: the two look the same. */
export class AgreementNotFoundError extends NotFoundError {
  constructor(what = 'agreement') {
    super(what);
  }
}

export class AgreementAlreadyExistsError extends ConflictError {
  constructor() {
    super('agreement-exists', 'An agreement with this id already exists: choose a new id, or propose a new version of it.');
  }
}

/** A proposal that is not the next version, or a signature for a version that is no longer open. */
export class AgreementVersionConflictError extends ConflictError {
  constructor(detail: string, latestVersion: number) {
    super('agreement-version-conflict', detail, { latestVersion });
  }
}

export class AlreadySignedError extends ConflictError {
  constructor() {
    super('agreement-already-signed', 'Your agency has already signed this version.');
  }
}

export class AgreementTermsError extends UnprocessableError {
  constructor(errors: FieldProblem[]) {
    super(errors, errors[0]?.messages[0] ?? 'The agreement terms are not valid.');
  }
}

/** A signature that does not verify with the signer's registered (current) key: a forged or wrong key. */
export class AgreementSignatureRejectedError extends UnprocessableError {
  constructor(field: string, message: string) {
    super([{ field, messages: [message] }], message);
  }
}
