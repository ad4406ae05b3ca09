import { Controller, Get, HttpCode, Inject, Param, type PipeTransform, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { type Request, type Response } from 'express';
import { PinoLogger } from 'nestjs-pino';
import { Caller, type CallerContext } from '../../auth/caller-context';
import { Public } from '../../auth/decorators/public.decorator';
import { AnyRole, Roles } from '../../auth/decorators/roles.decorator';
import { CONFIG } from '../../config/config';
import { type AppConfig } from '../../config/config.types';
import { streamChunks } from '../../platform/http/stream-chunks';
import { CheckpointNotFoundError } from '../ledger.errors';
import { type CosignedCheckpoint, CheckpointsService } from './checkpoints.service';
import {
  CheckpointDto,
  CheckpointFormatQueryDto,
  CheckpointListDto,
  CheckpointListQueryDto,
  ConsistencyProofDto,
  ConsistencyQueryDto,
  EntriesPageDto,
  EntriesQueryDto,
  InclusionProofDto,
  InclusionQueryDto,
  LogKeyDto,
  LogKeysDto,
  PublishedCheckpointDto,
} from './dto/log.dto';
import { entriesPageJson } from './entries-page-json';
import { EntriesService } from './entries.service';
import { LogKeysService } from './log-keys.service';
import { ProofsService } from './proofs.service';
import { ApiProblems, ACCESS_PROBLEMS } from '../../platform/errors/api-problems';

/** A checkpoint as the C2SP signed note (text/plain, the default) or as JSON (format=json, or an Accept preferring it). */
const CHECKPOINT_CONTENT = {
  content: {
    'application/json': { schema: { $ref: getSchemaPath(CheckpointDto) } },
    'text/plain': { schema: { type: 'string', description: 'The checkpoint as a C2SP signed note, with the witness cosignatures.' } },
  },
} as const;

/** A checkpoint size in a path: a canonical decimal, else it names nothing (404). */
class SizeParamPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^(?:0|[1-9][0-9]{0,15})$/.test(value)) throw new CheckpointNotFoundError();
    return Number(value);
  }
}

@ApiTags('ledger')
@ApiBearerAuth()
@Controller('ledger')
@ApiExtraModels(CheckpointDto)
export class LogController {
  constructor(
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly logKeys: LogKeysService,
    private readonly checkpoints: CheckpointsService,
    private readonly entries: EntriesService,
    private readonly proofs: ProofsService,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(LogController.name);
  }

  @Get('log-key')
  @Public()
  @ApiOperation({ summary: "The log's current checkpoint verifier key (public; verifiers pin the root key from the CCR's published trust policy)" })
  @ApiOkResponse({ type: LogKeyDto })
  @ApiProblems(503)
  async logKey(): Promise<LogKeyDto> {
    return { origin: this.config.ledger.origin, verifierKey: (await this.logKeys.history()).current.vkey };
  }

  @Get('log-keys')
  @Public()
  @ApiOperation({ summary: "The log's key history: its root key, then each key a signed transition handed over to (public; verifiers check every transition themselves)" })
  @ApiOkResponse({ type: LogKeysDto })
  @ApiProblems(503)
  async logKeyHistory(): Promise<LogKeysDto> {
    return LogKeysDto.from(this.config.ledger.origin, await this.logKeys.history());
  }

  @Get('checkpoint')
  @AnyRole()
  @ApiOperation({ summary: 'The latest signed checkpoint with its witness cosignatures (text/plain signed note, or JSON)' })
  @ApiOkResponse(CHECKPOINT_CONTENT)
  @ApiProblems(ACCESS_PROBLEMS, 404, 422)
  async latest(@Query() query: CheckpointFormatQueryDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<CheckpointDto | string> {
    return this.represent(await this.checkpoints.latest(), query, request, response);
  }

  @Get('checkpoints')
  @AnyRole()
  @ApiOperation({ summary: 'Every checkpoint the log signed, smallest first (a verifier checks each root against the entries)' })
  @ApiOkResponse({ type: CheckpointListDto })
  @ApiProblems(ACCESS_PROBLEMS, 422)
  async list(@Query() query: CheckpointListQueryDto): Promise<CheckpointListDto> {
    const limit = query.limit ?? 100;
    const views = await this.checkpoints.list(query.after ?? 0, limit);
    return { checkpoints: views.map((view) => CheckpointDto.from(view, this.config.ledger.origin)), next: views.length === limit ? views[views.length - 1].checkpoint.treeSize : null };
  }

  @Post('checkpoints')
  @Roles('admin', 'auditor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign a checkpoint now if the log grew (otherwise they are signed on a schedule)' })
  @ApiOkResponse({ type: PublishedCheckpointDto })
  @ApiProblems(ACCESS_PROBLEMS, 409, 503)
  async publish(): Promise<PublishedCheckpointDto> {
    const outcome = await this.checkpoints.publishNow();
    return { published: outcome.published, checkpoint: CheckpointDto.from(outcome.checkpoint, this.config.ledger.origin) };
  }

  @Get('checkpoints/:size')
  @AnyRole()
  @ApiOperation({ summary: 'The checkpoint of one tree size, with the cosignatures collected since' })
  @ApiOkResponse(CHECKPOINT_CONTENT)
  @ApiProblems(ACCESS_PROBLEMS, 404, 422)
  async bySize(
    @Param('size', new SizeParamPipe()) size: number,
    @Query() query: CheckpointFormatQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CheckpointDto | string> {
    return this.represent(await this.checkpoints.bySize(size), query, request, response);
  }

  @Get('entries')
  @Roles('auditor')
  @ApiOperation({ summary: 'Raw log entries [start, end) with their leaf hashes, for verifiers; each page read is logged before the page is sent' })
  @ApiOkResponse({ type: EntriesPageDto })
  @ApiProblems(ACCESS_PROBLEMS, 422, 503)
  async entryPage(@Caller() caller: CallerContext, @Query() query: EntriesQueryDto, @Res() response: Response): Promise<void> {
    const page = await this.entries.page(caller, query.start, query.end);
    response.status(200);
    response.type('application/json');
    await streamChunks(response, entriesPageJson(page), (error) => this.logger.error(`entries page aborted: ${error instanceof Error ? error.name : 'unknown error'}`));
  }

  @Get('proofs/inclusion')
  @AnyRole()
  @ApiOperation({ summary: 'RFC 9162 inclusion proof of one leaf in a tree size' })
  @ApiOkResponse({ type: InclusionProofDto })
  @ApiProblems(ACCESS_PROBLEMS, 422)
  async inclusion(@Query() query: InclusionQueryDto): Promise<InclusionProofDto> {
    return InclusionProofDto.from(await this.proofs.inclusion(query.index, query.size));
  }

  @Get('proofs/consistency')
  @AnyRole()
  @ApiOperation({ summary: 'RFC 9162 consistency proof between two tree sizes' })
  @ApiOkResponse({ type: ConsistencyProofDto })
  @ApiProblems(ACCESS_PROBLEMS, 422)
  async consistency(@Query() query: ConsistencyQueryDto): Promise<ConsistencyProofDto> {
    return ConsistencyProofDto.from(await this.proofs.consistency(query.from, query.to));
  }

  /** The signed note as text/plain unless JSON is asked for (format=json, or an Accept preferring it). */
  private represent(view: CosignedCheckpoint, query: CheckpointFormatQueryDto, request: Request, response: Response): CheckpointDto | string {
    const json = query.format === 'json' || (query.format === undefined && request.accepts(['text/plain', 'application/json']) === 'application/json');
    if (json) return CheckpointDto.from(view, this.config.ledger.origin);
    response.type('text/plain; charset=utf-8');
    return view.note;
  }
}
