import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, type CallerContext } from '../auth/caller-context';
import { Roles } from '../auth/decorators/roles.decorator';
import { NotFoundError } from '../platform/errors/domain-error';
import { ACCESS_PROBLEMS, ApiProblems, BODY_PROBLEMS } from '../platform/errors/api-problems';
import { IdParam } from '../platform/http/id-param';
import { RegisterWebhookDto, ReplayAcceptedDto, ReplayWebhookDto, WebhookDeliveriesQueryDto, WebhookDeliveryDto, WebhookDto, WebhookWithSecretDto } from './dto/webhook.dto';
import { WebhooksService } from './webhooks.service';

/** Another agency's id answers as an unknown one. */
function ownAgency(caller: CallerContext, agencyId: string): void {
  if (caller.principal.agencyId !== agencyId) throw new NotFoundError('agency');
}

@ApiTags('webhooks')
@ApiBearerAuth()
@Roles('service', 'agency_worker')
@Controller('agencies/:agencyId')
@ApiProblems(ACCESS_PROBLEMS, 404)
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post('webhooks')
  @ApiOperation({ summary: "Register your system's endpoint for push delivery (Standard Webhooks): the signing secret is in this answer only" })
  @ApiCreatedResponse({ type: WebhookWithSecretDto })
  @ApiProblems(BODY_PROBLEMS, 409)
  async register(@Caller() caller: CallerContext, @IdParam('agencyId', 'agency') agencyId: string, @Body() body: RegisterWebhookDto): Promise<WebhookWithSecretDto> {
    ownAgency(caller, agencyId);
    return WebhookWithSecretDto.withSecret(await this.webhooks.register(caller, body.url, body.eventTypes));
  }

  @Get('webhooks')
  @ApiOperation({ summary: "Your agency's endpoints (never their secrets)" })
  @ApiOkResponse({ type: [WebhookDto] })
  async list(@Caller() caller: CallerContext, @IdParam('agencyId', 'agency') agencyId: string): Promise<WebhookDto[]> {
    ownAgency(caller, agencyId);
    return (await this.webhooks.list(caller)).map((row) => WebhookDto.from(row));
  }

  @Delete('webhooks/:webhookId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an endpoint: nothing more is delivered to it (what was pending is cancelled)' })
  @ApiNoContentResponse()
  async remove(@Caller() caller: CallerContext, @IdParam('agencyId', 'agency') agencyId: string, @IdParam('webhookId', 'webhook') webhookId: string): Promise<void> {
    ownAgency(caller, agencyId);
    await this.webhooks.remove(caller, webhookId);
  }

  @Post('webhooks/:webhookId/secret')
  @ApiOperation({ summary: 'Rotate the signing secret: the new one is in this answer only; the old one still signs until previousSecretValidUntil' })
  @ApiCreatedResponse({ type: WebhookWithSecretDto })
  async rotate(@Caller() caller: CallerContext, @IdParam('agencyId', 'agency') agencyId: string, @IdParam('webhookId', 'webhook') webhookId: string): Promise<WebhookWithSecretDto> {
    ownAgency(caller, agencyId);
    return WebhookWithSecretDto.withSecret(await this.webhooks.rotateSecret(caller, webhookId));
  }

  @Get('webhook-deliveries')
  @ApiOperation({ summary: "Your agency's delivery log, newest first: each event sent to each endpoint, its attempts and outcome" })
  @ApiOkResponse({ type: [WebhookDeliveryDto] })
  @ApiProblems(422)
  async deliveries(@Caller() caller: CallerContext, @IdParam('agencyId', 'agency') agencyId: string, @Query() query: WebhookDeliveriesQueryDto): Promise<WebhookDeliveryDto[]> {
    ownAgency(caller, agencyId);
    return (await this.webhooks.deliveries(caller, query.limit ?? 100, query.status)).map((row) => WebhookDeliveryDto.from(row));
  }

  @Post('webhook-deliveries')
  @HttpCode(202)
  @ApiOperation({ summary: 'Replay an event of your agency to each of your endpoints that takes its type (new deliveries, delivered shortly)' })
  @ApiAcceptedResponse({ type: ReplayAcceptedDto })
  @ApiProblems(BODY_PROBLEMS)
  async replay(@Caller() caller: CallerContext, @IdParam('agencyId', 'agency') agencyId: string, @Body() body: ReplayWebhookDto): Promise<ReplayAcceptedDto> {
    ownAgency(caller, agencyId);
    return { deliveryIds: await this.webhooks.replay(caller, body.eventId) };
  }
}
