import { Module } from '@nestjs/common';
import { BenchBaselineController } from './bench-baseline.controller';

@Module({ controllers: [BenchBaselineController] })
export class BenchBaselineModule {}
