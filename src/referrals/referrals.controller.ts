import { Body, Controller, Get, Headers, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { Caller, type CallerContext } from '../auth/caller-context';
import { Roles } from '../auth/decorators/roles.decorator';
import { IdParam } from '../platform/http/id-param';
import {
  ChangeReferralStatusDto,
  CreateReferralDto,
  ReferralDto,
  ReferralListQueryDto,
  ReferralOutcomeRecordDto,
  ReferralPageDto,
  ReferralReadQueryDto,
  ReferralWithContentDto,
  ShareOutcomeDto,
} from './dto/referral.dto';
import { toReferralDto, toReferralWithContentDto } from './referral-views';
import { IdempotencyKeyRequiredError } from './referrals.errors';
import { ReferralsService } from './referrals.service';
import { ApiProblems, ACCESS_PROBLEMS, BODY_PROBLEMS } from '../platform/errors/api-problems';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{1,200}$/;
const ROLES = ['service', 'advocate', 'agency_worker'] as const;

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('referrals')
@ApiProblems(ACCESS_PROBLEMS)
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Post()
  @Roles(...ROLES)
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'A retry with the same key and body returns the original referral.' })
  @ApiCreatedResponse({ type: ReferralDto, description: 'Header Idempotent-Replayed: true when this answers a retry.' })
  @ApiProblems(BODY_PROBLEMS, 404, 409)
  async create(
    @Caller() caller: CallerContext,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Body() body: CreateReferralDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ReferralDto> {
    if (!idempotencyKey || !IDEMPOTENCY_KEY.test(idempotencyKey)) throw new IdempotencyKeyRequiredError();
    const created = await this.referrals.create(caller, idempotencyKey, body);
    response.setHeader('Idempotent-Replayed', String(created.replayed));
    return toReferralDto(created);
  }

  @Get()
  @Roles(...ROLES)
  @ApiOkResponse({ type: ReferralPageDto, description: 'Inbox (box=in) or outbox (box=out), newest first, cursor-paginated.' })
  @ApiProblems(422)
  async list(@Caller() caller: CallerContext, @Query() query: ReferralListQueryDto): Promise<ReferralPageDto> {
    const page = await this.referrals.list(caller, query.box, { status: query.status, since: query.since, cursor: query.cursor, limit: query.limit ?? 50 });
    return { items: page.items.map(toReferralDto), nextCursor: page.nextCursor };
  }

  @Get(':referralId')
  @Roles(...ROLES)
  @ApiOkResponse({ type: ReferralWithContentDto, description: 'Metadata, history and the sealed content with only your agency\'s key wrap. A logged disclosure.' })
  @ApiProblems(404, 422, 503)
  async get(@Caller() caller: CallerContext, @IdParam('referralId', 'referral') referralId: string, @Query() query: ReferralReadQueryDto): Promise<ReferralWithContentDto> {
    const read = query.include === 'metadata' ? this.referrals.getMetadata(caller, referralId) : this.referrals.get(caller, referralId);
    return toReferralWithContentDto(await read);
  }

  @Post(':referralId/status')
  @HttpCode(200)
  @Roles(...ROLES)
  @ApiOkResponse({ type: ReferralDto, description: 'Illegal transition → 409; the other side\'s move → 403; stale version → 409.' })
  @ApiProblems(404, BODY_PROBLEMS, 409)
  async changeStatus(@Caller() caller: CallerContext, @IdParam('referralId', 'referral') referralId: string, @Body() body: ChangeReferralStatusDto): Promise<ReferralDto> {
    const move = { to: body.status, reason: body.reason ?? null, outcome: body.outcome ?? null };
    return toReferralDto(await this.referrals.changeStatus(caller, referralId, move, body.version));
  }

  @Post(':referralId/outcome')
  @HttpCode(200)
  @Roles(...ROLES)
  @ApiOkResponse({ type: ReferralDto, description: 'The receiver shares a sealed outcome note back, where the release grants share_content_back.' })
  @ApiProblems(404, BODY_PROBLEMS, 409)
  async shareOutcome(@Caller() caller: CallerContext, @IdParam('referralId', 'referral') referralId: string, @Body() body: ShareOutcomeDto): Promise<ReferralDto> {
    return toReferralDto(await this.referrals.shareOutcome(caller, referralId, body.content, body.version));
  }

  @Get(':referralId/outcome')
  @Roles(...ROLES)
  @ApiOkResponse({ type: ReferralOutcomeRecordDto, description: 'The sealed outcome note with only your key wrap. A logged disclosure.' })
  @ApiProblems(404, 503)
  async readOutcome(@Caller() caller: CallerContext, @IdParam('referralId', 'referral') referralId: string): Promise<ReferralOutcomeRecordDto> {
    const delivered = await this.referrals.readOutcome(caller, referralId);
    return { record: delivered.record, share: delivered.share as unknown as Record<string, unknown> | null };
  }
}
