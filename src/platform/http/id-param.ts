import { Param, type PipeTransform } from '@nestjs/common';
import { NotFoundError } from '../errors/domain-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; a malformed one names nothing, so it answers 404 like any other unknown id. */
class ParseIdPipe implements PipeTransform<string, string> {
  constructor(private readonly what: string) {}

  transform(value: string): string {
    if (!UUID.test(value)) throw new NotFoundError(this.what);
    return value.toLowerCase();
  }
}

export const IdParam = (name: string, what: string): ParameterDecorator => Param(name, new ParseIdPipe(what));
