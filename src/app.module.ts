import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, DiscoveryModule } from '@nestjs/core';
import { type DestinationStream } from 'pino';
import { AgenciesModule } from './agencies/agencies.module';
import { AuthModule } from './auth/auth.module';
import { BenchBaselineModule } from './bench-baseline/bench-baseline.module';
import { CasesModule } from './cases/cases.module';
import { ConfigModule } from './config/config.module';
import { type AppConfig } from './config/config.types';
import { ConsentModule } from './consent/consent.module';
import { ConsoleModule } from './console/console.module';
import { DatabaseModule } from './database/database.module';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { KeysModule } from './keys/keys.module';
import { LedgerModule } from './ledger/ledger.module';
import { MonitoringModule } from './monitoring/monitoring.module';
import { HttpPipelineModule } from './platform/http/http-pipeline.module';
import { ProblemDetailsFilter } from './platform/errors/problem-details.filter';
import { LoggingModule } from './platform/logging/logging.module';
import { NotesModule } from './notes/notes.module';
import { PrincipalsModule } from './principals/principals.module';
import { AgreementsModule } from './agreements/agreements.module';
import { ReferralsModule } from './referrals/referrals.module';
import { RiskTeamsModule } from './risk/team/risk-teams.module';
import { SchedulerModule } from './scheduler/scheduler.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { RiskMeetingsModule } from './risk/meetings/meetings.module';

export interface AppModuleOptions {
  /** Where logs go; tests pass a capturing stream. Defaults to stdout. */
  logDestination?: DestinationStream;
}

@Module({})
export class AppModule {
  static register(config: AppConfig, databaseUrl: string, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        DiscoveryModule,
        ConfigModule.forRoot(config),
        LoggingModule.forRoot(config, options.logDestination),
        HttpPipelineModule,
        DatabaseModule.forRoot(config, databaseUrl),
        HealthModule,
        AuthModule,
        AgenciesModule,
        PrincipalsModule,
        KeysModule,
        LedgerModule,
        MonitoringModule,
        CasesModule,
        ConsentModule,
        EventsModule,
        ReferralsModule,
        RiskTeamsModule,
        RiskMeetingsModule,
        AgreementsModule,
        NotesModule,
        SchedulerModule,
        WebhooksModule,
        ConsoleModule.register(),
        ...(config.benchBaselineRoute ? [BenchBaselineModule] : []),
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
