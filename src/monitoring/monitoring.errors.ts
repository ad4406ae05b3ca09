import { ConflictError, NotFoundError, UnprocessableError } from '../platform/errors/domain-error';

export class MonitoringReportNotFoundError extends NotFoundError {
  constructor() {
    super('monitoring report');
  }
}

/** Figures are computed at a signed checkpoint: before the first one there is nothing to verify against. */
export class LogNotCheckpointedError extends ConflictError {
  constructor() {
    super('log-not-checkpointed', 'The disclosure log has no signed checkpoint yet: a report must name one. Sign one (POST /ledger/checkpoints) and ask again.');
  }
}

export class MonitoringPeriodError extends UnprocessableError {
  constructor(message: string) {
    super([{ field: 'to', messages: [message] }], message);
  }
}
