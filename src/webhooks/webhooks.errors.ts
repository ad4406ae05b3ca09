import { ConflictError, NotFoundError, UnprocessableError } from '../platform/errors/domain-error';

/** Another agency's endpoint, a removed one, or none: the same answer. */
export class WebhookNotFoundError extends NotFoundError {
  constructor() {
    super('webhook');
  }
}

/** An event the agency was not told of answers like a missing one. */
export class WebhookEventNotFoundError extends NotFoundError {
  constructor() {
    super('event');
  }
}

export class WebhookTargetRefusedError extends UnprocessableError {
  constructor(reason: string) {
    super([{ field: 'url', messages: [reason] }], `The webhook URL is refused: ${reason}.`);
  }
}

export class TooManyWebhooksError extends ConflictError {
  constructor(max: number) {
    super('too-many-webhooks', `An agency may register at most ${max} webhook endpoints; remove one first.`);
  }
}

export class NoWebhookForEventError extends UnprocessableError {
  constructor() {
    super([{ field: 'eventId', messages: ['no endpoint of your agency takes this event type'] }], 'No endpoint of your agency takes this event type.');
  }
}
