import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { ConsentModule } from '../consent/consent.module';
import { EventsModule } from '../events/events.module';
import { KeysModule } from '../keys/keys.module';
import { LedgerCoreModule } from '../ledger/ledger-core.module';
import { RecordsModule } from '../records/records.module';
import { NoteWraps } from './note-wraps';
import { NotesController } from './notes.controller';
import { NotesRepository } from './notes.repository';
import { NotesService } from './notes.service';
import { RecordSharesService } from './record-shares.service';

@Module({
  imports: [CasesModule, ConsentModule, EventsModule, KeysModule, LedgerCoreModule, RecordsModule],
  controllers: [NotesController],
  providers: [NotesRepository, NotesService, NoteWraps, RecordSharesService],
  exports: [NotesService],
})
export class NotesModule {}
