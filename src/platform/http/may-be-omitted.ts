import { ValidateIf } from 'class-validator';

/**
 * An optional member: it may be left out, but if present it is validated — `null` included, which
 * then fails the member's own rules (422 naming it). class-validator's IsOptional skips null as
 * well, letting it reach services that expect a value or nothing; ESLint forbids it for that reason.
 */
export const MayBeOmitted = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);
