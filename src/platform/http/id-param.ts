import { Param, type PipeTransform } from '@nestjs/common';
import { isUuid } from '../../crypto/identifiers';
import { NotFoundError } from '../errors/domain-error';

/** Ids are UUIDs; a malformed one names nothing, so it answers 404 like any other unknown id. */
class ParseIdPipe implements PipeTransform<string, string> {
  constructor(private readonly what: string) {}

  transform(value: string): string {
    const id = value.toLowerCase(); // any case names the same id
    if (!isUuid(id)) throw new NotFoundError(this.what);
    return id;
  }
}

export const IdParam = (name: string, what: string): ParameterDecorator => Param(name, new ParseIdPipe(what));
