import { Module } from '@nestjs/common';
import { ConsentRevocationNotifier } from './consent-revocation.participant';
import { EventsController } from './events.controller';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';

@Module({
  controllers: [EventsController],
  providers: [EventsRepository, EventsService, ConsentRevocationNotifier],
  exports: [EventsService],
})
export class EventsModule {}
