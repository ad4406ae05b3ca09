import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgenciesController } from './agencies.controller';
import { AgenciesRepository } from './agencies.repository';
import { AgenciesService } from './agencies.service';
import { AgencyEntity } from './agency.entity';

@Module({
  imports: [TypeOrmModule.forFeature([AgencyEntity])],
  controllers: [AgenciesController],
  providers: [AgenciesRepository, AgenciesService],
  exports: [AgenciesService, AgenciesRepository],
})
export class AgenciesModule {}
