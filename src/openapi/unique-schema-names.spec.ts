import { Controller, Get, type INestApplication, Post } from '@nestjs/common';
import { ApiOkResponse, ApiProperty } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { buildOpenApiDocument } from './openapi';
import { DuplicateSchemaNameError } from './unique-schema-names';

// Two modules' DTOs that happen to share a class name, as cases/ and referrals/ once did.
const first = (() => {
  class RecordDto {
    @ApiProperty() record!: string;
    @ApiProperty() logIndex!: number;
  }
  return RecordDto;
})();
const second = (() => {
  class RecordDto {
    @ApiProperty() record!: string;
    @ApiProperty() share!: string;
  }
  return RecordDto;
})();
class Holder {
  @ApiProperty({ type: second }) inner!: InstanceType<typeof second>;
}
class UniqueDto {
  @ApiProperty() id!: string;
}

@Controller('a')
class TopLevelClash {
  @Get() @ApiOkResponse({ type: first }) one(): void {}
  @Post() @ApiOkResponse({ type: second }) two(): void {}
}

/** The silent case: the second class is only referenced from another schema, so swagger warns about nothing. */
@Controller('b')
class NestedClash {
  @Get() @ApiOkResponse({ type: first }) one(): void {}
  @Post() @ApiOkResponse({ type: Holder }) two(): void {}
}

@Controller('c')
class NoClash {
  @Get() @ApiOkResponse({ type: first }) one(): void {}
  @Post() @ApiOkResponse({ type: UniqueDto }) two(): void {}
}

async function appWith(controller: new () => unknown): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ controllers: [controller] }).compile();
  return moduleRef.createNestApplication({ logger: false });
}

describe('unique schema names in the OpenAPI document', () => {
  it.each([
    ['answered at the top level', TopLevelClash],
    ['only referenced from another schema', NestedClash],
  ])('refuses two different classes with one name (%s)', async (_case, controller) => {
    const app = await appWith(controller);
    expect(() => buildOpenApiDocument(app)).toThrow(DuplicateSchemaNameError);
    expect(() => buildOpenApiDocument(app)).toThrow(/"RecordDto"/);
    await app.close();
  });

  it('builds the document when every class name is unique, and leaves the factory as it found it', async () => {
    const app = await appWith(NoClash);
    const document = buildOpenApiDocument(app);
    expect(Object.keys(document.components?.schemas ?? {}).sort()).toEqual(['ProblemDetails', 'RecordDto', 'UniqueDto']);
    expect(buildOpenApiDocument(app)).toEqual(document);
    await app.close();
  });
});
