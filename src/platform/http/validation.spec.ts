import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Min, ValidateNested } from 'class-validator';
import { UnprocessableError } from '../errors/domain-error';
import { MayBeOmitted } from './may-be-omitted';
import { strictValidationPipe } from './validation';

class Wrap {
  @IsInt()
  @Min(1)
  epoch!: number;
}

class Body {
  @IsString()
  name!: string;

  @ValidateNested({ each: true })
  @Type(() => Wrap)
  wraps!: Wrap[];
}

class Revocation {
  @MayBeOmitted()
  @Matches(/^[A-Za-z0-9+/]{86}==$/)
  signature?: string;
}

async function validate(value: unknown, metatype: new () => object = Body): Promise<unknown> {
  return strictValidationPipe().transform(value, { type: 'body', metatype });
}

describe('strictValidationPipe', () => {
  it('names every invalid field, nested ones by dotted path', async () => {
    const error = await validate({ name: 7, wraps: [{ epoch: 1 }, { epoch: 0 }] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnprocessableError);
    const fields = (error as UnprocessableError).extensions.errors?.map((problem) => problem.field);
    expect(fields).toEqual(['name', 'wraps.1.epoch']);
  });

  it('refuses unknown properties instead of dropping them', async () => {
    const error = (await validate({ name: 'a', wraps: [], admin: true }).catch((caught: unknown) => caught)) as UnprocessableError;
    expect(error.status).toBe(422);
    expect(error.extensions.errors).toEqual([{ field: 'admin', messages: ['property admin should not exist'] }]);
  });

  it('never echoes the rejected value', async () => {
    const error = (await validate({ name: 'survivor-name-marker', wraps: 'x' }).catch((caught: unknown) => caught)) as UnprocessableError;
    expect(JSON.stringify(error.extensions)).not.toContain('survivor-name-marker');
  });

  it('lets an optional member be omitted, but refuses null in it, naming the field', async () => {
    await expect(validate({}, Revocation)).resolves.toBeInstanceOf(Revocation);
    const error = (await validate({ signature: null }, Revocation).catch((caught: unknown) => caught)) as UnprocessableError;
    expect(error).toBeInstanceOf(UnprocessableError);
    expect(error.extensions.errors?.map((problem) => problem.field)).toEqual(['signature']);
  });

  it('passes and transforms a valid body', async () => {
    const value = await validate({ name: 'a', wraps: [{ epoch: 2 }] });
    expect(value).toBeInstanceOf(Body);
  });
});
