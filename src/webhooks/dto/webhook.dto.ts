import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { EVENT_TYPES } from '../../events/event.vocabulary';
import { MayBeOmitted } from '../../platform/http/may-be-omitted';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../entities/webhook.entities';
import { type RegisteredWebhook } from '../webhooks.service';
import { type DeliveryRow, type EndpointRow } from '../webhooks.repository';

export class RegisterWebhookDto {
  @ApiProperty({ description: 'Your system\'s HTTPS endpoint. Production refuses targets that resolve to loopback, private or link-local addresses.', maxLength: 2048, example: 'https://cases.police.example.org/ccr-webhooks' })
  @IsString()
  @MaxLength(2048)
  url!: string;

  @ApiProperty({ type: [String], enum: EVENT_TYPES, description: 'The event types to deliver; empty: every type.', maxItems: EVENT_TYPES.length })
  @IsArray()
  @ArrayMaxSize(EVENT_TYPES.length)
  @IsIn(EVENT_TYPES, { each: true })
  eventTypes!: string[];
}

export class WebhookDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ type: [String], enum: EVENT_TYPES, description: 'Empty: every type.' }) eventTypes!: string[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'Until then the previous secret signs too (after a rotation).' })
  previousSecretValidUntil!: string | null;

  static from(row: EndpointRow): WebhookDto {
    return {
      id: row.id,
      url: row.url,
      eventTypes: row.eventTypes,
      createdAt: new Date(row.createdAt).toISOString(),
      previousSecretValidUntil: row.previousSecretUntil ? new Date(row.previousSecretUntil).toISOString() : null,
    };
  }
}

export class WebhookWithSecretDto extends WebhookDto {
  @ApiProperty({ description: 'The signing secret (Standard Webhooks, `whsec_…`): shown this once, keep it in your system\'s secret store.' })
  secret!: string;

  static withSecret(row: RegisteredWebhook): WebhookWithSecretDto {
    return { ...WebhookDto.from(row), secret: row.secret };
  }
}

export class WebhookDeliveriesQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @MayBeOmitted()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @MayBeOmitted()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;
}

export class WebhookDeliveryDto {
  @ApiProperty({ format: 'uuid', description: 'Also the `webhook-id` header of every attempt.' }) id!: string;
  @ApiProperty({ format: 'uuid' }) webhookId!: string;
  @ApiProperty({ description: 'The event delivered (the `eventId` of the payload; replay by it).' }) eventId!: string;
  @ApiProperty({ enum: EVENT_TYPES }) eventType!: string;
  @ApiProperty({ enum: DELIVERY_STATUSES, description: 'pending (due, or waiting to retry), delivered, dead (retries ran out), cancelled (endpoint removed).' })
  status!: DeliveryStatus;
  @ApiProperty() attempts!: number;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'When the next attempt is due, while pending.' }) nextAttemptAt!: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) lastStatusCode!: number | null;
  @ApiPropertyOptional({ type: String, nullable: true }) lastError!: string | null;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) deliveredAt!: string | null;
  @ApiProperty({ description: 'A manual replay.' }) replay!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static from(row: DeliveryRow): WebhookDeliveryDto {
    const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);
    return {
      id: row.id,
      webhookId: row.endpointId,
      eventId: row.eventId,
      eventType: row.eventType,
      status: row.status,
      attempts: row.attempts,
      nextAttemptAt: row.status === 'pending' ? iso(row.nextAttemptAt) : null,
      lastStatusCode: row.lastStatusCode,
      lastError: row.lastError,
      deliveredAt: iso(row.deliveredAt),
      replay: row.replay,
      createdAt: new Date(row.createdAt).toISOString(),
    };
  }
}

export class ReplayWebhookDto {
  @ApiProperty({ description: 'The event to deliver again (its `eventId`, as in the payload and the delivery log).', example: '1042' })
  @IsString()
  @Matches(/^[1-9]\d{0,17}$/, { message: 'eventId must be an event id (digits)' })
  eventId!: string;
}

export class ReplayAcceptedDto {
  @ApiProperty({ type: [String], description: 'The new deliveries, one per endpoint that takes the event type.' }) deliveryIds!: string[];
}
