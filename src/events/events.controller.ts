import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Caller, type CallerContext } from '../auth/caller-context';
import { Roles } from '../auth/decorators/roles.decorator';
import { EventFeedQueryDto, EventPageDto } from './dto/events.dto';
import { eventCursor, EventsService } from './events.service';
import { ApiProblems, ACCESS_PROBLEMS } from '../platform/errors/api-problems';

@ApiTags('events')
@ApiBearerAuth()
@Controller('events')
@ApiProblems(ACCESS_PROBLEMS)
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @Roles('service', 'advocate', 'agency_worker')
  @ApiOkResponse({ type: EventPageDto, description: 'What changed for your agency: new referrals, status changes, shares, revocations — ids only.' })
  @ApiProblems(422)
  async feed(@Caller() caller: CallerContext, @Query() query: EventFeedQueryDto): Promise<EventPageDto> {
    const page = await this.events.feed(caller, query.after, query.limit ?? 100);
    return {
      events: page.events.map((event) => ({
        cursor: eventCursor(event),
        type: event.type,
        referralId: event.referralId,
        consentId: event.consentId,
        recordId: event.recordId,
        caseId: event.caseId,
        occurredAt: new Date(event.createdAt).toISOString(),
      })),
      next: page.next,
    };
  }
}
