import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgenciesModule } from '../agencies/agencies.module';
import { PrincipalEntity } from './principal.entity';
import { PrincipalsController } from './principals.controller';
import { PrincipalsRepository } from './principals.repository';
import { PrincipalsService } from './principals.service';
import { SecretHasher } from './secret-hasher';

@Module({
  imports: [TypeOrmModule.forFeature([PrincipalEntity]), AgenciesModule],
  controllers: [PrincipalsController],
  providers: [PrincipalsRepository, PrincipalsService, SecretHasher],
  exports: [PrincipalsService],
})
export class PrincipalsModule {}
