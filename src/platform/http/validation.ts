import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { UnprocessableError } from '../errors/domain-error';
import { type FieldProblem } from '../errors/problem-details';

function flatten(errors: readonly ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Strict input validation everywhere: unknown properties are refused (not silently dropped), and
 * every failure is a 422 problem that names each field.
 */
export function strictValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new UnprocessableError(flatten(errors)),
  });
}
